import { describe, expect, it } from 'vitest';
import { formatDuration, noveltyMark } from './progress.js';

describe('formatDuration', () => {
  it('words seconds, minutes and hours', () => {
    expect(formatDuration(42.4)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(3720)).toBe('1 h 2 min');
  });

  it('shows an ellipsis before there is a speed', () => {
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('…');
    expect(formatDuration(Number.NaN)).toBe('…');
  });
});

describe('noveltyMark', () => {
  it('marks new samples and the split a known one comes from', () => {
    expect(noveltyMark('new')).toBe('new');
    expect(noveltyMark('val')).toBe('in val');
  });
});
