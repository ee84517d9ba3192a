import { describe, expect, test } from 'vitest';
import { Mt19937 } from './mt19937.js';
import { torchRandperm } from './torch-random.js';

// Expected values were printed by PyTorch 1.13 (`torch.manual_seed(s); torch.randperm(n).tolist()`):
// an independent implementation, not this one's output.
describe('torchRandperm', () => {
  test('makes the permutations torch.randperm makes', () => {
    expect(torchRandperm(10, 3407)).toEqual([9, 1, 5, 7, 3, 2, 8, 6, 4, 0]);
    expect(torchRandperm(10, 42)).toEqual([2, 6, 1, 8, 4, 5, 0, 9, 3, 7]);
    expect(torchRandperm(5, 0)).toEqual([4, 0, 1, 3, 2]);
    expect(torchRandperm(32033, 3407).slice(0, 8)).toEqual([
      18545, 10853, 360, 10522, 2312, 27407, 8528, 20971,
    ]);
  });

  test('keeps only the low 32 bits of the seed, as torch.manual_seed does', () => {
    expect(torchRandperm(6, 2 ** 32 + 5)).toEqual([5, 0, 1, 3, 4, 2]);
  });

  test('handles the empty and one-element cases and refuses bad arguments', () => {
    expect(torchRandperm(0, 1)).toEqual([]);
    expect(torchRandperm(1, 1)).toEqual([0]);
    expect(() => torchRandperm(3, -1)).toThrow('the seed must be a non-negative safe integer, not -1.');
    expect(() => torchRandperm(2.5, 1)).toThrow('n must be an integer from 0 to 214748364, not 2.5.');
  });
});

describe('Mt19937', () => {
  test('init_genrand(5489) gives the reference outputs (std::mt19937 default seed)', () => {
    const mt = new Mt19937({ seed: 5489 });
    expect([mt.nextUint32(), mt.nextUint32()]).toEqual([3499211612, 581869302]);
  });
});
