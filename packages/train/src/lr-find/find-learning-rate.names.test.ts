import { existsSync, readFileSync } from 'node:fs';
import { parseItems } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { findLearningRate } from './find-learning-rate.js';

// names.txt lives outside the repository, at ../shared/data/names.txt from its root (never committed);
// in CI a missing file fails the test rather than skipping it.
const NAMES_FILE = new URL('../../../../../shared/data/names.txt', import.meta.url);

describe.skipIf(!existsSync(NAMES_FILE) && process.env.CI !== 'true')(
  'the lecture’s sweep on names.txt',
  () => {
    test('suggests a rate between 0.03 and 0.3 for the part-2 MLP (the lecture picks 0.1)', async () => {
      const { items } = parseItems(readFileSync(NAMES_FILE, 'utf8'));
      // The lecture's MLP and sweep: blockSize 3, nEmbd 10, nHidden 200, batch 32, 10^-3 to 10^0 in 1,000 steps.
      const result = await findLearningRate({
        model: 'mlp',
        items,
        hyperparameters: { blockSize: 3, nEmbd: 10, nHidden: 200 },
        batchSize: 32,
        from: 1e-3,
        to: 1,
        steps: 1000,
      });
      expect(result.stopped).toBe('done');
      expect(result.points).toHaveLength(1000);
      expect(result.suggestion!.lr).toBeGreaterThan(0.03);
      expect(result.suggestion!.lr).toBeLessThan(0.3);
      // The loss fell: the suggestion lies on the way down to the minimum.
      expect(result.suggestion!.smoothed).toBeGreaterThan(result.minimum!.smoothed);
      expect(result.minimum!.smoothed).toBeLessThan(result.points[0]!.smoothed / 2);
    });
  },
);
