/**
 * Helpers shared by the image rules (rules that run over an `ImageAnalysis`): how a layer is
 * named in a message, how bytes and paths are written, and which hidden files are only a
 * metadata (mode/owner) re-add. Pure functions; nothing here reads or writes files.
 */
import prettyBytes from 'pretty-bytes';
import { HOW_OVERWRITTEN, hiddenFileList } from '../../src/analysis/hidden-files.js';
import type { HiddenFile, ImageAnalysis, LayerAnalysis } from '../../src/analysis/types.js';
import { KIND_FILE } from '../../src/image/layer-entries.js';
import type { PathTable } from '../../src/image/path-table.js';

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

/**
 * The files of one place: their bytes, how many, and the file when there is just one. Places
 * are keyed by path (`K` = string) or by path id in a PathTable (`K` = number).
 */
interface Place<K = string> {
  dir: K;
  /** `depthOf(dir)`, kept so no pass scans the path again. */
  depth: number;
  bytes: number;
  count: number;
  only: K;
  /** While folding: the place this one's sums went to (itself when kept); unset until reached. */
  root: Place<K> | undefined;
}

/** How `placesFromParents` goes up a tree of keys. */
interface KeyTree<K> {
  readonly root: K;
  parentOf(key: K): K;
  depthOf(key: K): number;
}

const PATH_TREE: KeyTree<string> = { root: '/', parentOf, depthOf };

/** Adds the sums of `place` to `into`; `into.only` stays, as it is read only while count is 1. */
function addTo<K>(into: Place<K>, place: Place<K>): void {
  into.bytes += place.bytes;
  into.count += place.count;
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
  const places = placesFromTop(files, max) ?? placesFromParents(files, max);
  return labelPlaces(places, (path) => path, max);
}

/**
 * `summarizePaths` for files given as path ids of `table` (`ids[k]`, with `sizes[k]`, for every
 * k, or for the k in `which`), with no string per file: paths are decoded only for the places
 * named. The same text for the same files (tests hold the two to it).
 */
export function summarizePathIds(
  table: PathTable,
  ids: ArrayLike<number>,
  sizes: ArrayLike<number>,
  max = 3,
  which: ArrayLike<number> = allIndices(ids.length),
): string {
  // A loop, not a recursion: a path can be thousands of names deep. Asked once per place.
  const depthOf = (id: number): number => {
    let depth = 0;
    for (let up = id; up > 0; up = table.parentOf(up)) depth++;
    return depth;
  };
  const tree: KeyTree<number> = {
    root: 0,
    // The root's parent is itself, as parentOf('/') is '/'.
    parentOf: (id) => (id === 0 ? 0 : table.parentOf(id)),
    depthOf,
  };
  const places = placesFromParentIds(ids, sizes, which, tree, max);
  return labelPlaces(places, (id) => table.absolutePath(id), max);
}

/**
 * `which` sorted by `ids[k]`: files of one directory then come together (ids follow the tar's
 * order), and the table is read in order, not at random (a hidden-file list is in size order).
 * The places found do not depend on the order the files come in.
 */
function inIdOrder(ids: ArrayLike<number>, which: ArrayLike<number>): ArrayLike<number> {
  const n = which.length;
  if (n >= 2 ** 22) return which; // id × 2^22 + position must stay below 2^53
  const keys = new Float64Array(n);
  for (let w = 0; w < n; w++) keys[w] = ids[which[w]!]! * 2 ** 22 + w;
  keys.sort();
  const sorted = new Int32Array(n);
  for (let w = 0; w < n; w++) sorted[w] = which[keys[w]! % 2 ** 22]!;
  return sorted;
}

function allIndices(n: number): Int32Array {
  const all = new Int32Array(n);
  for (let k = 0; k < n; k++) all[k] = k;
  return all;
}

/** The places, biggest first, as `summarizePaths` writes them. */
function labelPlaces<K>(
  places: readonly Place<K>[],
  label: (key: K) => string,
  max: number,
): string {
  // No two places share a label (none is inside another), so their order here does not matter.
  const labelled = places
    .map((place) => ({
      label: label(place.count === 1 ? place.only : place.dir),
      bytes: place.bytes,
    }))
    .sort((a, b) => b.bytes - a.bytes || (a.label < b.label ? -1 : 1));
  const shown = labelled.slice(0, max).map((p) => p.label);
  const rest = labelled.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more ${rest === 1 ? 'place' : 'places'}`;
  return joinWords(shown);
}

/**
 * Above this `max`, comparing each file with a depth's places can cost more than hashing its
 * directory (about even at 8 top-level directories of the same length, each holding files).
 */
const MAX_SCANNED_PLACES = 8;

/**
 * `summarizePaths`' places found from the top, one depth at a time, with no string key per file:
 * at depth d a file is in the directory of its first d names, unless a shallower directory holds
 * a file itself (that one is a place and keeps everything under it). The count of places only
 * grows with d, so the first depth with more than `max` means the depth before is where folding
 * the deepest into their parents stops; a depth where every place holds a file needs no folding.
 * As a depth keeps at most `max` places, a file's is found by comparing prefixes with them.
 * Undefined (go bottom-up) for a large `max`, for a path that does not start with a single `/`
 * (its parents are not its prefixes), and when more than `max` top-level places must be listed.
 */
function placesFromTop(files: readonly SizedPath[], max: number): Place[] | undefined {
  if (max > MAX_SCANNED_PLACES) return undefined;
  const n = files.length;
  // Per file: the `/` that ends its directory at the depth being built (-1: there is none, the
  // file is in the one above), and that directory's index in the depth (-1: place settled).
  const ends = new Int32Array(n);
  const at = new Int32Array(n);
  let bytes = 0;
  let inRoot = false;
  for (let i = 0; i < n; i++) {
    const f = files[i]!;
    if (f.path.charCodeAt(0) !== 47 || f.path.charCodeAt(1) === 47) return undefined;
    ends[i] = f.path.indexOf('/', 1);
    if (ends[i] === -1) inRoot = true;
    bytes += f.sizeBytes;
  }
  if (n === 0) return [];
  if (inRoot) {
    return [{ dir: '/', depth: 0, bytes, count: n, only: files[0]!.path, root: undefined }];
  }
  const holding: Place[] = [];
  let open: Place[] = [];
  for (let depth = 1; ; depth++) {
    const level: Place[] = [];
    const holds: boolean[] = [];
    for (let i = 0; i < n; i++) {
      if (at[i] === -1) continue;
      const f = files[i]!;
      const end = ends[i]!;
      let j = 0;
      for (; j < level.length; j++) {
        const dir = level[j]!.dir;
        if (dir.length === end && f.path.startsWith(dir)) break;
      }
      if (j === level.length) {
        if (holding.length + level.length >= max) {
          return depth === 1 ? undefined : holding.concat(open);
        }
        level.push({
          dir: f.path.slice(0, end),
          depth,
          bytes: 0,
          count: 0,
          only: f.path,
          root: undefined,
        });
        holds.push(false);
      }
      const place = level[j]!;
      place.bytes += f.sizeBytes;
      place.count++;
      ends[i] = f.path.indexOf('/', end + 1);
      if (ends[i] === -1) holds[j] = true;
      at[i] = j;
    }
    open = [];
    for (let j = 0; j < level.length; j++) (holds[j] ? holding : open).push(level[j]!);
    if (open.length === 0) return holding;
    for (let i = 0; i < n; i++) if (at[i] !== -1 && holds[at[i]!]) at[i] = -1;
  }
}

/**
 * `summarizePaths`' places found from the bottom: each file's parent directory, folded into
 * listed ancestors, then the deepest folded into their parents while there are too many.
 */
function placesFromParents(files: readonly SizedPath[], max: number): Place[] {
  const parents = new Map<string, Place>();
  for (const f of files) {
    const dir = parentOf(f.path);
    const known = parents.get(dir);
    if (known) {
      known.bytes += f.sizeBytes;
      known.count++;
    } else {
      parents.set(dir, {
        dir,
        depth: depthOf(dir),
        bytes: f.sizeBytes,
        count: 1,
        only: f.path,
        root: undefined,
      });
    }
  }
  return liftPlaces(parents, PATH_TREE, max);
}

/**
 * `placesFromParents` for files given as path ids (`ids[k]`, `sizes[k]`, for the k in `which`):
 * its own loop over the files, so that each of the two stays monomorphic.
 */
function placesFromParentIds(
  ids: ArrayLike<number>,
  sizes: ArrayLike<number>,
  which: ArrayLike<number>,
  tree: KeyTree<number>,
  max: number,
): Place<number>[] {
  const parents = new Map<number, Place<number>>();
  let last: Place<number> | undefined;
  const order = inIdOrder(ids, which);
  for (let w = 0; w < order.length; w++) {
    const k = order[w]!;
    const file = ids[k]!;
    const dir = tree.parentOf(file);
    const known = last?.dir === dir ? last : parents.get(dir);
    if (known) {
      known.bytes += sizes[k]!;
      known.count++;
      last = known;
    } else {
      last = {
        dir,
        depth: tree.depthOf(dir),
        bytes: sizes[k]!,
        count: 1,
        only: file,
        root: undefined,
      };
      parents.set(dir, last);
    }
  }
  return liftPlaces(parents, tree, max);
}

/**
 * Folds parent places into listed ancestors, then lifts the deepest into their parents while
 * there are more than `max`: the second half of `placesFromParents`, for either kind of key.
 */
function liftPlaces<K>(parents: Map<K, Place<K>>, tree: KeyTree<K>, max: number): Place<K>[] {
  let { places, levels } = foldIntoAncestors(parents, tree);
  let deepest = levels.length - 1;
  while (places.size > max) {
    while (deepest > 1 && levels[deepest]!.length === 0) deepest--;
    if (deepest <= 1) break;
    const lifted = levels[deepest]!;
    levels[deepest] = [];
    // The parent of a deepest place is never inside or above another listed place (its depth is
    // one less, so nothing to fold) unless a `//` path jumps to `/`; then fold all over again.
    let refold = false;
    for (const place of lifted) {
      places.delete(place.dir);
      const dir = tree.parentOf(place.dir);
      const known = places.get(dir);
      if (known) {
        addTo(known, place);
        continue;
      }
      place.dir = dir;
      place.depth = tree.depthOf(dir);
      places.set(dir, place);
      levels[place.depth]!.push(place);
      if (place.depth !== deepest - 1) refold = true;
    }
    if (refold) {
      ({ places, levels } = foldIntoAncestors(places, tree));
      deepest = levels.length - 1;
    }
  }
  return [...places.values()];
}

/**
 * Moves the sums of every listed place that has a listed ancestor into that ancestor (the places
 * are reused, not copied). Returns what is left by directory and by depth (every depth up to the
 * deepest has an array).
 */
function foldIntoAncestors<K>(
  listed: ReadonlyMap<K, Place<K>>,
  tree: KeyTree<K>,
): {
  places: Map<K, Place<K>>;
  levels: Place<K>[][];
} {
  const levels: Place<K>[][] = [];
  for (const place of listed.values()) {
    place.root = undefined;
    while (levels.length <= place.depth) levels.push([]);
    levels[place.depth]!.push(place);
  }
  // Shallowest first, so a listed ancestor has been reached and knows where its sums went: the
  // walk up stops at the first listed directory (nearly always the parent).
  const places = new Map<K, Place<K>>();
  for (let depth = 0; depth < levels.length; depth++) {
    const kept: Place<K>[] = [];
    for (const place of levels[depth]!) {
      let root: Place<K> | undefined;
      for (let up = place.dir; up !== tree.root && !root; ) {
        up = tree.parentOf(up);
        root = listed.get(up)?.root;
      }
      if (root) {
        addTo(root, place);
      } else {
        root = place;
        places.set(place.dir, place);
        kept.push(place);
      }
      place.root = root;
    }
    levels[depth] = kept;
  }
  return { places, levels };
}

/** A hidden file whose hiding layer re-added it with the same size, changing only mode/owner. */
export interface MetadataReadd {
  readonly hidden: HiddenFile;
  /** Its index in the analysis' hidden files (and in `hiddenFileList(analysis)`). */
  readonly index: number;
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
  let found = readdsOf.get(analysis);
  if (!found) {
    found = findMetadataOnlyReadds(analysis);
    readdsOf.set(analysis, found);
  }
  return found;
}

/** Two rules ask for the same analysis' re-adds: computed once per analysis. */
const readdsOf = new WeakMap<ImageAnalysis, MetadataReadd[]>();

function findMetadataOnlyReadds(analysis: ImageAnalysis): MetadataReadd[] {
  // Index only the (layer, path) pairs these hidden files need, not every entry of every layer.
  const list = hiddenFileList(analysis);
  const indices: number[] = [];
  for (let i = 0; i < list.length; i++) if (list.hows[i] === HOW_OVERWRITTEN) indices.push(i);
  const layers = analysis.layerEntries;
  if (indices.length === 0 || layers.length === 0) return [];
  const paths = layers[0]!.paths;
  const ids = indices.map((i) =>
    list.table === paths ? list.ids[i]! : (paths.find(list.path(i).slice(1)) ?? -1),
  );
  const wanted = new Map<number, Set<number>>();
  const want = (layer: number, id: number) => {
    const set = wanted.get(layer);
    if (set) set.add(id);
    else wanted.set(layer, new Set([id]));
  };
  indices.forEach((index, i) => {
    want(list.hiders[index]!, ids[i]!);
    want(list.adders[index]!, ids[i]!);
  });
  // Per layer, the entry index of each wanted path (the last one, as the layer applies them).
  const entryOf = new Map<number, Map<number, number>>();
  for (const [layer, set] of wanted) {
    const entries = layers[layer];
    const index = new Map<number, number>();
    if (entries) {
      for (let k = 0; k < entries.length; k++) {
        if (entries.whiteouts[k] === 0 && set.has(entries.ids[k]!)) index.set(entries.ids[k]!, k);
      }
    }
    entryOf.set(layer, index);
  }
  const found: MetadataReadd[] = [];
  // Objects only for the re-adds found, read from the columns.
  indices.forEach((index, i) => {
    const id = ids[i]!;
    const hider = list.hiders[index]!;
    const adder = list.adders[index]!;
    const nowLayer = layers[hider];
    const beforeLayer = layers[adder];
    const now = entryOf.get(hider)?.get(id);
    const before = entryOf.get(adder)?.get(id);
    if (now === undefined || before === undefined || !nowLayer || !beforeLayer) return;
    if (nowLayer.kinds[now] !== KIND_FILE || nowLayer.sizes[now] !== list.sizes[index]) return;
    const modeChanged = nowLayer.modes[now] !== beforeLayer.modes[before];
    const ownerChanged =
      nowLayer.uids[now] !== beforeLayer.uids[before] ||
      nowLayer.gids[now] !== beforeLayer.gids[before];
    if (modeChanged || ownerChanged) {
      found.push({ hidden: list.at(index), index, modeChanged, ownerChanged });
    }
  });
  return found;
}
