import { posix } from 'node:path';
import {
  KIND_DIR,
  KIND_FILE,
  KIND_HARDLINK,
  KIND_OTHER,
  KIND_SYMLINK,
  kindName,
  kindOf,
  type LayerEntries,
  NOT_WHITEOUT,
  WHITEOUT_FILE,
  WHITEOUT_OPAQUE,
} from './layer-entries.js';
import { FNV_OFFSET, FNV_PRIME } from './path-table.js';
import { type RawHeader, TarFormatError, type TarHeader } from './tar.js';
import type { TarWalker } from './tar-walk.js';
import type { EntryType, LayerEntry } from './types.js';
import type { BatchColumns } from './walk-protocol.js';

/** A tar entry whose name leaves the root (`../x`): never followed, always an error. */
export class EscapingEntryError extends Error {
  override name = 'EscapingEntryError';
}

/**
 * Normalises a tar entry name: strips `./` and `/` prefixes and trailing slashes, resolves `.`
 * segments. Returns '' for the root itself. Throws for names that escape the root.
 */
const NEEDS_NORMALIZE = /(^|\/)\.{1,2}(\/|$)|\/\//;

export function normalizeEntryPath(name: string): string {
  // Most names are already clean (`usr/bin/env`, `etc/`): skip posix.normalize for them.
  if (name !== '' && name.charCodeAt(0) !== 47 && !NEEDS_NORMALIZE.test(name)) {
    return name.charCodeAt(name.length - 1) === 47 ? name.slice(0, -1) : name;
  }
  let p = name;
  while (p.startsWith('./')) p = p.slice(2);
  while (p.startsWith('/')) p = p.slice(1);
  if (p === '' || p === '.') return '';
  const normalized = posix.normalize(p);
  if (normalized === '..' || normalized.startsWith('../')) {
    throw new EscapingEntryError(`entry ${JSON.stringify(name)} escapes the image root`);
  }
  const trimmed = normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
  return trimmed === '.' ? '' : trimmed;
}

function entryType(typeflag: string): EntryType {
  return kindName(kindOfFlag(typeflag.charCodeAt(0)));
}

/**
 * The longest entry name read (Linux's PATH_MAX). Names come from PAX records of up to 1 MiB,
 * and the path table stores every ancestor of a path whole: a name of n segments costs about
 * n²/2 bytes, which a crafted archive could make gigabytes.
 */
const MAX_NAME = 4096;

const WHITEOUT = '.wh.';
const OPAQUE = '.wh..wh..opq';

/**
 * Turns a tar header into a LayerEntry: whiteouts become entries keyed by the path they delete.
 * Returns undefined for entries that carry nothing (the root, aufs `.wh..wh.` metadata).
 * `warn` hears about what was read past.
 */
export function toLayerEntry(
  header: TarHeader,
  warn: (message: string) => void,
): LayerEntry | undefined {
  if (header.name.length > MAX_NAME) {
    throw new TarFormatError(
      `entry name of ${header.name.length} characters is longer than ${MAX_NAME}, the most a path can be`,
    );
  }
  const path = normalizeEntryPath(header.name);
  if (path === '') return undefined;
  const slash = path.lastIndexOf('/');
  const base = slash < 0 ? path : path.slice(slash + 1);
  const dir = slash < 0 ? '' : path.slice(0, slash);
  const type = entryType(header.typeflag);
  const common = { mode: header.mode & 0o7777, uid: header.uid, gid: header.gid };
  if (base.startsWith(WHITEOUT)) {
    if (base === OPAQUE) {
      return { path: dir, type: 'dir', sizeBytes: 0, ...common, whiteout: 'opaque' };
    }
    if (base.startsWith(`${WHITEOUT}${WHITEOUT}`)) return undefined; // aufs metadata (.wh..wh.plnk)
    const target = base.slice(WHITEOUT.length);
    if (target === '') {
      warn(`whiteout ${JSON.stringify(header.name)} names nothing; ignored`);
      return undefined;
    }
    return {
      path: dir === '' ? target : `${dir}/${target}`,
      type: 'file',
      sizeBytes: 0,
      ...common,
      whiteout: 'file',
    };
  }
  if (type === 'hardlink') {
    const linkTarget = normalizeEntryPath(header.linkname);
    return { path, type, sizeBytes: 0, ...common, linkTarget };
  }
  if (type === 'symlink') {
    return { path, type, sizeBytes: 0, ...common, linkTarget: header.linkname };
  }
  return { path, type, sizeBytes: type === 'file' ? header.size : 0, ...common };
}

/** The entry kind a typeflag byte means (the fast path and `toLayerEntry` both use it). */
export function kindOfFlag(typeflag: number): number {
  switch (typeflag) {
    case 0x30: // '0'
    case 0x37: // '7'
      return KIND_FILE;
    case 0x31: // '1'
      return KIND_HARDLINK;
    case 0x32: // '2'
      return KIND_SYMLINK;
    case 0x35: // '5'
    case 0x44: // 'D': GNU dumpdir (incremental archives), a directory with a listing as content
      return KIND_DIR;
    default:
      return KIND_OTHER;
  }
}

/**
 * Adds one tar header to a layer's columns. Most names are already clean ASCII ustar names
 * (`usr/bin/env`, `etc/`): their bytes are interned straight from the header block. Anything
 * else (PAX or GNU long names, a ustar prefix, `.`/`..`/empty segments, whiteouts, non-ASCII
 * bytes) goes through `toLayerEntry`, the one place that defines what an entry means.
 */
export function addEntry(raw: RawHeader, out: LayerEntries, warn: (message: string) => void): void {
  const buf = raw.buf;
  let s = raw.off;
  let e = raw.nameEnd;
  if (raw.longName === undefined && raw.prefixEnd === raw.prefixStart) {
    while (e > s && buf[e - 1] === 0x2f) e--;
    // Leading `./` (tar -C dir .) and `/`.
    for (;;) {
      if (buf[s] === 0x2f && s < e) s++;
      else if (buf[s] === 0x2e && buf[s + 1] === 0x2f && s + 1 < e) s += 2;
      else break;
    }
    // One pass checks the segments and hashes the path and its parent for the PathTable.
    let clean = s < e;
    let segment = s;
    let hash = FNV_OFFSET;
    let parentHash = FNV_OFFSET;
    let slash = s;
    for (let i = s; i <= e && clean; i++) {
      const c = i < e ? buf[i]! : 0x2f;
      if (c >= 0x80) {
        // Not ASCII: decoded names (PAX, whiteouts, link targets) turn invalid UTF-8 into
        // U+FFFD, so bytes and strings would intern as two paths. Take the string path.
        clean = false;
        break;
      }
      if (c !== 0x2f) {
        hash = Math.imul(hash ^ c, FNV_PRIME);
        continue;
      }
      const len = i - segment;
      // Empty, `.` and `..` segments need posix normalisation (and `..` may escape).
      if (
        len === 0 ||
        (buf[segment] === 0x2e && (len === 1 || (len === 2 && buf[segment + 1] === 0x2e)))
      ) {
        clean = false;
      }
      if (i < e) {
        segment = i + 1;
        slash = i;
        parentHash = hash;
        hash = Math.imul(hash ^ c, FNV_PRIME);
      }
    }
    // `segment` is now the last name's start; `.wh.` names are whiteouts.
    const whiteout =
      clean &&
      buf[segment] === 0x2e &&
      buf[segment + 1] === 0x77 &&
      buf[segment + 2] === 0x68 &&
      buf[segment + 3] === 0x2e &&
      e - segment >= 4;
    if (clean && !whiteout) {
      const kind = kindOfFlag(raw.typeflag);
      const link =
        kind === KIND_HARDLINK
          ? normalizeEntryPath(raw.linkname)
          : kind === KIND_SYMLINK
            ? raw.linkname
            : undefined;
      out.push(
        out.paths.internHashed(buf, s, e, hash, slash, parentHash),
        kind,
        NOT_WHITEOUT,
        kind === KIND_FILE ? raw.size : 0,
        raw.mode & 0o7777,
        raw.uid,
        raw.gid,
        link,
      );
      return;
    }
  }
  const entry = toLayerEntry(raw.toHeader(), warn);
  if (!entry) return;
  out.push(
    out.paths.intern(entry.path),
    kindOf(entry.type),
    entry.whiteout === 'file' ? WHITEOUT_FILE : entry.whiteout === 'opaque' ? WHITEOUT_OPAQUE : 0,
    entry.sizeBytes,
    entry.mode,
    entry.uid,
    entry.gid,
    entry.linkTarget,
  );
}

/**
 * Adds the records of a WebAssembly header walk (tar-walk.c): the headers `addEntry` would have
 * taken by its fast path, already checked and hashed, so only the interning and the columns
 * are left. What follows is that fast path's ending, on the walker's columns instead of a
 * RawHeader (kept apart so that neither pays for the other in its loop); test/image/tar-walk*
 * read every fixture and many crafted headers both ways and expect the same entries.
 */
export function addWalkedEntries(walker: TarWalker, count: number, out: LayerEntries): void {
  // The names, packed out of the window, are interned in one call (PathTable.internRecords).
  walker.pack(count, 0);
  if (walkedIds.length < count) walkedIds = new Int32Array(walker.nameStart.length);
  const ids = walkedIds;
  out.paths.internRecords(
    {
      window: walker.packed,
      nameStart: walker.nameStart,
      nameEnd: walker.nameEnd,
      hash: walker.hash,
      slash: walker.slash,
      parentHash: walker.parentHash,
    },
    0,
    count,
    ids,
  );
  for (let r = 0; r < count; r++) {
    const kind = kindOfFlag(walker.typeflag[r]!);
    const link =
      kind === KIND_HARDLINK
        ? normalizeEntryPath(walker.linkname(r))
        : kind === KIND_SYMLINK
          ? walker.linkname(r)
          : undefined;
    out.push(
      ids[r]!,
      kind,
      NOT_WHITEOUT,
      kind === KIND_FILE ? walker.size[r]! : 0,
      walker.mode[r]! & 0o7777,
      walker.uid[r]!,
      walker.gid[r]!,
      link,
    );
  }
}

/** Scratch for the ids of one walk's records. */
let walkedIds = new Int32Array(0);

/**
 * A batch of records walked on another thread (walk-worker.ts), which has filled the entry
 * columns as well: only the ids are left, by interning, the one part that needs this thread's
 * PathTable.
 */
export type WalkedBatch = BatchColumns & {
  /** The records' names: the batch's bytes. */
  readonly window: Uint8Array;
  readonly links: readonly string[];
};

/**
 * Adds records `[from, to)` of a batch: interns their paths into `ids` (scratch the size of the
 * batch), then appends every column at once. The same entries as addWalkedEntries makes from
 * the walker's own records (test/image/entry-model-review.test.ts reads images both ways).
 */
export function addBatchEntries(
  b: WalkedBatch,
  from: number,
  to: number,
  out: LayerEntries,
  ids: Int32Array,
): void {
  out.paths.internRecords(b, from, to, ids);
  const base = out.length - from;
  out.append(ids, b, from, to);
  for (let r = from; r < to; r++) {
    const link = b.link[r]!;
    if (link < 0) continue;
    const target = b.links[link]!;
    out.setLink(base + r, b.kinds[r] === KIND_HARDLINK ? normalizeEntryPath(target) : target);
  }
}
