import type { JudgeCalibrationRow } from "../report/index.js";
import { type CycleReportFiles, writeCycleReport } from "../report/index.js";
import type { Store } from "../store/index.js";
import { assembleReportData } from "./assemble-report.js";
import type { CycleConfig } from "./cycle-config.js";
import type { CycleState } from "./cycle-state.js";
import { cycleSuiteRegistry } from "./cycle-suites/cycle-suites.js";

/**
 * Writes a cycle's report (HTML, Markdown, JSON) into `dir`, assembled from the store and the cycle's state
 * with the cycle's own gates and suites. Judge calibration is shown when the caller could measure it.
 */
export function writeCycleReportFiles(
  store: Store,
  state: CycleState,
  config: CycleConfig,
  dir: string,
  o: { judgeCalibration?: readonly JudgeCalibrationRow[] } = {},
): CycleReportFiles {
  const data = assembleReportData(store, state, {
    gates: config.gates,
    registry: cycleSuiteRegistry(config),
    ...(o.judgeCalibration ? { judgeCalibration: o.judgeCalibration } : {}),
  });
  return writeCycleReport(data, dir);
}
