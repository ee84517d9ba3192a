import { describe, expect, test } from 'vitest';
import {
  array,
  boolean,
  describe as describeValue,
  nullable,
  number,
  object,
  optional,
  pair,
  positiveInteger,
  SchemaIssue,
  string,
} from './check.js';

function problemOf(fn: () => unknown): { where: string; problem: string } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(SchemaIssue);
    return { where: (error as SchemaIssue).where, problem: (error as SchemaIssue).problem };
  }
  throw new Error('expected a SchemaIssue');
}

describe('schema checks', () => {
  test('optional marks a copy, not the check it wraps', () => {
    const shape = object({ a: optional(boolean), b: boolean });
    expect(boolean.optional).toBeUndefined();
    expect(shape({ b: true }, [])).toEqual({ b: true });
    expect(problemOf(() => shape({ a: true }, []))).toEqual({
      where: 'b',
      problem: 'missing; expected true or false',
    });
  });

  test('nullable adds "or null" for its own value, not for a field inside it', () => {
    const best = nullable(object({ step: positiveInteger }));
    expect(best(null, ['best'])).toBeNull();
    expect(problemOf(() => best(3, ['best']))).toEqual({
      where: 'best',
      problem: 'expected an object or null, got 3',
    });
    expect(problemOf(() => best({ step: 0 }, ['best']))).toEqual({
      where: 'best.step',
      problem: 'expected a positive integer, got 0',
    });
  });

  test('arrays and pairs name the offending index', () => {
    const losses = array(pair(positiveInteger, number, '[step, loss]'));
    expect(losses([[1, 0.5]], [])).toEqual([[1, 0.5]]);
    expect(
      problemOf(() =>
        losses(
          [
            [1, 0.5],
            [2, null],
          ],
          ['losses'],
        ),
      ).where,
    ).toBe('losses.1.1');
    expect(problemOf(() => array(string, 2)(['a'], [])).problem).toBe('expected an array of 2, got ["a"]');
  });

  test('numbers are finite: NaN and Infinity from JavaScript callers are refused', () => {
    expect(problemOf(() => number(Number.NaN, ['x'])).problem).toBe('expected a number, got NaN');
    expect(problemOf(() => positiveInteger(Number.POSITIVE_INFINITY, ['x'])).problem).toBe(
      'expected a positive integer, got Infinity',
    );
  });

  test('a received value is quoted as JSON and cut at 40 characters', () => {
    expect(describeValue('a"b')).toBe('"a\\"b"');
    expect(describeValue({ x: [1] })).toBe('{"x":[1]}');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue('y'.repeat(60))).toBe(`"${'y'.repeat(39)}…`);
  });
});
