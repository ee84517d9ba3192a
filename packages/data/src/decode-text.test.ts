import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';
import { DataError } from './errors.js';
import { expectDataError } from './test-support/expect-data-error.js';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  it('decodes UTF-8 text, astral characters included', () => {
    expect(decodeText(utf8('emma\njosé\n😀\n'))).toBe('emma\njosé\n😀\n');
  });

  it('decodes empty input to an empty string', () => {
    expect(decodeText(new Uint8Array())).toBe('');
  });

  it('strips a leading UTF-8 byte order mark, and only a leading one', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0x62]))).toBe('ab');
    expect(decodeText(utf8('a\uFEFFb'))).toBe('a\uFEFFb');
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('');
  });

  it('refuses a NUL byte as a binary file, naming the offset', () => {
    expectDataError(
      () => decodeText(new Uint8Array([0x61, 0x62, 0x00, 0x63])),
      'BINARY',
      'The input looks like a binary file (it has a NUL byte at offset 2); give a UTF-8 text file with one item per line.',
    );
  });

  it('refuses malformed UTF-8, naming the offset of the first bad byte', () => {
    // 'ab' then a lone Latin-1 'é' (0xE9), as a file saved in Windows-1252 has.
    const error = expectDataError(
      () => decodeText(new Uint8Array([0x61, 0x62, 0xe9, 0x63])),
      'INVALID_UTF8',
      'The input is not valid UTF-8 (first bad byte at offset 2); save the file as UTF-8 and try again.',
    );
    expect(error.cause).toBeInstanceOf(TypeError);
  });

  it.each([
    ['a lone continuation byte', [0x80], 0],
    ['a truncated 2-byte sequence at the end', [0x61, 0xc3], 1],
    ['an overlong encoding of "/"', [0x61, 0x61, 0xc0, 0xaf], 2],
    ['an overlong 3-byte sequence', [0xe0, 0x80, 0x80], 0],
    ['a UTF-16 surrogate encoded in UTF-8', [0x61, 0xed, 0xa0, 0x80], 1],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['a byte that never occurs in UTF-8', [0x61, 0xff], 1],
    ['a 3-byte sequence cut by a newline', [0xe2, 0x82, 0x0a], 0],
  ])('reports %s at the right offset', (_label, bytes, offset) => {
    expectDataError(
      () => decodeText(new Uint8Array(bytes)),
      'INVALID_UTF8',
      `The input is not valid UTF-8 (first bad byte at offset ${offset}); save the file as UTF-8 and try again.`,
    );
  });

  it('round-trips any string without NUL through UTF-8', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        fc.pre(!text.includes('\0') && !text.startsWith('\uFEFF'));
        expect(decodeText(utf8(text))).toBe(text);
      }),
    );
  });

  it('on random bytes either decodes as TextDecoder does or throws BINARY / INVALID_UTF8 at a true offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        let text: string | undefined;
        try {
          text = decodeText(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(DataError);
          const { code, message } = error as DataError;
          const offset = Number(/offset (\d+)/.exec(message)![1]);
          if (code === 'BINARY') {
            expect(bytes[offset]).toBe(0);
            expect(bytes.indexOf(0)).toBe(offset);
          } else {
            expect(code).toBe('INVALID_UTF8');
            expect(bytes.includes(0)).toBe(false);
            // Everything before the reported offset is valid UTF-8; the byte at it starts the problem.
            expect(() =>
              new TextDecoder('utf-8', { fatal: true }).decode(bytes.slice(0, offset)),
            ).not.toThrow();
            expect(offset).toBeLessThan(bytes.length);
          }
          return;
        }
        const expected = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        expect(text).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
