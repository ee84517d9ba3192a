import { describe, expect, it } from 'vitest';
import { lossCurvesSvg, smoothed, thinned } from './charts.js';

describe('smoothed', () => {
  it('starts where the values do and follows them with an exponential moving average', () => {
    expect(smoothed([4, 2, 2], 0.5)).toEqual([4, 3, 2.5]);
    expect(smoothed([])).toEqual([]);
  });
});

describe('thinned', () => {
  it('keeps short curves whole', () => {
    expect(thinned([1, 2, 3], 5)).toEqual([1, 2, 3]);
  });

  it('keeps every n-th point of a long curve and always its last', () => {
    const kept = thinned(
      Array.from({ length: 1001 }, (_, i) => i),
      100,
    );
    expect(kept.length).toBeLessThanOrEqual(101);
    expect(kept[0]).toBe(0);
    expect(kept.at(-1)).toBe(1000);
  });
});

describe('lossCurvesSvg', () => {
  it('draws each non-empty series as a line, with dots where asked, and a legend', () => {
    const svg = lossCurvesSvg(
      [
        {
          name: 'mini-batch',
          points: [
            [1, 3.3],
            [2, 3.1],
            [3, 2.9],
          ],
          color: '#3451b2',
        },
        { name: 'train', points: [[3, 2.8]], color: '#c2410c', dots: true },
        { name: 'val', points: [], color: '#16a34a', dots: true },
      ],
      { steps: 100 },
    );
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg.match(/<circle /g)).toHaveLength(1);
    expect(svg).toContain('data-series="mini-batch"');
    expect(svg).toContain('data-series="train"');
    expect(svg).not.toContain('data-series="val"');
    expect(svg).toContain('step (of 100)');
  });

  it('draws a labelled reference line within the axes', () => {
    const svg = lossCurvesSvg([{ name: 'mini-batch', points: [[1, 3]], color: 'red' }], {
      references: [{ label: "the lecture's 2.17", value: 2.17 }],
    });
    expect(svg).toContain('data-reference="2.17"');
    expect(svg).toContain('the lecture&#39;s 2.17');
  });

  it('draws empty axes before the first step', () => {
    const svg = lossCurvesSvg([]);
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('<polyline');
  });
});
