import { formatMetric } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import type { MetricValue, RoundReport } from "./report-data.js";
import {
  axisTicks,
  labelWidth,
  legend,
  legendWidth,
  linearScale,
  px,
  rateAxis,
  rateAxisMax,
  roundColor,
  shortLabel,
  svgFigure,
  whiskerPath,
} from "./svg-kit.js";

const BAR = 18;
const GROUP_GAP = 26;
const PLOT_HEIGHT = 240;
const LABEL_CHARS = 22;
// A 0% bar is drawn as a thin stub so it reads as "measured, zero" rather than "missing".
const MIN_BAR = 1.5;

export interface DefectBar extends MetricValue {
  area: string;
  round: number;
  /** Index of the round among the charted rounds (its colour). */
  series: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Whisker: the interval's bounds in pixels. */
  yLow: number;
  yHigh: number;
}

export interface DefectRateLayout {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  yMax: number;
  areas: string[];
  /** Horizontal space of one harm area's group of bars. */
  groupWidth: number;
  rounds: number[];
  bars: DefectBar[];
}

/**
 * Grouped bars: one group per harm area (in order of first appearance), one bar per round inside it, with
 * the interval as a whisker. Pure geometry, so it can be tested without a browser.
 */
export function defectRateLayout(rounds: RoundReport[]): DefectRateLayout | undefined {
  const charted = rounds.filter((r) => r.defectRateByArea.length > 0);
  if (charted.length === 0) return undefined;
  const areas = [...new Set(charted.flatMap((r) => r.defectRateByArea.map((a) => a.area)))];
  const highest = Math.max(...charted.flatMap((r) => r.defectRateByArea.map((a) => finite(a.high, a.value))));
  const yMax = rateAxisMax(highest);
  const longest = Math.max(...areas.map((a) => labelWidth(shortLabel(a, LABEL_CHARS), 11)));
  // Groups share a plot at least 360px wide: few areas get wider gaps rather than a half-empty chart.
  const groupWidth = Math.max(charted.length * BAR + GROUP_GAP, 360 / areas.length);
  // Slanted labels reach left of their group: leave room for the first one.
  const left = Math.max(52, longest * 0.87 - groupWidth / 2 + 8);
  const plot = { left, top: 36, bottom: 36 + PLOT_HEIGHT, right: 0 };
  plot.right = plot.left + areas.length * groupWidth;
  const legendItems = charted.map((r) => ({ label: `Round ${r.round}` }));
  const width = Math.max(plot.right + 24, plot.left + legendWidth(legendItems) + 8);
  const height = plot.bottom + 16 + longest * 0.6;
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const bars: DefectBar[] = [];
  charted.forEach((round, series) => {
    for (const entry of round.defectRateByArea) {
      const group = areas.indexOf(entry.area);
      const value = clampRate(entry.value);
      const x = plot.left + group * groupWidth + (groupWidth - charted.length * BAR) / 2 + series * BAR;
      bars.push({
        ...entry,
        round: round.round,
        series,
        x,
        y: y(value),
        width: BAR - 2,
        height: plot.bottom - y(value),
        yLow: y(clampRate(finite(entry.low, value))),
        yHigh: y(clampRate(finite(entry.high, value))),
      });
    }
  });
  return { width, height, plot, yMax, areas, groupWidth, rounds: charted.map((r) => r.round), bars };
}

export function renderDefectRateChart(rounds: RoundReport[]): SafeHtml | undefined {
  const layout = defectRateLayout(rounds);
  if (!layout) return undefined;
  const { plot, yMax, areas, bars, groupWidth } = layout;
  const y = linearScale([0, yMax], [plot.bottom, plot.top]);
  const colors = layout.rounds.map((_, i) => roundColor(i, layout.rounds.length));
  const barMarks = bars.map((b) => {
    const mid = b.x + b.width / 2;
    const tip = `${b.area} — round ${b.round}: ${formatMetric(b, true)}, n=${b.n}`;
    return html`<g class="bar-group"><rect class="bar" x="${px(b.x)}" y="${px(Math.min(b.y, plot.bottom - MIN_BAR))}" width="${px(b.width)}" height="${px(Math.max(b.height, MIN_BAR))}" fill="${colors[b.series]}"><title>${tip}</title></rect><path class="whisker" d="${whiskerPath(mid, b.yLow, b.yHigh)}"/></g>`;
  });
  const labels = areas.map((area, i) => {
    const x = plot.left + i * groupWidth + groupWidth / 2;
    return html`<text class="axis-label" transform="translate(${px(x)} ${px(plot.bottom + 14)}) rotate(-30)" text-anchor="end"><title>${area}</title>${shortLabel(area, LABEL_CHARS)}</text>`;
  });
  return svgFigure({
    className: "chart-defect-rate",
    width: layout.width,
    height: layout.height,
    title: "Defect rate per harm area per round",
    description: `Grouped bars: ${areas.length} harm areas × ${layout.rounds.length} rounds; whiskers show the interval.`,
    body: [
      rateAxis({ ticks: axisTicks(yMax), y, left: plot.left, right: plot.right }),
      html`<line class="baseline" x1="${px(plot.left)}" x2="${px(plot.right)}" y1="${px(plot.bottom)}" y2="${px(plot.bottom)}"/>`,
      ...barMarks,
      ...labels,
      legend(
        layout.rounds.map((r, i) => ({ label: `Round ${r}`, color: colors[i] as string })),
        plot.left,
        18,
      ),
    ],
  });
}

function finite(v: number, fallback: number): number {
  return Number.isFinite(v) ? v : fallback;
}

function clampRate(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
