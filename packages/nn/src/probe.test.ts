import { Generator, keep, randn, type Tensor, tidy, zerosLike } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { Tanh } from './layers/activations.js';
import { Linear } from './layers/linear.js';
import { Sequential } from './layers/sequential.js';
import { Module } from './module.js';
import type { ActivationProbe } from './probe.js';

/** A model with a Sequential child, so the names carry the child's path. */
class Net extends Module {
  readonly body: Sequential;
  constructor(g: Generator) {
    super();
    this.body = this.addModule('body', new Sequential([new Linear(4, 3, { generator: g }), new Tanh()]));
  }
  forward(x: Tensor): Tensor {
    return this.observe('out', this.body.forward(x).mul(2));
  }
}

const names = (seen: [string, Tensor][]) => seen.map(([name]) => name);

/** A probe that lists what it sees and passes it on. */
function listingProbe(seen: [string, Tensor][]): ActivationProbe {
  return {
    observe(name, out) {
      seen.push([name, out]);
      return out;
    },
  };
}

describe('Module.setProbe', () => {
  it('reports each Sequential layer and each observed output by its dotted path, values unchanged', () => {
    const g = new Generator(1);
    const net = new Net(g);
    const x = randn([5, 4], { generator: g });
    const plain = net.forward(x).tolist();
    const seen: [string, Tensor][] = [];
    net.setProbe(listingProbe(seen));
    expect(net.forward(x).tolist()).toEqual(plain);
    expect(names(seen)).toEqual(['body.0', 'body.1', 'out']);
    expect(seen[1]![1].gradFn).toBe('tanh');
  });

  it('stops reporting once removed', () => {
    const g = new Generator(2);
    const net = new Net(g);
    const seen: [string, Tensor][] = [];
    net.setProbe(listingProbe(seen));
    net.setProbe(null);
    net.forward(randn([2, 4], { generator: g }));
    expect(seen).toEqual([]);
  });

  it('lets a probe catch an output’s gradient with a zero leaf, leaving the parameters’ gradients as they were', () => {
    const g = new Generator(3);
    const net = new Net(g);
    const x = randn([5, 4], { generator: g });
    const backward = () =>
      tidy(() => {
        net.forward(x).pow(2).sum().backward();
      });
    backward();
    const plain = net.parameters().map((p) => p.grad!.tolist());
    for (const p of net.parameters()) p.zeroGrad();

    const catchers = new Map<string, Tensor>();
    const probe: ActivationProbe = {
      observe(name, out) {
        // Kept, or the forward's tidy scope would free it and its gradient.
        const zero = keep(zerosLike(out).requiresGrad_());
        catchers.set(name, zero);
        return out.add(zero);
      },
    };
    net.setProbe(probe);
    backward();
    net.setProbe(null);
    expect(net.parameters().map((p) => p.grad!.tolist())).toEqual(plain);
    // out = 2·tanh(...), loss = Σ out², so d loss / d out = 2·out and d loss / d tanh = 4·out.
    const out = net.forward(x);
    expect(catchers.get('out')!.grad!).toBeAllClose(out.mul(2));
    expect(catchers.get('body.1')!.grad!).toBeAllClose(out.mul(4));
  });
});
