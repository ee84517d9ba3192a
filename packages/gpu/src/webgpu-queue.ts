import type { IKernelRunShortcut, KernelVariable } from 'gpu.js';
import * as gpujs from 'gpu.js';

/** gpu.js's handle to a WebGPU storage buffer a pipeline kernel wrote (its typings leave it out). */
export interface WebGpuBufferHandle {
  readonly type: 'WebGPUBuffer';
  readonly buffer: { readonly size: number };
  /** Reads the buffer back (`mapAsync`): a Float32Array for a 1-D output. */
  toArray(): Promise<Float32Array | number[]>;
  /** Drops this handle's reference; the buffer is destroyed when the last one goes. */
  delete(): void;
}

interface WebGpuKernelInternals {
  readonly built: boolean;
  readonly outputBuffer: unknown;
  readonly output: number[];
  readonly context: unknown;
}

type HandleClass = new (settings: {
  buffer: unknown;
  output: number[];
  componentCount: number;
  context: unknown;
  kernel: unknown;
}) => WebGpuBufferHandle;

const BufferResult = (gpujs as unknown as { WebGPUBufferResult: HandleClass }).WebGPUBufferResult;

/**
 * A result of a WebGPU kernel: filled in when its launch has been submitted, which is at once when
 * the kernel is compiled and nothing is waiting before it, and later otherwise.
 */
export class WebGpuValue {
  /** The storage buffer, once the launch has run; null before, and after it was freed. */
  handle: WebGpuBufferHandle | null = null;
}

/** One kernel launch as queued: the operands were taken when the op ran, so later writes do not reach it. */
interface QueuedLaunch {
  readonly kind: 'launch';
  readonly kernel: IKernelRunShortcut;
  readonly args: readonly (WebGpuValue | Float32Array | number)[];
  readonly out: WebGpuValue;
}

type Job = QueuedLaunch | { readonly kind: 'free'; readonly value: WebGpuValue };

/**
 * Orders WebGPU work for the synchronous tensor kernels.
 *
 * gpu.js compiles a WebGPU kernel asynchronously (the adapter, the device and the pipeline are all
 * promises), but once compiled a launch is recorded and submitted synchronously, and WebGPU runs
 * submissions in order. So a launch whose kernel is ready and that has nothing queued before it is
 * submitted at once; any other waits in a queue that a single drain loop empties in order, awaiting
 * each compile. Frees join the same queue, so a buffer is never destroyed before the launches that
 * read it. Readbacks wait for the queue to empty ({@link WebGpuQueue.idle}).
 *
 * A failure (a shader gpu.js cannot translate, a lost device) is sticky: every later launch and
 * readback throws it, since the values after it would be wrong.
 */
export class WebGpuQueue {
  private readonly jobs: Job[] = [];
  private draining: Promise<void> | null = null;
  private failure: Error | null = null;

  /** Queues (or submits at once) a launch of `kernel` on `args`; `out` receives the result. */
  launch(
    kernel: IKernelRunShortcut,
    args: readonly (WebGpuValue | Float32Array | number)[],
    out: WebGpuValue,
  ): void {
    this.throwIfFailed();
    const job: QueuedLaunch = { kind: 'launch', kernel, args, out };
    if (this.jobs.length === 0 && internals(kernel).built) this.submit(job);
    else this.enqueue(job);
  }

  /** Releases a value's buffer once every launch queued before now has run. */
  free(value: WebGpuValue): void {
    if (this.jobs.length === 0) release(value);
    else this.enqueue({ kind: 'free', value });
  }

  /** Resolves when everything queued so far has been submitted; rejects with the sticky failure. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
    this.throwIfFailed();
  }

  /** Throws the failure that stopped the queue, if any. */
  throwIfFailed(): void {
    if (this.failure) {
      throw new Error(
        `gpu.js webgpu: an earlier kernel failed, so no later result can be trusted: ${this.failure.message}`,
      );
    }
  }

  private enqueue(job: Job): void {
    this.jobs.push(job);
    this.draining ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        const job = this.jobs[0]!;
        if (job.kind === 'free') release(job.value);
        else if (internals(job.kernel).built) this.submit(job);
        else job.out.handle = (await job.kernel(...resolveArgs(job.args))) as unknown as WebGpuBufferHandle;
        this.jobs.shift();
      }
    } catch (e) {
      this.failure = e instanceof Error ? e : new Error(String(e));
      this.jobs.length = 0;
    } finally {
      this.draining = null;
    }
  }

  /**
   * Submits a launch of a compiled kernel. gpu.js records and submits it before it returns and hands
   * the result over in a promise; the handle is built here from the kernel's fresh output buffer so the
   * next op can bind it now, and the promise's own handle is dropped.
   */
  private submit(job: QueuedLaunch): void {
    const pending = job.kernel(...resolveArgs(job.args)) as unknown as Promise<WebGpuBufferHandle>;
    const inner = internals(job.kernel);
    job.out.handle = new BufferResult({
      buffer: inner.outputBuffer,
      output: Array.from(inner.output),
      componentCount: 1,
      context: inner.context,
      kernel: inner,
    });
    pending.then(
      (handle) => handle.delete(),
      (e: unknown) => {
        this.failure ??= e instanceof Error ? e : new Error(String(e));
      },
    );
  }
}

function internals(kernel: IKernelRunShortcut): WebGpuKernelInternals {
  return kernel.kernel as unknown as WebGpuKernelInternals;
}

function resolveArgs(args: readonly (WebGpuValue | Float32Array | number)[]): KernelVariable[] {
  return args.map((a) => {
    if (!(a instanceof WebGpuValue)) return a;
    if (a.handle === null)
      throw new Error('gpu.js webgpu: a kernel read a buffer that was already released.');
    return a.handle as unknown as KernelVariable;
  });
}

function release(value: WebGpuValue): void {
  value.handle?.delete();
  value.handle = null;
}
