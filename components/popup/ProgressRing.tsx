/** The 90-day progress ring in the header (decorative: the day marker next to it says it in words). */
export function ProgressRing({ fraction, label }: { fraction: number; label: string }) {
  const r = 24;
  const c = 2 * Math.PI * r;
  const f = Math.min(1, Math.max(0, fraction));
  return (
    <div className="ring" aria-hidden="true">
      <svg viewBox="0 0 56 56" width="56" height="56" focusable="false">
        <circle className="ring-track" cx="28" cy="28" r={r} />
        <circle
          className="ring-fill"
          cx="28"
          cy="28"
          r={r}
          strokeDasharray={`${c * f} ${c}`}
          transform="rotate(-90 28 28)"
        />
      </svg>
      <span className="ring-label">{label}</span>
    </div>
  );
}
