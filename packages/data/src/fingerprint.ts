/**
 * The sha256 of some bytes as 64 lower-case hex digits, with the Web Crypto API so that it runs in
 * Node ≥ 20 and in browsers alike.
 *
 * @throws Error if the runtime has no `crypto.subtle` (a browser page served over plain HTTP).
 *
 * @example
 * ```ts
 * await sha256Hex(new TextEncoder().encode('abc'));
 * // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    throw new Error('This runtime has no crypto.subtle; use Node 20 or later, or serve the page over HTTPS.');
  }
  // digest() wants an ArrayBuffer-backed view; copy views over other buffers (e.g. SharedArrayBuffer).
  const view =
    bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await subtle.digest('SHA-256', view));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/**
 * A fingerprint of a dataset: the sha256 of its items joined by `'\n'` (UTF-8). A checkpoint can store it
 * to tell whether it is being evaluated on the data it was trained on.
 *
 * @example
 * ```ts
 * const fingerprint = await fingerprintItems(['emma', 'olivia']);
 * ```
 */
export async function fingerprintItems(items: readonly string[]): Promise<string> {
  return sha256Hex(new TextEncoder().encode(items.join('\n')));
}
