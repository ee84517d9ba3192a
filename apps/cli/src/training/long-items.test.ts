import { describe, expect, it } from 'vitest';
import { dropLongItems, findLongItems } from './long-items.js';

const names = Array.from({ length: 2000 }, (_, i) => 'abcdefghij'.slice(0, 3 + (i % 8)));

describe('findLongItems', () => {
  it('finds one stray long line among names, with the length most items stay within', () => {
    expect(findLongItems([...names, 'x'.repeat(999)])).toEqual({ count: 1, longest: 999, typical: 10 });
  });

  it('finds nothing in an ordinary list, or an empty one', () => {
    expect(findLongItems(names)).toBeNull();
    expect(findLongItems([])).toBeNull();
  });

  it('counts characters, not UTF-16 units', () => {
    expect(findLongItems([...names, '😀'.repeat(16)])).toBeNull();
  });
});

describe('dropLongItems', () => {
  it('keeps the items up to the limit, in order, and counts the rest', () => {
    expect(dropLongItems(['ab', 'abcdef', 'abc', 'abcd'], 3)).toEqual({ items: ['ab', 'abc'], dropped: 2 });
  });
});
