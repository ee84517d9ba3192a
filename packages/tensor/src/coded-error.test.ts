import { describe, expect, it } from 'vitest';
import { CodedError } from './coded-error.js';

class ExampleError extends CodedError<'EMPTY' | 'TOO_LONG'> {
  override name = 'ExampleError';
}

describe('CodedError', () => {
  it('carries the code and message, and its subclass names itself', () => {
    const error = new ExampleError('EMPTY', 'The file has no lines; give one item per line.');
    expect(error).toBeInstanceOf(ExampleError);
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe('EMPTY');
    expect(error.name).toBe('ExampleError');
    expect(String(error)).toBe('ExampleError: The file has no lines; give one item per line.');
    expect(error.stack?.split('\n')[0]).toBe(String(error));
  });
});
