/** One bar: its label on the axis and its value. */
export interface Bucket {
  label: string;
  value: number;
}

const WIDTH = 520;
const HEIGHT = 200;
const PAD = { left: 36, right: 12, top: 12, bottom: 36 };

function ticks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  return Array.from({ length: Math.floor(max / step) + 1 }, (_, i) => i * step);
}

/** The horizontal grid lines of a chart's value axis, with their values. */
function ValueGrid({ max, y }: { max: number; y: (value: number) => number }) {
  return (
    <>
      {ticks(max).map((t) => (
        <g key={t}>
          <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(t)} y2={y(t)} className="grid" />
          <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" className="tick">
            {t}
          </text>
        </g>
      ))}
    </>
  );
}

/** A bar chart with its numbers also in a table for screen readers. */
export function BarChart({ title, buckets, xLabel, colorOf }: { title: string; buckets: Bucket[]; xLabel: string; colorOf?: (b: Bucket) => string }) {
  const max = Math.max(1, ...buckets.map((b) => b.value));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const slot = innerW / buckets.length;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}: ${buckets.map((b) => `${b.label} ${b.value}`).join(', ')}`}>
        <ValueGrid max={max} y={y} />
        {buckets.map((b, i) => (
          <g key={b.label}>
            <rect x={PAD.left + i * slot + slot * 0.15} width={slot * 0.7} y={y(b.value)} height={PAD.top + innerH - y(b.value)} fill={colorOf?.(b) ?? 'var(--accent)'} />
            {b.value > 0 && (
              <text x={PAD.left + i * slot + slot / 2} y={y(b.value) - 3} textAnchor="middle" className="value">
                {b.value}
              </text>
            )}
            <text x={PAD.left + i * slot + slot / 2} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="tick">
              {b.label}
            </text>
          </g>
        ))}
        <text x={PAD.left + innerW / 2} y={HEIGHT - 4} textAnchor="middle" className="axis-label">
          {xLabel}
        </text>
      </svg>
    </figure>
  );
}

export interface Series {
  name: string;
  color: string;
  values: number[];
}

/** A line chart of several series over the same labels, with a legend in words. */
export function LineChart({ title, labels, series }: { title: string; labels: string[]; series: Series[] }) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const innerW = WIDTH - PAD.left - PAD.right;
  const innerH = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (labels.length === 1 ? innerW / 2 : (i / (labels.length - 1)) * innerW);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const summary = series.map((s) => `${s.name}: ${s.values.join(', ')}`).join('; ');
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${title}, weeks ${labels[0]} to ${labels[labels.length - 1]}. ${summary}`}>
        <ValueGrid max={max} y={y} />
        {labels.map((label, i) => (
          <text key={label} x={x(i)} y={HEIGHT - PAD.bottom + 14} textAnchor="middle" className="tick">
            {label.slice(5)}
          </text>
        ))}
        {series.map((s) => (
          <g key={s.name}>
            <polyline fill="none" stroke={s.color} strokeWidth={2.5} points={s.values.map((v, i) => `${x(i)},${y(v)}`).join(' ')} />
            {s.values.map((v, i) => (
              <circle key={i} cx={x(i)} cy={y(v)} r={3.5} fill={s.color} />
            ))}
          </g>
        ))}
        <text x={PAD.left + innerW / 2} y={HEIGHT - 4} textAnchor="middle" className="axis-label">
          week starting (month-day)
        </text>
      </svg>
      <ul className="legend">
        {series.map((s) => (
          <li key={s.name}>
            <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
            {s.name} (this week: {s.values[s.values.length - 1]})
          </li>
        ))}
      </ul>
    </figure>
  );
}
