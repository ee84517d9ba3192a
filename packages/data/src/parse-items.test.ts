import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseItems, requireItems } from './parse-items.js';
import { expectDataError } from './test-support/expect-data-error.js';

describe('parseItems', () => {
  it('does what its TSDoc example says', () => {
    const parsed = parseItems('Emma\r\nolivia\n\nava\n', { lowercase: true });
    expect(parsed).toEqual({ items: ['emma', 'olivia', 'ava'], lines: 4, dropped: { blank: 1 } });
  });

  it('reads one item per line with LF or CRLF line ends', () => {
    expect(parseItems('emma\nolivia\r\nava')).toEqual({
      items: ['emma', 'olivia', 'ava'],
      lines: 3,
      dropped: { blank: 0 },
    });
  });

  it('trims each line and drops and counts blank lines', () => {
    expect(parseItems('  emma \n\n \t \r\nava\t\n')).toEqual({
      items: ['emma', 'ava'],
      lines: 4,
      dropped: { blank: 2 },
    });
  });

  it('keeps the inner spaces of an item', () => {
    expect(parseItems('new york\n').items).toEqual(['new york']);
  });

  it('does not count a final newline as an extra line, but counts an empty last line', () => {
    expect(parseItems('a\n').lines).toBe(1);
    expect(parseItems('a\n\n')).toEqual({ items: ['a'], lines: 2, dropped: { blank: 1 } });
    expect(parseItems('\n')).toEqual({ items: [], lines: 1, dropped: { blank: 1 } });
  });

  it('gives no items and no lines for an empty text, without throwing', () => {
    expect(parseItems('')).toEqual({ items: [], lines: 0, dropped: { blank: 0 } });
  });

  it('keeps case by default and lower-cases on request', () => {
    expect(parseItems('Emma\nÉLODIE').items).toEqual(['Emma', 'ÉLODIE']);
    expect(parseItems('Emma\nÉLODIE', { lowercase: true }).items).toEqual(['emma', 'élodie']);
    expect(parseItems('Emma', { lowercase: false }).items).toEqual(['Emma']);
  });

  it('keeps duplicates, as a dataset of words with their frequency would need', () => {
    expect(parseItems('ava\nava\n').items).toEqual(['ava', 'ava']);
  });

  const lineArb = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\t', '\r', 'é', '😀') });
  const textArb = fc.tuple(fc.array(lineArb), fc.boolean()).map(([lines, finalNewline]) => {
    const text = lines.join('\n');
    return finalNewline && text !== '' ? `${text}\n` : text;
  });

  it('property: items are non-empty and trimmed, and items + blank lines = lines', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        const { items, lines, dropped } = parseItems(text);
        for (const item of items) {
          expect(item).not.toBe('');
          expect(item).toBe(item.trim());
          expect(item).not.toContain('\n');
        }
        expect(items.length + dropped.blank).toBe(lines);
      }),
    );
  });

  it('property: parsing the items joined by newlines gives the same items', () => {
    fc.assert(
      fc.property(textArb, fc.constantFrom('\n', '\r\n'), (text, eol) => {
        const { items } = parseItems(text);
        const again = parseItems(items.join(eol));
        expect(again.items).toEqual(items);
        expect(again.dropped.blank).toBe(0);
      }),
    );
  });

  it('property: CRLF and LF give the same items', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(parseItems(text.replaceAll('\n', '\r\n')).items).toEqual(parseItems(text).items);
      }),
    );
  });
});

describe('requireItems', () => {
  it('returns the items when there are some', () => {
    expect(requireItems(parseItems('a\nb'), 'words.txt')).toEqual(['a', 'b']);
  });

  it('throws EMPTY naming the source when every line is empty', () => {
    expectDataError(
      () => requireItems(parseItems('\n  \n\r\n'), 'words.txt'),
      'EMPTY',
      'words.txt has no items: every line is empty. Give a file with one item per line.',
    );
  });
});

describe('parseItems item length', () => {
  it('rejects a line longer than the limit, naming the line and its length', () => {
    const text = `emma\n${'a'.repeat(1001)}\n`;
    expectDataError(
      () => parseItems(text),
      'TOO_LONG',
      'Line 2 is 1,001 characters long, but items can have at most 1,000; give one word, name or title per line.',
    );
  });

  it('counts characters, not UTF-16 units, and honours maxItemLength', () => {
    expect(parseItems('😀'.repeat(1000)).items).toHaveLength(1);
    expect(() => parseItems('abc', { maxItemLength: 2 })).toThrow(/at most 2;/);
  });
});
