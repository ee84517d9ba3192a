import { expect, test } from 'vitest';
import { argv } from './argv.js';

test('argv splits the text at whitespace and keeps each value one argument, an array its elements', () => {
  const out = '/tmp/a model';
  const quick = ['--steps', '20'];
  expect(argv`train --model mlp --out ${out} ${quick}`).toEqual([
    'train',
    '--model',
    'mlp',
    '--out',
    out,
    '--steps',
    '20',
  ]);
  expect(argv`  ${out}  `).toEqual([out]);
  expect(argv`a ${''} b`).toEqual(['a', '', 'b']);
});

test('argv refuses a value that touches the text beside it', () => {
  expect(() => argv`--out=${'m'}`).toThrow("argv: put a space between '--out=' and the value beside it.");
  expect(() => argv`--out ${'m'}x`).toThrow("argv: put a space between 'x' and the value beside it.");
});
