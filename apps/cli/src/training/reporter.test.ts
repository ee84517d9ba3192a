import { PassThrough } from 'node:stream';
import type { StepEvent } from '@makemore/train';
import { describe, expect, it } from 'vitest';
import { PROGRESS_LINE_INTERVAL_MS, progressLines } from './reporter.js';

const step = (n: number): StepEvent => ({
  event: 'step',
  step: n,
  loss: 2.5,
  lr: 0.1,
  seconds: n / 10,
  stepsPerSecond: 10,
});

describe('progressLines', () => {
  it('writes the first step, then one line per interval, and always the last step', () => {
    const stream = new PassThrough();
    let text = '';
    stream.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    let clock = 0;
    const write = progressLines(stream, () => clock);
    for (let n = 10; n <= 1000; n += 10) {
      write(step(n), 1000);
      clock += 1000; // one second per 10 steps
    }
    const lines = text.trim().split('\n');
    // Steps 10, 110, ..., 910 (every 10 s of the fake clock), then 1,000 as the run ends.
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('step 10/1,000 | loss 2.5000 | 10.0 steps/s | ETA 1 min 39 s');
    expect(lines[1]).toMatch(/^step 110\/1,000 /);
    expect(lines.at(-1)).toBe('step 1,000/1,000 | loss 2.5000 | 10.0 steps/s');
    expect(PROGRESS_LINE_INTERVAL_MS).toBe(10_000);
  });
});
