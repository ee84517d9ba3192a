import { describe, expect, test } from 'vitest';
import { CpuBackend } from './cpu/backend.js';
import { full, onesLike, tensor, zerosLike } from './creation.js';
import { Generator } from './random.js';
import { randint } from './random-creation.js';
import { tidy } from './scope.js';

// Callers forward options that may be undefined (`{ dtype: flags.dtype }`): an undefined field must
// act as an absent one, not override the default.
describe('options given as undefined', () => {
  test('zerosLike and onesLike keep the dtype and backend of `like`', () => {
    tidy(() => {
      const device = new CpuBackend({ simd: false });
      const like = tensor([1, 2], { dtype: 'float64', device });
      for (const made of [
        zerosLike(like, { dtype: undefined, device: undefined, requiresGrad: undefined }),
        onesLike(like, { dtype: undefined }),
      ]) {
        expect(made.dtype).toBe('float64');
        expect(made.backend).toBe(device);
        expect(made.requiresGrad).toBe(false);
      }
      expect(zerosLike(like, { dtype: 'int32', requiresGrad: undefined }).dtype).toBe('int32');
    });
  });

  test('randint stays int32, and the creation defaults hold', () => {
    tidy(() => {
      const generator = new Generator(1);
      expect(randint(0, 5, [3], { generator, dtype: undefined }).dtype).toBe('int32');
      expect(full([2], 1, { dtype: undefined, requiresGrad: undefined }).dtype).toBe('float32');
      expect(tensor(new Int32Array([1]), { dtype: undefined, shape: undefined }).dtype).toBe('int32');
    });
  });
});
