import type { EntryType, LayerEntry } from '../image/types.js';

/** Bytes of one file's content, shared by every hard link to it. */
export interface Inode {
  readonly sizeBytes: number;
  readonly addedInLayer: number;
  /** Names that still point at it. */
  names: number;
}

export interface FsNode {
  readonly name: string;
  readonly parent: FsNode | undefined;
  children: Map<string, FsNode> | undefined;
  type: EntryType;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | undefined;
  /** The layer whose entry last wrote this node; -1 for a directory no layer listed. */
  layer: number;
  inode: Inode | undefined;
}

export type HiddenHow = 'deleted' | 'opaque' | 'overwritten';

/** What applying one entry did, for whoever listens (analysis, the explorer's trees). */
export type FsEvent =
  | { readonly kind: 'added'; readonly path: string; readonly node: FsNode }
  | { readonly kind: 'modified'; readonly path: string; readonly node: FsNode }
  | {
      readonly kind: 'removed';
      readonly path: string;
      readonly node: FsNode;
      readonly how: HiddenHow;
    }
  | {
      readonly kind: 'hidden';
      readonly path: string;
      readonly sizeBytes: number;
      readonly addedInLayer: number;
      readonly how: HiddenHow;
    };

export type FsListener = (event: FsEvent) => void;

/** A directory no layer listed (the root, or a parent an entry implies). */
function implicitDir(name: string, parent: FsNode | undefined): FsNode {
  return {
    name,
    parent,
    children: new Map(),
    type: 'dir',
    mode: 0o755,
    uid: 0,
    gid: 0,
    linkTarget: undefined,
    layer: -1,
    inode: undefined,
  };
}

export function nodePath(node: FsNode): string {
  const parts: string[] = [];
  for (let n: FsNode | undefined = node; n?.parent; n = n.parent) parts.push(n.name);
  return parts.reverse().join('/');
}

/**
 * The filesystem that layers build, with OCI whiteout semantics: `.wh.NAME` deletes NAME from
 * lower layers, an opaque marker hides everything lower layers put in its directory (before the
 * layer's other entries, wherever it sits), a path re-added replaces the lower version, and a
 * file replacing a directory (or the reverse) hides the whole lower subtree. Content bytes
 * belong to inodes, so a hard link keeps them visible after its first name is deleted.
 */
export class LayeredFilesystem {
  readonly root: FsNode = implicitDir('', undefined);
  /** How many layers have been applied. */
  layerCount = 0;

  lookup(path: string): FsNode | undefined {
    if (path === '') return this.root;
    let node: FsNode | undefined = this.root;
    let start = 0;
    while (node) {
      const slash = path.indexOf('/', start);
      const name = slash < 0 ? path.slice(start) : path.slice(start, slash);
      node = node.children?.get(name);
      if (slash < 0) return node;
      start = slash + 1;
    }
    return undefined;
  }

  /** Applies one layer's entries; `listen` hears every change. */
  apply(
    layerEntries: readonly LayerEntry[] | { toArray(): LayerEntry[] },
    listen?: FsListener,
  ): void {
    const entries = 'toArray' in layerEntries ? layerEntries.toArray() : layerEntries;
    const layer = this.layerCount++;
    const emit = listen ?? (() => undefined);
    // Opaque markers apply first, wherever they sit in the layer.
    for (const e of entries) {
      if (e.whiteout !== 'opaque') continue;
      const dir = this.lookup(e.path);
      if (dir?.children && dir.layer !== layer) {
        for (const child of [...dir.children.values()]) {
          this.remove(child, 'opaque', emit);
        }
      }
    }
    for (const e of entries) {
      if (e.whiteout === 'opaque') {
        this.ensureDir(e.path, layer, emit);
        continue;
      }
      if (e.whiteout === 'file') {
        const target = this.lookup(e.path);
        if (target?.parent) this.remove(target, 'deleted', emit);
        continue;
      }
      this.write(e, layer, emit);
    }
  }

  private ensureDir(path: string, layer: number, emit: FsListener): FsNode {
    if (path === '') return this.root;
    const slash = path.lastIndexOf('/');
    const parent = this.ensureDir(slash < 0 ? '' : path.slice(0, slash), layer, emit);
    const name = slash < 0 ? path : path.slice(slash + 1);
    const existing = parent.children!.get(name);
    if (existing?.type === 'dir') return existing;
    if (existing) this.remove(existing, 'overwritten', emit);
    const node = implicitDir(name, parent);
    parent.children!.set(name, node);
    emit({ kind: 'added', path, node });
    return node;
  }

  private write(e: LayerEntry, layer: number, emit: FsListener): void {
    const slash = e.path.lastIndexOf('/');
    const parent = this.ensureDir(slash < 0 ? '' : e.path.slice(0, slash), layer, emit);
    const name = slash < 0 ? e.path : e.path.slice(slash + 1);
    const existing = parent.children!.get(name);
    if (existing && existing.type === 'dir' && e.type === 'dir') {
      const changed = existing.mode !== e.mode || existing.uid !== e.uid || existing.gid !== e.gid;
      existing.mode = e.mode;
      existing.uid = e.uid;
      existing.gid = e.gid;
      existing.layer = layer;
      if (changed) emit({ kind: 'modified', path: e.path, node: existing });
      return;
    }
    let inode: Inode | undefined;
    if (e.type === 'hardlink') {
      const target = e.linkTarget === undefined ? undefined : this.lookup(e.linkTarget);
      inode = target?.inode;
    }
    const wasThere = existing !== undefined;
    if (existing) this.remove(existing, 'overwritten', emit, true);
    if (e.type === 'file') inode = { sizeBytes: e.sizeBytes, addedInLayer: layer, names: 0 };
    if (inode) inode.names++;
    const node: FsNode = {
      name,
      parent,
      children: e.type === 'dir' ? new Map() : undefined,
      type: e.type,
      mode: e.mode,
      uid: e.uid,
      gid: e.gid,
      linkTarget: e.linkTarget,
      layer,
      inode,
    };
    parent.children!.set(name, node);
    emit({ kind: wasThere ? 'modified' : 'added', path: e.path, node });
  }

  /** Removes a node and its subtree; bytes whose last name goes are hidden. */
  private remove(node: FsNode, how: HiddenHow, emit: FsListener, replaced = false): void {
    const path = nodePath(node);
    const stack: [FsNode, string][] = [[node, path]];
    while (stack.length > 0) {
      const [n, p] = stack.pop()!;
      if (n.children) {
        for (const child of n.children.values()) stack.push([child, `${p}/${child.name}`]);
      }
      const inode = n.inode;
      if (inode) {
        inode.names--;
        if (inode.names === 0 && inode.sizeBytes > 0) {
          emit({
            kind: 'hidden',
            path: p,
            sizeBytes: inode.sizeBytes,
            addedInLayer: inode.addedInLayer,
            how,
          });
        }
      }
      if (!replaced || n !== node) emit({ kind: 'removed', path: p, node: n, how });
    }
    node.parent!.children!.delete(node.name);
  }
}
