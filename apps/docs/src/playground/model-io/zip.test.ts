import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ModelFilesError } from './model-files-error.js';
import { filesFromZip, isZip, modelZip } from './zip.js';

const text = (s: string) => new TextEncoder().encode(s);
const files = new Map([
  ['config.json', text('{"model":"mlp"}')],
  ['model.safetensors', new Uint8Array([1, 2, 3, 4])],
]);

// The uncompressed sizes a zip declares, in its local and central headers, set to `size`.
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer);
  for (let i = 0; i + 4 <= bytes.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return bytes;
}

describe('modelZip and filesFromZip', () => {
  it('zip a model directory in one folder and read it back flattened', () => {
    const zip = modelZip(files);
    expect(isZip(zip)).toBe(true);
    expect(filesFromZip(zip)).toEqual(files);
    expect(filesFromZip(modelZip(files, 'gru'))).toEqual(files);
  });

  it('read a zip with the files at its root, ignoring other files and macOS junk', () => {
    const zip = zipSync({
      'config.json': files.get('config.json')!,
      'model.safetensors': files.get('model.safetensors')!,
      'last.safetensors': new Uint8Array(8),
      '.DS_Store': new Uint8Array(2),
      __MACOSX: { '._config.json': new Uint8Array(1), 'config.json': new Uint8Array(1) },
    });
    expect(filesFromZip(zip)).toEqual(files);
  });

  it('refuse bytes that are not a zip, and a damaged zip, with one sentence', () => {
    expect(() => filesFromZip(text('config.json'))).toThrow(
      'The file is not a zip archive; give a .zip of a model directory, or the directory’s files.',
    );
    const truncated = modelZip(files).subarray(0, 40);
    expect(() => filesFromZip(truncated)).toThrow(ModelFilesError);
    expect(() => filesFromZip(truncated)).toThrow(
      /^The zip archive is damaged .*; zip the model directory again\.$/,
    );
  });

  it('refuse a model deeper than one folder, and the files of two models', () => {
    const nested = zipSync({ runs: { gru: { 'config.json': text('{}') } } });
    expect(() => filesFromZip(nested)).toThrow(
      /^config.json is at runs\/gru\/config.json in the zip, more than one folder deep; give the model directory itself/,
    );
    const two = zipSync({ a: { 'config.json': text('{}') }, b: { 'model.safetensors': text('x') } });
    expect(() => filesFromZip(two)).toThrow(
      'There are files of more than one model in the zip (a/config.json and b/model.safetensors); give one model directory at a time.',
    );
  });

  it('refuse a zip that declares more than the page unpacks', () => {
    const zip = modelZip(new Map([['model.safetensors', new Uint8Array(100_000)]]));
    expect(() => filesFromZip(zip, { maxBytes: 50_000 })).toThrow(
      expect.objectContaining({ code: 'TOO_LARGE' }),
    );
    expect(filesFromZip(zip, { maxBytes: 100_000 }).get('model.safetensors')).toHaveLength(100_000);
  });

  it('stop unpacking a zip bomb whose headers declare a small size', () => {
    const bomb = declareSize(modelZip(new Map([['model.safetensors', new Uint8Array(4 << 20)]])), 10);
    // Deflate packs 4 MiB of zeros into a few kilobytes.
    expect(bomb.length).toBeLessThan(10_000);
    expect(() => filesFromZip(bomb, { maxBytes: 1 << 20 })).toThrow(
      "The zip's model files unpack to over 1 MiB, which is more than the page reads; give a zip of one model directory.",
    );
  });

  it('refuse a folder name that is not one folder', () => {
    expect(() => modelZip(files, 'a/b')).toThrow(/one folder name/);
  });
});
