// The benchmark's results: rows of (figure, value, budget, status), printed as a table and
// written as JSON. A figure that cannot be measured yet is "n/a" with its reason, never invented.
import { round } from './stats.mjs';

/** Status of a value against a budget: { max } (value <= max) or { min } (value >= min). */
export function judge(value, budget) {
  if (!budget || value === null || value === undefined || !Number.isFinite(value)) return 'info';
  if (budget.max !== undefined) return value <= budget.max ? 'pass' : 'over';
  if (budget.min !== undefined) return value >= budget.min ? 'pass' : 'over';
  return 'info';
}

export function formatValue(value, unit) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'number') return String(value);
  const v = round(value);
  if (unit === 'B') return formatBytes(value);
  if (unit === '×') return `${v.toFixed(3)}×`;
  return unit ? `${v} ${unit}` : String(v);
}

export function formatBytes(n) {
  if (!Number.isFinite(n)) return String(n);
  const a = Math.abs(n);
  if (a >= 1024 * 1024) return `${round(n / 1024 / 1024)} MB`;
  if (a >= 1024) return `${round(n / 1024)} KB`;
  return `${n} B`;
}

function budgetText(budget, unit) {
  if (!budget) return '—';
  if (budget.text) return budget.text;
  if (budget.max !== undefined) return `≤ ${formatValue(budget.max, unit)}`;
  if (budget.min !== undefined) return `≥ ${formatValue(budget.min, unit)}`;
  return '—';
}

export class Report {
  constructor() {
    this.rows = [];
    this.details = {};
    this.errors = [];
  }

  /** A measured figure. `display` overrides the formatted value (e.g. "412 / 398 ms"). */
  figure(section, name, value, { unit = '', budget = null, display = null, note = '' } = {}) {
    const row = {
      section, figure: name, value: typeof value === 'number' ? round(value) : value, unit,
      display: display ?? formatValue(value, unit), budget: budgetText(budget, unit), status: judge(value, budget), note,
    };
    this.rows.push(row);
    return row;
  }

  /** A figure that could not be measured, with the reason. */
  na(section, name, reason, { budget = null, unit = '' } = {}) {
    this.rows.push({ section, figure: name, value: null, unit, display: `n/a (${reason})`, budget: budgetText(budget, unit), status: 'n/a', note: '' });
  }

  /** A section that failed to run (an unexpected error): counted for the exit code. */
  error(section, err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    this.errors.push({ section, message, stack: err instanceof Error ? err.stack : undefined });
    this.rows.push({ section, figure: '(section failed to run)', value: null, unit: '', display: `error: ${message}`, budget: '—', status: 'error', note: '' });
  }

  detail(section, data) {
    this.details[section] = { ...(this.details[section] ?? {}), ...data };
  }

  /** The printed table; n/a reasons and errors go to numbered notes under it. */
  table() {
    const head = ['Figure', 'Value', 'Budget', 'Result'];
    const notes = [];
    const body = [];
    let section = null;
    for (const r of this.rows) {
      if (r.section !== section) { section = r.section; body.push({ section }); }
      let value = r.display;
      if (r.status === 'n/a' || r.status === 'error') {
        notes.push(r.status === 'n/a' ? r.display.replace(/^n\/a \((.*)\)$/, '$1') : r.display);
        value = `${r.status === 'n/a' ? 'n/a' : 'error'} [${notes.length}]`;
      }
      body.push({ cells: [r.figure, value, r.budget, r.status === 'info' ? '' : r.status] });
    }
    const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.cells).map((b) => b.cells[i].length)));
    const fmt = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    const lines = [fmt(head), widths.map((w) => '-'.repeat(w)).join('  ')];
    for (const b of body) lines.push(b.section ? `[${b.section}]` : fmt(b.cells));
    if (notes.length) {
      lines.push('');
      notes.forEach((n, i) => lines.push(`[${i + 1}] ${n}`));
    }
    return lines.join('\n');
  }
}
