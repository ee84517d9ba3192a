import { describe, expect, it } from 'vitest';
import { bluesColor, DARK_TEXT, hexColor, prefersDarkText } from './blues.js';

describe('bluesColor', () => {
  it("matches matplotlib's Blues at the ends and the middle", () => {
    expect(hexColor(bluesColor(0))).toBe('#f7fbff');
    expect(hexColor(bluesColor(0.5))).toBe('#6baed6');
    expect(hexColor(bluesColor(1))).toBe('#08306b');
  });

  it('interpolates between stops and clamps outside [0, 1]', () => {
    // Halfway between #f7fbff and #deebf7.
    expect(bluesColor(1 / 16)).toEqual([235, 243, 251]);
    expect(bluesColor(-3)).toEqual(bluesColor(0));
    expect(bluesColor(7)).toEqual(bluesColor(1));
    expect(bluesColor(Number.NaN)).toEqual(bluesColor(0));
  });

  it('gets darker as the value grows', () => {
    let previous = Number.POSITIVE_INFINITY;
    for (let t = 0; t <= 1; t += 0.05) {
      const [r, g, b] = bluesColor(t);
      const brightness = r + g + b;
      expect(brightness).toBeLessThanOrEqual(previous);
      previous = brightness;
    }
  });
});

describe('prefersDarkText', () => {
  it('uses dark text on light cells and white text on dark ones', () => {
    expect(prefersDarkText(bluesColor(0))).toBe(true);
    expect(prefersDarkText(bluesColor(0.3))).toBe(true);
    expect(prefersDarkText(bluesColor(0.8))).toBe(false);
    expect(prefersDarkText(bluesColor(1))).toBe(false);
    expect(prefersDarkText(DARK_TEXT)).toBe(false);
  });
});
