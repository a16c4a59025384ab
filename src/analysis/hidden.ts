import type { LayerEntry } from '../image/types.js';
import type { PathTable } from './paths.js';
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
export function computeHiddenBytes(
  layers: readonly (readonly LayerEntry[])[],
  table: PathTable,
  layerIds: readonly Int32Array[],
): HiddenBytes {
  const n = table.size;
  const kind = new Uint8Array(n);
  const mode = new Int32Array(n);
  const uid = new Int32Array(n);
  const gid = new Int32Array(n);
  const inodeOf = new Int32Array(n).fill(-1);
  const lastLayer = new Int32Array(n).fill(-1);
  let fileEntries = 0;
  for (const entries of layers)
    for (const e of entries) if (e.type === 'file' && !e.whiteout) fileEntries++;
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
        table.forEachChild(x, (c) => {
          if (kind[c] !== NONE) todo.push(c);
        });
      }
      const inode = inodeOf[x]!;
      if (inode >= 0) {
        inodeOf[x] = -1;
        if (--inodeNames[inode]! === 0 && inodeSize[inode]! > 0) {
          const sizeBytes = inodeSize[inode]!;
          const addedInLayer = inodeLayer[inode]!;
          hiddenFiles.push({
            path: `/${table.paths[x]}`,
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
  const write = (e: LayerEntry, id: number) => {
    ensureDir(table.parentOf(id));
    if (kind[id] === DIR && e.type === 'dir') {
      if (mode[id] !== e.mode || uid[id] !== e.uid || gid[id] !== e.gid) {
        changes[layer]!.modified++;
        mode[id] = e.mode;
        uid[id] = e.uid;
        gid[id] = e.gid;
      }
      return;
    }
    let inode = -1;
    if (e.type === 'hardlink' && e.linkTarget !== undefined) {
      const target = table.find(e.linkTarget);
      if (target !== undefined) inode = inodeOf[target]!;
    }
    const wasThere = kind[id] !== NONE;
    if (wasThere) remove(id, 'overwritten', true);
    if (e.type === 'file') {
      inode = inodes++;
      inodeSize[inode] = e.sizeBytes;
      inodeLayer[inode] = layer;
      storedBytes += e.sizeBytes;
    }
    if (inode >= 0) inodeNames[inode]!++;
    inodeOf[id] = inode;
    lastLayer[id] = layer;
    kind[id] = e.type === 'dir' ? DIR : e.type === 'file' ? FILE : OTHER;
    mode[id] = e.mode;
    uid[id] = e.uid;
    gid[id] = e.gid;
    if (wasThere) changes[layer]!.modified++;
    else changes[layer]!.added++;
  };

  for (; layer < layers.length; layer++) {
    const entries = layers[layer]!;
    const ids = layerIds[layer]!;
    // Opaque markers apply first, wherever they sit in the layer.
    for (let k = 0; k < entries.length; k++) {
      const id = ids[k]!;
      if (entries[k]!.whiteout !== 'opaque' || kind[id] !== DIR) continue;
      const children: number[] = [];
      table.forEachChild(id, (c) => {
        if (kind[c] !== NONE) children.push(c);
      });
      for (const c of children) remove(c, 'opaque', false);
    }
    for (let k = 0; k < entries.length; k++) {
      const e = entries[k]!;
      const id = ids[k]!;
      if (e.whiteout === 'opaque') ensureDir(id);
      else if (e.whiteout === 'file') {
        if (id !== 0 && kind[id] !== NONE) remove(id, 'deleted', false);
      } else write(e, id);
    }
  }
  let visibleBytes = 0;
  for (let i = 0; i < inodes; i++) if (inodeNames[i]! > 0) visibleBytes += inodeSize[i]!;
  const presentChildren = (id: number): number[] => {
    const out: number[] = [];
    table.forEachChild(id, (c) => {
      if (kind[c] !== NONE) out.push(c);
    });
    return out.sort((a, b) => (table.paths[a]! < table.paths[b]! ? -1 : 1));
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
      return presentChildren(id).map((c) =>
        table.paths[c]!.slice(path === '' ? 0 : path.length + 1),
      );
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
              path: `/${table.paths[c]}`,
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
