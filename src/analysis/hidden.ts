import {
  grownArray,
  KIND_DIR,
  KIND_FILE,
  KIND_HARDLINK,
  type LayerEntries,
  WHITEOUT_FILE,
  WHITEOUT_OPAQUE,
} from '../image/layer-entries.js';
import type { PathTable } from '../image/path-table.js';
import { HiddenFileList, HOW_DELETED, HOW_OPAQUE, HOW_OVERWRITTEN } from './hidden-files.js';
import type { LayerChanges } from './types.js';

/** The final filesystem, read-only, as image rules need it (backed by the arrays below). */
export interface FinalFiles {
  /** 'dir', 'file' or 'other' for a path (no leading slash) present at the end; else undefined. */
  typeOf(path: string): 'dir' | 'file' | 'other' | undefined;
  /** Names directly inside a directory, sorted. */
  childrenOf(path: string): string[];
  /**
   * Regular files and hard links under a directory, sorted by path, each once per name with its
   * content's size, the layer that last wrote that name, and an inode number shared by links.
   */
  filesUnder(path: string): { path: string; sizeBytes: number; layer: number; inode: number }[];
}

export interface HiddenBytes {
  readonly finalFiles: FinalFiles;
  readonly storedBytes: number;
  readonly visibleBytes: number;
  readonly hiddenFiles: HiddenFileList;
  readonly changes: LayerChanges[];
  /** Per layer: bytes it adds that later layers hide / bytes of lower layers it hides. */
  readonly hiddenByAdder: number[];
  readonly hiddenByHider: number[];
}

/**
 * Hidden file versions as the walk finds them, in columns: objects (and their path strings) are
 * made only once sorted, so that they lie in memory in the order every later pass reads them.
 * Made in walk order and then sorted, 100k objects lay all over the heap and each pass over
 * them (grouping, naming places, writing JSON) missed the cache: 2-3× slower per pass.
 */
export class HiddenColumns {
  length = 0;
  ids = new Int32Array(1024);
  sizes = new Float64Array(1024);
  adders = new Int32Array(1024);
  hiders = new Int32Array(1024);
  hows = new Uint8Array(1024);

  push(id: number, sizeBytes: number, adder: number, hider: number, how: number): void {
    if (this.length === this.ids.length) this.grow();
    const k = this.length++;
    this.ids[k] = id;
    this.sizes[k] = sizeBytes;
    this.adders[k] = adder;
    this.hiders[k] = hider;
    this.hows[k] = how;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    this.ids = grownArray(this.ids, size);
    this.sizes = grownArray(this.sizes, size);
    this.adders = grownArray(this.adders, size);
    this.hiders = grownArray(this.hiders, size);
    this.hows = grownArray(this.hows, size);
  }
}

/**
 * The hidden files largest first, then by adding layer, then by path. When size, layer and index
 * fit together in one exact double (below 2^53, as they do unless a file nears a petabyte), they
 * are packed into one key and sorted by the native typed-array sort, with no comparator call;
 * else by a comparator over the columns (`packed` forces either, for tests). Paths are compared
 * only within runs of equal size and layer (equal paths keep walk order), on their bytes.
 */
export function largestFirst(
  hidden: HiddenColumns,
  table: PathTable,
  packed?: boolean,
): HiddenFileList {
  const n = hidden.length;
  const { ids, sizes, adders, hiders, hows } = hidden;
  let maxSize = 0;
  let maxLayer = 0;
  for (let i = 0; i < n; i++) {
    if (sizes[i]! > maxSize) maxSize = sizes[i]!;
    if (adders[i]! > maxLayer) maxLayer = adders[i]!;
  }
  const order =
    (packed ?? (maxSize + 1) * (maxLayer + 1) * n < 2 ** 53)
      ? packedOrder(hidden, maxSize, maxLayer)
      : comparedOrder(hidden);
  for (let start = 0; start < n; ) {
    const first = order[start]!;
    let end = start + 1;
    while (end < n && sizes[order[end]!] === sizes[first] && adders[order[end]!] === adders[first])
      end++;
    if (end - start > 1) {
      // The run is in index order: the index breaks ties as a stable sort would.
      order
        .subarray(start, end)
        .sort((a, b) => table.compareAbsolutePaths(ids[a]!, ids[b]!) || a - b);
    }
    start = end;
  }
  const list = HiddenFileList.ofLength(table, n);
  for (let k = 0; k < n; k++) {
    const i = order[k]!;
    list.ids[k] = ids[i]!;
    list.sizes[k] = sizes[i]!;
    list.adders[k] = adders[i]!;
    list.hiders[k] = hiders[i]!;
    list.hows[k] = hows[i]!;
  }
  return list;
}

/** Indices by (size descending, layer, index) through one exact key per file. */
function packedOrder(hidden: HiddenColumns, maxSize: number, maxLayer: number): Float64Array {
  const n = hidden.length;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = ((maxSize - hidden.sizes[i]!) * (maxLayer + 1) + hidden.adders[i]!) * n + i;
  }
  keys.sort();
  for (let k = 0; k < n; k++) keys[k] = keys[k]! % n;
  return keys;
}

/** Indices by (size descending, layer, index) through a comparator. */
function comparedOrder(hidden: HiddenColumns): Float64Array {
  const { sizes, adders } = hidden;
  const order = Float64Array.from({ length: hidden.length }, (_, i) => i);
  return order.sort((a, b) => sizes[b]! - sizes[a]! || adders[a]! - adders[b]! || a - b);
}

const NONE = 0;
const DIR = 1;
const FILE = 2;
const OTHER = 3;

/**
 * Applies the layers with OCI whiteout semantics, in arrays indexed by path id, and attributes
 * every byte that does not survive to the layer that added it and the layer that hid it.
 * The same semantics as `LayeredFilesystem` (src/tree), which the explorer uses for its trees:
 * `.wh.NAME` deletes NAME from lower layers, an opaque marker hides everything lower layers put
 * in its directory before the layer's other entries apply, a path re-added replaces the lower
 * version, and a file replacing a directory (or the reverse) hides the whole subtree. Content
 * belongs to inodes, so a hard link keeps bytes visible after the first name is deleted.
 */
export function computeHiddenBytes(layers: readonly LayerEntries[], table: PathTable): HiddenBytes {
  const n = table.size;
  // Plain loops over the child index, no callback per child (see dive.ts).
  const { start: childStart, list: childList } = table.childIndex();
  const kind = new Uint8Array(n);
  const mode = new Uint16Array(n);
  // Owners as the entry columns hold them (uids above 2^31 exist: 4294967294 is nobody on some systems).
  const uid = new Uint32Array(n);
  const gid = new Uint32Array(n);
  const inodeOf = new Int32Array(n).fill(-1);
  const lastLayer = new Int32Array(n).fill(-1);
  let fileEntries = 0;
  for (const entries of layers) {
    for (let k = 0; k < entries.length; k++) {
      if (entries.kinds[k] === KIND_FILE && entries.whiteouts[k] === 0) fileEntries++;
    }
  }
  const inodeSize = new Float64Array(fileEntries);
  const inodeLayer = new Int32Array(fileEntries);
  const inodeNames = new Int32Array(fileEntries);
  let inodes = 0;
  kind[0] = DIR;

  const hidden = new HiddenColumns();
  const changes = layers.map(() => ({ added: 0, modified: 0, removed: 0 }));
  const hiddenByAdder = layers.map(() => 0);
  const hiddenByHider = layers.map(() => 0);
  let storedBytes = 0;
  let layer = 0;

  /** Removes a node and its subtree; bytes whose last name goes are hidden. */
  const remove = (id: number, how: number, replaced: boolean) => {
    const todo = [id];
    while (todo.length > 0) {
      const x = todo.pop()!;
      if (kind[x] === DIR) {
        for (let c = childStart[x]!; c < childStart[x + 1]!; c++) {
          if (kind[childList[c]!] !== NONE) todo.push(childList[c]!);
        }
      }
      const inode = inodeOf[x]!;
      if (inode >= 0) {
        inodeOf[x] = -1;
        if (--inodeNames[inode]! === 0 && inodeSize[inode]! > 0) {
          const sizeBytes = inodeSize[inode]!;
          const addedInLayer = inodeLayer[inode]!;
          hidden.push(x, sizeBytes, addedInLayer, layer, how);
          hiddenByAdder[addedInLayer]! += sizeBytes;
          hiddenByHider[layer]! += sizeBytes;
        }
      }
      kind[x] = NONE;
      if (!replaced || x !== id) changes[layer]!.removed++;
    }
  };
  const ensureDir = (id: number) => {
    if (kind[id] === DIR) return;
    ensureDir(table.parentOf(id));
    if (kind[id] !== NONE) remove(id, HOW_OVERWRITTEN, false);
    kind[id] = DIR;
    mode[id] = 0o755;
    uid[id] = 0;
    gid[id] = 0;
    changes[layer]!.added++;
  };
  const write = (entries: LayerEntries, k: number, id: number) => {
    ensureDir(table.parentOf(id));
    const type = entries.kinds[k]!;
    const eMode = entries.modes[k]!;
    const eUid = entries.uids[k]!;
    const eGid = entries.gids[k]!;
    if (kind[id] === DIR && type === KIND_DIR) {
      if (mode[id] !== eMode || uid[id] !== eUid || gid[id] !== eGid) {
        changes[layer]!.modified++;
        mode[id] = eMode;
        uid[id] = eUid;
        gid[id] = eGid;
      }
      return;
    }
    let inode = -1;
    if (type === KIND_HARDLINK) {
      const linkTarget = entries.linkTarget(k);
      const target = linkTarget === undefined ? undefined : table.find(linkTarget);
      if (target !== undefined) inode = inodeOf[target]!;
    }
    const wasThere = kind[id] !== NONE;
    if (wasThere) remove(id, HOW_OVERWRITTEN, true);
    if (type === KIND_FILE) {
      const size = entries.sizes[k]!;
      inode = inodes++;
      inodeSize[inode] = size;
      inodeLayer[inode] = layer;
      storedBytes += size;
    }
    if (inode >= 0) inodeNames[inode]!++;
    inodeOf[id] = inode;
    lastLayer[id] = layer;
    kind[id] = type === KIND_DIR ? DIR : type === KIND_FILE ? FILE : OTHER;
    mode[id] = eMode;
    uid[id] = eUid;
    gid[id] = eGid;
    if (wasThere) changes[layer]!.modified++;
    else changes[layer]!.added++;
  };

  for (; layer < layers.length; layer++) {
    const entries = layers[layer]!;
    const ids = entries.ids;
    const whiteouts = entries.whiteouts;
    // Opaque markers apply first, wherever they sit in the layer.
    for (let k = 0; k < entries.length; k++) {
      const id = ids[k]!;
      if (whiteouts[k] !== WHITEOUT_OPAQUE || kind[id] !== DIR) continue;
      const children: number[] = [];
      for (let c = childStart[id]!; c < childStart[id + 1]!; c++) {
        if (kind[childList[c]!] !== NONE) children.push(childList[c]!);
      }
      for (const c of children) remove(c, HOW_OPAQUE, false);
    }
    for (let k = 0; k < entries.length; k++) {
      const id = ids[k]!;
      const whiteout = whiteouts[k]!;
      if (whiteout === WHITEOUT_OPAQUE) ensureDir(id);
      else if (whiteout === WHITEOUT_FILE) {
        if (id !== 0 && kind[id] !== NONE) remove(id, HOW_DELETED, false);
      } else write(entries, k, id);
    }
  }
  let visibleBytes = 0;
  for (let i = 0; i < inodes; i++) if (inodeNames[i]! > 0) visibleBytes += inodeSize[i]!;
  const presentChildren = (id: number): number[] => {
    const out: number[] = [];
    for (let c = childStart[id]!; c < childStart[id + 1]!; c++) {
      if (kind[childList[c]!] !== NONE) out.push(childList[c]!);
    }
    return out.sort((a, b) => (table.path(a) < table.path(b) ? -1 : 1));
  };
  const finalFiles: FinalFiles = {
    typeOf(path) {
      const id = table.find(path);
      if (id === undefined || kind[id] === NONE) return undefined;
      return kind[id] === DIR ? 'dir' : kind[id] === FILE ? 'file' : 'other';
    },
    childrenOf(path) {
      const id = table.find(path);
      if (id === undefined || kind[id] !== DIR) return [];
      return presentChildren(id).map((c) => table.path(c).slice(path === '' ? 0 : path.length + 1));
    },
    filesUnder(path) {
      const id = table.find(path);
      const out: { path: string; sizeBytes: number; layer: number; inode: number }[] = [];
      if (id === undefined || kind[id] !== DIR) return out;
      const walk = (dir: number) => {
        for (const c of presentChildren(dir)) {
          if (kind[c] === DIR) walk(c);
          else if (inodeOf[c]! >= 0) {
            const inode = inodeOf[c]!;
            out.push({
              path: table.absolutePath(c),
              sizeBytes: inodeSize[inode]!,
              layer: lastLayer[c]!,
              inode,
            });
          }
        }
      };
      walk(id);
      return out;
    },
  };
  return {
    finalFiles,
    storedBytes,
    visibleBytes,
    hiddenFiles: largestFirst(hidden, table),
    changes,
    hiddenByAdder,
    hiddenByHider,
  };
}
