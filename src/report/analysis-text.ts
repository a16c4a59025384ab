import prettyBytes from 'pretty-bytes';
import { HiddenFileList, HOWS, hiddenFileListOf } from '../analysis/hidden-files.js';
import type { HiddenFile, HiddenHow, ImageAnalysis } from '../analysis/types.js';
import { findingPlace } from '../findings.js';
import { HiddenJsonWriter, hiddenJsonWasmEnabled } from './hidden-json.js';

const MAX_HIDDEN_ROWS = 10;

function percent(fraction: number | null): string {
  return fraction === null ? 'n/a' : `${(fraction * 100).toFixed(2)} %`;
}

function truncate(text: string, width: number): string {
  const one = text.replace(/\s*\n\s*/g, ' ↵ ');
  return one.length <= width ? one : `${one.slice(0, width - 1)}…`;
}

/** `analyze --format text`: the same facts as the JSON, for a person. */
export function formatAnalysisText(a: ImageAnalysis, width = 100): string {
  const out: string[] = [];
  const name = a.image.tags[0] ?? a.image.id.slice(0, 19);
  out.push(
    `${a.image.source}  ${name}  ${a.image.os}/${a.image.architecture}  (${a.image.format})`,
  );
  out.push('');
  const hasLines = a.layers.some((l) => l.instruction);
  const commandWidth = Math.max(20, width - (hasLines ? 29 : 22));
  out.push(`  #      Size  ${hasLines ? 'Line   ' : ''}Command`);
  for (const l of a.layers) {
    const mark = l.commitBuilt ? 'C' : ' ';
    const size = prettyBytes(l.sizeBytes).padStart(9);
    const line = hasLines ? `${(l.instruction ? `L${l.instruction.line}` : '-').padEnd(5)}  ` : '';
    out.push(
      `${String(l.index).padStart(3)}${mark} ${size}  ${line}${truncate(l.command || '(no history)', commandWidth)}`,
    );
  }
  if (a.layers.some((l) => l.commitBuilt))
    out.push('  (C = made by a commit, not a build instruction)');
  out.push('');
  out.push(
    `Total size:        ${prettyBytes(a.sizeBytes)} (${a.sizeBytes} bytes) in ${a.layers.length} layers`,
  );
  out.push(
    `Hidden bytes:      ${prettyBytes(a.hiddenBytes)} (${a.hiddenBytes} bytes) stored in layers but not visible`,
  );
  out.push(`Efficiency:        ${percent(a.efficiency)}  (dive)`);
  out.push(`Wasted bytes:      ${prettyBytes(a.wastedBytes)} (${a.wastedBytes} bytes, dive)`);
  out.push(`User wasted:       ${percent(a.userWastedPercent)}  (dive)`);
  // The ten largest only: from the columns when there are some, without making every object.
  const list = hiddenFileListOf(a);
  const hiddenCount = list ? list.length : a.hiddenFiles.length;
  if (hiddenCount > 0) {
    out.push('');
    out.push('Largest hidden files:');
    out.push('       Size  Added  Hidden  How          Path');
    const at = (layer: number) => {
      const line = a.layers[layer]?.instruction?.line;
      return line === undefined ? String(layer) : `${layer} L${line}`;
    };
    const shown = list
      ? Array.from({ length: Math.min(hiddenCount, MAX_HIDDEN_ROWS) }, (_, i) => list.at(i))
      : a.hiddenFiles.slice(0, MAX_HIDDEN_ROWS);
    for (const f of shown) {
      out.push(
        `  ${prettyBytes(f.sizeBytes).padStart(9)}  ${at(f.addedInLayer).padStart(5)}  ${at(f.hiddenByLayer).padStart(6)}  ${f.how.padEnd(11)}  ${f.path}`,
      );
    }
    if (hiddenCount > MAX_HIDDEN_ROWS) {
      out.push(`  … and ${hiddenCount - MAX_HIDDEN_ROWS} more`);
    }
  }
  if (a.findings.length > 0) {
    out.push('');
    out.push('Findings:');
    for (const f of a.findings) {
      const where = findingPlace(f);
      out.push(`  ${f.severity.padEnd(7)} ${where}  ${f.message}  [${f.rule}]`);
    }
  }
  for (const w of a.warnings) out.push(`warning: ${w}`);
  return `${out.join('\n')}\n`;
}

/** `analyze --format json`: SPEC's shape (schemaVersion 1), without the internal history objects. */
export function formatAnalysisJson(a: ImageAnalysis): string {
  return joinChunks(formatAnalysisJsonChunks(a));
}

/** A report written in pieces, some text and some UTF-8 bytes, as one string. */
export function joinChunks(chunks: Iterable<string | Uint8Array>): string {
  const decoder = new TextDecoder();
  let text = '';
  for (const c of chunks) text += typeof c === 'string' ? c : decoder.decode(c, { stream: true });
  return text + decoder.decode();
}

const HIDDEN_FILES_PER_CHUNK = 2000;

/** `how` as JSON; the values never need escaping. */
const HOW_JSON: Readonly<Record<HiddenHow, string>> = {
  deleted: '"deleted"',
  opaque: '"opaque"',
  overwritten: '"overwritten"',
};

/**
 * JSON text written straight into UTF-8 bytes. The hidden-file list of a large image is tens of
 * MB of JSON: built as strings, it was then encoded again by the output stream, and the two
 * passes cost about twice what writing the bytes once does.
 */
class JsonBytes {
  /** Empty until the first write, and again after each `take`: a buffer is made only when used. */
  private buf = Buffer.alloc(0);
  private pos = 0;

  constructor(private readonly chunkBytes: number) {}

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n, this.chunkBytes));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }

  /** Text known to be ASCII (the report's own punctuation and keys). */
  ascii(text: string): void {
    this.room(text.length);
    const buf = this.buf;
    let pos = this.pos;
    for (let i = 0; i < text.length; i++) buf[pos++] = text.charCodeAt(i);
    this.pos = pos;
  }

  /** Any text, as UTF-8. */
  text(text: string): void {
    this.room(text.length * 3);
    this.pos += this.buf.write(text, this.pos, 'utf8');
  }

  /** A string as JSON.stringify writes it: as is when no character needs escaping or encoding. */
  string(text: string): void {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.text(JSON.stringify(text));
        return;
      }
    }
    this.room(text.length + 2);
    this.buf[this.pos++] = 0x22;
    this.ascii(text);
    this.buf[this.pos++] = 0x22;
  }

  /** A safe integer as String (and so JSON) writes it. */
  integer(n: number): void {
    this.room(17);
    const buf = this.buf;
    if (n < 0) {
      buf[this.pos++] = 0x2d;
      n = -n;
    }
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.pos + digits;
    this.pos = at;
    do {
      buf[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }

  /** Bytes prepared beforehand (the keys around each value). */
  bytes(bytes: Uint8Array): void {
    this.room(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
  }

  /** The bytes written so far, given away (the writer starts a fresh buffer). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.alloc(0);
    this.pos = 0;
    return out;
  }
}

/**
 * One hidden file as `JSON.stringify(f, null, 2)` writes it as an item of an array whose key sits
 * at indentation `indent`. Written by hand because the generic stringify (and re-indenting its
 * output) dominated the time of large reports. It relies on `computeHiddenBytes` building every
 * entry with exactly these keys in this order; numbers take the fast path only when `String`
 * writes them as JSON does (non-finite numbers would be `null`), anything else goes through
 * JSON.stringify.
 */
function writeHiddenFile(out: JsonBytes, f: HiddenFile, keys: HiddenFileKeys): void {
  const how = Object.hasOwn(HOW_JSON, f.how) ? HOW_JSON[f.how] : undefined;
  if (
    how === undefined ||
    !Number.isSafeInteger(f.sizeBytes) ||
    !Number.isSafeInteger(f.addedInLayer) ||
    !Number.isSafeInteger(f.hiddenByLayer)
  ) {
    out.text(`${keys.indent}  ${JSON.stringify(f, null, 2).replace(/\n/g, `\n${keys.indent}  `)}`);
    return;
  }
  out.bytes(keys.path);
  out.string(f.path);
  out.bytes(keys.sizeBytes);
  out.integer(f.sizeBytes);
  out.bytes(keys.addedInLayer);
  out.integer(f.addedInLayer);
  out.bytes(keys.hiddenByLayer);
  out.integer(f.hiddenByLayer);
  out.bytes(keys.how);
  out.ascii(how);
  out.bytes(keys.close);
}

/** The text around a hidden file's values at one indentation, as bytes. */
interface HiddenFileKeys {
  readonly indent: string;
  readonly path: Uint8Array;
  readonly sizeBytes: Uint8Array;
  readonly addedInLayer: Uint8Array;
  readonly hiddenByLayer: Uint8Array;
  readonly how: Uint8Array;
  readonly close: Uint8Array;
  /** `how`'s JSON per `HiddenFileList.hows` value. */
  readonly hows: readonly Uint8Array[];
}

function hiddenFileKeys(indent: string): HiddenFileKeys {
  const key = (name: string) => Buffer.from(`,\n${indent}    "${name}": `);
  return {
    indent,
    path: Buffer.from(`${indent}  {\n${indent}    "path": `),
    sizeBytes: key('sizeBytes'),
    addedInLayer: key('addedInLayer'),
    hiddenByLayer: key('hiddenByLayer'),
    how: key('how'),
    close: Buffer.from(`\n${indent}  }`),
    hows: HOWS.map((how) => Buffer.from(HOW_JSON[how])),
  };
}

/**
 * A hidden-file list as `JSON.stringify(.., null, 2)` writes the value of a key at indentation
 * `indent`, as UTF-8 bytes, a few thousand files per piece.
 */
export function* hiddenFilesJsonChunks(
  hiddenFiles: readonly HiddenFile[] | HiddenFileList,
  indent: string,
  perChunk = HIDDEN_FILES_PER_CHUNK,
): Generator<Uint8Array> {
  if (!(perChunk >= 1)) throw new RangeError(`perChunk must be at least 1, not ${perChunk}`);
  // Room for a chunk's files at ~256 bytes each (most take about 130), so a chunk rarely grows.
  const out = new JsonBytes(
    Math.max(64 << 10, Math.min(perChunk, hiddenFiles.length, 1 << 15) * 256),
  );
  if (hiddenFiles.length === 0) {
    out.ascii('[]');
    yield out.take();
    return;
  }
  const keys = hiddenFileKeys(indent);
  out.ascii('[\n');
  const list = hiddenFiles instanceof HiddenFileList ? hiddenFiles : undefined;
  const objects = list ? [] : (hiddenFiles as readonly HiddenFile[]);
  const wasm =
    list && hiddenJsonWasmEnabled()
      ? new HiddenJsonWriter(list, [
          keys.path,
          keys.sizeBytes,
          keys.addedInLayer,
          keys.hiddenByLayer,
          keys.how,
          keys.close,
          ...(keys.hows as [Uint8Array, Uint8Array, Uint8Array]),
          Buffer.from(',\n'),
        ])
      : undefined;
  for (let i = 0; i < hiddenFiles.length; i += perChunk) {
    const end = Math.min(i + perChunk, hiddenFiles.length);
    if (list && wasm) {
      // WebAssembly writes the files it can; this writes each it stops at, then lets it go on.
      for (let k = i; k < end; ) {
        const { stoppedAt, bytes } = wasm.write(k, end, k > i);
        out.bytes(bytes);
        if (stoppedAt === end) break;
        if (stoppedAt > i) out.ascii(',\n');
        writeHiddenFile(out, list.at(stoppedAt), keys);
        k = stoppedAt + 1;
      }
    } else {
      for (let k = i; k < end; k++) {
        if (k > i) out.ascii(',\n');
        writeHiddenFile(out, list ? list.at(k) : objects[k]!, keys);
      }
    }
    out.ascii(end === hiddenFiles.length ? `\n${indent}]` : ',\n');
    yield out.take();
  }
}

/**
 * The same JSON text as `formatAnalysisJson`, in pieces: the hidden-file list (which can hold
 * hundreds of thousands of entries) is written a few thousand at a time, so the whole report is
 * never one string in memory.
 */
export function* formatAnalysisJsonChunks(
  a: ImageAnalysis,
  perChunk = HIDDEN_FILES_PER_CHUNK,
): Generator<string | Uint8Array> {
  if (!(perChunk >= 1)) throw new RangeError(`perChunk must be at least 1, not ${perChunk}`);
  const layers = a.layers.map((l) => {
    const { history, commitReasons, entryCount, ...rest } = l;
    void history;
    return {
      ...rest,
      emptyHistory: l.emptyHistory.map((h) => h.createdBy ?? ''),
      commitReasons,
      entryCount,
    };
  });
  // Key by key, in the analysis' order, so as not to call a `hiddenFiles` getter (which would
  // make an object per file; the columns behind it are written directly).
  const serialisable: Record<string, unknown> = {};
  for (const key of Object.keys(a) as (keyof ImageAnalysis)[]) {
    if (key === 'layerEntries' || key === 'finalFiles') continue;
    serialisable[key] = key === 'hiddenFiles' ? 0 : key === 'layers' ? layers : a[key];
  }
  serialisable.hiddenFiles ??= 0; // as a spread would add it, were it not an own key
  const hiddenFiles = hiddenFileListOf(a) ?? a.hiddenFiles;
  const text = JSON.stringify(serialisable, null, 2);
  // A newline and two spaces before a key occur only at the top level (newlines inside strings
  // are escaped), so this finds the placeholder even if a command or tag contains the same text.
  const key = '\n  "hiddenFiles": ';
  const at = text.indexOf(`${key}0`) + key.length;
  yield text.slice(0, at);
  yield* hiddenFilesJsonChunks(hiddenFiles, '  ', perChunk);
  yield `${text.slice(at + 1)}\n`;
}
