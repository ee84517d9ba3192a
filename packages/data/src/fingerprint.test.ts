import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fingerprintItems, sha256Hex } from './fingerprint.js';

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vectors', async () => {
    expect(await sha256Hex(new Uint8Array())).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes only the bytes of the view, not the whole buffer behind it', async () => {
    const buffer = new TextEncoder().encode('xxabcxx');
    expect(await sha256Hex(buffer.subarray(2, 5))).toBe(await sha256Hex(new TextEncoder().encode('abc')));
  });

  it('hashes a view over a SharedArrayBuffer', async () => {
    const shared = new Uint8Array(new SharedArrayBuffer(3));
    shared.set([0x61, 0x62, 0x63]);
    expect(await sha256Hex(shared)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('property: agrees with node:crypto', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        expect(await sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
    );
  });
});

describe('fingerprintItems', () => {
  it('is the sha256 of the items joined by newlines, in UTF-8', async () => {
    expect(await fingerprintItems(['emma', 'josé'])).toBe(
      createHash('sha256').update('emma\njosé').digest('hex'),
    );
  });

  it('depends on order and content', async () => {
    const a = await fingerprintItems(['a', 'b']);
    expect(await fingerprintItems(['b', 'a'])).not.toBe(a);
    expect(await fingerprintItems(['a', 'b', ''])).not.toBe(a);
    expect(await fingerprintItems(['a', 'b'])).toBe(a);
  });
});
