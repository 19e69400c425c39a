import { describe, expect, it } from "vitest";
import { asrHeatmapLayouts, renderAsrHeatmaps } from "./asr-heatmap.js";
import { defectRateLayout, renderDefectRateChart } from "./defect-rate-chart.js";
import { sampleReport } from "./fixtures/sample-report.js";
import { lineChartLayout, renderLineChart } from "./line-chart.js";
import type { RoundReport } from "./report-data.js";
import { axisTicks, linearScale, niceAxisMax, rateAxisMax } from "./svg-kit.js";
import { renderTradeoffChart, tradeoffLayout } from "./tradeoff-chart.js";

function round(r: number, overrides: Partial<RoundReport> = {}): RoundReport {
  return {
    round: r,
    model: `m${r}`,
    metrics: {},
    defectRateByArea: [],
    asrHeatmap: [],
    comparisons: [],
    gates: [],
    ...overrides,
  };
}

const m = (value: number, low = value, high = value, n = 100) => ({ value, low, high, n });

describe("axes", () => {
  it("scales linearly and rounds axis maxima up to readable steps", () => {
    const y = linearScale([0, 0.5], [200, 0]);
    expect(y(0)).toBe(200);
    expect(y(0.25)).toBe(100);
    expect(y(0.5)).toBe(0);
    expect(rateAxisMax(0.13)).toBeCloseTo(0.15);
    expect(rateAxisMax(0.42)).toBeCloseTo(0.5);
    expect(rateAxisMax(0.9)).toBe(1);
    expect(rateAxisMax(0)).toBe(0.1);
    expect(niceAxisMax(37)).toBe(50);
    expect(niceAxisMax(120)).toBe(200);
    expect(axisTicks(0.5, 5)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5]);
  });
});

describe("defect-rate chart", () => {
  const rounds = [
    round(0, {
      defectRateByArea: [
        { area: "hate", ...m(0.5, 0.4, 0.6) },
        { area: "self-harm", ...m(0.25) },
      ],
    }),
    round(1, {
      defectRateByArea: [
        { area: "self-harm", ...m(0.1, 0.05, 0.2) },
        { area: "fraud", ...m(0) },
      ],
    }),
  ];

  it("draws one bar per (area, round) with heights proportional to the rate", () => {
    const layout = defectRateLayout(rounds);
    if (!layout) throw new Error("expected a layout");
    expect(layout.areas).toEqual(["hate", "self-harm", "fraud"]);
    expect(layout.bars).toHaveLength(4);
    expect(layout.yMax).toBeCloseTo(0.75);
    const plotHeight = layout.plot.bottom - layout.plot.top;
    for (const bar of layout.bars) {
      expect(bar.height).toBeCloseTo((bar.value / layout.yMax) * plotHeight, 6);
      expect(bar.y + bar.height).toBeCloseTo(layout.plot.bottom, 6);
      expect(bar.x).toBeGreaterThanOrEqual(layout.plot.left);
      expect(bar.x + bar.width).toBeLessThanOrEqual(layout.plot.right);
      // Whisker: the high bound is above (smaller y) the bar top, the low bound below it.
      expect(bar.yHigh).toBeLessThanOrEqual(bar.y + 1e-9);
      expect(bar.yLow).toBeGreaterThanOrEqual(bar.y - 1e-9);
    }
  });

  it("groups bars by area, rounds side by side in order, without overlap", () => {
    const layout = defectRateLayout(rounds);
    if (!layout) throw new Error("expected a layout");
    const selfHarm = layout.bars.filter((b) => b.area === "self-harm").sort((a, b) => a.x - b.x);
    expect(selfHarm.map((b) => b.round)).toEqual([0, 1]);
    const sorted = [...layout.bars].sort((a, b) => a.x - b.x);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const next = sorted[i];
      if (prev && next) expect(next.x).toBeGreaterThanOrEqual(prev.x + prev.width);
    }
    expect(sorted.map((b) => b.area)).toEqual(["hate", "self-harm", "self-harm", "fraud"]);
  });

  it("renders rect.bar elements with titles, and nothing without data", () => {
    const svg = renderDefectRateChart(rounds)?.value ?? "";
    expect(svg.match(/<rect class="bar"/g)).toHaveLength(4);
    expect(svg).toContain('role="img"');
    expect(svg).toContain("<title>hate — round 0: 50.0% [40.0–60.0%], n=100</title>");
    expect(renderDefectRateChart([round(0)])).toBeUndefined();
    expect(defectRateLayout([])).toBeUndefined();
  });
});

describe("ASR heatmap", () => {
  const rounds = [
    round(0, {
      asrHeatmap: [
        { area: "hate", technique: "direct", successes: 3, attempts: 4 },
        { area: "hate", technique: "base64", successes: 0, attempts: 5 },
      ],
    }),
    round(1),
    round(2, { asrHeatmap: [{ area: "fraud", technique: "direct", successes: 1, attempts: 10 }] }),
  ];

  it("draws the union grid of areas × techniques for every red-teamed round", () => {
    const layouts = asrHeatmapLayouts(rounds);
    expect(layouts.map((l) => l.round)).toEqual([0, 2]);
    for (const layout of layouts) expect(layout.cells).toHaveLength(2 * 2);
    const first = layouts[0]?.cells ?? [];
    expect(first.map((c) => [c.area, c.technique, c.rate])).toEqual([
      ["hate", "direct", 0.75],
      ["hate", "base64", 0],
      ["fraud", "direct", undefined],
      ["fraud", "base64", undefined],
    ]);
  });

  it("places cells on a grid without overlap: rows by area, columns by technique", () => {
    const cells = asrHeatmapLayouts(rounds)[1]?.cells ?? [];
    const [a, b, c] = cells;
    if (!a || !b || !c) throw new Error("expected cells");
    expect(b.y).toBe(a.y);
    expect(b.x).toBeGreaterThanOrEqual(a.x + a.width);
    expect(c.x).toBe(a.x);
    expect(c.y).toBeGreaterThanOrEqual(a.y + a.height);
    expect(cells.find((x) => x.area === "fraud" && x.technique === "direct")?.rate).toBeCloseTo(0.1);
  });

  it("adds up repeated cells and renders one rect.cell per grid cell, untried ones marked", () => {
    const merged = asrHeatmapLayouts([
      round(0, {
        asrHeatmap: [
          { area: "a", technique: "t", successes: 1, attempts: 2 },
          { area: "a", technique: "t", successes: 1, attempts: 2 },
        ],
      }),
    ]);
    expect(merged[0]?.cells[0]).toMatchObject({ successes: 2, attempts: 4, rate: 0.5 });
    const svgs = renderAsrHeatmaps(rounds).map((h) => h.chart.value);
    expect(svgs).toHaveLength(2);
    expect(svgs[0]?.match(/<rect class="cell/g)).toHaveLength(4);
    expect(svgs[0]?.match(/<rect class="cell empty"/g)).toHaveLength(2);
    expect(svgs[0]).toContain("hate × direct: 75.0% (3/4)");
  });
});

describe("line chart", () => {
  const series = [
    {
      name: "IPRR",
      color: "#00f",
      points: [0, 1, 2].map((r) => ({ round: r, ...m(0.5 + 0.1 * r, 0.4, 0.8) })),
    },
    { name: "VPRR", color: "#f00", points: [0, 2].map((r) => ({ round: r, ...m(0.1 * r) })) },
    { name: "none", color: "#000", points: [] },
  ];

  it("spaces rounds evenly on x, maps values on y from 0 and drops empty series", () => {
    const layout = lineChartLayout(series);
    if (!layout) throw new Error("expected a layout");
    expect(layout.series.map((s) => s.name)).toEqual(["IPRR", "VPRR"]);
    expect(layout.asRate).toBe(true);
    expect(layout.yMax).toBe(1);
    const xs = layout.rounds.map((r) => r.x);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!);
    const y = linearScale([0, 1], [layout.plot.bottom, layout.plot.top]);
    const iprr = layout.series[0]?.points ?? [];
    expect(iprr.map((p) => p.y)).toEqual([0.5, 0.6, 0.7].map((v) => y(v)));
    expect(iprr[0]?.yHigh).toBeCloseTo(y(0.8));
    const vprr = layout.series[1];
    expect(vprr?.points.map((p) => p.x)).toEqual([xs[0], xs[2]]);
    expect(vprr?.path).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  });

  it("centres a single round and uses a plain number axis for values above 1", () => {
    const layout = lineChartLayout([{ name: "loss", color: "#000", points: [{ round: 3, ...m(37) }] }]);
    expect(layout?.asRate).toBe(false);
    expect(layout?.yMax).toBe(50);
    expect(layout?.rounds[0]?.x).toBeCloseTo(((layout?.plot.left ?? 0) + (layout?.plot.right ?? 0)) / 2);
    expect(lineChartLayout([{ name: "x", color: "#000", points: [] }])).toBeUndefined();
  });

  it("renders one circle.point per measured point and the reference line", () => {
    const svg =
      renderLineChart({
        className: "t",
        title: "T",
        description: "D",
        series,
        reference: { value: 0.5, label: "base" },
      })?.value ?? "";
    expect(svg.match(/<circle class="point"/g)).toHaveLength(5);
    expect(svg).toContain('class="reference"');
    expect(svg).toContain("<title>T</title>");
  });

  it("every chart of the sample report stays within its viewBox", () => {
    const data = sampleReport();
    const layout = defectRateLayout(data.rounds);
    for (const bar of layout?.bars ?? []) expect(bar.x + bar.width).toBeLessThanOrEqual(layout?.width ?? 0);
    for (const heat of asrHeatmapLayouts(data.rounds)) {
      for (const c of heat.cells) {
        expect(c.x + c.width).toBeLessThanOrEqual(heat.width);
        expect(c.y + c.height).toBeLessThanOrEqual(heat.height);
      }
    }
  });
});

describe("trade-off path", () => {
  const rounds = [
    round(0, { metrics: { iprr: m(0.5, 0.4, 0.6), vprr: m(0.1, 0.05, 0.15) } }),
    round(1, { metrics: { iprr: m(0.8) } }),
    round(2, { metrics: { iprr: m(0.9, 0.85, 0.95), vprr: m(0.2, 0.1, 0.3) } }),
  ];

  it("places each round measuring both rates at (VPRR, IPRR) and joins them in round order", () => {
    const layout = tradeoffLayout(rounds);
    if (!layout) throw new Error("expected a layout");
    expect(layout.points.map((p) => p.round)).toEqual([0, 2]);
    expect(layout.xMax).toBeCloseTo(0.3);
    expect(layout.yMax).toBe(1);
    const x = linearScale([0, layout.xMax], [layout.plot.left, layout.plot.right]);
    const y = linearScale([0, layout.yMax], [layout.plot.bottom, layout.plot.top]);
    expect(layout.points[0]?.x).toBeCloseTo(x(0.1));
    expect(layout.points[0]?.y).toBeCloseTo(y(0.5));
    // Safer (higher IPRR) is further up; more over-refusal is further right.
    expect(layout.points[1]!.y).toBeLessThan(layout.points[0]!.y);
    expect(layout.points[1]!.x).toBeGreaterThan(layout.points[0]!.x);
    expect(layout.path).toMatch(/^M[\d.]+ [\d.]+L[\d.]+ [\d.]+$/);
  });

  it("labels every point with its round and is absent without both rates", () => {
    const svg = renderTradeoffChart(rounds)?.value ?? "";
    expect(svg.match(/<circle class="point/g)).toHaveLength(2);
    expect(svg).toContain(">R2</text>");
    expect(renderTradeoffChart([round(0, { metrics: { iprr: m(0.5) } })])).toBeUndefined();
    const same = { iprr: m(1), vprr: m(0.1) };
    const shared =
      renderTradeoffChart([round(0, { metrics: same }), round(1, { metrics: same })])?.value ?? "";
    const labels = [...shared.matchAll(/<text class="point-label"[^>]*>([^<]*)</g)].map((x) => x[1]);
    expect(labels).toEqual(["R0, R1"]);
  });
});
