import { describe, expect, it } from 'vitest';
import { codePointLabel, describeCharacter } from './describe-character.js';

describe('describeCharacter', () => {
  it.each([
    ['é', "'é' (U+00E9)"],
    ['a', "'a' (U+0061)"],
    ['\t', "'\\t' (U+0009)"],
    ['\u0001', "'\\u0001' (U+0001)"],
    ['"', `'\\"' (U+0022)`],
    ['😀', "'😀' (U+1F600)"],
  ])('shows %j as %s', (char, shown) => {
    expect(describeCharacter(char)).toBe(shown);
  });
});

describe('codePointLabel', () => {
  it('pads to four hex digits and uses upper case', () => {
    expect(codePointLabel(0)).toBe('U+0000');
    expect(codePointLabel(0xe9)).toBe('U+00E9');
    expect(codePointLabel(0xfeff)).toBe('U+FEFF');
    expect(codePointLabel(0x1f600)).toBe('U+1F600');
  });
});
