/** The empirical variogram (points sized by pair count) and the model curve, hand-drawn in SVG. */
import type { ReactElement } from 'react';
import type { VariogramView } from '../../../../server/contracts/soil';

const W = 320;
const H = 180;
const PAD = { left: 44, right: 8, top: 8, bottom: 28 };

export function VariogramPlot({
  variogram,
  label,
}: {
  variogram: VariogramView;
  label: string;
}): ReactElement {
  const xMax = Math.max(variogram.cutoff, ...variogram.lags.map((l) => l.dist)) || 1;
  const yMax =
    Math.max(...variogram.lags.map((l) => l.gamma), ...variogram.curve.map((c) => c.gamma), 0) * 1.1 || 1;
  const x = (d: number) => PAD.left + (d / xMax) * (W - PAD.left - PAD.right);
  const y = (g: number) => H - PAD.bottom - (g / yMax) * (H - PAD.top - PAD.bottom);
  const maxNp = Math.max(...variogram.lags.map((l) => l.np), 1);
  const path = variogram.curve.map(
    (c, i) => `${i ? 'L' : 'M'}${x(c.dist).toFixed(1)},${y(c.gamma).toFixed(1)}`,
  );
  const ticks = [0, 0.5, 1];
  return (
    <svg
      className="soil-variogram"
      data-testid="variogram-plot"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={label}
    >
      <line x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} stroke="#667" />
      <line x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} stroke="#667" />
      {ticks.map((f) => (
        <g key={f}>
          <text x={x(f * xMax)} y={H - 10} fontSize="10" textAnchor="middle">
            {Math.round(f * xMax)}
          </text>
          <text x={PAD.left - 4} y={y(f * yMax) + 3} fontSize="10" textAnchor="end">
            {(f * yMax).toPrecision(2)}
          </text>
        </g>
      ))}
      <path d={path.join('')} fill="none" stroke="#1f5fbf" strokeWidth="2" />
      {variogram.lags.map((l, i) => (
        <circle
          key={i}
          cx={x(l.dist)}
          cy={y(l.gamma)}
          r={2 + 3 * Math.sqrt(l.np / maxNp)}
          fill="#d0342c"
          fillOpacity="0.8"
        />
      ))}
    </svg>
  );
}
