import type { LrFindRequest, TrainRequest } from './protocol.js';

/** What the worker runs, one at a time: a training or a learning-rate sweep (the request's `type`). */
export type RunKind = (TrainRequest | LrFindRequest)['type'];

/**
 * The sentence for a request that arrives while a run of `kind` is going (the page's client and the
 * worker's host both refuse it).
 *
 * @param kind - what is running
 */
export function alreadyRunning(kind: RunKind): string {
  const what = kind === 'train' ? 'A training' : 'A learning-rate sweep';
  return `${what} is already running; stop it before starting another.`;
}
