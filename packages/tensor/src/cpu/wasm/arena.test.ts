import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { WasmArena } from './arena.js';

describe('WasmArena', () => {
  test('a size class holds the request, keeps blocks 16-byte aligned and wastes at most an eighth', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 30 }), (bytes) => {
        const size = WasmArena.sizeClass(bytes);
        expect(size).toBeGreaterThanOrEqual(bytes);
        expect(size % 16).toBe(0);
        expect(size).toBeLessThanOrEqual(Math.max(64, bytes * 1.125 + 16));
      }),
    );
  });

  test('hands out disjoint blocks, reuses freed ones of the same class, and grows the memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const arena = new WasmArena(memory, 1000);
    const a = arena.alloc(100);
    const b = arena.alloc(100);
    expect(a % 16).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    arena.release(a, 100);
    expect(arena.alloc(97)).toBe(a);
    expect(arena.generation).toBe(0);
    const big = arena.alloc(200_000);
    expect(arena.generation).toBe(1);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(big + 200_000);
    expect(arena.numCarved).toBe(3);
  });
});
