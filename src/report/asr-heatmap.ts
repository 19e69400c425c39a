import { formatPercent } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import type { RoundReport } from "./report-data.js";
import { heatColor, heatTextColor, labelWidth, px, shortLabel, svgFigure } from "./svg-kit.js";

const CELL_W = 50;
const CELL_H = 28;
const LABEL_CHARS = 24;

export interface HeatCell {
  area: string;
  technique: string;
  successes: number;
  attempts: number;
  /** successes / attempts, or undefined when nothing was attempted in this cell. */
  rate: number | undefined;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface HeatmapLayout {
  round: number;
  width: number;
  height: number;
  cells: HeatCell[];
}

/**
 * One grid per red-teamed round, rows = harm areas, columns = techniques. Every grid uses the union of areas
 * and techniques over all rounds, so cells line up from round to round; untried cells are marked, not hidden.
 */
export function asrHeatmapLayouts(rounds: RoundReport[]): HeatmapLayout[] {
  const charted = rounds.filter((r) => r.asrHeatmap.length > 0);
  const areas = [...new Set(charted.flatMap((r) => r.asrHeatmap.map((c) => c.area)))];
  const techniques = [...new Set(charted.flatMap((r) => r.asrHeatmap.map((c) => c.technique)))];
  const left = 12 + Math.max(...areas.map((a) => labelWidth(shortLabel(a, LABEL_CHARS), 11)), 40);
  const longestTechnique = Math.max(...techniques.map((t) => labelWidth(shortLabel(t, LABEL_CHARS), 11)), 30);
  // Column labels slant up and to the right at 40°: room above the grid and past its right edge.
  const top = 16 + longestTechnique * 0.65;
  return charted.map((round) => {
    const counts = new Map<string, { successes: number; attempts: number }>();
    for (const c of round.asrHeatmap) {
      const key = JSON.stringify([c.area, c.technique]);
      const prev = counts.get(key) ?? { successes: 0, attempts: 0 };
      counts.set(key, { successes: prev.successes + c.successes, attempts: prev.attempts + c.attempts });
    }
    const cells = areas.flatMap((area, row) =>
      techniques.map((technique, col) => {
        const { successes, attempts } = counts.get(JSON.stringify([area, technique])) ?? {
          successes: 0,
          attempts: 0,
        };
        return {
          area,
          technique,
          successes,
          attempts,
          rate: attempts > 0 ? successes / attempts : undefined,
          x: left + col * CELL_W,
          y: top + row * CELL_H,
          width: CELL_W - 2,
          height: CELL_H - 2,
        };
      }),
    );
    const width = left + techniques.length * CELL_W + Math.max(40, longestTechnique * 0.77 - CELL_W / 2);
    return { round: round.round, width, height: top + areas.length * CELL_H + 10, cells };
  });
}

export function renderAsrHeatmaps(rounds: RoundReport[]): Array<{ round: number; chart: SafeHtml }> {
  return asrHeatmapLayouts(rounds).map((layout) => {
    const first = layout.cells[0];
    const left = first?.x ?? 0;
    const top = first?.y ?? 0;
    const cells = layout.cells.map((c) => {
      const tip =
        c.rate === undefined
          ? `${c.area} × ${c.technique}: not attempted`
          : `${c.area} × ${c.technique}: ${formatPercent(c.rate)} (${c.successes}/${c.attempts})`;
      const fill = c.rate === undefined ? "#eef1f4" : heatColor(c.rate);
      const label = c.rate === undefined ? "–" : `${Math.round(c.rate * 100)}%`;
      const ink = c.rate === undefined ? "#7b8794" : heatTextColor(c.rate);
      return html`<g class="heat-cell"><rect class="cell${c.rate === undefined ? " empty" : ""}" x="${px(c.x)}" y="${px(c.y)}" width="${px(c.width)}" height="${px(c.height)}" fill="${fill}"><title>${tip}</title></rect><text class="cell-label" x="${px(c.x + c.width / 2)}" y="${px(c.y + c.height / 2 + 4)}" text-anchor="middle" fill="${ink}">${label}</text></g>`;
    });
    const rowLabels = [...new Set(layout.cells.map((c) => c.area))].map(
      (area, i) =>
        html`<text class="axis-label" x="${px(left - 8)}" y="${px(top + i * CELL_H + CELL_H / 2 + 3)}" text-anchor="end"><title>${area}</title>${shortLabel(area, LABEL_CHARS)}</text>`,
    );
    const colLabels = [...new Set(layout.cells.map((c) => c.technique))].map(
      (technique, i) =>
        html`<text class="axis-label" transform="translate(${px(left + i * CELL_W + CELL_W / 2)} ${px(top - 8)}) rotate(-40)"><title>${technique}</title>${shortLabel(technique, LABEL_CHARS)}</text>`,
    );
    const chart = svgFigure({
      className: "chart-asr-heatmap",
      width: layout.width,
      height: layout.height,
      title: `Attack success rate by harm area and technique, round ${layout.round}`,
      description: `${rowLabels.length} harm areas × ${colLabels.length} techniques; darker is more successful attacks.`,
      body: [...cells, ...rowLabels, ...colLabels],
    });
    return { round: layout.round, chart };
  });
}
