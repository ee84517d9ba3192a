import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from './safetensors.js';

function f32(shape: number[], values: number[]): StoredTensor {
  return { dtype: 'F32', shape, data: new Float32Array(values) };
}

function expectCorrupt(bytes: Uint8Array): void {
  try {
    decodeSafetensors(bytes, 'model.safetensors');
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('CORRUPT_WEIGHTS');
    expect((error as Error).message).toMatch(/^model\.safetensors is not a valid safetensors file \(.+\); /);
    return;
  }
  throw new Error('expected a CheckpointError');
}

describe('encodeSafetensors', () => {
  test('writes the layout the format specifies, byte for byte', () => {
    const bytes = encodeSafetensors(new Map([['w', f32([2], [1, -2])]]));
    const header = '{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}';
    const padded = header + ' '.repeat((8 - (header.length % 8)) % 8);
    const expected = new Uint8Array(8 + padded.length + 8);
    new DataView(expected.buffer).setUint32(0, padded.length, true);
    expected.set(new TextEncoder().encode(padded), 8);
    new DataView(expected.buffer).setFloat32(8 + padded.length, 1, true);
    new DataView(expected.buffer).setFloat32(8 + padded.length + 4, -2, true);
    expect([...bytes]).toEqual([...expected]);
    expect((bytes.length - 8) % 8).toBe(0);
  });

  test('rejects data whose length does not match the shape', () => {
    expect(() => encodeSafetensors(new Map([['w', f32([3], [1, 2])]]))).toThrow(
      /has 2 values but shape \[3\]/,
    );
  });
});

describe('decodeSafetensors', () => {
  test('round-trips tensors of every dtype and the metadata', () => {
    const tensors = new Map<string, StoredTensor>([
      ['a', f32([2, 3], [1, 2, 3, 4, 5, 6])],
      ['b', { dtype: 'I32', shape: [3], data: new Int32Array([-1, 0, 7]) }],
      ['c', { dtype: 'F64', shape: [], data: new Float64Array([Math.PI]) }],
    ]);
    const decoded = decodeSafetensors(encodeSafetensors(tensors, { format: 'pt' }), 'x');
    expect(decoded.metadata).toEqual({ format: 'pt' });
    expect(decoded.tensors).toEqual(tensors);
  });

  test('a tensor or metadata key named __proto__ is an ordinary name', () => {
    const tensors = new Map([['__proto__', f32([1], [7])]]);
    const decoded = decodeSafetensors(encodeSafetensors(tensors, { ['__proto__']: 'x' }), 'x');
    expect([...decoded.tensors.keys()]).toEqual(['__proto__']);
    expect(decoded.tensors.get('__proto__')!.data).toEqual(new Float32Array([7]));
    expect(Object.keys(decoded.metadata)).toEqual(['__proto__']);
  });

  test('round-trips arbitrary tensors (property)', () => {
    const tensorArb = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }).chain((shape) => {
      const n = shape.reduce((p, s) => p * s, 1);
      return fc.record({
        shape: fc.constant(shape),
        values: fc.array(fc.float({ noNaN: true }), { minLength: n, maxLength: n }),
      });
    });
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), tensorArb, { maxKeys: 4 }), (dict) => {
        const tensors = new Map<string, StoredTensor>();
        for (const [name, { shape, values }] of Object.entries(dict)) {
          if (name === '__metadata__') continue;
          tensors.set(name, f32(shape, values));
        }
        expect(decodeSafetensors(encodeSafetensors(tensors), 'x').tensors).toEqual(tensors);
      }),
    );
  });

  test('a file shorter than its length prefix is an error', () => {
    expectCorrupt(new Uint8Array(3));
  });

  test('a header length beyond the file is rejected before any allocation', () => {
    const bytes = new Uint8Array(16);
    new DataView(bytes.buffer).setBigUint64(0, 2n ** 62n, true);
    expectCorrupt(bytes);
  });

  test('every truncation of a valid file is an error', () => {
    const bytes = encodeSafetensors(new Map([['w', f32([2, 2], [1, 2, 3, 4])]]));
    for (let length = 0; length < bytes.length; length++) expectCorrupt(bytes.subarray(0, length));
  });

  test('a shape that does not match the offsets is an error', () => {
    const header = new TextEncoder().encode(
      '{"w":{"dtype":"F32","shape":[1000000000,1000000000],"data_offsets":[0,4]}}',
    );
    const bytes = new Uint8Array(8 + header.length + 4);
    new DataView(bytes.buffer).setUint32(0, header.length, true);
    bytes.set(header, 8);
    expectCorrupt(bytes);
  });

  test('random bytes and mutated files never crash, only give a clear error (property)', () => {
    const valid = encodeSafetensors(
      new Map([
        ['w', f32([2, 2], [1, 2, 3, 4])],
        ['b', f32([2], [5, 6])],
      ]),
    );
    const check = (bytes: Uint8Array) => {
      try {
        decodeSafetensors(bytes, 'model.safetensors');
      } catch (error) {
        expect(error).toBeInstanceOf(CheckpointError);
      }
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), check), { numRuns: 500 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (mutations) => {
          const bytes = valid.slice();
          for (const [index, value] of mutations) bytes[index] = value;
          check(bytes);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('decodeSafetensors on Node Buffers', () => {
  test('reads a file held in a view into a larger shared buffer, as fs.readFile returns it', () => {
    const file = encodeSafetensors(
      new Map([
        ['C', { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
        ['idx', { dtype: 'I32', shape: [2], data: Int32Array.from([7, -8]) }],
      ]),
    );
    // Small Buffers are views into Node's shared pool: their .buffer holds other bytes too.
    const pool = Buffer.alloc(file.length + 100, 0xab);
    const view = pool.subarray(37, 37 + file.length);
    view.set(file);
    expect(view.buffer.byteLength).toBeGreaterThan(file.length);
    const decoded = decodeSafetensors(view, 'model.safetensors');
    expect(Array.from(decoded.tensors.get('C')!.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(decoded.tensors.get('idx')!.data)).toEqual([7, -8]);
  });
});
