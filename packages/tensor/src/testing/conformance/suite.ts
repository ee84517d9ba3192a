import type { Backend } from '../../index.js';
import { conformanceCases } from './cases.js';
import { type ConformanceCheckOptions, checkConformanceCase, checkMlpConformance } from './check.js';

/**
 * The parts of a test runner the suite registers its tests with: vitest's `describe`, `test` and
 * `expect` fit (as do jest's), so this module needs no runner of its own.
 */
export interface ConformanceRunner {
  /** Opens a group of tests. */
  describe(name: string, body: () => void): void;
  /** Registers one test. */
  test(name: string, body: () => Promise<void>): void;
  /** Asserts; the suite only asks for `toEqual([])` on a list of problems. */
  expect(actual: unknown, message?: string): { toEqual(expected: unknown): void };
}

/** Options of {@link runBackendConformance}. */
export interface ConformanceOptions<B extends Backend = Backend> extends ConformanceCheckOptions<B> {
  /** Name of the group of tests (default `backend conformance`). */
  title?: string | undefined;
  /** Run only the first case of each op, for a slow backend (default false). */
  firstPerOp?: boolean | undefined;
}

/**
 * Registers the backend conformance suite: every primitive op's cases (outputs and gradients), a
 * few composites and two MLP training steps, each compared with the reference backend (the CPU
 * backend unless given), and each checked to leave no buffer alive. Reads back with `dataSync`
 * where the backend can and `await data()` where it cannot. The backend is made on the first test.
 *
 * @example
 * ```ts
 * // In a vitest file: `import { describe, expect, test } from 'vitest';` and then
 * // runBackendConformance(() => new MyBackend(), { describe, test, expect });
 * // Any runner with those three fits; this one only lists the tests it is handed.
 * const names: string[] = [];
 * runBackendConformance(() => new AsyncReadbackBackend(), {
 *   describe: (_title, body) => body(),
 *   test: (name) => void names.push(name),
 *   expect: () => ({ toEqual: () => {} }),
 * });
 * names[0]; // 'neg: [3, 4]'
 * ```
 */
export function runBackendConformance<B extends Backend>(
  makeBackend: () => B,
  runner: ConformanceRunner,
  options: ConformanceOptions<B> = {},
): void {
  let backend: B | undefined;
  const get = (): B => {
    backend ??= makeBackend();
    return backend;
  };
  runner.describe(options.title ?? 'backend conformance', () => {
    for (const entry of conformanceCases({ firstPerOp: options.firstPerOp })) {
      runner.test(entry.name, async () => {
        runner.expect(await checkConformanceCase(entry, get(), options), entry.name).toEqual([]);
      });
    }
    runner.test('two MLP training steps (batch 32, block 3, n_embd 10, hidden 200, vocab 27)', async () => {
      runner.expect(await checkMlpConformance(get(), options)).toEqual([]);
    });
  });
}
