import { vi } from 'vitest';
import { testReadmeExample } from '../../../../tests/support/readme-example.js';

// The quick start trains an MLP for a few thousand steps: allow for a busy machine.
vi.setConfig({ testTimeout: 60_000 });

testReadmeExample(
  new URL('./quick-start.ts', import.meta.url),
  '@makemore/train',
  () => import('./quick-start.js'),
);
