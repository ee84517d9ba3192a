import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectDataErrorAsync } from '../test-support/expect-data-error.js';
import { describeWithNames } from '../test-support/names-file.js';
import { type DatasetCache, downloadDataset, downloadRemoteFile } from './download.js';
import { loadEmbeddedDataset } from './first-names.js';

const NAMES_URL = 'https://raw.githubusercontent.com/karpathy/makemore/master/names.txt';
const NAMES_SHA = '0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d';
const TAIL = `download the file from ${NAMES_URL} yourself and pass its path instead of the name.`;

/** A cache in memory that records what happens to it. */
class MemoryCache implements DatasetCache {
  readonly files = new Map<string, Uint8Array>();
  readonly writes: string[] = [];
  async read(fileName: string) {
    return this.files.get(fileName);
  }
  async write(fileName: string, bytes: Uint8Array) {
    this.writes.push(fileName);
    this.files.set(fileName, bytes.slice());
  }
}

/** A fetch that serves `bytes` in `chunks` pieces, with or without a Content-Length. */
function fakeFetch(bytes: Uint8Array, options: { chunks?: number; contentLength?: boolean } = {}) {
  const chunks = options.chunks ?? 3;
  const size = Math.ceil(bytes.length / chunks);
  return vi.fn(async (_url: string | URL | Request) => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += size) {
          controller.enqueue(bytes.slice(offset, offset + size));
        }
        controller.close();
      },
    });
    const headers: Record<string, string> =
      options.contentLength === false ? {} : { 'content-length': String(bytes.length) };
    return new Response(body, { status: 200, headers });
  });
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// A small stand-in for names.txt, so these tests do not need the real file.
const FAKE_BYTES = utf8('emma\nolivia\nava');
const FAKE_REMOTE = { url: 'https://example.test/words.txt', sha256: sha(FAKE_BYTES), fileName: 'words.txt' };

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('downloadRemoteFile', () => {
  it('downloads, verifies, caches and reports progress with the total', async () => {
    const fetch = fakeFetch(FAKE_BYTES, { chunks: 3 });
    const cache = new MemoryCache();
    const progress: Array<[number, number | undefined]> = [];
    const text = await downloadRemoteFile('words', FAKE_REMOTE, {
      fetch,
      cache,
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(text).toBe('emma\nolivia\nava');
    expect(fetch).toHaveBeenCalledOnce();
    expect(fetch).toHaveBeenCalledWith('https://example.test/words.txt');
    expect(cache.writes).toEqual(['words.txt']);
    expect(cache.files.get('words.txt')).toEqual(FAKE_BYTES);
    expect(progress).toEqual([
      [5, 15],
      [10, 15],
      [15, 15],
    ]);
  });

  it('reports an unknown total when there is no Content-Length', async () => {
    const progress: Array<[number, number | undefined]> = [];
    await downloadRemoteFile('words', FAKE_REMOTE, {
      fetch: fakeFetch(FAKE_BYTES, { chunks: 1, contentLength: false }),
      onProgress: (received, total) => progress.push([received, total]),
    });
    expect(progress).toEqual([[15, undefined]]);
  });

  it('serves a verified cached file without fetching', async () => {
    const cache = new MemoryCache();
    cache.files.set('words.txt', FAKE_BYTES);
    const fetch = fakeFetch(FAKE_BYTES);
    const onProgress = vi.fn();
    expect(await downloadRemoteFile('words', FAKE_REMOTE, { fetch, cache, onProgress })).toBe(
      'emma\nolivia\nava',
    );
    expect(fetch).not.toHaveBeenCalled();
    expect(onProgress).not.toHaveBeenCalled();
    expect(cache.writes).toEqual([]);
  });

  it('downloads again when the cached file has the wrong hash, and replaces it', async () => {
    const cache = new MemoryCache();
    cache.files.set('words.txt', utf8('emma\noli')); // a partial write
    const fetch = fakeFetch(FAKE_BYTES);
    expect(await downloadRemoteFile('words', FAKE_REMOTE, { fetch, cache })).toBe('emma\nolivia\nava');
    expect(fetch).toHaveBeenCalledOnce();
    expect(cache.files.get('words.txt')).toEqual(FAKE_BYTES);
  });

  it('strips a BOM and refuses bytes that are not text, even with the right hash', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...FAKE_BYTES]);
    const text = await downloadRemoteFile(
      'words',
      { ...FAKE_REMOTE, sha256: sha(bom) },
      { fetch: fakeFetch(bom) },
    );
    expect(text).toBe('emma\nolivia\nava');
    const binary = new Uint8Array([0x61, 0, 0x62]);
    await expectDataErrorAsync(
      () =>
        downloadRemoteFile('words', { ...FAKE_REMOTE, sha256: sha(binary) }, { fetch: fakeFetch(binary) }),
      'BINARY',
      /looks like a binary file/,
    );
  });

  it('uses globalThis.fetch when none is given', async () => {
    const fetch = fakeFetch(FAKE_BYTES);
    vi.stubGlobal('fetch', fetch);
    expect(await downloadRemoteFile('words', FAKE_REMOTE)).toBe('emma\nolivia\nava');
    expect(fetch).toHaveBeenCalledOnce();
  });
});

describe('downloadDataset errors', () => {
  it('says what to do when offline, with the underlying reason', async () => {
    const offline = vi.fn(async () => {
      throw new TypeError('fetch failed', {
        cause: new Error('getaddrinfo ENOTFOUND raw.githubusercontent.com'),
      });
    });
    const cache = new MemoryCache();
    const error = await expectDataErrorAsync(
      () => downloadDataset('names', { fetch: offline, cache }),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (fetch failed: getaddrinfo ENOTFOUND raw.githubusercontent.com); ${TAIL}`,
    );
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(cache.writes).toEqual([]);
  });

  it('reports a rejection that is not an Error', async () => {
    await expectDataErrorAsync(
      () =>
        downloadDataset('names', {
          fetch: async () => {
            throw 'aborted';
          },
        }),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (aborted); ${TAIL}`,
    );
  });

  it('says what to do on an HTTP error', async () => {
    const notFound = vi.fn(async () => new Response('no', { status: 404, statusText: 'Not Found' }));
    await expectDataErrorAsync(
      () => downloadDataset('names', { fetch: notFound }),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (HTTP 404 Not Found); ${TAIL}`,
    );
    const noText = vi.fn(async () => new Response('', { status: 503 }));
    await expectDataErrorAsync(
      () => downloadDataset('names', { fetch: noText }),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (HTTP 503); ${TAIL}`,
    );
  });

  it('says what to do when the connection breaks during the download', async () => {
    const broken = vi.fn(async () => {
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.error(new Error('ECONNRESET'));
        },
      });
      return new Response(body, { status: 200 });
    });
    await expectDataErrorAsync(
      () => downloadDataset('names', { fetch: broken }),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (the connection broke after the download started: ECONNRESET); ${TAIL}`,
    );
  });

  it('says what to do when the runtime has no fetch', async () => {
    vi.stubGlobal('fetch', undefined);
    await expectDataErrorAsync(
      () => downloadDataset('names'),
      'DOWNLOAD_FAILED',
      `Could not download the "names" dataset from ${NAMES_URL} (this runtime has no fetch); ${TAIL}`,
    );
  });

  it('refuses bytes with the wrong sha256 and does not cache them', async () => {
    const cache = new MemoryCache();
    const wrong = utf8('emma\n');
    await expectDataErrorAsync(
      () => downloadDataset('names', { fetch: fakeFetch(wrong), cache }),
      'CHECKSUM_MISMATCH',
      `The "names" dataset downloaded from ${NAMES_URL} has sha256 ${sha(wrong)} instead of ${NAMES_SHA}; ${TAIL}`,
    );
    expect(cache.writes).toEqual([]);
  });

  it('refuses an unknown dataset name', async () => {
    const fetch = fakeFetch(FAKE_BYTES);
    await expectDataErrorAsync(
      () => downloadDataset('words', { fetch }),
      'UNKNOWN_DATASET',
      'There is no built-in dataset called "words"; use one of first-names, names, or give the path of a text file.',
    );
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('downloadDataset("first-names")', () => {
  it('returns the embedded names, one per line, without fetching', async () => {
    const fetch = fakeFetch(FAKE_BYTES);
    const text = await downloadDataset('first-names', { fetch });
    expect(text).toBe(`${loadEmbeddedDataset('first-names').join('\n')}\n`);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describeWithNames('downloadDataset("names") with the real names.txt', ({ text }) => {
  const bytes = utf8(text);

  it('accepts the real file and caches it under names.txt', async () => {
    const cache = new MemoryCache();
    const fetch = fakeFetch(bytes, { chunks: 7 });
    expect(await downloadDataset('names', { fetch, cache })).toBe(text);
    expect(fetch).toHaveBeenCalledWith(NAMES_URL);
    expect(cache.writes).toEqual(['names.txt']);
    expect(sha(cache.files.get('names.txt')!)).toBe(NAMES_SHA);
    // A second run is served from the cache.
    const again = fakeFetch(bytes);
    expect(await downloadDataset('names', { fetch: again, cache })).toBe(text);
    expect(again).not.toHaveBeenCalled();
  });

  it('replaces a tampered cached copy', async () => {
    const cache = new MemoryCache();
    cache.files.set('names.txt', bytes.slice(0, 1000));
    const fetch = fakeFetch(bytes);
    expect(await downloadDataset('names', { fetch, cache })).toBe(text);
    expect(fetch).toHaveBeenCalledOnce();
    expect(sha(cache.files.get('names.txt')!)).toBe(NAMES_SHA);
  });
});
