import { describe, expect, test } from 'vitest';
import { arange, ones, tensor, zeros } from './creation.js';
import { cat, crossEntropy, oneHot, stack } from './functional.js';
import { tidy } from './scope.js';
import { idx } from './test-support/domains.js';

// Every bad input a user can give gets an error that names the op and the shapes involved.

describe('error messages', () => {
  const cases: [string, () => unknown, RegExp][] = [
    [
      'broadcast',
      () => ones([2, 3]).add(ones([4])),
      /^add: shapes \[2, 3\] and \[4\] cannot be broadcast together \(axis -1 has sizes 3 and 4\)\.$/,
    ],
    [
      'broadcast in mul',
      () => ones([2, 3]).mul(ones([3, 2])),
      /^mul: shapes \[2, 3\] and \[3, 2\] cannot be broadcast/,
    ],
    [
      'matmul inner dims',
      () => ones([32, 30]).matmul(ones([20, 200])),
      /^matmul: shapes \[32, 30\] and \[20, 200\] are incompatible: inner dims 30 and 20 differ\.$/,
    ],
    [
      'matmul rank',
      () => ones([3]).matmul(ones([3, 2])),
      /^matmul: shapes \[3\] and \[3, 2\] are incompatible: both operands must be 2-D or 3-D\.$/,
    ],
    [
      'matmul batch',
      () => ones([2, 3, 4]).matmul(ones([3, 4, 5])),
      /^matmul: shapes \[2, 3, 4\] and \[3, 4, 5\] are incompatible: batch sizes 2 and 3 differ\.$/,
    ],
    [
      'matmul dtypes',
      () => ones([2, 2]).matmul(ones([2, 2], { dtype: 'float64' })),
      /^matmul: dtypes float32 and float64 differ/,
    ],
    [
      'reshape size',
      () => ones([2, 3]).reshape(4, 2),
      /^reshape: shape \[4, 2\] is invalid for input of size 6 \(shape \[2, 3\]\)\.$/,
    ],
    ['reshape two -1', () => ones([2, 3]).reshape(-1, -1), /^reshape: only one dimension can be -1/],
    ['view size', () => ones([6]).view(4, -1), /^view: shape \[4, -1\] is invalid for input of size 6/],
    [
      'permute',
      () => ones([2, 3]).permute(0, 0),
      /^permute: dims \[0, 0\] are not a permutation of 2 axes\.$/,
    ],
    ['dim out of range', () => ones([2, 3]).sum(2), /^sum: dim 2 is out of range for a tensor of rank 2\.$/],
    ['repeated dims', () => ones([2, 3]).sum([1, -1]), /^sum: dims \[1, -1\] repeat an axis\.$/],
    ['expand', () => ones([2, 3]).expand(4, 3), /^expand: shapes \[2, 3\] and \[4, 3\] cannot be broadcast/],
    [
      'expand rank',
      () => ones([2, 3]).expand(3),
      /^expand: shape \[3\] has fewer dims than the tensor's \[2, 3\]\.$/,
    ],
    ['slice step', () => ones([4]).slice(0, 0, 4, 0), /^slice: step must be a positive integer, got 0\.$/],
    ['select', () => ones([2, 3]).select(1, 3), /^select: index 3 is out of range for dim 1 of size 3\.$/],
    [
      'cat shapes',
      () => cat([ones([2, 3]), ones([3, 2])], 1),
      /^cat: shapes \[2, 3\] and \[3, 2\] must match except in dim 1\.$/,
    ],
    ['cat empty', () => cat([]), /^cat: expected a non-empty list/],
    [
      'stack shapes',
      () => stack([ones([2]), ones([3])]),
      /^stack: all tensors must have the same shape, got \[2\] and \[3\]\.$/,
    ],
    [
      'index out of range',
      () => ones([27, 10]).index(idx([3, 27])),
      /^index: index 27 is out of range for a dim of size 27\.$/,
    ],
    [
      'index dtype',
      () => ones([27, 10]).index(tensor([1, 2])),
      /^index: indices must be int32, got float32 with shape \[2\]\.$/,
    ],
    [
      'gather shape',
      () => ones([2, 3]).gather(1, idx([0, 1, 2])),
      /^gather: index shape \[3\] does not fit input shape \[2, 3\] along dim 1/,
    ],
    ['oneHot range', () => oneHot(idx([3]), 3), /^oneHot: index 3 is out of range for 3 classes\.$/],
    [
      'crossEntropy target',
      () => crossEntropy(zeros([2, 27]), idx([0, 27])),
      /^crossEntropy: target 27 is out of range for 27 classes \(ignoreIndex is -100\)\.$/,
    ],
    [
      'crossEntropy shapes',
      () => crossEntropy(zeros([4, 27]), idx([1, 2, 3])),
      /^crossEntropy: logits \[4, 27\] and targets \[3\] do not match/,
    ],
    [
      'crossEntropy dtype',
      () => crossEntropy(zeros([2, 3]), tensor([0, 1])),
      /^crossEntropy: targets must be int32, got float32\.$/,
    ],
    [
      'crossEntropy reduction',
      () => crossEntropy(zeros([2, 3]), idx([0, 1]), { reduction: 'avg' as never }),
      /reduction must be 'mean', 'sum' or 'none'/,
    ],
    [
      'item',
      () => ones([2]).item(),
      /^item: only a tensor with one element can be converted to a number, got shape \[2\]\.$/,
    ],
    [
      'backward non-scalar',
      () => ones([2], { requiresGrad: true }).mul(2).backward(),
      /^backward: grad can be implicitly created only for a single-element tensor, got shape \[2\]/,
    ],
    ['backward no grad', () => ones([2]).sum().backward(), /^backward: the tensor does not require grad/],
    [
      'backward gradient shape',
      () =>
        ones([2], { requiresGrad: true })
          .mul(2)
          .backward(ones([3])),
      /^backward: gradient shape \[3\] does not match the tensor's shape \[2\]\.$/,
    ],
    [
      'int requiresGrad',
      () => arange(3).requiresGrad_(),
      /^requiresGrad: only floating point tensors can require gradients, got int32\.$/,
    ],
    [
      'ragged',
      () => tensor([[1, 2], [3]]),
      /^tensor: ragged nested array: expected 2 elements at \[1\], got 1\.$/,
    ],
    ['non-number', () => tensor([1, 'a' as never]), /^tensor: expected a number at \[1\], got string\.$/],
    [
      'values vs shape',
      () => tensor([1, 2, 3], { shape: [2, 2] }),
      /^tensor: 3 values do not fill shape \[2, 2\] \(4 elements\)\.$/,
    ],
    ['bad shape', () => zeros([2, -1]), /^full: shape \[2, -1\] must contain non-negative integers\.$/],
    ['bad dtype', () => zeros([2], { dtype: 'int64' as never }), /^Unknown dtype 'int64'/],
    [
      'in-place broadcast',
      () => ones([2]).add_(ones([3])),
      /^add_: shapes \[2\] and \[3\] must match when alpha is given\.$|^add_: shape \[3\] cannot be broadcast/,
    ],
    ['arange step', () => arange(0, 5, 0), /^arange: step must be a non-zero number, got 0\.$/],
  ];
  for (const [name, fn, re] of cases) {
    test(name, () => {
      tidy(() => {
        expect(fn).toThrow(re);
      });
    });
  }
});
