import {
  KIND_DIR,
  KIND_FILE,
  KIND_HARDLINK,
  type LayerEntries,
  WHITEOUT_FILE,
  WHITEOUT_OPAQUE,
} from '../image/layer-entries.js';
import type { PathTable } from '../image/path-table.js';
import type { HiddenFile, HiddenHow, LayerChanges } from './types.js';

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
  readonly hiddenFiles: HiddenFile[];
  readonly changes: LayerChanges[];
  /** Per layer: bytes it adds that later layers hide / bytes of lower layers it hides. */
  readonly hiddenByAdder: number[];
  readonly hiddenByHider: number[];
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

  const hiddenFiles: HiddenFile[] = [];
  const changes = layers.map(() => ({ added: 0, modified: 0, removed: 0 }));
  const hiddenByAdder = layers.map(() => 0);
  const hiddenByHider = layers.map(() => 0);
  let storedBytes = 0;
  let layer = 0;

  /** Removes a node and its subtree; bytes whose last name goes are hidden. */
  const remove = (id: number, how: HiddenHow, replaced: boolean) => {
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
          hiddenFiles.push({
            path: table.absolutePath(x),
            sizeBytes,
            addedInLayer,
            hiddenByLayer: layer,
            how,
          });
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
    if (kind[id] !== NONE) remove(id, 'overwritten', false);
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
    if (wasThere) remove(id, 'overwritten', true);
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
      for (const c of children) remove(c, 'opaque', false);
    }
    for (let k = 0; k < entries.length; k++) {
      const id = ids[k]!;
      const whiteout = whiteouts[k]!;
      if (whiteout === WHITEOUT_OPAQUE) ensureDir(id);
      else if (whiteout === WHITEOUT_FILE) {
        if (id !== 0 && kind[id] !== NONE) remove(id, 'deleted', false);
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
    hiddenFiles,
    changes,
    hiddenByAdder,
    hiddenByHider,
  };
}
