// Small statistics helpers for the benchmark (pure).

/** Sorted copy of the finite numbers in `values`. */
function sorted(values) {
  return values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
}

/** Percentile by nearest rank (p in 0..100); null for an empty list. */
export function percentile(values, p) {
  const s = sorted(values);
  if (s.length === 0) return null;
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))];
}

/** Median (mean of the two middle values for an even count); null for an empty list. */
export function median(values) {
  const s = sorted(values);
  if (s.length === 0) return null;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function sum(values) {
  return values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
}

/**
 * Standard error of the mean of `values` (sample standard deviation / √n); null below two values.
 * Section 2 prints it beside the task-time ratio: how far a run's figure may sit from the code's
 * own ratio by chance alone.
 */
export function standardError(values) {
  const s = sorted(values);
  if (s.length < 2) return null;
  const mean = sum(s) / s.length;
  const variance = s.reduce((a, v) => a + (v - mean) ** 2, 0) / (s.length - 1);
  return Math.sqrt(variance / s.length);
}

export function max(values) {
  const s = sorted(values);
  return s.length ? s[s.length - 1] : null;
}

/** { count, median, p95, p99, max } of a list of durations. */
export function summarize(values) {
  return { count: values.length, median: median(values), p95: percentile(values, 95), p99: percentile(values, 99), max: max(values) };
}

/** Rounds for display and JSON: 2 decimals below 10, 1 below 1000, integers above. */
export function round(v) {
  if (v === null || v === undefined || !Number.isFinite(v)) return v ?? null;
  const a = Math.abs(v);
  const d = a < 10 ? 100 : a < 1000 ? 10 : 1;
  return Math.round(v * d) / d;
}

/** `total` shared out among `parts` as evenly as whole numbers allow, larger shares last (section 2's rounds per pair of browsers). */
export function shareOut(total, parts) {
  const n = Math.max(1, Math.min(parts, total));
  return Array.from({ length: n }, (_, i) => Math.floor((total * (i + 1)) / n) - Math.floor((total * i) / n));
}
