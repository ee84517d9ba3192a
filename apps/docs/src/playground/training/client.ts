import type {
  DoneMessage,
  LrFindDoneMessage,
  LrFindRequest,
  PageMessage,
  TrainRequest,
  WorkerMessage,
} from './protocol.js';
import { alreadyRunning, type RunKind } from './run-kind.js';

/** What {@link TrainingClient} needs of a worker: a `Worker`, or a test's stand-in. */
export interface TrainingWorker {
  postMessage(message: PageMessage): void;
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

/** Where the client's run (a training or a sweep) is: none, running, or held by Pause (as the worker confirmed). */
export type TrainingState = 'idle' | 'running' | 'paused';

/** The messages that end a run well: `done` for a training, `lr-find-done` for a sweep. */
type EndMessage = DoneMessage | LrFindDoneMessage;

interface PendingRun {
  /** What is running, for the sentence when another run is asked for. */
  kind: RunKind;
  onMessage: (message: WorkerMessage) => void;
  resolve: (end: EndMessage) => void;
  reject: (error: Error) => void;
}

const END_OF: Record<PendingRun['kind'], EndMessage['type']> = { train: 'done', 'lr-find': 'lr-find-done' };

/** The module worker that trains (bundled as an ES module chunk; see the site's vite `worker.format`). */
function createTrainingWorker(): TrainingWorker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

/**
 * The page's side of the training worker: starts one run at a time (a training or a learning-rate
 * sweep), forwards the worker's messages, and turns the end of the run into a promise (its `done` or
 * `lr-find-done` message, or an Error with the worker's sentence). The worker is created on the first {@link TrainingClient.train} and kept for later runs,
 * so backends and compiled kernels are reused.
 */
export class TrainingClient {
  readonly #createWorker: () => TrainingWorker;
  #worker: TrainingWorker | null = null;
  #run: PendingRun | null = null;
  #state: TrainingState = 'idle';

  /**
   * @param createWorker - makes the worker (default: the playground's module worker); tests pass a fake
   */
  constructor(createWorker: () => TrainingWorker = createTrainingWorker) {
    this.#createWorker = createWorker;
  }

  /** Whether a run (a training or a sweep) is going, paused, or there is none. */
  get state(): TrainingState {
    return this.#state;
  }

  /**
   * Trains one model in the worker.
   *
   * @param request - model, hyperparameters, recipe, data, seed, device, threads and samples
   * @param onMessage - receives every message of the run, `done` and `error` included
   * @returns the `done` message, with the model directory's files
   * @throws Error (the promise rejects) with the worker's sentence when the run fails, when a run is
   *   already going, or when the worker itself fails or is disposed
   */
  train(
    request: Omit<TrainRequest, 'type'>,
    onMessage: (message: WorkerMessage) => void,
  ): Promise<DoneMessage> {
    return this.#start({ ...request, type: 'train' }, onMessage) as Promise<DoneMessage>;
  }

  /**
   * Runs the part-2 lecture's learning-rate sweep in the worker (`makemore lr-find`'s code). Pause,
   * Resume and Stop control it as they control a training; Stop ends it with the points so far.
   *
   * @param request - model, hyperparameters, data, seed, the range and steps, device and threads
   * @param onMessage - receives every message of the sweep, `lr-find-done` and `error` included
   * @returns the `lr-find-done` message, with the points and the suggested rate
   * @throws Error (the promise rejects) with the worker's sentence when the sweep fails, when a run is
   *   already going, or when the worker itself fails or is disposed
   */
  findLearningRate(
    request: Omit<LrFindRequest, 'type'>,
    onMessage: (message: WorkerMessage) => void,
  ): Promise<LrFindDoneMessage> {
    return this.#start({ ...request, type: 'lr-find' }, onMessage) as Promise<LrFindDoneMessage>;
  }

  /** Asks the run to hold after its current step; {@link TrainingClient.state} turns `paused` when it does. */
  pause(): void {
    if (this.#state === 'running') this.#worker?.postMessage({ type: 'pause' });
  }

  /** Lets a paused run go on (or cancels a pause not yet reached). */
  resume(): void {
    if (this.#state !== 'idle') this.#worker?.postMessage({ type: 'resume' });
  }

  /** Ends the run after its current step, paused or not; it resolves with `stopped: true` and the weights so far. */
  stop(): void {
    if (this.#state !== 'idle') this.#worker?.postMessage({ type: 'stop' });
  }

  /** Terminates the worker; a run in progress rejects. A later {@link TrainingClient.train} starts a new worker. */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#finish()?.reject(
      new Error('The training was cancelled: the playground closed its training worker.'),
    );
  }

  #start(
    request: TrainRequest | LrFindRequest,
    onMessage: (message: WorkerMessage) => void,
  ): Promise<EndMessage> {
    if (this.#run !== null) return Promise.reject(new Error(alreadyRunning(this.#run.kind)));
    const worker = this.#ensureWorker();
    return new Promise<EndMessage>((resolve, reject) => {
      this.#run = { kind: request.type, onMessage, resolve, reject };
      this.#state = 'running';
      worker.postMessage(request);
    });
  }

  #ensureWorker(): TrainingWorker {
    if (this.#worker) return this.#worker;
    const worker = this.#createWorker();
    worker.onmessage = (event) => this.#receive(event.data);
    worker.onerror = (event) => {
      // The worker's script failed (not a training error, which arrives as a message): start afresh next time.
      event.preventDefault?.();
      worker.terminate();
      if (this.#worker === worker) this.#worker = null;
      const why = event.message ? ` (${event.message})` : '';
      this.#finish()?.reject(new Error(`The training worker failed${why}; reload the page and try again.`));
    };
    this.#worker = worker;
    return worker;
  }

  #receive(message: WorkerMessage): void {
    const run = this.#run;
    if (run === null) return;
    if (message.type === 'paused') this.#state = 'paused';
    else if (message.type === 'resumed') this.#state = 'running';
    run.onMessage(message);
    if (message.type === END_OF[run.kind]) this.#finish()?.resolve(message as EndMessage);
    else if (message.type === 'error') this.#finish()?.reject(new Error(message.message));
  }

  /** Ends the current run's bookkeeping and returns it. */
  #finish(): PendingRun | null {
    const run = this.#run;
    this.#run = null;
    this.#state = 'idle';
    return run;
  }
}
