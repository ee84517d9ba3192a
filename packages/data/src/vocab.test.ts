import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectDataError } from './test-support/expect-data-error.js';
import { Vocab } from './vocab.js';

const names = ['emma', 'olivia', 'ava'];

describe('Vocab.fromItems, shared layout (default)', () => {
  const vocab = Vocab.fromItems(names);

  it('puts the boundary token "." at 0 and the sorted characters after it', () => {
    expect(vocab.layout).toBe('shared');
    expect(vocab.itos).toEqual(['.', 'a', 'e', 'i', 'l', 'm', 'o', 'v']);
    expect(vocab.chars).toEqual(['a', 'e', 'i', 'l', 'm', 'o', 'v']);
    expect(vocab.size).toBe(8);
    expect(vocab.startId).toBe(0);
    expect(vocab.endId).toBe(0);
  });

  it('maps tokens to ids and back', () => {
    expect(vocab.stoi('.')).toBe(0);
    expect(vocab.stoi('a')).toBe(1);
    expect(vocab.stoi('v')).toBe(7);
    expect(vocab.itos.map((token) => vocab.stoi(token))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('encodes characters only, and with boundaries', () => {
    expect(vocab.encode('ava')).toEqual([1, 7, 1]);
    expect(vocab.encode('')).toEqual([]);
    expect(vocab.encodeWithBoundaries('ava')).toEqual([0, 1, 7, 1, 0]);
    expect(vocab.encodeWithBoundaries('')).toEqual([0, 0]);
  });

  it('decodes ids, skipping boundary tokens', () => {
    expect(vocab.decode([5, 1])).toBe('ma');
    expect(vocab.decode([0, 1, 7, 1, 0])).toBe('ava');
    expect(vocab.decode(new Int32Array([2, 5, 5, 1]))).toBe('emma');
    expect(vocab.decode([])).toBe('');
  });

  it('names tokens', () => {
    expect(vocab.tokenName(0)).toBe('.');
    expect(vocab.tokenName(7)).toBe('v');
  });

  it('tells item characters from boundary tokens in has()', () => {
    expect(vocab.has('a')).toBe(true);
    expect(vocab.has('z')).toBe(false);
    expect(vocab.has('.')).toBe(false);
  });

  it("takes '.' inside an item as an ordinary character, and names the boundary '<.>' then", () => {
    const dotted = Vocab.fromItems(['st. john', 'mr. mime']);
    expect(dotted.itos.slice(0, 3)).toEqual(['<.>', ' ', '.']);
    expect(dotted.startId).toBe(0);
    expect(dotted.has('.')).toBe(true);
    const ids = dotted.encodeWithBoundaries('st.');
    expect(ids).toEqual([0, dotted.stoi('s'), dotted.stoi('t'), 2, 0]);
    expect(dotted.decode(ids)).toBe('st.');
    expect(dotted.stoi('<.>')).toBe(0);
    expect(dotted.tokenName(0)).toBe('<.>');
    // The round trip through JSON keeps the character and the boundary apart.
    expect(Vocab.fromJSON(JSON.parse(JSON.stringify(dotted.toJSON()))).itos).toEqual(dotted.itos);
  });

  it('gives a vocabulary of only the boundary token for no items', () => {
    const empty = Vocab.fromItems([]);
    expect(empty.itos).toEqual(['.']);
    expect(empty.chars).toEqual([]);
  });
});

describe('Vocab.fromItems, split layout', () => {
  const vocab = Vocab.fromItems(names, { layout: 'split' });

  it('puts the characters first, then <START> and <END>', () => {
    expect(vocab.layout).toBe('split');
    expect(vocab.itos).toEqual(['a', 'e', 'i', 'l', 'm', 'o', 'v', '<START>', '<END>']);
    expect(vocab.chars).toEqual(['a', 'e', 'i', 'l', 'm', 'o', 'v']);
    expect(vocab.size).toBe(9);
    expect(vocab.startId).toBe(7);
    expect(vocab.endId).toBe(8);
    expect(vocab.stoi('<START>')).toBe(7);
    expect(vocab.stoi('<END>')).toBe(8);
  });

  it('encodes with distinct boundaries and decodes them away', () => {
    expect(vocab.encode('ava')).toEqual([0, 6, 0]);
    expect(vocab.encodeWithBoundaries('ava')).toEqual([7, 0, 6, 0, 8]);
    expect(vocab.decode([7, 0, 6, 0, 8])).toBe('ava');
    expect(vocab.tokenName(7)).toBe('<START>');
    expect(vocab.tokenName(8)).toBe('<END>');
  });

  it("accepts '.' as an ordinary character", () => {
    const dotted = Vocab.fromItems(['st. john'], { layout: 'split' });
    expect(dotted.chars).toEqual([' ', '.', 'h', 'j', 'n', 'o', 's', 't']);
    expect(dotted.decode(dotted.encodeWithBoundaries('st. john'))).toBe('st. john');
  });

  it('refuses an unknown layout', () => {
    expectDataError(
      () => Vocab.fromItems(names, { layout: 'tiled' as 'split' }),
      'BAD_ARGUMENT',
      `Unknown vocabulary layout "tiled"; use 'shared' or 'split'.`,
    );
  });
});

describe('Vocab characters', () => {
  it('treats an astral character as one character and sorts by code point, not UTF-16 unit', () => {
    // U+FF21 (fullwidth A) is above the surrogate range, so a code-unit sort would put '😀' (U+1F600) first.
    const vocab = Vocab.fromItems(['😀ａ', 'b']);
    expect(vocab.chars).toEqual(['b', 'ａ', '😀']);
    expect(vocab.encode('😀')).toEqual([3]);
    expect(vocab.decode([3, 2])).toBe('😀ａ');
  });

  it('keeps case: upper and lower case letters are different characters', () => {
    expect(Vocab.fromItems(['Aa']).chars).toEqual(['A', 'a']);
  });
});

describe('Vocab errors', () => {
  const vocab = Vocab.fromItems(['abcdefghijklmnopqrstuvwxyz']);

  it.each([
    ['an unknown character quoted', 'josé', `'é' (U+00E9) at position 3 of "josé"`],
    [
      'an astral character, counting in characters, not UTF-16 units',
      '😀é',
      `'😀' (U+1F600) at position 0 of "😀é"`,
    ],
    ['an invisible character escaped', 'a\tb', `'\\t' (U+0009) at position 1 of "a\\tb"`],
    ["the boundary token '.', which is not a character", 'a.b', `'.' (U+002E) at position 1 of "a.b"`],
  ])(
    'names %s, by code point, with its position, the word and the vocabulary size',
    (_what, word, character) => {
      expectDataError(
        () => vocab.encode(word),
        'UNKNOWN_CHARACTER',
        `Unknown character ${character}; it is not in the vocabulary of 26 characters.`,
      );
    },
  );

  it('counts positions in characters, not UTF-16 units, after astral characters too', () => {
    expectDataError(
      () => Vocab.fromItems(['😀']).encode('😀😀x'),
      'UNKNOWN_CHARACTER',
      `Unknown character 'x' (U+0078) at position 2 of "😀😀x"; it is not in the vocabulary of 1 character.`,
    );
  });

  it('throws from encodeWithBoundaries as from encode', () => {
    expectDataError(
      () => vocab.encodeWithBoundaries('Z'),
      'UNKNOWN_CHARACTER',
      /^Unknown character 'Z' \(U\+005A\) at position 0/,
    );
  });

  it.each([
    ['a', Vocab.fromItems([]), `'a' (U+0061); it is not in the vocabulary of 1 token.`],
    ['é', vocab, `'é' (U+00E9); it is not in the vocabulary of 27 tokens.`],
    ['<START>', vocab, `"<START>"; it is not in the vocabulary of 27 tokens.`],
  ])('throws from stoi on the unknown token %j', (token, vocabulary, name) => {
    expectDataError(() => vocabulary.stoi(token), 'UNKNOWN_CHARACTER', `Unknown token ${name}`);
  });

  it.each([27, -1, 1.5, Number.NaN])('refuses id %s in tokenName and decode', (id) => {
    const message = `Token id ${id} is out of range; this vocabulary has ids 0 to 26.`;
    expectDataError(() => vocab.tokenName(id), 'BAD_ARGUMENT', message);
    expectDataError(() => vocab.decode([1, id]), 'BAD_ARGUMENT', message);
  });
});

describe('Vocab JSON', () => {
  it('round-trips both layouts through JSON text', () => {
    for (const layout of ['shared', 'split'] as const) {
      const vocab = Vocab.fromItems(['héllo', 'wörld', '😀'], { layout });
      const json = vocab.toJSON();
      expect(json).toEqual({ layout, chars: [...vocab.chars] });
      const back = Vocab.fromJSON(JSON.parse(JSON.stringify(json)));
      expect(back.itos).toEqual(vocab.itos);
      expect(back.layout).toBe(layout);
      expect(back.startId).toBe(vocab.startId);
      expect(back.endId).toBe(vocab.endId);
    }
  });

  it('keeps the character order of the JSON, since model weights depend on it', () => {
    expect(Vocab.fromJSON({ layout: 'shared', chars: ['b', 'a'] }).itos).toEqual(['.', 'b', 'a']);
  });

  it('returns a copy from toJSON, so changing it does not change the vocabulary', () => {
    const vocab = Vocab.fromItems(['ab']);
    vocab.toJSON().chars.push('z');
    expect(vocab.chars).toEqual(['a', 'b']);
    expect(Object.isFrozen(vocab.chars)).toBe(true);
    expect(Object.isFrozen(vocab.itos)).toBe(true);
  });

  const prefix = 'The vocabulary JSON is invalid: ';
  const suffix = '; pass the output of Vocab.toJSON() ({ layout, chars }).';
  it.each([
    ['null', null, 'it is not an object'],
    ['an array', ['a'], 'it is not an object'],
    ['a string', 'shared', 'it is not an object'],
    ['a missing layout', { chars: ['a'] }, "its layout is missing, not 'shared' or 'split'"],
    ['an unknown layout', { layout: 'both', chars: ['a'] }, `its layout is "both", not 'shared' or 'split'`],
    ['chars that are not an array', { layout: 'shared', chars: 'abc' }, 'its chars is not an array'],
    ['a non-string char', { layout: 'shared', chars: ['a', 1] }, 'chars[1] is not a single character'],
    ['a multi-character entry', { layout: 'split', chars: ['ab'] }, 'chars[0] is not a single character'],
    ['an empty entry', { layout: 'split', chars: [''] }, 'chars[0] is not a single character'],
    ['a repeated char', { layout: 'split', chars: ['a', 'b', 'a'] }, "chars[2] repeats 'a' (U+0061)"],
  ])('refuses %s', (_label, json, problem) => {
    expectDataError(() => Vocab.fromJSON(json), 'BAD_ARGUMENT', `${prefix}${problem}${suffix}`);
  });

  it("reads '.' as a character in the shared layout, beside the boundary token", () => {
    expect(Vocab.fromJSON({ layout: 'shared', chars: ['.', 'a'] }).itos).toEqual(['<.>', '.', 'a']);
  });

  it('accepts an astral character as a single character', () => {
    expect(Vocab.fromJSON({ layout: 'split', chars: ['😀'] }).encode('😀')).toEqual([0]);
  });
});

describe('Vocab properties', () => {
  const itemsArb = fc.array(fc.string({ unit: 'grapheme', minLength: 0, maxLength: 12 }), { maxLength: 12 });

  it('decode(encode(item)) is the item for arbitrary unicode items, in both layouts', () => {
    fc.assert(
      fc.property(itemsArb, fc.constantFrom('shared', 'split'), (items, layout) => {
        fc.pre(layout === 'split' || items.every((item) => !item.includes('.')));
        const vocab = Vocab.fromItems(items, { layout: layout as 'shared' | 'split' });
        for (const item of items) {
          const ids = vocab.encode(item);
          expect(ids.length).toBe([...item].length);
          expect(vocab.decode(ids)).toBe(item);
          expect(vocab.decode(vocab.encodeWithBoundaries(item))).toBe(item);
          for (const id of ids) expect(id === vocab.startId || id === vocab.endId).toBe(false);
        }
      }),
    );
  });

  it('ids are 0..size-1, chars are unique, sorted by code point, and survive JSON', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        const vocab = Vocab.fromItems(items, { layout: 'split' });
        const codePoints = vocab.chars.map((char) => char.codePointAt(0)!);
        expect(codePoints).toEqual([...codePoints].sort((a, b) => a - b));
        expect(new Set(vocab.chars).size).toBe(vocab.chars.length);
        expect(vocab.size).toBe(vocab.chars.length + 2);
        for (const [id, token] of vocab.itos.entries()) expect(vocab.stoi(token)).toBe(id);
        expect(Vocab.fromJSON(JSON.parse(JSON.stringify(vocab))).itos).toEqual(vocab.itos);
      }),
    );
  });
});
