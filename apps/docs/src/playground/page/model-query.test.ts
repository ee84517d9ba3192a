import { describe, expect, it } from 'vitest';
import { modelFromQuery } from './model-query.js';

const models = ['bigram', 'mlp', 'wavenet'];

describe('modelFromQuery', () => {
  it('preselects the model the URL names', () => {
    expect(modelFromQuery('?model=wavenet', models)).toEqual({ model: 'wavenet', note: '' });
  });

  it('opens the fallback without a note when the URL names none', () => {
    expect(modelFromQuery('', models)).toEqual({ model: 'mlp', note: '' });
    expect(modelFromQuery('?model=', models)).toEqual({ model: 'mlp', note: '' });
  });

  it('falls back with a note naming the unknown model and the choices', () => {
    const { model, note } = modelFromQuery('?model=gpt5', models);
    expect(model).toBe('mlp');
    expect(note).toContain("'gpt5'");
    expect(note).toContain('bigram, mlp, wavenet');
  });
});
