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
  if (dir === '/') return 0;
  let depth = 0;
  for (let i = 0; i < dir.length; i++) if (dir.charCodeAt(i) === 47) depth++;
  return depth;
}

/** The files of one place: their bytes, how many, and the path when there is just one. */
interface Place {
  bytes: number;
  count: number;
  only: string;
}

function addTo(places: Map<string, Place>, dir: string, place: Place): void {
  const known = places.get(dir);
  if (!known) {
    places.set(dir, { ...place });
    return;
  }
  known.bytes += place.bytes;
  known.count += place.count;
}

/**
 * Names where a set of files sits, biggest first, in at most `max` places: the directories that
 * hold them (a directory inside another listed one is folded into it; while there are more than
 * `max`, the deepest are folded into their parents, down to top-level directories), and the
 * file itself where a place holds only one file. `/var/lib/apt/lists and /var/cache/apt`,
 * `/tmp/cache.bin and /opt/app`, `/a, /b, /c and 2 more places`. Keeps sums, not file lists, so
 * it stays linear in files plus directories × depth.
 */
export function summarizePaths(files: readonly SizedPath[], max = 3): string {
  let places = new Map<string, Place>();
  for (const f of files)
    addTo(places, parentOf(f.path), { bytes: f.sizeBytes, count: 1, only: f.path });
  places = foldIntoAncestors(places);
  for (;;) {
    if (places.size <= max) break;
    let deepest = 0;
    for (const dir of places.keys()) deepest = Math.max(deepest, depthOf(dir));
    if (deepest <= 1) break;
    const lifted = new Map<string, Place>();
    for (const [dir, place] of places) {
      addTo(lifted, depthOf(dir) === deepest ? parentOf(dir) : dir, place);
    }
    places = foldIntoAncestors(lifted);
  }
  const labelled = [...places.entries()]
    .map(([dir, place]) => ({ label: place.count === 1 ? place.only : dir, bytes: place.bytes }))
    .sort((a, b) => b.bytes - a.bytes || (a.label < b.label ? -1 : 1));
  const shown = labelled.slice(0, max).map((p) => p.label);
  const rest = labelled.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more ${rest === 1 ? 'place' : 'places'}`;
  return joinWords(shown);
}

/** Moves the sums of every directory that has a listed ancestor into that ancestor. */
function foldIntoAncestors(places: ReadonlyMap<string, Place>): Map<string, Place> {
  const folded = new Map<string, Place>();
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
    addTo(folded, target, places.get(dir)!);
  }
  return folded;
}

/** A hidden file whose hiding layer re-added it with the same size, changing only mode/owner. */
export interface MetadataReadd {
  readonly hidden: HiddenFile;
  readonly modeChanged: boolean;
  readonly ownerChanged: boolean;
}

/**
 * The hidden files that a later layer re-added as a regular file of the same size with a
 * different mode or owner (what `chmod -R`/`chown -R` in a later RUN does: the whole file is
 * stored again). Same size and same mode/owner is a content change, not this. Contents are never
 * read, so "same size, new mode" is taken as "same content".
 */
export function metadataOnlyReadds(analysis: ImageAnalysis): MetadataReadd[] {
  // Index only the (layer, path) pairs these hidden files need, not every entry of every layer.
  const candidates = analysis.hiddenFiles.filter((h) => h.how === 'overwritten');
  if (candidates.length === 0) return [];
  const wanted = new Map<number, Set<string>>();
  const want = (layer: number, path: string) => {
    const set = wanted.get(layer);
    if (set) set.add(path);
    else wanted.set(layer, new Set([path]));
  };
  for (const h of candidates) {
    want(h.hiddenByLayer, h.path.slice(1));
    want(h.addedInLayer, h.path.slice(1));
  }
  const entries = new Map<number, Map<string, LayerEntry>>();
  for (const [layer, paths] of wanted) {
    const index = new Map<string, LayerEntry>();
    for (const e of analysis.layerEntries[layer] ?? []) {
      if (!e.whiteout && paths.has(e.path)) index.set(e.path, e);
    }
    entries.set(layer, index);
  }
  const found: MetadataReadd[] = [];
  for (const hidden of candidates) {
    const path = hidden.path.slice(1);
    const now = entries.get(hidden.hiddenByLayer)?.get(path);
    const before = entries.get(hidden.addedInLayer)?.get(path);
    if (!now || !before || now.type !== 'file' || now.sizeBytes !== hidden.sizeBytes) continue;
    const modeChanged = (now.mode & 0o7777) !== (before.mode & 0o7777);
    const ownerChanged = now.uid !== before.uid || now.gid !== before.gid;
    if (modeChanged || ownerChanged) found.push({ hidden, modeChanged, ownerChanged });
  }
  return found;
}
