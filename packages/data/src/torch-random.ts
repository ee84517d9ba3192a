// PyTorch's `torch.manual_seed(seed); torch.randperm(n)` on the CPU, so that makemore.py's split
// (`rp = torch.randperm(len(words))`, the test set its tail) can be rebuilt exactly, and makemore's
// test losses compared like for like.

import { Mt19937 } from './mt19937.js';

/**
 * The permutation of `0 .. n-1` that `torch.manual_seed(seed); torch.randperm(n)` returns on the CPU:
 * PyTorch's MT19937 seeded with the seed's low 32 bits by `init_genrand`, and a forward
 * Fisher-Yates shuffle that swaps position `i` with `i + (next32 % (n - i))`.
 *
 * @param n - length of the permutation, a non-negative safe integer below 2^32 / 20 (where PyTorch
 *   switches to 64-bit draws)
 * @param seed - a non-negative safe integer
 * @returns the permutation
 *
 * @example
 * ```ts
 * torchRandperm(10, 3407); // [9, 1, 5, 7, 3, 2, 8, 6, 4, 0], as torch.manual_seed(3407); torch.randperm(10)
 * ```
 */
export function torchRandperm(n: number, seed: number): number[] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`torchRandperm: the seed must be a non-negative safe integer, not ${seed}.`);
  }
  if (!Number.isSafeInteger(n) || n < 0 || n >= 0xffff_ffff / 20) {
    throw new RangeError(
      `torchRandperm: n must be an integer from 0 to ${Math.floor(0xffff_ffff / 20)}, not ${n}.`,
    );
  }
  const mt = new Mt19937({ seed: seed % 0x1_0000_0000 });
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n - 1; i++) {
    const j = i + (mt.nextUint32() % (n - i));
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
