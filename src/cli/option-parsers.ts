import { BreakfixError } from "../core/index.js";

/** Parsers for command-line option values: bad values are one-line USAGE errors that say what to write. */
export const collect = (value: string, previous: string[]): string[] => [...previous, value];

/** Repeatable and comma-separated: `--area a --area b` or `--area a,b`; blank items are dropped. */
export const commaList = (value: string, previous: string[] | undefined): string[] => [
  ...(previous ?? []),
  ...value
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean),
];

export function numberFlag(
  flag: string,
  test: (n: number) => boolean,
  rule: string,
  example: string,
): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || !test(n)) {
      throw new BreakfixError("USAGE", `${flag} must be ${rule}, got "${value}"`, {
        fix: `pass e.g. ${flag} ${example}`,
      });
    }
    return n;
  };
}

export const positiveInt = (flag: string, example = "10") =>
  numberFlag(flag, (n) => Number.isInteger(n) && n >= 1, "a whole number of at least 1", example);
export const wholeNumber = (flag: string, example = "20") =>
  numberFlag(flag, (n) => Number.isInteger(n) && n >= 0, "a whole number", example);
export const positiveNumber = (flag: string, example: string) =>
  numberFlag(flag, (n) => n > 0, "a number above 0", example);
export const nonNegativeNumber = (flag: string, example: string) =>
  numberFlag(flag, (n) => n >= 0, "a number of at least 0", example);

/** A comma list of fixed choices (`--formats a,b`): checked as the option is parsed, so a typo stops the command first. */
export function choiceList<T extends string>(flag: string, what: string, choices: readonly T[]) {
  return (value: string, previous: T[] | undefined): T[] => {
    const values = commaList(value, previous);
    for (const v of values) {
      if (!(choices as readonly string[]).includes(v)) {
        throw new BreakfixError("USAGE", `${flag}: unknown ${what} "${v}"`, {
          fix: `use any of ${choices.join(", ")}`,
        });
      }
    }
    return values as T[];
  };
}
