import { InvalidArgumentError } from 'commander';

function parseNumber(raw: string): number {
  // Number('') is 0 and Number('0x10') is 16; only plain decimal numbers are accepted.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw.trim())) {
    throw new InvalidArgumentError('It must be a number.');
  }
  return Number(raw);
}

/**
 * Commander parser for a whole number of at least `min`.
 *
 * @param min - the smallest accepted value
 * @returns a parser that throws commander's InvalidArgumentError with a readable reason
 */
export function integerAtLeast(min: number): (raw: string) => number {
  return (raw) => {
    const value = parseNumber(raw);
    if (!Number.isSafeInteger(value) || value < min) {
      throw new InvalidArgumentError(`It must be a whole number of at least ${min}.`);
    }
    return value;
  };
}

/**
 * Commander parser for a finite number of at least `min`.
 *
 * @param min - the smallest accepted value
 * @returns a parser that throws commander's InvalidArgumentError with a readable reason
 */
export function numberAtLeast(min: number): (raw: string) => number {
  return (raw) => {
    const value = parseNumber(raw);
    if (!Number.isFinite(value) || value < min)
      throw new InvalidArgumentError(`It must be a number of at least ${min}.`);
    return value;
  };
}

/**
 * Commander parser for a finite number strictly greater than `min`.
 *
 * @param min - the exclusive lower bound
 * @returns a parser that throws commander's InvalidArgumentError with a readable reason
 */
export function numberAbove(min: number): (raw: string) => number {
  return (raw) => {
    const value = parseNumber(raw);
    if (!Number.isFinite(value) || value <= min)
      throw new InvalidArgumentError(`It must be a number above ${min}.`);
    return value;
  };
}

/** Parses a seed: any whole number from 0 to 2^32 - 1, as makemore's seeds are. */
export const parseSeed = (raw: string): number => {
  const value = integerAtLeast(0)(raw);
  if (value > 0xffffffff) throw new InvalidArgumentError('It must be a whole number from 0 to 4294967295.');
  return value;
};
