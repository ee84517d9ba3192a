import { describe, expect, it } from 'vitest';
import { tensor } from '../creation.js';
import { AsyncReadbackBackend } from './async-readback-backend.js';

describe('tryDataSync', () => {
  it('reads synchronously where the backend can', () => {
    const t = tensor([1, 2]);
    expect(Array.from(t.tryDataSync()!)).toEqual([1, 2]);
    t.dispose();
  });
});

describe('AsyncReadbackBackend', () => {
  it('computes as the CPU backend does but reads back only with await data()', async () => {
    const device = new AsyncReadbackBackend();
    const a = tensor([1, 2, 3], { device });
    const t = a.mul(2);
    expect(Array.from(await t.data())).toEqual([2, 4, 6]);
    expect(() => t.dataSync()).toThrow(
      'dataSync: the async-readback backend cannot read synchronously; use await data().',
    );
    expect(t.tryDataSync()).toBeUndefined();
    a.dispose();
    t.dispose();
    expect(device.memory().numBuffers).toBe(0);
  });
});
