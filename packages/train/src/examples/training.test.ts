import { vi } from 'vitest';
import { testReadmeExample } from '../../../../tests/support/readme-example.js';

// The README's Training section trains for a few hundred steps: allow for a busy machine.
vi.setConfig({ testTimeout: 30_000 });

testReadmeExample(
  new URL('./training.ts', import.meta.url),
  '@makemore/train',
  () => import('./training.js'),
);
