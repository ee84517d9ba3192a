import { describe, expect, test } from 'vitest';
import { TrainingClient, type TrainingWorker } from './client.js';
import type { PageMessage, WorkerMessage } from './protocol.js';
import { TrainingDevices } from './training-devices.js';
import { TrainingHost } from './training-host.js';
import { tinyRequest, tinySweep } from './training-test-support.js';

/** A worker that runs the worker's host in this process, posting its messages asynchronously as a worker does. */
class InProcessWorker implements TrainingWorker {
  onmessage: ((event: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;
  readonly sent: PageMessage[] = [];
  readonly #host = new TrainingHost(
    (message) => setTimeout(() => this.onmessage?.({ data: message } as MessageEvent<WorkerMessage>)),
    new TrainingDevices({ crossOriginIsolated: false }),
  );

  postMessage(message: PageMessage): void {
    this.sent.push(message);
    setTimeout(() => this.#host.receive(message));
  }

  terminate(): void {
    this.terminated = true;
    // A terminated worker stops computing; end the in-process run likewise.
    void this.#host.receive({ type: 'stop' });
  }
}

const { type: _, ...request } = tinyRequest('mlp');
const longRequest = { ...request, recipe: { steps: 1_000_000, evalEvery: 1_000_000, batchSize: 8 } };

describe('TrainingClient', () => {
  test('trains to the done message, forwarding every message, and is idle again', async () => {
    const worker = new InProcessWorker();
    const client = new TrainingClient(() => worker);
    expect(client.state).toBe('idle');
    const seen: WorkerMessage['type'][] = [];
    const running = client.train(request, (m) => seen.push(m.type));
    expect(client.state).toBe('running');
    const done = await running;
    expect(done).toMatchObject({ type: 'done', stopped: false, steps: 4 });
    expect(seen[0]).toBe('device');
    expect(seen.at(-1)).toBe('done');
    expect(client.state).toBe('idle');
    expect(worker.sent[0]).toMatchObject({ type: 'train', model: 'mlp' });
  });

  test('one run at a time', async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    const first = client.train(request, () => {});
    await expect(client.train(request, () => {})).rejects.toThrow(
      'A training is already running; stop it before starting another.',
    );
    await first;
    // The same worker trains the next run.
    await expect(client.train(request, () => {})).resolves.toMatchObject({ type: 'done' });
  });

  test('running → paused → running → idle through pause, resume and stop', async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    let onNext: ((m: WorkerMessage) => void) | null = null;
    const next = (type: WorkerMessage['type']) =>
      new Promise<void>((resolve) => {
        onNext = (m) => {
          if (m.type === type) resolve();
        };
      });
    let stepped = next('step');
    const running = client.train(longRequest, (m) => onNext?.(m));
    await stepped;
    const paused = next('paused');
    client.pause();
    await paused;
    expect(client.state).toBe('paused');
    stepped = next('step');
    client.resume();
    await stepped;
    expect(client.state).toBe('running');
    client.stop();
    await expect(running).resolves.toMatchObject({ type: 'done', stopped: true });
    expect(client.state).toBe('idle');
  });

  test("rejects with the worker's sentence", async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    await expect(client.train({ ...request, model: 'nope' }, () => {})).rejects.toThrow(
      /^There is no model called 'nope'/,
    );
    expect(client.state).toBe('idle');
  });

  test('dispose terminates the worker and rejects the run in progress', async () => {
    const worker = new InProcessWorker();
    const client = new TrainingClient(() => worker);
    const running = client.train(longRequest, () => {});
    client.dispose();
    await expect(running).rejects.toThrow(/closed its training worker/);
    expect(worker.terminated).toBe(true);
    expect(client.state).toBe('idle');
  });

  test('a failing worker script rejects the run and a new worker is made next time', async () => {
    const workers: InProcessWorker[] = [];
    const client = new TrainingClient(() => {
      const worker = new InProcessWorker();
      workers.push(worker);
      return worker;
    });
    const running = client.train(longRequest, () => {});
    workers[0]!.onerror?.({ message: 'SyntaxError: bad chunk' } as ErrorEvent);
    await expect(running).rejects.toThrow(
      'The training worker failed (SyntaxError: bad chunk); reload the page and try again.',
    );
    expect(workers[0]!.terminated).toBe(true);
    await client.train(request, () => {});
    expect(workers).toHaveLength(2);
  });
});

describe('TrainingClient.findLearningRate', () => {
  const { type: __, ...sweep } = tinySweep('mlp');

  test('sweeps to the lr-find-done message, forwarding the progress, and is idle again', async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    const seen: WorkerMessage['type'][] = [];
    const running = client.findLearningRate(sweep, (m) => seen.push(m.type));
    expect(client.state).toBe('running');
    const done = await running;
    expect(done.type).toBe('lr-find-done');
    expect(done.result.points.length).toBeGreaterThan(1);
    expect(done.result.suggestion).not.toBeNull();
    expect(seen).toContain('lr-find-step');
    expect(seen.at(-1)).toBe('lr-find-done');
    expect(client.state).toBe('idle');
  });

  test('one run at a time, a sweep or a training', async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    const first = client.findLearningRate(sweep, () => {});
    await expect(client.train(request, () => {})).rejects.toThrow(
      'A learning-rate sweep is already running; stop it before starting another.',
    );
    await first;
    const training = client.train(request, () => {});
    await expect(client.findLearningRate(sweep, () => {})).rejects.toThrow(
      'A training is already running; stop it before starting another.',
    );
    await training;
  });

  test('stop ends the sweep with the points so far', async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    let stepped: () => void = () => {};
    const firstStep = new Promise<void>((resolve) => {
      stepped = resolve;
    });
    const running = client.findLearningRate({ ...sweep, steps: 1_000_000, to: 1.0001 }, (m) => {
      if (m.type === 'lr-find-step') stepped();
    });
    await firstStep;
    client.stop();
    const done = await running;
    expect(done.result.stopped).toBe('cancelled');
    expect(done.result.points.length).toBeGreaterThan(0);
    expect(client.state).toBe('idle');
  });

  test("rejects with the worker's sentence", async () => {
    const client = new TrainingClient(() => new InProcessWorker());
    await expect(client.findLearningRate({ ...sweep, model: 'bigram' }, () => {})).rejects.toThrow(
      /^The bigram model is counted/,
    );
    expect(client.state).toBe('idle');
  });
});
