import { describe, expect, it } from 'vitest';
import { DataError } from './errors.js';

describe('DataError', () => {
  it('is an Error with a name, a code, a message and an optional cause', () => {
    const cause = new Error('socket hang up');
    const error = new DataError('DOWNLOAD_FAILED', 'Could not download it; try again.', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(DataError);
    expect(error.name).toBe('DataError');
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toBe('Could not download it; try again.');
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('DataError: Could not download it; try again.');
  });
});
