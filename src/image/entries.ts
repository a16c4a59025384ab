import { posix } from 'node:path';
import type { TarHeader } from './tar.js';
import type { EntryType, LayerEntry } from './types.js';

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
  switch (typeflag) {
    case '0':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'dir';
    default:
      return 'other';
  }
}

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
