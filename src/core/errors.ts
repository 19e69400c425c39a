/**
 * The one error class of the project. Every error that reaches a user says what went wrong, where
 * (file, line/column or field when known), and how to fix it. Library code throws it; only the CLI
 * turns it into an exit code.
 */
export type ErrorCode =
  | "CONFIG_INVALID" // a config file or --set override is malformed
  | "DATA_INVALID" // a dataset / input file is malformed
  | "USAGE" // wrong command-line usage
  | "NOT_FOUND" // a named thing (dataset, run, model, file) does not exist
  | "MODEL_UNAVAILABLE" // a provider could not be created or reached
  | "DOWNLOAD_FAILED" // fetching a remote source failed
  | "CHECKSUM_MISMATCH" // a downloaded or cached file does not match its sha256
  | "STORE" // database problem (locked, corrupt, migration)
  | "ABORTED" // the operation was cancelled
  | "GATE_FAILED" // a release gate failed: the run worked, its result did not pass (CI reads exit 1)
  | "RUN_INCOMPLETE" // a run finished but some of its items or attempts failed (accepted with --allow-failures)
  | "INTERNAL"; // a bug: should never happen

/** Exit codes: 2 = the user's input is wrong (fixable by them), 1 = the run failed, 130 = interrupted. */
const EXIT_CODES: Record<ErrorCode, number> = {
  CONFIG_INVALID: 2,
  DATA_INVALID: 2,
  USAGE: 2,
  NOT_FOUND: 2,
  MODEL_UNAVAILABLE: 1,
  DOWNLOAD_FAILED: 1,
  CHECKSUM_MISMATCH: 1,
  STORE: 1,
  ABORTED: 130,
  GATE_FAILED: 1,
  RUN_INCOMPLETE: 1,
  INTERNAL: 1,
};

export interface ErrorLocation {
  file?: string;
  line?: number; // 1-based
  column?: number; // 1-based
  /** A field path such as `providers.local.baseUrl` or a row/column name. */
  field?: string;
}

export interface BreakfixErrorOptions {
  /** What the user should do about it; always present for user-facing codes. */
  fix?: string;
  location?: ErrorLocation;
  cause?: unknown;
}

export class BreakfixError extends Error {
  readonly code: ErrorCode;
  readonly fix: string | undefined;
  readonly location: ErrorLocation | undefined;

  constructor(code: ErrorCode, message: string, options: BreakfixErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BreakfixError";
    this.code = code;
    this.fix = options.fix;
    this.location = options.location;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** One line: `file:line:col: field: message. Fix: ...` — what the CLI prints. */
  toLine(): string {
    const where = formatLocation(this.location);
    const fix = this.fix ? ` Fix: ${this.fix}` : "";
    const msg = this.message.replace(/\s*\n\s*/g, " ");
    return `${where}${msg}${/[.!?]$/.test(msg) ? "" : "."}${fix}`;
  }
}

export function formatLocation(loc: ErrorLocation | undefined): string {
  if (!loc) return "";
  let out = "";
  if (loc.file) {
    out += loc.file;
    if (loc.line !== undefined) out += `:${loc.line}`;
    if (loc.line !== undefined && loc.column !== undefined) out += `:${loc.column}`;
    out += ": ";
  }
  if (loc.field) out += `${loc.field}: `;
  return out;
}

export function isBreakfixError(err: unknown): err is BreakfixError {
  return err instanceof BreakfixError;
}

/** Wraps anything thrown into a BreakfixError, keeping the original as `cause`. */
export function toBreakfixError(err: unknown, fallback: ErrorCode = "INTERNAL"): BreakfixError {
  if (err instanceof BreakfixError) return err;
  if (err instanceof Error && err.name === "AbortError") {
    return new BreakfixError("ABORTED", "Operation was cancelled", { cause: err });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new BreakfixError(fallback, message, { cause: err });
}
