/** The small coach button: opens the panel; drag it (or Alt+arrow keys) to move it out of the way. */
import { forwardRef, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { t } from '@/utils/i18n';

export interface LauncherPosition {
  right: number;
  bottom: number;
}

export const DEFAULT_LAUNCHER: LauncherPosition = { right: 20, bottom: 20 };
const SIZE = 44;
const KEY_STEP = 24;

export function clampLauncher(pos: LauncherPosition, vw: number, vh: number): LauncherPosition {
  const clamp = (v: number, max: number) => Math.round(Math.min(Math.max(v, 4), Math.max(4, max - SIZE - 4)));
  return { right: clamp(pos.right, vw), bottom: clamp(pos.bottom, vh) };
}

export interface LauncherProps {
  position: LauncherPosition;
  expanded: boolean;
  paused: boolean;
  count: number;
  onOpen(): void;
  onMove(pos: LauncherPosition): void;
}

export const Launcher = forwardRef<HTMLButtonElement, LauncherProps>(function Launcher(
  { position, expanded, paused, count, onOpen, onMove },
  ref,
) {
  const [drag, setDrag] = useState<LauncherPosition | null>(null);
  const start = useRef<{ x: number; y: number; pos: LauncherPosition; moved: boolean; last?: LauncherPosition } | null>(null);
  const suppressClick = useRef(false);
  const shown = drag ?? position;

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    if (e.button !== 0) return;
    start.current = { x: e.clientX, y: e.clientY, pos: position, moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const s = start.current;
    if (!s) return;
    const dx = e.clientX - s.x;
    const dy = e.clientY - s.y;
    if (!s.moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    s.moved = true;
    s.last = clampLauncher({ right: s.pos.right - dx, bottom: s.pos.bottom - dy }, window.innerWidth, window.innerHeight);
    setDrag(s.last);
  };
  const onPointerUp = () => {
    const s = start.current;
    start.current = null;
    if (s?.moved && s.last) {
      suppressClick.current = true;
      onMove(s.last);
    }
    setDrag(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (!e.altKey) return;
    const delta: Record<string, [number, number]> = {
      ArrowLeft: [KEY_STEP, 0],
      ArrowRight: [-KEY_STEP, 0],
      ArrowUp: [0, KEY_STEP],
      ArrowDown: [0, -KEY_STEP],
    };
    const d = delta[e.key];
    if (!d) return;
    e.preventDefault();
    onMove(clampLauncher({ right: position.right + d[0], bottom: position.bottom + d[1] }, window.innerWidth, window.innerHeight));
  };

  return (
    <div className="cc-launcher-wrap" style={{ right: shown.right, bottom: shown.bottom }}>
      <button
        ref={ref}
        type="button"
        className={paused ? 'cc-launcher cc-paused' : 'cc-launcher'}
        aria-label="CRM Coach"
        aria-haspopup="dialog"
        aria-expanded={expanded}
        title={t('coach_launcher_hint')}
        data-coach-launcher=""
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => {
          start.current = null;
          setDrag(null);
        }}
        onClick={() => {
          // A drag ends with a click event: only a real click opens the panel.
          if (suppressClick.current) {
            suppressClick.current = false;
            return;
          }
          onOpen();
        }}
        onKeyDown={onKeyDown}
      >
        <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
          <path d="M9 18h6" />
          <path d="M10 22h4" />
          <path d="M12 2a7 7 0 0 0-4 12.7c.6.5 1 1.3 1 2.1V17h6v-.2c0-.8.4-1.6 1-2.1A7 7 0 0 0 12 2z" />
        </svg>
      </button>
      {count > 0 && !paused && (
        // Outside the button so its accessible name stays exactly "CRM Coach".
        <span className="cc-launcher-count" aria-hidden="true" data-coach-count={count}>
          {count > 9 ? '9+' : count}
        </span>
      )}
    </div>
  );
});
