import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { loadModelDirectory } from './load-model.js';
import { resumeTrainingRun } from './loop/training-run.js';
import { smallNames } from './test-support/fixtures.js';

/** What `fn` threw, checked to be a CheckpointError. */
function thrown(fn: () => unknown): CheckpointError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('expected a CheckpointError');
}

// Plain JavaScript callers may pass a path, where TypeScript would have refused it.
const asFiles = (value: unknown) => value as ReadonlyMap<string, Uint8Array>;

describe('the files of a model directory', () => {
  it('explains that loadModelDirectory takes the files, not a path', () => {
    const error = thrown(() => loadModelDirectory(asFiles('runs/m')));
    expect(error.code).toBe('BAD_ARGUMENT');
    expect(error.message).toBe(
      "loadModelDirectory takes the directory's files as a Map of file name → bytes, not a path ('runs/m'); in Node, read them with readModelDirectory('runs/m') from '@makemore/train/node'.",
    );
  });

  it('explains the same for resumeTrainingRun and a missing argument', async () => {
    const { split, data } = await smallNames(50);
    const error = thrown(() => resumeTrainingRun(asFiles('runs/m'), { split, data }));
    expect(error.message).toMatch(/^resumeTrainingRun takes the directory's files as a Map/);
    expect(thrown(() => loadModelDirectory(asFiles(undefined))).message).toContain('not undefined;');
  });

  it('says where a missing file comes from in library terms, not CLI flags', () => {
    const error = thrown(() => loadModelDirectory(new Map()));
    expect(error.code).toBe('MISSING_FILE');
    expect(error.message).toBe(
      'The model directory has no config.json; pass the files a training run saved (the `save` callback of `TrainingRun.train`) or that `encodeModelDirectory` returned.',
    );
    expect(error.message).not.toContain('makemore');
  });
});
