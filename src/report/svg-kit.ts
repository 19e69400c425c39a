import { html, type SafeHtml } from "./html.js";

/** Maps a value from `domain` onto `range` linearly (a zero-width domain maps to the range's start). */
export function linearScale(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** A round upper bound for a rate axis: the next step of 0.05/0.1/0.25 above `max`, at most 1. */
export function rateAxisMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 0.1;
  const step = max <= 0.2 ? 0.05 : max <= 0.5 ? 0.1 : 0.25;
  return Math.min(1, Math.ceil(max / step - 1e-9) * step);
}

/** A round upper bound for a non-rate axis: 1, 2 or 5 times a power of ten. */
export function niceAxisMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 5, 10].find((m) => m * power >= max - 1e-12) as number;
  return step * power;
}

/** Axis ticks from 0 to `max` inclusive: about `count` evenly spaced values. */
export function axisTicks(max: number, count = 5): number[] {
  const step = max / count;
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toFixed(10)));
}

/**
 * Colour of round `i` of `count`: a light-to-dark blue ramp, so later rounds read as "later" and the chart
 * still works in greyscale print.
 */
export function roundColor(i: number, count: number): string {
  const t = count <= 1 ? 1 : i / (count - 1);
  return hsl(212, 35 + 40 * t, 78 - 48 * t);
}

/** Heat colour for a rate in [0, 1]: pale yellow through orange to deep red. */
export function heatColor(rate: number): string {
  const t = Math.min(1, Math.max(0, rate));
  return hsl(48 - 48 * t, 90, 92 - 52 * t);
}

/** Dark text reads on light cells, white on dark ones. */
export function heatTextColor(rate: number): string {
  return rate > 0.55 ? "#ffffff" : "#1f2933";
}

function hsl(h: number, s: number, l: number): string {
  return `hsl(${h.toFixed(0)} ${s.toFixed(0)}% ${l.toFixed(0)}%)`;
}

/** Cuts a label to `max` characters for an axis; the full text goes into the element's `<title>`. */
export function shortLabel(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Rough width of a label in px at the chart font size, to size margins without a DOM. */
export function labelWidth(text: string, fontSize = 12): number {
  return text.length * fontSize * 0.58;
}

/** Coordinates in SVG output: two decimals are plenty and keep files small. */
export function px(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Path data of a polyline through the points, in order: `M x y L x y ...`. */
export function pathThrough(points: ReadonlyArray<{ x: number; y: number }>): string {
  return points.map((p, i) => `${i === 0 ? "M" : "L"}${px(p.x)} ${px(p.y)}`).join("");
}

/** Path data of a vertical interval whisker at `x` from `yLow` to `yHigh`, with 6px caps. */
export function whiskerPath(x: number, yLow: number, yHigh: number): string {
  return `M${px(x)} ${px(yLow)}V${px(yHigh)}M${px(x - 3)} ${px(yLow)}h6M${px(x - 3)} ${px(yHigh)}h6`;
}

/** A rate as an axis tick: `12.5%`, to one decimal only where needed. */
export function percentTick(rate: number): string {
  return `${Math.round(rate * 1000) / 10}%`;
}

/** An accessible inline SVG: `role="img"`, a `<title>` and a description, sized by its viewBox. */
export function svgFigure(options: {
  className: string;
  width: number;
  height: number;
  title: string;
  description: string;
  body: SafeHtml | Array<SafeHtml | undefined>;
}): SafeHtml {
  const { className, width, height, title, description, body } = options;
  return html`<svg xmlns="http://www.w3.org/2000/svg" class="chart ${className}" role="img" aria-label="${title}" viewBox="0 0 ${px(width)} ${px(height)}" width="${px(width)}" height="${px(height)}"><title>${title}</title><desc>${description}</desc>${body}</svg>`;
}

/** A vertical value axis with gridlines across the plot, labelled in percent unless `label` says otherwise. */
export function rateAxis(options: {
  ticks: number[];
  y: (v: number) => number;
  left: number;
  right: number;
  label?: (v: number) => string;
}): SafeHtml {
  const { ticks, y, left, right } = options;
  const label = options.label ?? percentTick;
  return html`<g class="axis">${ticks.map(
    (t) =>
      html`<line class="grid" x1="${px(left)}" x2="${px(right)}" y1="${px(y(t))}" y2="${px(y(t))}"/><text class="tick" x="${px(left - 6)}" y="${px(y(t) + 4)}" text-anchor="end">${label(t)}</text>`,
  )}</g>`;
}

/** Width of a legend row, so a chart can make room for it. */
export function legendWidth(items: Array<{ label: string }>): number {
  return items.reduce((sum, item) => sum + 18 + labelWidth(item.label, 11) + 16, 0);
}

/** A legend row of coloured swatches. */
export function legend(
  items: Array<{ label: string; color: string; dashed?: boolean }>,
  x: number,
  y: number,
) {
  let offset = x;
  const parts = items.map((item) => {
    const swatch = item.dashed
      ? html`<line x1="${px(offset)}" x2="${px(offset + 14)}" y1="${px(y - 4)}" y2="${px(y - 4)}" stroke="${item.color}" stroke-width="2" stroke-dasharray="4 3"/>`
      : html`<rect x="${px(offset)}" y="${px(y - 10)}" width="12" height="12" rx="2" fill="${item.color}"/>`;
    const text = html`<text class="legend-label" x="${px(offset + 18)}" y="${px(y)}">${item.label}</text>`;
    offset += 18 + labelWidth(item.label, 11) + 16;
    return html`${swatch}${text}`;
  });
  return html`<g class="legend">${parts}</g>`;
}
