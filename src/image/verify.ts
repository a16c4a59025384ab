import { createHash } from 'node:crypto';
import { ArchiveFormatError } from '../errors.js';
import { createDecompressor, sniffCompression } from './decompress.js';
import type { ImageCandidate } from './resolve.js';
import type { ArchiveStore } from './store.js';

const BLOB = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/;

/** Hashes a blob as stored and, decompressed, as the diff_id sees it. */
async function hashBlob(
  store: ArchiveStore,
  name: string,
): Promise<{ raw: string; plain: string }> {
  const raw = createHash('sha256');
  const plain = createHash('sha256');
  const input = await store.openRaw(name);
  let decompressor: Awaited<ReturnType<typeof createDecompressor>>;
  let sniffed = false;
  let consumer: Promise<void> | undefined;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    raw.update(chunk);
    if (!sniffed) {
      sniffed = true;
      const kind = sniffCompression(chunk);
      decompressor =
        kind === 'gzip' || kind === 'zstd' ? await createDecompressor(kind) : undefined;
      if (decompressor) {
        const d = decompressor;
        consumer = (async () => {
          for await (const out of d as AsyncIterable<Buffer>) plain.update(out);
        })();
      }
    }
    if (decompressor) {
      if (!decompressor.write(chunk)) await new Promise((r) => decompressor!.once('drain', r));
    } else {
      plain.update(chunk);
    }
  }
  if (decompressor) {
    decompressor.end();
    await consumer;
  }
  return { raw: `sha256:${raw.digest('hex')}`, plain: `sha256:${plain.digest('hex')}` };
}

/**
 * `--verify`: every blob named by digest must hash to it, and every layer's uncompressed bytes
 * to its diff_id. Throws on the first mismatch.
 */
export async function verifyDigests(
  store: ArchiveStore,
  candidate: ImageCandidate,
  configBytes: Buffer,
  diffIds: readonly string[],
  source: string,
): Promise<void> {
  const configMatch = BLOB.exec(candidate.configName);
  if (configMatch?.[1] === 'sha256') {
    const actual = createHash('sha256').update(configBytes).digest('hex');
    if (actual !== configMatch[2]) {
      throw new ArchiveFormatError(
        `${source}: config ${candidate.configName} does not match its digest (sha256:${actual})`,
      );
    }
  }
  for (const [i, name] of candidate.layerNames.entries()) {
    const { raw, plain } = await hashBlob(store, name);
    const blob = BLOB.exec(name);
    if (blob?.[1] === 'sha256' && raw !== `sha256:${blob[2]}`) {
      throw new ArchiveFormatError(`${source}: layer ${name} does not match its digest (${raw})`);
    }
    const diffId = diffIds[i];
    if (diffId && diffId !== plain) {
      throw new ArchiveFormatError(
        `${source}: layer ${i} (${name}) does not match its diff_id ${diffId} (found ${plain})`,
      );
    }
  }
}
