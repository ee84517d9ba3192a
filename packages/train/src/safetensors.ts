import { CheckpointError } from './checkpoint-error.js';

/**
 * The safetensors dtypes this project reads and writes. Names are the format's own, so a file written
 * here loads with `safetensors.torch.load_file` in Python.
 */
export type SafetensorsDtype = 'F32' | 'F64' | 'I32';

/** A typed array of one of the supported dtypes. */
export type SafetensorsData = Float32Array | Float64Array | Int32Array;

/** One named tensor as it is stored: dtype, shape and a flat row-major buffer. */
export interface StoredTensor {
  /** Element type. */
  dtype: SafetensorsDtype;
  /** Dimensions, outermost first; `[]` is a scalar. */
  shape: number[];
  /** Row-major values; its length is the product of `shape`. */
  data: SafetensorsData;
}

/** The contents of a safetensors file: tensors by name plus free-form string metadata. */
export interface SafetensorsFile {
  /** Tensors by name. */
  tensors: Map<string, StoredTensor>;
  /** The `__metadata__` entry: string keys to string values. */
  metadata: Record<string, string>;
}

const BYTES_PER_ELEMENT: Record<SafetensorsDtype, number> = { F32: 4, F64: 8, I32: 4 };
const HEADER_LENGTH_BYTES = 8;

function dtypeOf(data: SafetensorsData): SafetensorsDtype {
  if (data instanceof Float32Array) return 'F32';
  if (data instanceof Float64Array) return 'F64';
  return 'I32';
}

function elementCount(shape: readonly number[]): number {
  return shape.reduce((product, size) => product * size, 1);
}

/**
 * Serialises tensors to the safetensors format: an 8-byte little-endian header length, a JSON header
 * padded with spaces to 8 bytes, then the tensors' bytes back to back in name order.
 *
 * @param tensors - tensors by name; each `data.length` must equal the product of its `shape`
 * @param metadata - optional string metadata stored under `__metadata__`
 * @returns the file's bytes
 * @example
 * ```ts
 * const bytes = encodeSafetensors(new Map([['W', { dtype: 'F32', shape: [2, 2], data: new Float32Array(4) }]]));
 * decodeSafetensors(bytes, 'model.safetensors').tensors.get('W')?.shape; // [2, 2]
 * ```
 */
export function encodeSafetensors(
  tensors: ReadonlyMap<string, StoredTensor>,
  metadata: Record<string, string> = {},
): Uint8Array {
  const names = [...tensors.keys()].sort();
  // No prototype: a tensor named `__proto__` must become a key, not replace the prototype.
  const header: Record<string, unknown> = Object.create(null);
  if (Object.keys(metadata).length > 0) header['__metadata__'] = metadata;
  let offset = 0;
  for (const name of names) {
    const tensor = tensors.get(name)!;
    if (tensor.data.length !== elementCount(tensor.shape)) {
      throw new RangeError(
        `Tensor '${name}' has ${tensor.data.length} values but shape [${tensor.shape.join(', ')}].`,
      );
    }
    if (dtypeOf(tensor.data) !== tensor.dtype) {
      throw new TypeError(
        `Tensor '${name}' is declared ${tensor.dtype} but holds ${dtypeOf(tensor.data)} data.`,
      );
    }
    const byteLength = tensor.data.byteLength;
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + byteLength] };
    offset += byteLength;
  }
  let headerText = JSON.stringify(header);
  // The format recommends padding the header so the data starts 8-byte aligned.
  headerText += ' '.repeat((8 - (headerText.length % 8)) % 8);
  const headerBytes = new TextEncoder().encode(headerText);
  const out = new Uint8Array(HEADER_LENGTH_BYTES + headerBytes.length + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerBytes.length), true);
  out.set(headerBytes, HEADER_LENGTH_BYTES);
  let cursor = HEADER_LENGTH_BYTES + headerBytes.length;
  for (const name of names) {
    const data = tensors.get(name)!.data;
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), cursor);
    cursor += data.byteLength;
  }
  return out;
}

function corrupt(fileName: string, why: string): CheckpointError {
  return new CheckpointError(
    'CORRUPT_WEIGHTS',
    `${fileName} is not a valid safetensors file (${why}); restore it from a backup or train the model again.`,
  );
}

function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function parseHeader(
  bytes: Uint8Array,
  fileName: string,
): { header: Record<string, unknown>; dataStart: number } {
  if (bytes.length < HEADER_LENGTH_BYTES) throw corrupt(fileName, `only ${bytes.length} bytes long`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  // Checked against the file's size before anything is allocated, so a forged length costs nothing.
  if (headerLength > BigInt(bytes.length - HEADER_LENGTH_BYTES)) {
    throw corrupt(fileName, `its header claims ${headerLength} bytes but the file has ${bytes.length}`);
  }
  const dataStart = HEADER_LENGTH_BYTES + Number(headerLength);
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(
      bytes.subarray(HEADER_LENGTH_BYTES, dataStart),
    );
    parsed = JSON.parse(text);
  } catch {
    throw corrupt(fileName, 'its header is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw corrupt(fileName, 'its header is not a JSON object');
  }
  return { header: parsed as Record<string, unknown>, dataStart };
}

function parseMetadata(value: unknown, fileName: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw corrupt(fileName, '__metadata__ is not an object');
  }
  const metadata: Record<string, string> = Object.create(null);
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw corrupt(fileName, `metadata '${key}' is not a string`);
    metadata[key] = entry;
  }
  return metadata;
}

interface TensorEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

function parseEntry(name: string, value: unknown, dataLength: number, fileName: string): TensorEntry {
  if (typeof value !== 'object' || value === null)
    throw corrupt(fileName, `entry '${name}' is not an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== 'string' || !(dtype in BYTES_PER_ELEMENT)) {
    throw corrupt(fileName, `tensor '${name}' has unsupported dtype ${JSON.stringify(dtype)}`);
  }
  if (!Array.isArray(shape) || !shape.every(isNonNegativeInteger)) {
    throw corrupt(fileName, `tensor '${name}' has an invalid shape`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isNonNegativeInteger)) {
    throw corrupt(fileName, `tensor '${name}' has invalid data_offsets`);
  }
  const [begin, end] = offsets as [number, number];
  if (begin > end || end > dataLength) throw corrupt(fileName, `tensor '${name}' points outside the file`);
  // Multiply step by step so a huge shape is caught before the product overflows; a zero anywhere
  // makes the tensor empty however large the other sizes are.
  let bytesNeeded = shape.includes(0) ? 0 : BYTES_PER_ELEMENT[dtype as SafetensorsDtype];
  for (const size of shape as number[]) {
    bytesNeeded *= size;
    if (bytesNeeded > dataLength) throw corrupt(fileName, `tensor '${name}' is larger than the file`);
  }
  if (bytesNeeded !== end - begin) {
    throw corrupt(fileName, `tensor '${name}' has ${end - begin} bytes for shape [${shape.join(', ')}]`);
  }
  return { name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin, end };
}

function copyOut(bytes: Uint8Array, entry: TensorEntry): SafetensorsData {
  // A copy into a fresh, aligned buffer: the file's own offsets need not be aligned. Not
  // `bytes.slice()`: on a Node Buffer that is a view into Node's shared pool, whose `.buffer` is the
  // whole pool (fs.readFile's Buffers are such views).
  const buffer = new Uint8Array(bytes.subarray(entry.begin, entry.end)).buffer;
  if (entry.dtype === 'F32') return new Float32Array(buffer);
  if (entry.dtype === 'F64') return new Float64Array(buffer);
  return new Int32Array(buffer);
}

/**
 * Parses a safetensors file. Every offset and size is checked against the file's length before any
 * allocation, so random or truncated bytes give a {@link CheckpointError} rather than a crash.
 *
 * @param bytes - the whole file
 * @param fileName - used in error messages
 * @returns tensors by name and metadata
 * @throws CheckpointError with code `CORRUPT_WEIGHTS` on any malformed input
 */
export function decodeSafetensors(bytes: Uint8Array, fileName: string): SafetensorsFile {
  const { header, dataStart } = parseHeader(bytes, fileName);
  const data = bytes.subarray(dataStart);
  const metadata = parseMetadata(header['__metadata__'], fileName);
  const entries = Object.entries(header)
    .filter(([name]) => name !== '__metadata__')
    .map(([name, value]) => parseEntry(name, value, data.length, fileName))
    .sort((a, b) => a.begin - b.begin || a.end - b.end);
  // The format forbids holes and overlaps: each tensor starts where the previous one ended.
  let expectedBegin = 0;
  for (const entry of entries) {
    if (entry.begin !== expectedBegin)
      throw corrupt(fileName, `tensor '${entry.name}' overlaps or leaves a gap`);
    expectedBegin = entry.end;
  }
  if (expectedBegin !== data.length) throw corrupt(fileName, 'its data section has trailing bytes');
  const tensors = new Map<string, StoredTensor>();
  for (const entry of entries) {
    tensors.set(entry.name, { dtype: entry.dtype, shape: entry.shape, data: copyOut(data, entry) });
  }
  return { tensors, metadata };
}
