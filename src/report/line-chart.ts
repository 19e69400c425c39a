import { formatMetric } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import type { MetricValue } from "./report-data.js";
import {
  axisTicks,
  legend,
  legendWidth,
  linearScale,
  niceAxisMax,
  pathThrough,
  px,
  rateAxis,
  rateAxisMax,
  svgFigure,
  whiskerPath,
} from "./svg-kit.js";

export interface LineSeries {
  name: string;
  color: string;
  dashed?: boolean;
  points: Array<{ round: number } & MetricValue>;
}

export interface LinePoint extends MetricValue {
  round: number;
  x: number;
  y: number;
  yLow: number;
  yHigh: number;
}

export interface LineChartLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  asRate: boolean;
  /** Rounds on the x axis and their pixel positions. */
  rounds: Array<{ round: number; x: number }>;
  series: Array<{ name: string; color: string; dashed: boolean; points: LinePoint[]; path: string }>;
}

const PLOT_HEIGHT = 220;

/**
 * Metrics over rounds: rounds evenly spaced on x, values on y from 0, each point with its interval as a
 * whisker. Rates (every value in [0, 1]) get a percent axis. Series with no points are left out.
 */
export function lineChartLayout(all: LineSeries[]): LineChartLayout | undefined {
  const input = all.filter((s) => s.points.length > 0);
  if (input.length === 0) return undefined;
  const values = input
    .flatMap((s) => s.points.flatMap((p) => [p.value, p.low, p.high]))
    .filter(Number.isFinite);
  const asRate = values.every((v) => v >= 0 && v <= 1);
  const highest = Math.max(0, ...values);
  const yMax = asRate ? rateAxisMax(highest) : niceAxisMax(highest);
  const roundIds = [...new Set(input.flatMap((s) => s.points.map((p) => p.round)))].sort((a, b) => a - b);
  const step = roundIds.length <= 1 ? 0 : Math.max(70, Math.min(160, 560 / (roundIds.length - 1)));
  const plot = { left: 56, top: 36, bottom: 36 + PLOT_HEIGHT, right: 0 };
  const inset = 28;
  plot.right = plot.left + Math.max(2 * inset + (roundIds.length - 1) * step, 360);
  const centre = roundIds.length <= 1 ? (plot.left + plot.right) / 2 : plot.left + inset;
  const rounds = roundIds.map((round, i) => ({ round, x: centre + i * step }));
  const xOf = new Map(rounds.map((r) => [r.round, r.x]));
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const clamp = (v: number, fallback: number) =>
    Number.isFinite(v) ? Math.min(yMax, Math.max(0, v)) : fallback;
  const series = input.map((s) => {
    const points = [...s.points]
      .sort((a, b) => a.round - b.round)
      .filter((p) => Number.isFinite(p.value))
      .map((p) => ({
        ...p,
        x: xOf.get(p.round) as number,
        y: y(clamp(p.value, 0)),
        yLow: y(clamp(p.low, p.value)),
        yHigh: y(clamp(p.high, p.value)),
      }));
    return { name: s.name, color: s.color, dashed: s.dashed ?? false, points, path: pathThrough(points) };
  });
  const width = Math.max(plot.right + 24, plot.left + legendWidth(input.map((s) => ({ label: s.name }))) + 8);
  return { width, height: plot.bottom + 34, plot, yMax, asRate, rounds, series };
}

export function renderLineChart(options: {
  className: string;
  title: string;
  description: string;
  series: LineSeries[];
  /** A horizontal reference line, e.g. the baseline's capability. */
  reference?: { value: number; label: string };
}): SafeHtml | undefined {
  const layout = lineChartLayout(options.series);
  if (!layout) return undefined;
  const { plot, yMax, asRate } = layout;
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const axis = rateAxis({
    ticks: axisTicks(yMax),
    y,
    left: plot.left,
    right: plot.right,
    label: asRate ? undefined : (v) => String(Number(v.toPrecision(3))),
  });
  const xLabels = layout.rounds.map(
    (r) =>
      html`<text class="tick" x="${px(r.x)}" y="${px(plot.bottom + 18)}" text-anchor="middle">${`R${r.round}`}</text>`,
  );
  const ref = options.reference;
  const reference =
    ref && Number.isFinite(ref.value) && ref.value <= yMax
      ? html`<line class="reference" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(y(ref.value))}" y2="${px(y(ref.value))}"/><text class="reference-label" x="${px(plot.right - 4)}" y="${px(y(ref.value) - 5)}" text-anchor="end">${ref.label}</text>`
      : undefined;
  const lines = layout.series.map(
    (s) =>
      html`<g class="series"><path class="line" d="${s.path}" stroke="${s.color}"${s.dashed ? html` stroke-dasharray="6 4"` : ""}/>${s.points.map(
        (p) =>
          html`<path class="whisker" d="${whiskerPath(p.x, p.yLow, p.yHigh)}" stroke="${s.color}"/><circle class="point" cx="${px(p.x)}" cy="${px(p.y)}" r="4" fill="${s.color}"><title>${`${s.name}, round ${p.round}: ${formatMetric(p, asRate)}, n=${p.n}`}</title></circle>`,
      )}</g>`,
  );
  return svgFigure({
    className: `chart-line ${options.className}`,
    width: layout.width,
    height: layout.height,
    title: options.title,
    description: options.description,
    body: [
      axis,
      html`<line class="baseline" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}"/>`,
      ...xLabels,
      reference,
      ...lines,
      legend(
        layout.series.map((s) => ({ label: s.name, color: s.color, dashed: s.dashed })),
        plot.left,
        18,
      ),
    ],
  });
}
