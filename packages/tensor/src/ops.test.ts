import { describe, expect, test } from 'vitest';
import type { OpName } from './ops/attrs.js';
import { OP_NAMES, OPS } from './ops/registry.js';
import { Generator } from './random.js';
import { tidy } from './scope.js';
import type { Tensor } from './tensor.js';
import { DOMAINS } from './test-support/domains.js';
import { gradcheck } from './testing/index.js';

/** Op names recorded in the graph that produced `t`. */
function opsInGraph(t: Tensor): Set<OpName> {
  const seen = new Set<OpName>();
  const stack = [t];
  const visited = new Set<Tensor>();
  while (stack.length) {
    const x = stack.pop()!;
    if (visited.has(x)) continue;
    visited.add(x);
    if (x.node) {
      seen.add(x.node.op);
      stack.push(...x.node.inputs);
    }
  }
  return seen;
}

describe('op table', () => {
  test('every op in the table has a gradcheck domain or is declared not differentiable', () => {
    for (const name of OP_NAMES) {
      const domain = DOMAINS[name];
      expect(domain, `op '${name}' has no entry in test-support/domains.ts`).toBeDefined();
      if (OPS[name].backward === null) {
        expect(domain, `op '${name}' has no backward rule, so its domain must say 'not-differentiable'`).toBe(
          'not-differentiable',
        );
      } else {
        expect(
          Array.isArray(domain) && domain.length > 0,
          `op '${name}' needs at least one gradcheck case`,
        ).toBe(true);
      }
    }
    expect(Object.keys(DOMAINS).sort()).toEqual([...OP_NAMES].sort());
  });

  for (const name of OP_NAMES) {
    const domain = DOMAINS[name];
    if (domain === 'not-differentiable') continue;
    describe(`gradcheck ${name}`, () => {
      domain.forEach((c, i) => {
        test(c.name, () => {
          const g = new Generator(1000 + i);
          tidy(() => {
            const inputs = c.inputs(g);
            const out = c.fn(...inputs);
            expect(opsInGraph(out).has(name), `case '${c.name}' does not run op '${name}'`).toBe(true);
            const res = gradcheck(c.fn, inputs);
            expect(res.ok).toBe(true);
            expect(res.checked).toBeGreaterThan(0);
            for (const x of inputs) x.dispose();
          });
        });
      });
    });
  }
});
