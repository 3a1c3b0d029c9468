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

  table() {
    const head = ['Figure', 'Value', 'Budget', 'Result'];
    const lines = [];
    let section = null;
    const body = [];
    for (const r of this.rows) {
      if (r.section !== section) { section = r.section; body.push({ section }); }
      body.push({ cells: [r.figure, r.display, r.budget, r.status === 'info' ? '' : r.status] });
    }
    const widths = head.map((h, i) => Math.max(h.length, ...body.filter((b) => b.cells).map((b) => b.cells[i].length)));
    const widthsCapped = widths.map((w, i) => (i === 1 ? Math.min(w, 60) : w));
    const fmt = (cells) => cells.map((c, i) => (i === 1 && c.length > 60 ? c : c.padEnd(widthsCapped[i]))).join('  ');
    lines.push(fmt(head));
    lines.push(widthsCapped.map((w) => '-'.repeat(w)).join('  '));
    for (const b of body) lines.push(b.section ? `[${b.section}]` : fmt(b.cells));
    return lines.join('\n');
  }
}
