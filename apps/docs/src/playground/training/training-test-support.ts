import { SIXTY_NAMES } from '../../../../../packages/data/src/test-support/short-names.js';
import type { LrFindRequest, TrainRequest, WorkerMessage } from './protocol.js';

// Shared by the training tests: a tiny dataset and a request that trains in a few milliseconds.

/** Sixty short names as pasted lines: enough for a split with every part non-empty. */
export const TINY_NAMES = SIXTY_NAMES.join('\n');

/**
 * A request for `model` on {@link TINY_NAMES}: 4 steps of batch 8, evaluated every 2, on the CPU.
 *
 * @param model - the model to train
 * @param changes - fields to change
 */
export function tinyRequest(model: string, changes: Partial<TrainRequest> = {}): TrainRequest {
  return {
    type: 'train',
    model,
    hyperparameters: {},
    recipe: { steps: 4, evalEvery: 2, batchSize: 8 },
    data: { kind: 'lines', text: TINY_NAMES },
    seed: 7,
    device: 'cpu',
    threads: 1,
    samples: 3,
    ...changes,
  };
}

/**
 * A learning-rate sweep of `model` on {@link TINY_NAMES}: 60 steps of batch 8 from 1e-3 to 10 (wide
 * enough that the loss falls, bottoms out and blows up within the sweep), on the CPU.
 *
 * @param model - the model to sweep
 * @param changes - fields to change
 */
export function tinySweep(model: string, changes: Partial<LrFindRequest> = {}): LrFindRequest {
  return {
    type: 'lr-find',
    model,
    hyperparameters: {},
    data: { kind: 'lines', text: TINY_NAMES },
    seed: 7,
    from: 1e-3,
    to: 10,
    steps: 60,
    batchSize: 8,
    device: 'cpu',
    threads: 1,
    ...changes,
  };
}

/** The messages of one type (`WorkerMessage & { type }`, as `paused` and `resumed` share one interface). */
export type MessageOf<T extends WorkerMessage['type']> = WorkerMessage & { type: T };

/** Collects posted messages and resolves when one of a type arrives. */
export class MessageLog {
  readonly messages: WorkerMessage[] = [];
  readonly #waiting: { type: WorkerMessage['type']; resolve: (m: WorkerMessage) => void }[] = [];

  /** Records a message (pass as the `post` callback). */
  readonly post = (message: WorkerMessage): void => {
    this.messages.push(message);
    for (const waiter of this.#waiting.filter((w) => w.type === message.type)) {
      this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
      waiter.resolve(message);
    }
  };

  /** The types posted so far, in order. */
  get types(): WorkerMessage['type'][] {
    return this.messages.map((m) => m.type);
  }

  /** Messages of one type. */
  of<T extends WorkerMessage['type']>(type: T): MessageOf<T>[] {
    return this.messages.filter((m): m is MessageOf<T> => m.type === type);
  }

  /** Resolves with the next message of `type` (the next one posted from now on). */
  next<T extends WorkerMessage['type']>(type: T): Promise<MessageOf<T>> {
    return new Promise((resolve) => {
      this.#waiting.push({ type, resolve: resolve as (m: WorkerMessage) => void });
    });
  }
}
