/**
 * Helpers shared by the image rules (rules that run over an `ImageAnalysis`): how a layer is
 * named in a message, how bytes and paths are written, and which hidden files are only a
 * metadata (mode/owner) re-add. Pure functions; nothing here reads or writes files.
 */
import prettyBytes from 'pretty-bytes';
import type { HiddenFile, ImageAnalysis, LayerAnalysis } from '../../src/analysis/types.js';
import type { LayerEntry } from '../../src/image/types.js';

/** Longest command text quoted in a message; longer ones end in `…`. */
const MAX_COMMAND_LENGTH = 72;

/** `line 7` when the layer's Dockerfile instruction is known, else `layer 4`. */
export function layerRef(layer: LayerAnalysis): string {
  return layer.instruction ? `line ${layer.instruction.line}` : `layer ${layer.index}`;
}

/**
 * How a message names a layer: `line 7 (`RUN apt-get update …`)` with a Dockerfile,
 * `layer 4 (`RUN apt-get update …`)` without; just `layer 4` when the layer has no command.
 */
export function describeLayer(layer: LayerAnalysis): string {
  const text = layer.instruction ? layer.instruction.text : layer.command;
  const shown = displayCommand(text);
  return shown === '' ? layerRef(layer) : `${layerRef(layer)} (\`${shown}\`)`;
}

/**
 * A command as quoted in a message: continuation lines joined, whitespace collapsed, the
 * 64-hex content hashes of `COPY file:…`/`dir:…` shortened to 12, cut at 72 characters.
 */
export function displayCommand(text: string): string {
  const oneLine = text
    .replace(/\\\r?\n/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\b(file|dir|multi):([0-9a-f]{12})[0-9a-f]{52}\b/g, '$1:$2…')
    .replace(/`/g, "'")
    .trim();
  return oneLine.length <= MAX_COMMAND_LENGTH
    ? oneLine
    : `${oneLine.slice(0, MAX_COMMAND_LENGTH - 1).trimEnd()}…`;
}

/** The instruction keyword of a layer (`RUN`, `COPY`, `ADD`…), or '' for a commit/unknown. */
export function layerKeyword(layer: LayerAnalysis): string {
  const text = layer.instruction ? layer.instruction.text : layer.command;
  const word = /^\s*([A-Za-z]+)\s/.exec(text)?.[1]?.toUpperCase() ?? '';
  return /^(RUN|COPY|ADD|FROM|WORKDIR)$/.test(word) ? word : '';
}

/** `237568 bytes`, `1 byte`. */
export function exactBytes(bytes: number): string {
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
}

/** `238 kB (237568 bytes)`; below 1000 bytes just `119 bytes`. Exact count always shown. */
export function formatBytes(bytes: number): string {
  return bytes < 1000 ? exactBytes(bytes) : `${prettyBytes(bytes)} (${exactBytes(bytes)})`;
}

/** `1 file`, `4 files`. */
export function countFiles(count: number): string {
  return `${count} ${count === 1 ? 'file' : 'files'}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export interface SizedPath {
  /** Absolute path (`/var/lib/apt/lists/x`). */
  readonly path: string;
  readonly sizeBytes: number;
}

function parentOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function depthOf(dir: string): number {
  return dir === '/' ? 0 : dir.split('/').length - 1;
}

/**
 * Names where a set of files sits, biggest first, in at most `max` places: the directories that
 * hold them (a directory inside another listed one is folded into it; while there are more than
 * `max`, the deepest are folded into their parents, down to top-level directories), and the
 * file itself where a place holds only one file. `/var/lib/apt/lists and /var/cache/apt`,
 * `/tmp/cache.bin and /opt/app`, `/a, /b, /c and 2 more places`. Linear in files × depth.
 */
export function summarizePaths(files: readonly SizedPath[], max = 3): string {
  let places = new Map<string, SizedPath[]>();
  for (const f of files) {
    const dir = parentOf(f.path);
    const list = places.get(dir);
    if (list) list.push(f);
    else places.set(dir, [f]);
  }
  places = foldIntoAncestors(places);
  for (;;) {
    if (places.size <= max) break;
    const deepest = [...places.keys()].reduce((d, dir) => Math.max(d, depthOf(dir)), 0);
    if (deepest <= 1) break;
    const lifted = new Map<string, SizedPath[]>();
    for (const [dir, members] of places) {
      const target = depthOf(dir) === deepest ? parentOf(dir) : dir;
      const list = lifted.get(target);
      if (list) list.push(...members);
      else lifted.set(target, [...members]);
    }
    places = foldIntoAncestors(lifted);
  }
  const labelled = [...places.entries()]
    .map(([dir, members]) => ({
      label: members.length === 1 ? members[0]!.path : dir,
      bytes: members.reduce((sum, m) => sum + m.sizeBytes, 0),
    }))
    .sort((a, b) => b.bytes - a.bytes || (a.label < b.label ? -1 : 1));
  const shown = labelled.slice(0, max).map((p) => p.label);
  const rest = labelled.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more ${rest === 1 ? 'place' : 'places'}`;
  return joinWords(shown);
}

/** Moves the members of every directory that has a listed ancestor into that ancestor. */
function foldIntoAncestors(places: ReadonlyMap<string, SizedPath[]>): Map<string, SizedPath[]> {
  const folded = new Map<string, SizedPath[]>();
  const dirs = [...places.keys()].sort((a, b) => depthOf(a) - depthOf(b));
  for (const dir of dirs) {
    let target = dir;
    for (let up = dir; up !== '/'; ) {
      up = parentOf(up);
      if (folded.has(up)) {
        target = up;
        break;
      }
    }
    const list = folded.get(target);
    if (list) list.push(...places.get(dir)!);
    else folded.set(target, [...places.get(dir)!]);
  }
  return folded;
}

/** A hidden file whose hiding layer re-added it with the same size, changing only mode/owner. */
export interface MetadataReadd {
  readonly hidden: HiddenFile;
  readonly modeChanged: boolean;
  readonly ownerChanged: boolean;
}

/** Looks up the entry a layer wrote at a path (no leading slash), whiteouts excluded. */
export type EntryLookup = (layerIndex: number, path: string) => LayerEntry | undefined;

/** An `EntryLookup` over the analysis that indexes each layer's entries on first use. */
export function entryLookup(analysis: ImageAnalysis): EntryLookup {
  const indexes = new Map<number, Map<string, LayerEntry>>();
  return (layerIndex, path) => {
    let index = indexes.get(layerIndex);
    if (!index) {
      index = new Map();
      for (const e of analysis.layerEntries[layerIndex] ?? []) {
        if (!e.whiteout) index.set(e.path, e);
      }
      indexes.set(layerIndex, index);
    }
    return index.get(path);
  };
}

/**
 * The hidden files that a later layer re-added as a regular file of the same size with a
 * different mode or owner (what `chmod -R`/`chown -R` in a later RUN does: the whole file is
 * stored again). Same size and same mode/owner is a content change, not this. Contents are never
 * read, so "same size, new mode" is taken as "same content".
 */
export function metadataOnlyReadds(analysis: ImageAnalysis): MetadataReadd[] {
  const entryAt = entryLookup(analysis);
  const found: MetadataReadd[] = [];
  for (const hidden of analysis.hiddenFiles) {
    if (hidden.how !== 'overwritten') continue;
    const path = hidden.path.slice(1);
    const now = entryAt(hidden.hiddenByLayer, path);
    const before = entryAt(hidden.addedInLayer, path);
    if (!now || !before || now.type !== 'file' || now.sizeBytes !== hidden.sizeBytes) continue;
    const modeChanged = (now.mode & 0o7777) !== (before.mode & 0o7777);
    const ownerChanged = now.uid !== before.uid || now.gid !== before.gid;
    if (modeChanged || ownerChanged) found.push({ hidden, modeChanged, ownerChanged });
  }
  return found;
}
