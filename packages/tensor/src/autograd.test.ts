import { describe, expect, test } from 'vitest';
import { ones, tensor } from './creation.js';
import { isGradEnabled, noGrad, tidy, zeroGrad } from './scope.js';

describe('autograd', () => {
  test('micrograd example: gradients of a small expression', () => {
    tidy(() => {
      // From micrograd's README: a = -4, b = 2, ... g = f / 2 + 10 / f; dg/da = 138.8338, dg/db = 645.5773.
      const a = tensor(-4, { dtype: 'float64', requiresGrad: true });
      const b = tensor(2, { dtype: 'float64', requiresGrad: true });
      let c = a.add(b);
      let d = a.mul(b).add(b.pow(3));
      c = c.add(c.add(1));
      c = c.add(c.add(1).add(a.neg()));
      d = d.add(d.mul(2).add(b.add(a).relu()));
      d = d.add(d.mul(3).add(b.sub(a).relu()));
      const e = c.sub(d);
      const f = e.pow(2);
      let g = f.div(2);
      g = g.add(tensor(10, { dtype: 'float64' }).div(f));
      expect(g.item()).toBeCloseTo(24.7041, 4);
      g.backward();
      expect(a.grad!.item()).toBeCloseTo(138.8338, 4);
      expect(b.grad!.item()).toBeCloseTo(645.5773, 4);
    });
  });

  test('gradients accumulate across backward calls until zeroGrad', () => {
    tidy(() => {
      const w = tensor([1, 2], { requiresGrad: true });
      w.mul(3).sum().backward();
      w.mul(w).sum().backward();
      expect(w.grad!.tolist()).toEqual([3 + 2, 3 + 4]);
      w.zeroGrad();
      expect(w.grad).toBeNull();
      w.sum().backward();
      expect(w.grad!.tolist()).toEqual([1, 1]);
      zeroGrad([w]);
      expect(w.grad).toBeNull();
    });
  });

  test('a tensor used twice gets both contributions', () => {
    tidy(() => {
      const x = tensor([3], { requiresGrad: true });
      const y = x.mul(x).add(x); // dy/dx = 2x + 1
      y.sum().backward();
      expect(x.grad!.tolist()).toEqual([7]);
    });
  });

  test('backward with an explicit gradient for a non-scalar output', () => {
    tidy(() => {
      const x = tensor([1, 2, 3], { requiresGrad: true });
      const y = x.mul(2);
      y.backward(tensor([1, 0.5, -1]));
      expect(x.grad!.tolist()).toEqual([2, 1, -2]);
    });
  });

  test('detach and noGrad stop gradients; isLeaf and gradFn describe the graph', () => {
    tidy(() => {
      const x = tensor([2], { requiresGrad: true });
      const y = x.mul(x.detach());
      expect(y.gradFn).toBe('mul');
      expect(y.isLeaf).toBe(false);
      expect(x.isLeaf).toBe(true);
      y.sum().backward();
      expect(x.grad!.tolist()).toEqual([2]);
      const z = noGrad(() => {
        expect(isGradEnabled()).toBe(false);
        return x.mul(5);
      });
      expect(isGradEnabled()).toBe(true);
      expect(z.requiresGrad).toBe(false);
      expect(z.isLeaf).toBe(true);
      expect(x.detach().requiresGrad).toBe(false);
    });
  });

  test('ops on tensors that do not require grad record nothing', () => {
    tidy(() => {
      const a = ones([2]);
      const b = a.mul(2);
      expect(b.requiresGrad).toBe(false);
      expect(b.gradFn).toBeNull();
    });
  });

  test('gradients flow through views, broadcasting and int-index paths', () => {
    tidy(() => {
      const b = tensor([1, 2, 3], { requiresGrad: true });
      const x = ones([4, 3]);
      x.add(b).view(12).sum().backward();
      expect(b.grad!.tolist()).toEqual([4, 4, 4]);
    });
  });

  test('float32 leaves accumulate float32 gradients from float64 ops', () => {
    tidy(() => {
      const a = tensor([1, 2], { requiresGrad: true });
      const b = tensor([3, 4], { dtype: 'float64' });
      const y = a.mul(b).sum();
      expect(y.dtype).toBe('float64');
      y.backward();
      expect(a.grad!.dtype).toBe('float32');
      expect(a.grad!.tolist()).toEqual([3, 4]);
    });
  });

  test('in-place updates under noGrad (an SGD step) and the guard outside it', () => {
    tidy(() => {
      const w = tensor([1, 2], { requiresGrad: true });
      w.mul(w).sum().backward();
      expect(() => w.sub_(w.grad!, 0.1)).toThrow(
        /sub_|add_.*cannot be modified in place while grad mode is on; wrap the update in noGrad/,
      );
      noGrad(() => w.sub_(w.grad!, 0.1));
      expect(w).toBeAllClose([0.8, 1.6], { atol: 1e-6 });
      noGrad(() => {
        w.mul_(2)
          .add_(1)
          .div_(tensor([2, 4]));
      });
      expect(w).toBeAllClose([1.3, 1.05], { atol: 1e-6 });
      noGrad(() => w.copy_(tensor([5])));
      expect(w.tolist()).toEqual([5, 5]);
      noGrad(() => w.zero_());
      expect(w.tolist()).toEqual([0, 0]);
    });
  });

  test('the grad of a leaf survives the tidy scope that computed it', () => {
    const w = tensor([1, 2, 3], { requiresGrad: true });
    tidy(() => {
      w.square().sum().backward();
    });
    expect(w.grad!.tolist()).toEqual([2, 4, 6]);
    w.dispose();
  });
});
