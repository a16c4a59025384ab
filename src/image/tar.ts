/**
 * A tar header reader that never keeps file contents.
 *
 * Written by hand rather than with tar-stream because layerlint only needs headers: in an
 * uncompressed archive on disk it can jump from header to header by position and never read the
 * bytes in between, which makes the cost grow with the number of entries instead of the number
 * of bytes (see BENCHMARKS.md). The same incremental parser also serves streams (gzip layers,
 * stdin), where it skips content without copying it. It understands ustar, GNU long names and
 * long links (`L`/`K`), PAX extended headers (`x`, and `g` globals, which are ignored) and
 * base-256 sizes. On disk, the plain headers are walked in WebAssembly (tar-walk.ts), and this
 * parser takes the others.
 */

import type { TarWalker } from './tar-walk.js';

export type TarTypeflag = string;

export interface TarHeader {
  /** The raw name (PAX `path` or GNU long name applied), not normalised. */
  readonly name: string;
  readonly typeflag: TarTypeflag;
  readonly size: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly linkname: string;
  /** Byte offset of the entry's content within the tar stream. */
  readonly dataOffset: number;
}

export class TarFormatError extends Error {
  override name = 'TarFormatError';
}

const BLOCK = 512;

function isZeroBlock(buf: Uint8Array, off: number): boolean {
  for (let i = off; i < off + BLOCK; i++) {
    if (buf[i] !== 0) return false;
  }
  return true;
}

function readString(buf: Buffer, off: number, len: number): string {
  let end = off;
  const max = off + len;
  while (end < max && buf[end] !== 0) end++;
  return buf.toString('utf8', off, end);
}

/** The ustar linkname field of the header at `off`. */
export function linknameAt(buf: Buffer, off: number): string {
  return readString(buf, off + 157, 100);
}

function readOctal(buf: Uint8Array, off: number, len: number): number {
  const first = buf[off] ?? 0;
  if (first & 0x80) {
    // base-256 (GNU): big-endian two's complement in the remaining bytes
    let value = first & 0x7f;
    for (let i = 1; i < len; i++) value = value * 256 + (buf[off + i] ?? 0);
    return value;
  }
  let value = 0;
  let i = off;
  const end = off + len;
  while (i < end && (buf[i] === 0x20 || buf[i] === 0)) i++;
  for (; i < end; i++) {
    const c = buf[i] ?? 0;
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
  }
  return value;
}

/**
 * The unsigned byte sum of a header with its checksum field counted as spaces. Four bytes at a
 * time (two 16-bit lanes per 32-bit word, summed in two accumulators) when the header is 4-byte
 * aligned, as headers in a window buffer are: this runs once per entry and is the reader's
 * hottest loop. Two loops around the checksum field rather than a test in one: 190 against
 * 285 ns per header, measured on the bench image's headers.
 */
let wordsOf: ArrayBufferLike | undefined;
let words: Uint32Array<ArrayBufferLike> = new Uint32Array(0);

function unsignedSum(buf: Uint8Array, off: number): number {
  const at = buf.byteOffset + off;
  if (at % 4 !== 0) {
    let sum = 8 * 0x20;
    for (let i = off; i < off + 148; i++) sum += buf[i]!;
    for (let i = off + 156; i < off + BLOCK; i++) sum += buf[i]!;
    return sum;
  }
  if (wordsOf !== buf.buffer) {
    wordsOf = buf.buffer;
    words = new Uint32Array(buf.buffer, 0, Math.floor(buf.buffer.byteLength / 4));
  }
  const w = words;
  const first = at / 4;
  // Each 16-bit lane gathers at most 126 bytes of 255: no carry into the next lane.
  let even = 0;
  let odd = 0;
  for (let i = first; i < first + 37; i++) {
    const x = w[i]!;
    even += x & 0x00ff00ff;
    odd += (x >>> 8) & 0x00ff00ff;
  }
  for (let i = first + 39; i < first + BLOCK / 4; i++) {
    const x = w[i]!;
    even += x & 0x00ff00ff;
    odd += (x >>> 8) & 0x00ff00ff;
  }
  const lanes = even + odd;
  return (lanes & 0xffff) + (lanes >>> 16) + 8 * 0x20;
}

/** The header checksum: the unsigned byte sum, with the checksum field counted as spaces. */
function checksumMatches(buf: Uint8Array, off: number): boolean {
  const stored = readOctal(buf, off + 148, 8);
  if (stored === unsignedSum(buf, off)) return true;
  // Some old writers summed signed bytes.
  let signed = 8 * 0x20;
  for (let i = off; i < off + BLOCK; i++) {
    if (i >= off + 148 && i < off + 156) continue;
    const c = buf[i]!;
    signed += c > 127 ? c - 256 : c;
  }
  return stored === signed;
}

/** Whether the 512 bytes at `off` look like a tar header (used to sniff uncompressed layers). */
export function looksLikeTarHeader(buf: Buffer, off = 0): boolean {
  if (buf.length < off + BLOCK) return false;
  if (isZeroBlock(buf, off)) return true;
  return checksumMatches(buf, off);
}

function parsePax(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(0x20, pos);
    if (space < 0) break;
    const len = Number.parseInt(data.toString('latin1', pos, space), 10);
    if (!Number.isFinite(len) || len <= 0) break;
    const record = data.toString('utf8', space + 1, pos + len - 1);
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

/**
 * One header as decoded, without building strings: the name stays as bytes in the block it came
 * from until someone asks for it. Valid only while the callback that receives it runs (the
 * decoder reuses it for the next header).
 */
export class RawHeader {
  buf: Buffer = Buffer.alloc(0);
  /** Offset of the header block in `buf`. */
  off = 0;
  /** End of the ustar name field's bytes (first NUL) in `buf`. */
  nameEnd = 0;
  /** Start and end of the ustar prefix field's bytes; equal when there is no prefix. */
  prefixStart = 0;
  prefixEnd = 0;
  /** A PAX `path` or GNU long name, which replaces the fields above. */
  longName: string | undefined = undefined;
  longLink: string | undefined = undefined;
  /** The typeflag byte ('0' for a NUL typeflag). */
  typeflag = 0x30;
  size = 0;
  mode = 0;
  uid = 0;
  gid = 0;
  /** Byte offset of the entry's content within the tar stream. */
  dataOffset = 0;

  get name(): string {
    if (this.longName !== undefined) return this.longName;
    const name = this.buf.toString('utf8', this.off, this.nameEnd);
    if (this.prefixEnd === this.prefixStart) return name;
    return `${this.buf.toString('utf8', this.prefixStart, this.prefixEnd)}/${name}`;
  }

  get linkname(): string {
    if (this.longLink !== undefined) return this.longLink;
    return linknameAt(this.buf, this.off);
  }

  toHeader(): TarHeader {
    return {
      name: this.name,
      typeflag: String.fromCharCode(this.typeflag),
      size: this.size,
      mode: this.mode,
      uid: this.uid,
      gid: this.gid,
      linkname: this.linkname,
      dataOffset: this.dataOffset,
    };
  }
}

function fieldEnd(buf: Uint8Array, off: number, len: number): number {
  const max = off + len;
  let end = off;
  while (end < max && buf[end] !== 0) end++;
  return end;
}

/**
 * Whether a header is POSIX ustar (`ustar\0`), the only format with a name prefix at 345: GNU
 * headers (`ustar  \0`) keep atime and ctime there (incremental archives fill them).
 */
function isPosixUstar(buf: Uint8Array, off: number): boolean {
  const m = off + 257;
  return (
    buf[m] === 0x75 &&
    buf[m + 1] === 0x73 &&
    buf[m + 2] === 0x74 &&
    buf[m + 3] === 0x61 &&
    buf[m + 4] === 0x72 &&
    buf[m + 5] === 0
  );
}

/** Metadata entries whose content the parser must read (they describe the next header). */
function isMetaFlag(typeflag: number): boolean {
  return typeflag === 0x78 || typeflag === 0x67 || typeflag === 0x4c || typeflag === 0x4b; // x g L K
}

/**
 * Decodes header blocks plus any pending long-name/PAX state into its RawHeader. Returns
 * 'end' for a zero block (end of archive).
 */
class HeaderDecoder {
  private longName: string | undefined;
  private longLink: string | undefined;
  private pax: Map<string, string> | undefined;
  readonly raw = new RawHeader();

  /** Whether a metadata entry (long name, PAX) waits to apply to the next header. */
  get pending(): boolean {
    return this.longName !== undefined || this.longLink !== undefined || this.pax !== undefined;
  }

  decode(buf: Buffer, off: number, streamOffset: number): RawHeader | 'end' {
    if (!checksumMatches(buf, off)) {
      if (isZeroBlock(buf, off)) return 'end';
      throw new TarFormatError(`bad tar header checksum at byte ${streamOffset}`);
    }
    const raw = this.raw;
    raw.buf = buf;
    raw.off = off;
    raw.nameEnd = fieldEnd(buf, off, 100);
    if (isPosixUstar(buf, off)) {
      raw.prefixStart = off + 345;
      raw.prefixEnd = fieldEnd(buf, off + 345, 155);
    } else {
      raw.prefixStart = raw.prefixEnd = 0;
    }
    const typeflag = buf[off + 156]!;
    raw.typeflag = typeflag === 0 ? 0x30 : typeflag;
    raw.size = readOctal(buf, off + 124, 12);
    raw.mode = readOctal(buf, off + 100, 8);
    raw.uid = readOctal(buf, off + 108, 8);
    raw.gid = readOctal(buf, off + 116, 8);
    raw.dataOffset = streamOffset + BLOCK;
    raw.longName = undefined;
    raw.longLink = undefined;
    if (isMetaFlag(raw.typeflag)) return raw;
    raw.longName = this.longName;
    raw.longLink = this.longLink;
    if (this.pax) {
      const path = this.pax.get('path');
      if (path !== undefined) raw.longName = path;
      const link = this.pax.get('linkpath');
      if (link !== undefined) raw.longLink = link;
      const paxSize = this.pax.get('size');
      if (paxSize !== undefined) raw.size = Number(paxSize);
      const uid = this.pax.get('uid');
      if (uid !== undefined) raw.uid = Number(uid);
      const gid = this.pax.get('gid');
      if (gid !== undefined) raw.gid = Number(gid);
    }
    this.longName = undefined;
    this.longLink = undefined;
    this.pax = undefined;
    return raw;
  }

  /** Applies the content of a metadata entry to the next header. */
  applyMeta(typeflag: number, data: Buffer): void {
    switch (typeflag) {
      case 0x4c: // L
        this.longName = readString(data, 0, data.length);
        break;
      case 0x4b: // K
        this.longLink = readString(data, 0, data.length);
        break;
      case 0x78: // x
        this.pax = parsePax(data);
        break;
      default:
        // 'g': global PAX headers carry nothing layerlint needs.
        break;
    }
  }
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

const MAX_META_BYTES = 1 << 20;

/** Receives the content of an entry the consumer asked to read. */
export interface ContentSink {
  write(chunk: Buffer): undefined | Promise<void>;
  end(): undefined | Promise<void>;
}

/**
 * Incremental tar parser for streams. `onEntry` returns a sink to receive the entry's content,
 * or undefined to skip it (skipped bytes are never copied). Feed chunks with `write`; awaits
 * the sinks, so backpressure flows from the consumer of the content to the source.
 */
export class TarStreamParser {
  private readonly decoder = new HeaderDecoder();
  private offset = 0;
  private headerBuf = Buffer.alloc(BLOCK);
  private headerFill = 0;
  /** Bytes of the current entry's content still to come, then its padding. */
  private contentLeft = 0;
  private padLeft = 0;
  private sink: ContentSink | undefined;
  /** The typeflag of the metadata entry being read, or 0. */
  private metaFlag = 0;
  private metaChunks: Buffer[] = [];
  private ended = false;

  constructor(private readonly onEntry: (header: RawHeader) => ContentSink | undefined) {}

  get done(): boolean {
    return this.ended;
  }

  get bytesSeen(): number {
    return this.offset;
  }

  async write(chunk: Buffer): Promise<void> {
    let pos = 0;
    while (pos < chunk.length && !this.ended) {
      if (this.contentLeft > 0) {
        const n = Math.min(this.contentLeft, chunk.length - pos);
        if (this.metaFlag !== 0) {
          this.metaChunks.push(chunk.subarray(pos, pos + n));
        } else if (this.sink) {
          const p = this.sink.write(chunk.subarray(pos, pos + n));
          if (p) await p;
        }
        pos += n;
        this.offset += n;
        this.contentLeft -= n;
        if (this.contentLeft === 0) await this.finishContent();
        continue;
      }
      if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, chunk.length - pos);
        pos += n;
        this.offset += n;
        this.padLeft -= n;
        continue;
      }
      // Header: take it straight from the chunk when whole, else assemble it.
      let buf: Buffer;
      let off: number;
      if (this.headerFill === 0 && chunk.length - pos >= BLOCK) {
        buf = chunk;
        off = pos;
        pos += BLOCK;
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - pos);
        chunk.copy(this.headerBuf, this.headerFill, pos, pos + n);
        this.headerFill += n;
        pos += n;
        if (this.headerFill < BLOCK) {
          this.offset += n;
          continue;
        }
        this.offset += n - BLOCK;
        buf = this.headerBuf;
        off = 0;
        this.headerFill = 0;
      }
      const header = this.decoder.decode(buf, off, this.offset);
      this.offset += BLOCK;
      if (header === 'end') {
        this.ended = true;
        break;
      }
      this.contentLeft = header.size;
      this.padLeft = padded(header.size) - header.size;
      if (isMetaFlag(header.typeflag)) {
        if (header.size > MAX_META_BYTES) {
          throw new TarFormatError(`tar metadata entry of ${header.size} bytes is too large`);
        }
        this.metaFlag = header.typeflag;
        this.metaChunks = [];
      } else {
        this.sink = this.onEntry(header);
      }
      if (this.contentLeft === 0) await this.finishContent();
    }
  }

  private async finishContent(): Promise<void> {
    if (this.metaFlag !== 0) {
      this.decoder.applyMeta(this.metaFlag, Buffer.concat(this.metaChunks));
      this.metaFlag = 0;
      this.metaChunks = [];
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    if (sink) {
      const p = sink.end();
      if (p) await p;
    }
  }

  /** Call at the end of input: a tar cut off in the middle of an entry is an error. */
  finish(): void {
    if (this.ended) return;
    if (this.contentLeft > 0 || this.headerFill > 0 || this.metaFlag !== 0) {
      throw new TarFormatError(`tar ends in the middle of an entry (after ${this.offset} bytes)`);
    }
    // A tar without the two zero blocks at the end is accepted (many writers omit them).
  }
}

/** The WebAssembly fast path for plain headers, and what receives its records. */
export interface FastHeaders {
  readonly walker: TarWalker;
  /** Takes the walker's records `[0, count)` (valid until the next walk). */
  onRecords(count: number): void;
}

/**
 * Reads `length` bytes at `position` into `buffer`; returns the bytes actually read. Synchronous:
 * a header walk issues thousands of small reads, and awaiting each one costs more than the read.
 */
export type PositionedRead = (buffer: Buffer, position: number, length: number) => number;

/** Windows read between two yields to the event loop (so a progress bar can paint). */
const WINDOWS_PER_YIELD = 64;

const WINDOW = 1 << 20;
const JUMP_WINDOW = 64 << 10;

/**
 * Lists a tar that can be read by position (a file on disk, or a range of one): reads headers
 * through a 1 MiB window and jumps over any content that lies outside it, so large files cost
 * one read each, not their size.
 */
export async function scanTarByPosition(
  read: PositionedRead,
  start: number,
  length: number,
  onHeader: (header: RawHeader) => void,
  readMeta: (header: RawHeader) => Buffer = (h) => {
    const data = Buffer.alloc(h.size);
    const n = read(data, start + h.dataOffset, h.size);
    if (n < h.size) throw new TarFormatError('tar ends in the middle of an entry');
    return data;
  },
  fast?: FastHeaders,
): Promise<void> {
  const decoder = new HeaderDecoder();
  const size = Math.min(WINDOW, Math.max(BLOCK, length));
  if (fast && fast.walker.window.length < size) throw new Error('the walker window is too small');
  const window = fast ? fast.walker.window.subarray(0, size) : Buffer.alloc(size);
  let windowStart = -1;
  let windowLength = 0;
  let pos = 0; // relative to start
  let windows = 0;
  while (pos + BLOCK <= length) {
    if (windowStart < 0 || pos < windowStart || pos + BLOCK > windowStart + windowLength) {
      // After jumping over a large entry, read a small window: the next entry may be large too.
      const jumped = windowStart >= 0 && pos > windowStart + windowLength + JUMP_WINDOW;
      const want = Math.min(jumped ? JUMP_WINDOW : window.length, length - pos);
      windowLength = read(window, start + pos, want);
      windowStart = pos;
      if (++windows % WINDOWS_PER_YIELD === 0) await new Promise((r) => setImmediate(r));
      if (windowLength < BLOCK) {
        throw new TarFormatError(`tar ends in the middle of a header (after ${pos} bytes)`);
      }
    }
    if (fast && !decoder.pending) {
      // The walker takes the plain headers; it stops at the first one it cannot take, which
      // the decoder below takes, or at the end of the window, which is read again from there.
      // It has room for a record per block of its window, so one walk covers the window.
      const count = fast.walker.walk(windowLength, pos - windowStart, length - windowStart);
      if (count > 0) fast.onRecords(count);
      pos = windowStart + fast.walker.stoppedAt;
      if (pos + BLOCK > windowStart + windowLength) continue;
    }
    const header = decoder.decode(window, pos - windowStart, pos);
    if (header === 'end') return;
    if (isMetaFlag(header.typeflag)) {
      if (header.size > MAX_META_BYTES) {
        throw new TarFormatError(`tar metadata entry of ${header.size} bytes is too large`);
      }
      const dataStart = pos + BLOCK - windowStart;
      const data =
        dataStart + header.size <= windowLength
          ? Buffer.from(window.subarray(dataStart, dataStart + header.size))
          : readMeta(header);
      decoder.applyMeta(header.typeflag, data);
    } else {
      if (pos + BLOCK + header.size > length) {
        throw new TarFormatError(
          `tar ends in the middle of ${header.name} (needs ${header.size} bytes, ${length - pos - BLOCK} left)`,
        );
      }
      onHeader(header);
    }
    pos += BLOCK + padded(header.size);
  }
  if (pos < length && length - pos < BLOCK) {
    throw new TarFormatError(`tar ends in the middle of a header (after ${pos} bytes)`);
  }
}
