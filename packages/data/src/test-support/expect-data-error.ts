import { expect } from 'vitest';
import type { DataError, DataErrorCode } from '../errors.js';

/**
 * Runs `fn`, expects it to throw a {@link DataError} with `code`, and checks the message: equal to a
 * string, or matching a regular expression. Returns the error for further checks.
 */
export function expectDataError(fn: () => unknown, code: DataErrorCode, message: string | RegExp): DataError {
  let caught: unknown;
  try {
    fn();
  } catch (error) {
    caught = error;
  }
  return checkError(caught, code, message);
}

/** {@link expectDataError} for a function that returns a promise. */
export async function expectDataErrorAsync(
  fn: () => Promise<unknown>,
  code: DataErrorCode,
  message: string | RegExp,
): Promise<DataError> {
  let caught: unknown;
  try {
    await fn();
  } catch (error) {
    caught = error;
  }
  return checkError(caught, code, message);
}

function checkError(caught: unknown, code: DataErrorCode, message: string | RegExp): DataError {
  // Checked by name rather than instanceof: the bigram tests get DataError from the built package
  // (dist), while this helper imports it from src, and those are two different classes.
  expect(caught, 'expected a DataError to be thrown').toBeInstanceOf(Error);
  const error = caught as DataError;
  expect(error.name).toBe('DataError');
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  return error;
}
