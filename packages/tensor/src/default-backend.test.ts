import { expect, test } from 'vitest';
import { CpuBackend } from './cpu/backend.js';
import { zeros } from './creation.js';
import { getDefaultBackend, setDefaultBackend } from './scope.js';

test('setDefaultBackend moves new tensors to the given backend and returns the previous one', () => {
  const original = getDefaultBackend();
  const other = new CpuBackend();
  const before = zeros([2]);
  const previous = setDefaultBackend(other);
  try {
    expect(previous).toBe(original);
    const after = zeros([2]);
    expect(after.backend).toBe(other);
    expect(before.backend).toBe(original);
    // Ops follow their inputs, and refuse to mix two backends.
    expect(after.add(after).backend).toBe(other);
    expect(() => after.add(before)).toThrow();
  } finally {
    setDefaultBackend(previous);
  }
  expect(zeros([1]).backend).toBe(original);
});
