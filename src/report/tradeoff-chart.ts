import { formatMetric } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import type { MetricValue, RoundReport } from "./report-data.js";
import {
  axisTicks,
  linearScale,
  pathThrough,
  percentTick,
  px,
  rateAxis,
  rateAxisMax,
  svgFigure,
} from "./svg-kit.js";

const SIZE = 260;

export interface TradeoffPoint {
  round: number;
  iprr: MetricValue;
  vprr: MetricValue;
  x: number;
  y: number;
}

export interface TradeoffLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xMax: number;
  yMax: number;
  points: TradeoffPoint[];
  path: string;
}

/**
 * The trade-off as a path through the rounds: x = VPRR (valid prompts refused; left is more helpful),
 * y = IPRR (harmful prompts refused; up is safer). Only rounds that measured both are placed.
 */
export function tradeoffLayout(rounds: RoundReport[]): TradeoffLayout | undefined {
  const measured = rounds.flatMap((r) => {
    const iprr = r.metrics["iprr"];
    const vprr = r.metrics["vprr"];
    return iprr && vprr && Number.isFinite(iprr.value) && Number.isFinite(vprr.value)
      ? [{ round: r.round, iprr, vprr }]
      : [];
  });
  if (measured.length === 0) return undefined;
  const bound = (m: MetricValue) => (Number.isFinite(m.high) ? m.high : m.value);
  const xMax = rateAxisMax(Math.max(...measured.map((p) => bound(p.vprr))));
  const yMax = rateAxisMax(Math.max(...measured.map((p) => bound(p.iprr))));
  const plot = { left: 56, top: 44, right: 56 + SIZE, bottom: 44 + SIZE };
  const x = linearScale([0, xMax], [plot.left, plot.right]);
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const points = measured
    .sort((a, b) => a.round - b.round)
    .map((p) => ({ ...p, x: x(Math.min(xMax, p.vprr.value)), y: y(Math.min(yMax, p.iprr.value)) }));
  return {
    width: plot.right + 30,
    height: plot.bottom + 44,
    plot,
    xMax,
    yMax,
    points,
    path: pathThrough(points),
  };
}

export function renderTradeoffChart(rounds: RoundReport[]): SafeHtml | undefined {
  const layout = tradeoffLayout(rounds);
  if (!layout) return undefined;
  const { plot, xMax, yMax, points } = layout;
  const x = linearScale([0, xMax], [plot.left, plot.right]);
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const clampX = (v: number, fallback: number) =>
    x(Math.min(xMax, Math.max(0, Number.isFinite(v) ? v : fallback)));
  const clampY = (v: number, fallback: number) =>
    y(Math.min(yMax, Math.max(0, Number.isFinite(v) ? v : fallback)));
  const xTicks = axisTicks(xMax).map(
    (t) =>
      html`<line class="grid" x1="${px(x(t))}" x2="${px(x(t))}" y1="${px(plot.top)}" y2="${px(plot.bottom)}"/><text class="tick" x="${px(x(t))}" y="${px(plot.bottom + 16)}" text-anchor="middle">${percentTick(t)}</text>`,
  );
  // Rounds that landed on the same spot share one label (`R0, R1`) instead of overprinting.
  const spot = (p: TradeoffPoint) => `${px(p.x)},${px(p.y)}`;
  const marks = points.map((p, i) => {
    const last = i === points.length - 1;
    const sameSpot = points.filter((q) => spot(q) === spot(p));
    const label =
      sameSpot.at(-1) === p
        ? html`<text class="point-label" x="${px(p.x + 8)}" y="${px(p.y - 7)}">${sameSpot.map((q) => `R${q.round}`).join(", ")}</text>`
        : undefined;
    const tip = `Round ${p.round}: IPRR ${formatMetric(p.iprr, true)}, VPRR ${formatMetric(p.vprr, true)}`;
    return html`<g class="tradeoff-point"><path class="whisker" d="M${px(clampX(p.vprr.low, p.vprr.value))} ${px(p.y)}H${px(clampX(p.vprr.high, p.vprr.value))}M${px(p.x)} ${px(clampY(p.iprr.low, p.iprr.value))}V${px(clampY(p.iprr.high, p.iprr.value))}"/><circle class="point${last ? " last" : ""}" cx="${px(p.x)}" cy="${px(p.y)}" r="${last ? 6 : 4.5}"><title>${tip}</title></circle>${label}</g>`;
  });
  return svgFigure({
    className: "chart-tradeoff-path",
    width: layout.width,
    height: layout.height,
    title: "Trade-off path: IPRR against VPRR, round by round",
    description:
      "Each point is a round; up is safer (more harmful prompts refused), left is more helpful (fewer valid prompts refused).",
    body: [
      rateAxis({ ticks: axisTicks(yMax), y, left: plot.left, right: plot.right }),
      ...xTicks,
      html`<path class="frame" d="M${px(plot.left)} ${px(plot.top)}V${px(plot.bottom)}H${px(plot.right)}"/>`,
      html`<text class="axis-title" x="${px((plot.left + plot.right) / 2)}" y="${px(plot.bottom + 36)}" text-anchor="middle">VPRR: valid prompts refused →</text>`,
      html`<text class="axis-title" transform="translate(14 ${px((plot.top + plot.bottom) / 2)}) rotate(-90)" text-anchor="middle">IPRR: harmful prompts refused →</text>`,
      html`<text class="reference-label" x="${px(plot.right)}" y="14" text-anchor="end">↖ safer and more helpful</text>`,
      html`<path class="tradeoff-line" d="${layout.path}"/>`,
      ...marks,
    ],
  });
}
