// Trained models as a file: one JSON header and the models' arrays as raw bytes after it, so a
// few megabytes of weights are read straight into typed arrays instead of decoded from text (as
// JSON with base64 they took a tenth of a second of every start). bot/reading-models.store.ts
// reads and writes it.
//
//   bytes 0-3    the header's length in bytes, little-endian
//   header       JSON; each typed array in it stands as {"$array": "Float32Array", "at": byte, "length": n}
//   padding      to a multiple of 8
//   arrays       each typed array's bytes, each at a multiple of 8: little-endian, as the machines
//                Node runs on are

const ALIGN = 8;

const ARRAYS = { Float32Array, Int32Array } as const;
type ArrayName = keyof typeof ARRAYS;
type Stored = { $array: ArrayName; at: number; length: number };

function isStored(value: unknown): value is Stored {
  return typeof value === 'object' && value !== null && '$array' in value && Object.hasOwn(ARRAYS, (value as Stored).$array);
}

const padTo = (length: number) => Math.ceil(length / ALIGN) * ALIGN;

/** A value's file bytes: its JSON header, then each typed array's bytes. */
export function encodeModelFile(value: unknown): Buffer {
  const arrays: Array<Float32Array | Int32Array> = [];
  let at = 0;
  const header = JSON.stringify(value, (_key, value: unknown) => {
    if (!(value instanceof Float32Array || value instanceof Int32Array)) return value;
    const stored: Stored = { $array: value instanceof Float32Array ? 'Float32Array' : 'Int32Array', at, length: value.length };
    arrays.push(value);
    at += padTo(value.byteLength);
    return stored;
  });
  const headerBytes = Buffer.from(header, 'utf8');
  const start = padTo(4 + headerBytes.length);
  const out = Buffer.alloc(start + at);
  out.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  let offset = start;
  for (const array of arrays) {
    Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, offset);
    offset += padTo(array.byteLength);
  }
  return out;
}

/** The value from its file bytes, each typed array a view of `bytes` (not a copy). */
export function decodeModelFile(bytes: Buffer): unknown {
  const headerLength = bytes.readUInt32LE(0);
  const start = padTo(4 + headerLength);
  // A typed array's view needs its offset a multiple of its element size.
  const data = bytes.byteOffset % ALIGN === 0 ? bytes : Buffer.from(bytes);
  return JSON.parse(data.toString('utf8', 4, 4 + headerLength), (_key, value: unknown) => {
    if (!isStored(value)) return value;
    if (start + value.at + value.length * 4 > data.length) throw new Error('the model file is shorter than its header says');
    return new ARRAYS[value.$array](data.buffer as ArrayBuffer, data.byteOffset + start + value.at, value.length);
  });
}
