/** A small inline SVG bar chart of one activity metric over the last 30 days (no chart library). */
import { useId } from 'react';
import { isWeekend, type ActivityDay, type ActivityMetric } from '@/utils/usage/progress';
import { shortDate } from './format';

const W = 340;
const H = 104;
const TOP = 14;
const BOTTOM = 18;

export function ActivityChart({ series, metric, description }: { series: ActivityDay[]; metric: ActivityMetric; description: string }) {
  const titleId = useId();
  const values = series.map((d) => d[metric]);
  const max = Math.max(1, ...values);
  const slot = W / Math.max(1, series.length);
  const barW = Math.max(2, slot * 0.68);
  const plotH = H - TOP - BOTTOM;
  const baseline = H - BOTTOM;
  return (
    <svg className="chart" role="img" aria-labelledby={titleId} viewBox={`0 0 ${W} ${H}`} width="100%" preserveAspectRatio="none" data-coach-chart={metric}>
      <title id={titleId}>{description}</title>
      <line className="chart-grid" x1="0" x2={W} y1={TOP} y2={TOP} />
      <line className="chart-base" x1="0" x2={W} y1={baseline} y2={baseline} />
      <text className="chart-axis" x="0" y={TOP - 4}>
        {max}
      </text>
      {values.map((v, i) => {
        const h = v > 0 ? Math.max(2, (v / max) * plotH) : 0;
        const x = i * slot + (slot - barW) / 2;
        const cls = i === values.length - 1 ? 'bar bar-today' : isWeekend(series[i].day) ? 'bar bar-weekend' : 'bar';
        return v > 0 ? (
          <rect key={series[i].day} className={cls} x={x} y={baseline - h} width={barW} height={h} rx={Math.min(2, barW / 2)} />
        ) : (
          <rect key={series[i].day} className="bar-zero" x={x} y={baseline - 1} width={barW} height={1} />
        );
      })}
      {series.length > 0 && (
        <>
          <text className="chart-axis" x="0" y={H - 4}>
            {shortDate(series[0].day)}
          </text>
          <text className="chart-axis" x={W} y={H - 4} textAnchor="end">
            {shortDate(series[series.length - 1].day)}
          </text>
        </>
      )}
    </svg>
  );
}
