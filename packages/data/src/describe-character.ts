/**
 * Shows a character so that a person can tell what it is even when it is invisible or looks like
 * another one: quoted, with control characters escaped, and its code point.
 *
 * @param char - one character (one code point).
 * @returns e.g. `'é' (U+00E9)`, `'\t' (U+0009)`, `'😀' (U+1F600)`.
 *
 * @example
 * ```ts
 * describeCharacter('é'); // "'é' (U+00E9)"
 * ```
 */
export function describeCharacter(char: string): string {
  const codePoint = char.codePointAt(0) ?? 0;
  // JSON escaping turns control characters into \n, \t, \u0000 and leaves everything else as it is.
  const shown = JSON.stringify(char).slice(1, -1);
  return `'${shown}' (${codePointLabel(codePoint)})`;
}

/**
 * Formats a code point the way Unicode charts do.
 *
 * @example
 * ```ts
 * codePointLabel(0xe9); // "U+00E9"
 * ```
 */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
