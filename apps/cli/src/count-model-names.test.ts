import * as train from '@makemore/train';
import { expect, test } from 'vitest';
import * as help from './count-model-names.js';

test("--help's names of the count models are the library's", () => {
  expect(help.COUNT_BIGRAM).toBe(train.COUNT_BIGRAM);
  expect(help.COUNT_NGRAM).toBe(train.COUNT_NGRAM);
  expect(help.DEFAULT_NGRAM_ORDER).toBe(train.DEFAULT_NGRAM_ORDER);
  expect([help.COUNT_BIGRAM, help.COUNT_NGRAM]).toEqual(train.COUNT_MODELS);
});
