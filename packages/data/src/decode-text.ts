import { DataError } from './errors.js';

const BOM = 0xfeff;

/**
 * Turns the bytes of a text file into a string, refusing what is not UTF-8 text instead of producing
 * replacement characters that would silently end up in the vocabulary.
 *
 * A leading UTF-8 byte order mark is dropped.
 *
 * @param bytes - the raw file contents.
 * @returns the decoded text.
 * @throws {@link DataError} `BINARY` if the bytes contain a NUL byte, `INVALID_UTF8` if they are not
 *   valid UTF-8 (the message gives the offset of the first bad byte).
 *
 * @example
 * ```ts
 * const text = decodeText(new TextEncoder().encode('emma\nolivia\n'));
 * ```
 */
export function decodeText(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new DataError(
      'BINARY',
      `The input looks like a binary file (it has a NUL byte at offset ${nul}); give a UTF-8 text file with one item per line.`,
    );
  }
  let text: string;
  try {
    // ignoreBOM keeps the BOM in the output so that we can strip it ourselves in one place.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new DataError(
      'INVALID_UTF8',
      `The input is not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8 and try again.`,
      { cause },
    );
  }
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/**
 * Finds where UTF-8 decoding fails, because TextDecoder only says that it failed. Follows the
 * well-formed byte sequences of the Unicode standard (table 3-7): no overlong forms, no surrogates,
 * nothing above U+10FFFF.
 */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b0 = bytes[i]!;
    if (b0 < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
    else if (b0 >= 0xe0 && b0 <= 0xef) {
      length = 3;
      if (b0 === 0xe0) low = 0xa0;
      if (b0 === 0xed) high = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      length = 4;
      if (b0 === 0xf0) low = 0x90;
      if (b0 === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const b = bytes[i + k];
      if (b === undefined) return i;
      const min = k === 1 ? low : 0x80;
      const max = k === 1 ? high : 0xbf;
      if (b < min || b > max) return i;
    }
    i += length;
  }
  return bytes.length;
}
