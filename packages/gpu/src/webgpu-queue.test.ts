import type { IKernelRunShortcut } from 'gpu.js';
import * as gpujs from 'gpu.js';
import { describe, expect, test } from 'vitest';
import { WebGpuQueue, WebGpuValue } from './webgpu-queue.js';

// The queue is tested against stand-ins for gpu.js's WebGPU kernels that behave as its
// WebGPUKernel does: the first run compiles asynchronously and then runs; a compiled kernel
// submits synchronously and answers with an already-resolved promise of a buffer handle.
// The real kernels run in Chromium in browser.test.ts.

type Handle = { buffer: FakeBuffer; delete(): void };
type HandleClass = new (s: object) => Handle;
const BufferResult = (gpujs as unknown as { WebGPUBufferResult: HandleClass }).WebGPUBufferResult;

interface FakeBuffer {
  readonly id: number;
  _refs: number;
  destroy(): void;
}

class FakeDevice {
  readonly log: string[] = [];
  readonly destroyed: number[] = [];
  private next = 0;

  /** A kernel named `name` whose compile takes `compileMs` (or fails with `fail`). */
  kernel(name: string, compileMs: number, fail?: string): IKernelRunShortcut {
    const inner = { built: false, outputBuffer: null as FakeBuffer | null, output: [4], context: {} };
    const run = (args: unknown[]): Handle => {
      // As gpu.js's immutable pipeline kernels: each run drops the kernel's reference to the last
      // output and writes a fresh buffer.
      const last = inner.outputBuffer;
      if (last && --last._refs === 0) last.destroy();
      const id = ++this.next;
      inner.outputBuffer = { id, _refs: 1, destroy: () => this.destroyed.push(id) };
      const reads = args.map((a) => (a instanceof BufferResult ? `#${a.buffer.id}` : String(a)));
      this.log.push(`${name}(${reads.join(', ')}) -> #${id}`);
      return new BufferResult({
        buffer: inner.outputBuffer,
        output: [4],
        context: inner.context,
        kernel: inner,
      });
    };
    const shortcut = (...args: unknown[]) => {
      if (inner.built) return Promise.resolve(run(args));
      return new Promise((resolve) => setTimeout(resolve, compileMs)).then(() => {
        if (fail) throw new Error(fail);
        inner.built = true;
        return run(args);
      });
    };
    return Object.assign(shortcut, { kernel: inner }) as unknown as IKernelRunShortcut;
  }
}

describe('WebGpuQueue', () => {
  test('launches wait for their kernels to compile and run in the order the ops ran', async () => {
    const device = new FakeDevice();
    const queue = new WebGpuQueue();
    const slow = device.kernel('slow', 20);
    const fast = device.kernel('fast', 1);
    const a = new WebGpuValue();
    const b = new WebGpuValue();
    queue.launch(slow, [new Float32Array(4)], a);
    queue.launch(fast, [a, 2], b);
    expect(a.handle).toBeNull();
    await queue.idle();
    expect(device.log).toEqual(['slow(0,0,0,0) -> #1', 'fast(#1, 2) -> #2']);
    expect((b.handle?.buffer as FakeBuffer | undefined)?.id).toBe(2);
  });

  test('a compiled kernel with nothing queued before it is submitted at once', async () => {
    const device = new FakeDevice();
    const queue = new WebGpuQueue();
    const k = device.kernel('k', 1);
    queue.launch(k, [1], new WebGpuValue());
    await queue.idle();
    const out = new WebGpuValue();
    queue.launch(k, [2], out);
    expect((out.handle?.buffer as FakeBuffer | undefined)?.id).toBe(2);
    expect(device.log).toEqual(['k(1) -> #1', 'k(2) -> #2']);
  });

  test('a freed value keeps its buffer until the launches queued before the free have read it', async () => {
    const device = new FakeDevice();
    const queue = new WebGpuQueue();
    const producer = device.kernel('producer', 1);
    queue.launch(producer, [0], new WebGpuValue());
    await queue.idle();
    const x = new WebGpuValue();
    queue.launch(producer, [1], x); // compiled: buffer #2 exists now
    const reader = device.kernel('reader', 10);
    const y = new WebGpuValue();
    queue.launch(reader, [x], y); // waits for its compile
    queue.free(x);
    expect(device.destroyed).not.toContain(2);
    await queue.idle();
    expect(device.log.at(-1)).toBe('reader(#2) -> #3');
    // producer's next run drops the kernel's own reference; the free already dropped ours.
    queue.launch(producer, [3], new WebGpuValue());
    expect(device.destroyed).toContain(2);
    expect(x.handle).toBeNull();
  });

  test('a failed compile stops the queue: later launches and readbacks throw it', async () => {
    const device = new FakeDevice();
    const queue = new WebGpuQueue();
    const broken = device.kernel('broken', 1, 'WGSL: no such function');
    const after = device.kernel('after', 1);
    queue.launch(broken, [1], new WebGpuValue());
    queue.launch(after, [2], new WebGpuValue());
    const message =
      'gpu.js webgpu: an earlier kernel failed, so no later result can be trusted: WGSL: no such function';
    await expect(queue.idle()).rejects.toThrow(message);
    expect(() => queue.launch(after, [3], new WebGpuValue())).toThrow(message);
    expect(device.log).toEqual([]);
  });
});
