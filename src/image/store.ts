import { createReadStream, readSync } from 'node:fs';
import { type FileHandle, open, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { createDecompressor, sniffCompression } from './decompress.js';
import { normalizeEntryPath } from './entries.js';
import {
  type LayerLocation,
  type LayerScan,
  LayerStreamSink,
  scanLayerFile,
  scanLayerStream,
} from './layer-scan.js';
import { PathTable } from './path-table.js';
import {
  type ContentSink,
  type PositionedRead,
  scanTarByPosition,
  TarStreamParser,
} from './tar.js';

/** JSON documents (manifests, configs) larger than this are refused. */
const MAX_JSON_BYTES = 64 << 20;
/** In a stream, members up to this size are kept whole until the manifest says what they are. */
const BUFFER_SMALL_MEMBER_BYTES = 1 << 20;

export type ByteProgress = (bytesRead: number) => void;

/** The files of an image archive or layout directory, by their path inside it. */
export interface ArchiveStore {
  readonly kind: 'tar' | 'dir' | 'stream';
  /** Total input bytes when known (for progress). */
  readonly totalBytes: number | undefined;
  /** The paths of every layer scanned from this archive. */
  readonly paths: PathTable;
  /** Whether a member (after links) is there. */
  has(name: string): Promise<boolean>;
  names(): readonly string[];
  readBytes(name: string): Promise<Buffer>;
  scanLayer(name: string, onBytes?: ByteProgress): Promise<LayerScan>;
  /** Where a member lies on disk, for scanning it on another thread; undefined for streams. */
  locate(name: string): Promise<LayerLocation | undefined>;
  /** Streams a member's raw bytes (for --verify). */
  openRaw(name: string): Promise<Readable>;
  close(): Promise<void>;
}

/** A problem with a member of the archive (missing, not JSON, too large). */
export class StoreError extends Error {
  override name = 'StoreError';
}

interface Member {
  readonly offset: number;
  readonly size: number;
  readonly typeflag: string;
  readonly linkname: string;
}

function resolveLink(name: string, member: Member): string {
  if (member.typeflag === '2') {
    const dir = posix.dirname(name);
    return normalizeEntryPath(posix.join(dir === '.' ? '' : dir, member.linkname));
  }
  return normalizeEntryPath(member.linkname);
}

/**
 * The member a name leads to after hard and symbolic links inside the archive (at most 16
 * hops), given how to look a name up and whether what it finds is a link.
 */
function followLinks<T>(
  name: string,
  lookup: (name: string) => T | undefined,
  linkOf: (found: T) => Member | undefined,
): T | undefined {
  let current = normalizeEntryPath(name);
  for (let hops = 0; hops < 16; hops++) {
    const found = lookup(current);
    if (found === undefined) return undefined;
    const link = linkOf(found);
    if (!link) return found;
    current = resolveLink(current, link);
  }
  return undefined;
}

const tarLink = (m: Member): Member | undefined =>
  m.typeflag === '1' || m.typeflag === '2' ? m : undefined;

/** An uncompressed tar on disk: members are read by position, never copied whole. */
export class TarFileStore implements ArchiveStore {
  readonly kind = 'tar';
  readonly paths = new PathTable();
  private constructor(
    private readonly path: string,
    private readonly handle: FileHandle,
    private readonly members: Map<string, Member>,
    readonly totalBytes: number,
  ) {}

  static async open(path: string): Promise<TarFileStore> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const members = new Map<string, Member>();
      const read: PositionedRead = (buffer, position, length) =>
        readSync(handle.fd, buffer, 0, length, position);
      await scanTarByPosition(read, 0, size, (raw) => {
        const h = raw.toHeader();
        const name = normalizeEntryPath(h.name);
        if (name === '') return;
        members.set(name, {
          offset: h.dataOffset,
          size: h.size,
          typeflag: h.typeflag,
          linkname: h.linkname,
        });
      });
      return new TarFileStore(path, handle, members, size);
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  private readonly read: PositionedRead = (buffer, position, length) =>
    readSync(this.handle.fd, buffer, 0, length, position);

  private member(name: string): Member {
    const found = followLinks(name, (n) => this.members.get(n), tarLink);
    if (!found) throw new StoreError(`${name} is missing from the archive`);
    return found;
  }

  async has(name: string): Promise<boolean> {
    return followLinks(name, (n) => this.members.get(n), tarLink) !== undefined;
  }

  names(): readonly string[] {
    return [...this.members.keys()];
  }

  async readBytes(name: string): Promise<Buffer> {
    const m = this.member(name);
    if (m.size > MAX_JSON_BYTES) throw new StoreError(`${name} is too large to be metadata`);
    const buf = Buffer.alloc(m.size);
    const n = this.read(buf, m.offset, m.size);
    if (n < m.size) throw new StoreError(`${name} is cut short`);
    return buf;
  }

  async scanLayer(name: string, onBytes?: ByteProgress): Promise<LayerScan> {
    return scanLayerFile((await this.locate(name))!, this.paths, onBytes);
  }

  async locate(name: string): Promise<LayerLocation> {
    const m = this.member(name);
    return { path: this.path, offset: m.offset, length: m.size };
  }

  async openRaw(name: string): Promise<Readable> {
    const m = this.member(name);
    if (m.size === 0) return (await import('node:stream')).Readable.from([]);
    return createReadStream(this.path, {
      start: m.offset,
      end: m.offset + m.size - 1,
      highWaterMark: 1 << 20,
    });
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}

const SAFE_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._:-]+)*$/;

/** An OCI image layout directory. Paths outside the directory are never opened. */
export class DirStore implements ArchiveStore {
  readonly kind = 'dir';
  readonly totalBytes = undefined;
  readonly paths = new PathTable();
  private readonly present = new Map<string, boolean>();
  private constructor(private readonly root: string) {}

  static async open(path: string): Promise<DirStore> {
    return new DirStore(await realpath(path));
  }

  private async safePath(name: string): Promise<string> {
    const normalized = normalizeEntryPath(name);
    if (!SAFE_NAME.test(normalized)) throw new StoreError(`${name} is not a valid blob path`);
    const full = await realpath(join(this.root, ...normalized.split('/'))).catch(() => {
      throw new StoreError(`${normalized} is missing from the layout`);
    });
    if (!full.startsWith(this.root + sep)) {
      throw new StoreError(`${normalized} points outside the layout directory`);
    }
    return full;
  }

  async has(name: string): Promise<boolean> {
    const normalized = normalizeEntryPath(name);
    let known = this.present.get(normalized);
    if (known === undefined) {
      known = await this.safePath(normalized).then(
        async (p) => (await stat(p)).isFile(),
        () => false,
      );
      this.present.set(normalized, known);
    }
    return known;
  }

  names(): readonly string[] {
    return [...this.present.entries()].filter(([, ok]) => ok).map(([n]) => n);
  }

  async readBytes(name: string): Promise<Buffer> {
    const p = await this.safePath(name);
    if ((await stat(p)).size > MAX_JSON_BYTES) {
      throw new StoreError(`${name} is too large to be metadata`);
    }
    return readFile(p);
  }

  async scanLayer(name: string, onBytes?: ByteProgress): Promise<LayerScan> {
    return scanLayerFile(await this.locate(name), this.paths, onBytes);
  }

  async locate(name: string): Promise<LayerLocation> {
    const path = await this.safePath(name);
    return { path, offset: 0, length: (await stat(path)).size };
  }

  async openRaw(name: string): Promise<Readable> {
    return createReadStream(await this.safePath(name), { highWaterMark: 1 << 20 });
  }

  async close(): Promise<void> {}
}

type StreamMember =
  | { readonly kind: 'bytes'; readonly data: Buffer }
  | { readonly kind: 'layer'; readonly scan: LayerScan; readonly size: number }
  | { readonly kind: 'link'; readonly member: Member };

/**
 * An archive read once from a stream (stdin, or a whole-archive gzip/zstd). Layers are listed
 * as they pass; metadata is kept; file contents are dropped.
 */
export class StreamStore implements ArchiveStore {
  readonly kind = 'stream';
  private constructor(
    private readonly members: Map<string, StreamMember>,
    readonly totalBytes: number | undefined,
    readonly paths: PathTable,
  ) {}

  static async read(
    input: Readable,
    totalBytes: number | undefined,
    onBytes?: ByteProgress,
  ): Promise<{ store: StreamStore; wrapper: 'none' | 'gzip' | 'zstd' }> {
    const members = new Map<string, StreamMember>();
    const paths = new PathTable();
    let pendingChunks: Buffer[] = [];
    let pendingBytes = 0;
    let source: AsyncIterable<Buffer> | undefined;
    let wrapper: 'none' | 'gzip' | 'zstd' = 'none';
    let read = 0;
    const iterator = (input as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    // Sniff the wrapper from the first bytes.
    while (pendingBytes < 6) {
      const next = await iterator.next();
      if (next.done) break;
      pendingChunks.push(next.value);
      pendingBytes += next.value.length;
    }
    const head = Buffer.concat(pendingChunks);
    const kind = sniffCompression(head);
    if (kind === 'bzip2' || kind === 'xz') {
      throw new StoreError(`compressed with ${kind}; decompress it first`);
    }
    const raw = (async function* () {
      if (head.length > 0) {
        read += head.length;
        onBytes?.(read);
        yield head;
      }
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        read += next.value.length;
        onBytes?.(read);
        yield next.value;
      }
    })();
    if (kind === 'gzip' || kind === 'zstd') {
      wrapper = kind;
      const decompressor = (await createDecompressor(kind))!;
      const pump = (async () => {
        for await (const chunk of raw) {
          if (!decompressor.write(chunk)) await new Promise((r) => decompressor.once('drain', r));
        }
        decompressor.end();
      })();
      pump.catch((e: unknown) => decompressor.destroy(e as Error));
      source = decompressor as AsyncIterable<Buffer>;
    } else {
      source = raw;
    }
    pendingChunks = [];
    pendingBytes = 0;
    const sinks: { name: string; sink: LayerStreamSink; size: number }[] = [];
    const parser = new TarStreamParser((raw): ContentSink | undefined => {
      const h = raw.toHeader();
      const name = normalizeEntryPath(h.name);
      if (name === '') return undefined;
      if (h.typeflag === '1' || h.typeflag === '2') {
        members.set(name, {
          kind: 'link',
          member: { offset: 0, size: 0, typeflag: h.typeflag, linkname: h.linkname },
        });
        return undefined;
      }
      if (h.typeflag !== '0' && h.typeflag !== '7') return undefined;
      return new MemberSink(h.size, {
        keep: (data) => members.set(name, { kind: 'bytes', data }),
        layer: () => {
          const sink = new LayerStreamSink(paths);
          sinks.push({ name, sink, size: h.size });
          return sink;
        },
      });
    });
    for await (const chunk of source) {
      if (!parser.done) await parser.write(chunk);
    }
    parser.finish();
    for (const { name, sink, size } of sinks) {
      members.set(name, { kind: 'layer', scan: sink.result(), size });
    }
    return { store: new StreamStore(members, totalBytes, paths), wrapper };
  }

  private resolve(name: string): StreamMember | undefined {
    return followLinks(
      name,
      (n) => this.members.get(n),
      (m) => (m.kind === 'link' ? m.member : undefined),
    );
  }

  async has(name: string): Promise<boolean> {
    return this.resolve(name) !== undefined;
  }

  names(): readonly string[] {
    return [...this.members.keys()];
  }

  async readBytes(name: string): Promise<Buffer> {
    const m = this.resolve(name);
    if (!m) throw new StoreError(`${name} is missing from the archive`);
    if (m.kind !== 'bytes') throw new StoreError(`${name} is a layer, not metadata`);
    return m.data;
  }

  async scanLayer(name: string, onBytes?: ByteProgress): Promise<LayerScan> {
    const m = this.resolve(name);
    if (!m) throw new StoreError(`${name} is missing from the archive`);
    if (m.kind === 'layer') return m.scan;
    if (m.kind === 'bytes') {
      const { Readable } = await import('node:stream');
      return scanLayerStream(Readable.from([m.data]), this.paths, onBytes);
    }
    throw new StoreError(`${name} is a link that leads nowhere`);
  }

  async locate(): Promise<undefined> {
    return undefined;
  }

  async openRaw(name: string): Promise<Readable> {
    throw new StoreError(
      `${name}: --verify needs the archive as an uncompressed file or directory, not a stream`,
    );
  }

  async close(): Promise<void> {}
}

/** Decides, from its first bytes, whether a streamed member is metadata to keep or a layer. */
class MemberSink implements ContentSink {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private layer: LayerStreamSink | undefined;
  private isJson: boolean | undefined;

  constructor(
    private readonly size: number,
    private readonly to: { keep: (data: Buffer) => void; layer: () => LayerStreamSink },
  ) {}

  write(chunk: Buffer): Promise<void> | undefined {
    if (this.layer) return this.layer.write(chunk);
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.size <= BUFFER_SMALL_MEMBER_BYTES) return undefined;
    if (this.isJson === undefined) {
      const first = this.chunks[0]![0];
      this.isJson = first === 0x7b || first === 0x5b; // '{' or '['
    }
    if (this.isJson) {
      if (this.bytes > MAX_JSON_BYTES) throw new StoreError('a metadata file is too large');
      return undefined;
    }
    this.layer = this.to.layer();
    const buffered = Buffer.concat(this.chunks);
    this.chunks = [];
    return this.layer.write(buffered);
  }

  end(): Promise<void> | undefined {
    if (this.layer) return this.layer.end();
    this.to.keep(Buffer.concat(this.chunks));
    this.chunks = [];
    return undefined;
  }
}
