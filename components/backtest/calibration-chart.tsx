import type { ProbabilityBin } from "@/lib/domain/engagement";

const SIZE = 320;
const PAD = { left: 40, right: 12, top: 12, bottom: 36 };
const PLOT = SIZE - PAD.left - PAD.right;
const x = (p: number) => PAD.left + p * PLOT;
const y = (p: number) => PAD.top + (1 - p) * PLOT;
const TICKS = [0, 0.25, 0.5, 0.75, 1];

/**
 * Predicted P(order within the horizon) against the share who actually ordered, one point per decile. On the dashed
 * diagonal the model is calibrated; below it the model is too hopeful, above it too gloomy.
 */
export function CalibrationChart({ bins }: { bins: ProbabilityBin[] }) {
  if (bins.length === 0) return null;
  const line = bins.map((b) => `${x(b.meanPredicted).toFixed(1)},${y(b.shareObserved).toFixed(1)}`).join(" ");
  const summary = bins.map((b) => `decile ${b.bin}: predicted ${Math.round(b.meanPredicted * 100)}%, ordered ${Math.round(b.shareObserved * 100)}%`).join("; ");
  return (
    <svg viewBox={`0 0 ${SIZE} ${SIZE}`} className="h-auto w-full max-w-sm" role="img" aria-label={`Calibration: ${summary}`}>
      <rect x={PAD.left} y={PAD.top} width={PLOT} height={PLOT} className="fill-stone-50 stroke-stone-200" />
      {TICKS.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={y(0)} y2={y(0) + 4} className="stroke-stone-400" />
          <text x={x(t)} y={y(0) + 16} textAnchor="middle" className="fill-stone-500 text-[10px]">
            {t}
          </text>
          <line x1={x(0) - 4} x2={x(0)} y1={y(t)} y2={y(t)} className="stroke-stone-400" />
          <text x={x(0) - 7} y={y(t) + 3} textAnchor="end" className="fill-stone-500 text-[10px]">
            {t}
          </text>
        </g>
      ))}
      <line x1={x(0)} y1={y(0)} x2={x(1)} y2={y(1)} strokeDasharray="4 4" className="stroke-stone-400" />
      <polyline points={line} fill="none" strokeWidth={2} className="stroke-ember-600" />
      {bins.map((b) => (
        <circle key={b.bin} cx={x(b.meanPredicted)} cy={y(b.shareObserved)} r={4} className="fill-ember-600" />
      ))}
      <text x={x(0.5)} y={SIZE - 4} textAnchor="middle" className="fill-stone-600 text-[11px]">
        Predicted P(order), decile mean
      </text>
      <text transform={`translate(11 ${y(0.5)}) rotate(-90)`} textAnchor="middle" className="fill-stone-600 text-[11px]">
        Share who ordered
      </text>
    </svg>
  );
}
