import { Transform } from 'node:stream';
import { createGunzip } from 'node:zlib';

export type Compression = 'none' | 'gzip' | 'zstd';

/** Large output chunks make zlib markedly faster (research/deps.md §3: 1.6× at 64 KiB+). */
const GUNZIP_CHUNK_BYTES = 256 * 1024;

/** Detects compression by magic bytes, never by name or media type. */
export function sniffCompression(head: Uint8Array): Compression | 'bzip2' | 'xz' {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  if (head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68) return 'bzip2';
  if (head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58) return 'xz';
  return 'none';
}

type ZstdNapi = { DecompressStream: new () => Transform };
let zstdNative: ZstdNapi | null | undefined;

async function loadZstdNative(): Promise<ZstdNapi | null> {
  if (zstdNative !== undefined) return zstdNative;
  try {
    zstdNative = (await import('zstd-napi')) as unknown as ZstdNapi;
  } catch {
    zstdNative = null; // the optional native addon did not build: use the pure-JS decoder
  }
  return zstdNative;
}

/** A zstd decompressing Transform: the native addon when present, else fzstd (pure JS). */
async function createZstdDecompress(): Promise<Transform> {
  const native = await loadZstdNative();
  if (native) return new native.DecompressStream();
  const { Decompress } = await import('fzstd');
  let decoder: InstanceType<typeof Decompress> | undefined;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        decoder!.push(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
    flush(callback) {
      try {
        decoder!.push(new Uint8Array(0), true);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  decoder = new Decompress((out) => {
    transform.push(Buffer.from(out.buffer, out.byteOffset, out.byteLength));
  });
  return transform;
}

/** A Transform that undoes `compression` (a pass-through for 'none'). */
export async function createDecompressor(compression: Compression): Promise<Transform | undefined> {
  switch (compression) {
    case 'gzip':
      return createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
    case 'zstd':
      return createZstdDecompress();
    default:
      return undefined;
  }
}
