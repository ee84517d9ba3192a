import { Vocab } from '@makemore/data';
import { describe, expect, it } from 'vitest';
import { expectDataError } from '../../data/src/test-support/expect-data-error.js';
import { BigramCounts } from './counts.js';
import { heatmapSvg } from './heatmap.js';

const items = ['ab', 'ab', 'b'];
const counts = BigramCounts.fromItems(items, Vocab.fromItems(items)); // . a b

/** The cells of the SVG as [label, count, fill, text colour]. */
function cells(svg: string): Array<[string, string, string, string]> {
  const pattern =
    /<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="(#[0-9a-f]{6})"\/><text [^>]*fill="(#[0-9a-f]{6})">([^<]*)<\/text><text [^>]*>(\d+)<\/text>/g;
  return [...svg.matchAll(pattern)].map((m) => [m[3]!, m[4]!, m[1]!, m[2]!]);
}

describe('heatmapSvg', () => {
  const svg = heatmapSvg(counts);

  it('is a standalone SVG document of size × cellSize pixels', () => {
    expect(
      svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"'),
    ).toBe(true);
    expect(svg).toContain('width="132" height="132" viewBox="0 0 132 132"');
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('<title>Bigram counts: 3×3 tokens, 8 bigrams</title>');
  });

  it('has one cell per bigram, row by row, labelled with the bigram and its count', () => {
    expect(cells(svg).map(([label, count]) => `${label}:${count}`)).toEqual([
      '..:0',
      '.a:2',
      '.b:1',
      'a.:0',
      'aa:0',
      'ab:2',
      'b.:3',
      'ba:0',
      'bb:0',
    ]);
  });

  it('places cells at row = previous, column = next', () => {
    // Cell (b, .) is row 2, column 0.
    expect(svg).toMatch(/<title>b → \.: 3<\/title><rect x="0" y="88" width="44" height="44"/);
  });

  it('shades from near-white for 0 to dark blue for the largest count, with readable text', () => {
    const byLabel = new Map(cells(svg).map(([label, , fill, text]) => [label, { fill, text }]));
    expect(byLabel.get('..')).toEqual({ fill: '#f7fbff', text: '#1a2333' });
    expect(byLabel.get('b.')).toEqual({ fill: '#08306b', text: '#ffffff' });
  });

  it('scales with cellSize', () => {
    const big = heatmapSvg(counts, { cellSize: 100 });
    expect(big).toContain('width="300" height="300"');
    expect(big).toContain('font-size="24"');
  });

  it('escapes XML in labels and shows unprintable characters by code point', () => {
    const words = ['<&>', `"'`, 'a b', 'x\u0007'];
    const odd = heatmapSvg(BigramCounts.fromItems(words, Vocab.fromItems(words, { layout: 'split' })));
    expect(odd).toContain('>&lt;&amp;</text>');
    expect(odd).toContain('>&quot;&apos;</text>');
    expect(odd).toContain('>aU+0020</text>');
    expect(odd).toContain('>xU+0007</text>');
    expect(odd).not.toContain('\u0007');
    expect(odd).toContain('>&lt;S&gt;&lt;</text>');
    expect(odd).toContain('&lt;S&gt; → &lt;: 1');
    // Nothing but the escapes uses '&', and no raw '<' appears outside tags.
    for (const match of odd.matchAll(/&[^;]*;/g))
      expect(['&lt;', '&gt;', '&amp;', '&quot;', '&apos;']).toContain(match[0]);
    expect(odd.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
  });

  it('draws an all-zero table in the lightest colour', () => {
    const empty = heatmapSvg(BigramCounts.fromItems([], Vocab.fromItems(['a'])));
    expect(cells(empty).every(([, , fill]) => fill === '#f7fbff')).toBe(true);
  });

  it.each([0, -5, Number.NaN, Number.POSITIVE_INFINITY])('refuses cellSize %s', (cellSize) => {
    expectDataError(
      () => heatmapSvg(counts, { cellSize }),
      'BAD_ARGUMENT',
      `The cell size must be a positive number of pixels, not ${cellSize}.`,
    );
  });
});
