import { Unzip, type UnzipFileInfo, UnzipInflate, unzipSync, type Zippable, zipSync } from 'fflate';
import { ModelFilesError } from './model-files-error.js';
import { chooseModelPaths } from './model-paths.js';

/**
 * The most bytes the page unpacks from a zip: far above any model the playground trains or the CLI
 * writes for it, far below what would exhaust a tab's memory (a zip bomb).
 */
export const MAX_MODEL_BYTES = 256 * 1024 * 1024;

// Pushed into the streaming unzipper in pieces this size, so that a piece inflates to at most ~16 MiB
// (deflate's ratio is at most ~1032:1) before the running total is checked.
const PUSH_BYTES = 16 * 1024;

const MIB = 1024 * 1024;

/** Options of {@link filesFromZip}. */
export interface ZipReadOptions {
  /** The most bytes to unpack in all (default {@link MAX_MODEL_BYTES}). */
  maxBytes?: number | undefined;
}

/**
 * Whether bytes start as a zip archive does (`PK\3\4`, or `PK\5\6` for an empty one).
 *
 * @param bytes - a file's bytes
 */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1
  );
}

/**
 * A zip of a model directory, whose one folder unpacks as the directory the CLI reads:
 * `unzip model.zip` gives `model/config.json`, `model/model.safetensors`, ..., so
 * `makemore sample --model-dir model` samples it.
 *
 * @param files - file name → bytes (`config.json`, `model.safetensors`, ...)
 * @param folder - the folder's name inside the zip
 * @returns the zip's bytes
 * @throws Error when `folder` is not a single folder name
 */
export function modelZip(files: ReadonlyMap<string, Uint8Array>, folder = 'model'): Uint8Array {
  if (!/^[^/\\]+$/.test(folder) || folder === '.' || folder === '..') {
    throw new Error(`The zip's folder must be one folder name, such as 'model', not '${folder}'.`);
  }
  const entries: Zippable = {};
  for (const [name, bytes] of files) entries[`${folder}/${name}`] = bytes;
  return zipSync(entries, { level: 6 });
}

function damaged(error: unknown): ModelFilesError {
  const why = error instanceof Error ? ` (${error.message})` : '';
  return new ModelFilesError('NOT_ZIP', `The zip archive is damaged${why}; zip the model directory again.`);
}

function tooLarge(maxBytes: number): ModelFilesError {
  return new ModelFilesError(
    'TOO_LARGE',
    `The zip's model files unpack to over ${(maxBytes / MIB).toFixed(0)} MiB, which is more than the page reads; give a zip of one model directory.`,
  );
}

// The central directory's entries, without unpacking anything: names and declared sizes.
function zipEntries(bytes: Uint8Array): UnzipFileInfo[] {
  const entries: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        entries.push(info);
        return false;
      },
    });
  } catch (error) {
    throw damaged(error);
  }
  return entries;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

// Unpacks the chosen entries, counting the bytes as they come out: a declared size can lie.
function unpack(
  bytes: Uint8Array,
  names: ReadonlyMap<string, string>,
  maxBytes: number,
): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  let total = 0;
  const unzip = new Unzip((file) => {
    const name = names.get(file.name);
    if (name === undefined) return;
    const chunks: Uint8Array[] = [];
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      total += chunk.length;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(chunk);
      if (final) files.set(name, concat(chunks));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let offset = 0; offset < bytes.length; offset += PUSH_BYTES) {
      unzip.push(bytes.subarray(offset, offset + PUSH_BYTES), offset + PUSH_BYTES >= bytes.length);
    }
  } catch (error) {
    throw error instanceof ModelFilesError ? error : damaged(error);
  }
  for (const [path, name] of names) if (!files.has(name)) throw damaged(new Error(`${path} did not unpack`));
  return files;
}

/**
 * The model directory inside a zip: its files at the zip's root or in one folder (a zip of the
 * directory itself, as {@link modelZip}, `zip -r model.zip model` or a file manager makes it). Other
 * files are ignored; see `chooseModelPaths`.
 *
 * @param bytes - the zip's bytes
 * @param options - the most bytes to unpack
 * @returns file name (`config.json`, `model.safetensors`, `training-state.json`) → bytes
 * @throws {@link ModelFilesError} `NOT_ZIP` for bytes that are not a zip or a damaged zip,
 *   `TOO_LARGE` past `maxBytes`, `NESTED` or `SEVERAL_MODELS` for a zip of something else
 */
export function filesFromZip(bytes: Uint8Array, options: ZipReadOptions = {}): Map<string, Uint8Array> {
  const { maxBytes = MAX_MODEL_BYTES } = options;
  if (!isZip(bytes)) {
    throw new ModelFilesError(
      'NOT_ZIP',
      'The file is not a zip archive; give a .zip of a model directory, or the directory’s files.',
    );
  }
  const entries = zipEntries(bytes);
  const chosen = chooseModelPaths(
    entries.map((entry) => entry.name),
    'the zip',
  );
  const declared = entries
    .filter((entry) => [...chosen.values()].includes(entry.name))
    .reduce((n, entry) => n + entry.originalSize, 0);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  return unpack(bytes, new Map([...chosen].map(([name, path]) => [path, name])), maxBytes);
}
