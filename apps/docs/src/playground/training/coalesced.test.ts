import { describe, expect, test } from 'vitest';
import { coalesced } from './coalesced.js';

describe('coalesced', () => {
  test('calls during a run fold into one more run, which sees the newest state', async () => {
    let state = 0;
    const seen: number[] = [];
    let release: () => void = () => {};
    const run = coalesced(async () => {
      seen.push(state);
      if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
    });
    const first = run();
    state = 1;
    void run();
    state = 2;
    void run();
    release();
    await first;
    expect(seen).toEqual([0, 2]);
    // Idle again: the next call runs at once.
    state = 3;
    await run();
    expect(seen).toEqual([0, 2, 3]);
  });

  test('a failing run rejects the call that started it and leaves it ready for the next', async () => {
    let fail = true;
    const run = coalesced(async () => {
      if (fail) throw new Error('vega failed');
    });
    await expect(run()).rejects.toThrow('vega failed');
    fail = false;
    await expect(run()).resolves.toBeUndefined();
  });
});
