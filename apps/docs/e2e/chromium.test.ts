import { describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, chromiumAvailability } from '../../../tests/support/chromium.mjs';

describe('chromiumAvailability', () => {
  it('runs the e2e test where Chromium is installed', () => {
    expect(chromiumAvailability('The docs e2e test', {}, () => true)).toEqual({ skip: false, reason: '' });
    expect(chromiumAvailability('The docs e2e test', { CI: 'true' }, () => true).skip).toBe(false);
  });

  it('skips with a message saying how to install it, outside CI', () => {
    const result = chromiumAvailability('The docs e2e test', {}, () => false);
    expect(result.skip).toBe(true);
    expect(result.reason).toContain(CHROMIUM_PATH);
    expect(result.reason).toContain('apt-get install -y chromium');
  });

  it('fails under CI, where the browser must be there', () => {
    expect(() => chromiumAvailability('The docs e2e test', { CI: 'true' }, () => false)).toThrow(
      /needs Chromium under CI/,
    );
  });
});
