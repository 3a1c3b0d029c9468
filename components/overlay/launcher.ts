/**
 * The small coach button: opens the panel; drag it (or Alt+arrow keys) to move it out of the way.
 * Plain DOM, not React: it is on every CRM page and is part of the every-page content script,
 * while the React overlay loads only when there is something to show (docs/architecture.md,
 * "Budgets"). Its accessible name is exactly "CRM Coach" (the count sits outside the button).
 */
import { setAttr } from './write';

export interface LauncherPosition {
  right: number;
  bottom: number;
}

export const DEFAULT_LAUNCHER: LauncherPosition = { right: 20, bottom: 20 };
const SIZE = 44;
const KEY_STEP = 24;
const SVG = 'http://www.w3.org/2000/svg';
/** A light bulb (lucide "lightbulb" shape). */
const ICON_PATHS = ['M9 18h6', 'M10 22h4', 'M12 2a7 7 0 0 0-4 12.7c.6.5 1 1.3 1 2.1V17h6v-.2c0-.8.4-1.6 1-2.1A7 7 0 0 0 12 2z'];

export function clampLauncher(pos: LauncherPosition, vw: number, vh: number): LauncherPosition {
  const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(v, 4), Math.max(4, max - SIZE - 4)));
  return { right: clamp(pos.right, vw), bottom: clamp(pos.bottom, vh) };
}

/** Alt+arrow: the launcher's next place, or null for any other key. */
export function launcherMoveByKey(key: string, pos: LauncherPosition, vw: number, vh: number): LauncherPosition | null {
  const delta: Record<string, [number, number]> = {
    ArrowLeft: [KEY_STEP, 0],
    ArrowRight: [-KEY_STEP, 0],
    ArrowUp: [0, KEY_STEP],
    ArrowDown: [0, -KEY_STEP],
  };
  const d = delta[key];
  return d ? clampLauncher({ right: pos.right + d[0], bottom: pos.bottom + d[1] }, vw, vh) : null;
}

export interface LauncherState {
  position: LauncherPosition;
  expanded: boolean;
  paused: boolean;
  /** Items waiting in the panel (shown as a badge when above 0 and not paused). */
  count: number;
  /** The tooltip (how to move it), in the UI language. */
  title: string;
}

export interface LauncherHandlers {
  onOpen(): void;
  onMove(pos: LauncherPosition): void;
}

export interface Launcher {
  /** The positioned wrapper (button and badge). */
  wrap: HTMLElement;
  button: HTMLButtonElement;
  /** Brings the button up to date; writes only what changed (a write is a mutation the page watcher may see). */
  render(state: LauncherState): void;
}

function icon(doc: Document): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg');
  for (const [k, v] of Object.entries({ viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round', 'aria-hidden': 'true' })) {
    svg.setAttribute(k, v);
  }
  for (const d of ICON_PATHS) {
    const path = doc.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

export function createLauncher(doc: Document, handlers: LauncherHandlers): Launcher {
  const view = doc.defaultView ?? window;
  const wrap = doc.createElement('div');
  wrap.className = 'cc-launcher-wrap';
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'cc-launcher';
  button.setAttribute('aria-label', 'CRM Coach');
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('data-coach-launcher', '');
  button.append(icon(doc));
  const badge = doc.createElement('span');
  badge.className = 'cc-launcher-count';
  badge.setAttribute('aria-hidden', 'true');
  wrap.append(button);

  let state: LauncherState | null = null;
  let drag: { x: number; y: number; pos: LauncherPosition; moved: boolean; last?: LauncherPosition } | null = null;
  let suppressClick = false;

  const place = (pos: LauncherPosition) => {
    const right = `${pos.right}px`;
    const bottom = `${pos.bottom}px`;
    if (wrap.style.right !== right) wrap.style.right = right;
    if (wrap.style.bottom !== bottom) wrap.style.bottom = bottom;
  };

  button.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !state) return;
    drag = { x: e.clientX, y: e.clientY, pos: state.position, moved: false };
    button.setPointerCapture?.(e.pointerId);
  });
  button.addEventListener('pointermove', (e) => {
    const s = drag;
    if (!s) return;
    const dx = e.clientX - s.x;
    const dy = e.clientY - s.y;
    if (!s.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    s.moved = true;
    s.last = clampLauncher({ right: s.pos.right - dx, bottom: s.pos.bottom - dy }, view.innerWidth, view.innerHeight);
    place(s.last);
  });
  const endDrag = (save: boolean) => {
    const s = drag;
    drag = null;
    if (save && s?.moved && s.last) {
      // A drag ends with a click event: only a real click opens the panel.
      suppressClick = true;
      handlers.onMove(s.last);
    }
    if (state) place(state.position);
  };
  button.addEventListener('pointerup', () => endDrag(true));
  button.addEventListener('pointercancel', () => endDrag(false));
  button.addEventListener('click', () => {
    if (suppressClick) {
      suppressClick = false;
      return;
    }
    handlers.onOpen();
  });
  button.addEventListener('keydown', (e) => {
    if (!e.altKey || !state) return;
    const next = launcherMoveByKey(e.key, state.position, view.innerWidth, view.innerHeight);
    if (!next) return;
    e.preventDefault();
    handlers.onMove(next);
  });

  return {
    wrap,
    button,
    render(next) {
      state = next;
      // While dragged the button follows the pointer; the saved place applies when it is let go.
      if (!drag) place(next.position);
      setAttr(button, 'class', next.paused ? 'cc-launcher cc-paused' : 'cc-launcher');
      setAttr(button, 'aria-expanded', String(next.expanded));
      setAttr(button, 'title', next.title);
      const count = next.paused ? 0 : next.count;
      if (count > 0) {
        setAttr(badge, 'data-coach-count', String(count));
        const text = count > 9 ? '9+' : String(count);
        if (badge.textContent !== text) badge.textContent = text;
        if (badge.parentNode !== wrap) wrap.append(badge);
      } else if (badge.parentNode) badge.remove();
    },
  };
}
