import { BreakfixError, createRegistry, type Registry } from "../../core/index.js";
import { atbashConverter } from "./atbash.js";
import { base32Converter } from "./base32.js";
import { base64Converter } from "./base64.js";
import { binaryConverter } from "./binary.js";
import { caesarConverter } from "./caesar.js";
import { charSpacingConverter } from "./char-spacing.js";
import type { Converter } from "./define-converter.js";
import { diacriticsConverter } from "./diacritics.js";
import { emojiLettersConverter } from "./emoji-letters.js";
import { hexConverter } from "./hex.js";
import { homoglyphConverter } from "./homoglyph.js";
import { leetspeakConverter } from "./leetspeak.js";
import { morseConverter } from "./morse.js";
import { paraphraseConverter } from "./paraphrase.js";
import { pigLatinConverter } from "./pig-latin.js";
import { prefixInjectionConverter } from "./prefix-injection.js";
import { randomCaseConverter } from "./random-case.js";
import { refusalSuppressionConverter } from "./refusal-suppression.js";
import { reverseConverter } from "./reverse.js";
import { rot13Converter } from "./rot13.js";
import { suffixInjectionConverter } from "./suffix-injection.js";
import { tagSmugglingConverter } from "./tag-smuggling.js";
import { toneConverter } from "./tone.js";
import { translateConverter } from "./translate.js";
import { urlEncodeConverter } from "./url-encode.js";
import { variationConverter } from "./variation.js";
import { wordSplitConverter } from "./word-split.js";
import { zeroWidthConverter } from "./zero-width.js";

export function createConverterRegistry(): Registry<Converter> {
  const registry = createRegistry<Converter>("converter");
  for (const c of [
    atbashConverter,
    base32Converter,
    base64Converter,
    binaryConverter,
    caesarConverter,
    charSpacingConverter,
    diacriticsConverter,
    emojiLettersConverter,
    hexConverter,
    homoglyphConverter,
    leetspeakConverter,
    morseConverter,
    paraphraseConverter,
    pigLatinConverter,
    prefixInjectionConverter,
    randomCaseConverter,
    refusalSuppressionConverter,
    reverseConverter,
    rot13Converter,
    suffixInjectionConverter,
    tagSmugglingConverter,
    toneConverter,
    translateConverter,
    urlEncodeConverter,
    variationConverter,
    wordSplitConverter,
    zeroWidthConverter,
  ]) {
    registry.register(c);
  }
  return registry;
}

/** Every built-in converter. */
export const converterRegistry: Registry<Converter> = createConverterRegistry();

/** A converter with its parameter fixed: `caesar:3`, `translate:zu`, or a plain `base64`. */
export interface BoundConverter {
  /** Normalised id: the parameter (or its default) after a colon, for parameterised converters. */
  id: string;
  converter: Converter;
  param: string | undefined;
}

/** Resolves `name` or `name:param` for any converter, parameterised or not. Bad ids are USAGE errors. */
export function resolveConverter(
  id: string,
  registry: Registry<Converter> = converterRegistry,
): BoundConverter {
  const colon = id.indexOf(":");
  const name = colon < 0 ? id : id.slice(0, colon);
  const given = colon < 0 ? undefined : id.slice(colon + 1);
  const converter = registry.get(name);
  const p = converter.parameter;
  if (!p) {
    if (given !== undefined) {
      throw new BreakfixError("USAGE", `converter "${name}" takes no parameter, got "${id}"`, {
        fix: `use "${name}"`,
      });
    }
    return { id: name, converter, param: undefined };
  }
  const param = given ?? p.default;
  if (param === undefined) {
    throw new BreakfixError("USAGE", `converter "${name}" needs a ${p.name}`, {
      fix: `use e.g. "${name}:${p.example}"`,
    });
  }
  const problem = p.check(param);
  if (problem) {
    throw new BreakfixError("USAGE", `converter "${id}": bad ${p.name} "${param}": ${problem}`, {
      fix: `use e.g. "${name}:${p.example}"`,
    });
  }
  return { id: `${name}:${param}`, converter, param };
}
