import type { EntryType, LoadedImage } from '../../image/types.js';
import { type FsNode, LayeredFilesystem } from '../../tree/filesystem.js';

/**
 * Every path that any layer of an image ever held, once, in preorder sorted by name (so a
 * subtree is the id range `[id, end[id])`), with the state each layer left it in. Built once;
 * the explorer's views read it and never re-apply layers. Node 0 is the root.
 */
export interface ImageTree {
  readonly nodeCount: number;
  readonly layerCount: number;
  readonly names: readonly string[];
  readonly parent: Int32Array;
  /** The root has depth 0, its children depth 1. */
  readonly depth: Uint16Array;
  /** One past the last id of the node's subtree. */
  readonly end: Int32Array;
  /** States of node n are `[stateStart[n], stateStart[n + 1])`, by ascending layer. */
  readonly stateStart: Int32Array;
  readonly stateLayer: Int32Array;
  /** 1 when the path exists after that layer, 0 when the layer removed it. */
  readonly stateExists: Uint8Array;
  readonly stateType: readonly EntryType[];
  readonly stateSizeBytes: Float64Array;
  readonly stateMode: Uint32Array;
  readonly stateUid: Uint32Array;
  readonly stateGid: Uint32Array;
  readonly stateLinkTarget: readonly (string | undefined)[];
  /** Entries over all layers (for the progress bar and the bench). */
  readonly entryCount: number;
}

interface State {
  layer: number;
  exists: boolean;
  type: EntryType;
  sizeBytes: number;
  mode: number;
  uid: number;
  gid: number;
  linkTarget: string | undefined;
}

interface BuildNode {
  readonly name: string;
  children: Map<string, BuildNode> | undefined;
  readonly states: State[];
}

function recordState(target: BuildNode, layer: number, fsNode: FsNode, exists: boolean): void {
  const state: State = {
    layer,
    exists,
    type: fsNode.type,
    sizeBytes: fsNode.type === 'file' ? (fsNode.inode?.sizeBytes ?? 0) : 0,
    mode: fsNode.mode,
    uid: fsNode.uid,
    gid: fsNode.gid,
    linkTarget: fsNode.linkTarget,
  };
  const last = target.states[target.states.length - 1];
  // Several events in one layer (an opaque removal then a re-add) leave one state: the last.
  if (last && last.layer === layer) target.states[target.states.length - 1] = state;
  else target.states.push(state);
}

export interface BuildTreeProgress {
  readonly layerIndex: number;
  readonly layerCount: number;
  readonly entries: number;
}

/**
 * Applies layers one at a time through `LayeredFilesystem` (so whiteouts mean exactly what they
 * mean for the analysis) and records, per path, what each layer did to it.
 */
export class ImageTreeBuilder {
  private readonly fs = new LayeredFilesystem();
  private readonly root: BuildNode = { name: '', children: new Map(), states: [] };
  private readonly byFsNode = new Map<FsNode, BuildNode>();
  private layerCount = 0;
  private entryCount = 0;

  constructor() {
    this.byFsNode.set(this.fs.root, this.root);
  }

  private resolve(fsNode: FsNode): BuildNode {
    const known = this.byFsNode.get(fsNode);
    if (known) return known;
    const parent = this.resolve(fsNode.parent!);
    parent.children ??= new Map();
    let node = parent.children.get(fsNode.name);
    if (!node) {
      node = { name: fsNode.name, children: undefined, states: [] };
      parent.children.set(fsNode.name, node);
    }
    this.byFsNode.set(fsNode, node);
    return node;
  }

  addLayer(entries: LoadedImage['layers'][number]['entries']): void {
    const layerIndex = this.layerCount++;
    this.fs.apply(entries, (event) => {
      if (event.kind === 'hidden') return;
      recordState(this.resolve(event.node), layerIndex, event.node, event.kind !== 'removed');
    });
    this.entryCount += entries.length;
  }

  get entries(): number {
    return this.entryCount;
  }

  finish(): ImageTree {
    this.byFsNode.clear();
    return flatten(this.root, this.layerCount, this.entryCount);
  }
}

export function buildImageTree(
  image: Pick<LoadedImage, 'layers'>,
  onProgress?: (progress: BuildTreeProgress) => void,
): ImageTree {
  const builder = new ImageTreeBuilder();
  image.layers.forEach((layer, layerIndex) => {
    builder.addLayer(layer.entries);
    onProgress?.({ layerIndex, layerCount: image.layers.length, entries: builder.entries });
  });
  return builder.finish();
}

/** Like `buildImageTree`, but lets the event loop run between layers (the progress bar paints). */
export async function buildImageTreeAsync(
  image: Pick<LoadedImage, 'layers'>,
  onProgress?: (progress: BuildTreeProgress) => void,
): Promise<ImageTree> {
  const builder = new ImageTreeBuilder();
  for (const [layerIndex, layer] of image.layers.entries()) {
    builder.addLayer(layer.entries);
    onProgress?.({ layerIndex, layerCount: image.layers.length, entries: builder.entries });
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return builder.finish();
}

function flatten(root: BuildNode, layerCount: number, entryCount: number): ImageTree {
  // Count nodes and states first so the typed arrays are allocated once.
  let nodeCount = 0;
  let stateCount = 0;
  const counting: BuildNode[] = [root];
  while (counting.length > 0) {
    const node = counting.pop()!;
    nodeCount++;
    stateCount += node.states.length;
    if (node.children) for (const child of node.children.values()) counting.push(child);
  }
  const names = new Array<string>(nodeCount);
  const parent = new Int32Array(nodeCount);
  const depth = new Uint16Array(nodeCount);
  const end = new Int32Array(nodeCount);
  const stateStart = new Int32Array(nodeCount + 1);
  const stateLayer = new Int32Array(stateCount);
  const stateExists = new Uint8Array(stateCount);
  const stateType = new Array<EntryType>(stateCount);
  const stateSizeBytes = new Float64Array(stateCount);
  const stateMode = new Uint32Array(stateCount);
  const stateUid = new Uint32Array(stateCount);
  const stateGid = new Uint32Array(stateCount);
  const stateLinkTarget = new Array<string | undefined>(stateCount);
  let nextId = 0;
  let nextState = 0;
  // Iterative preorder; a frame is [node, parent id, depth]; -1 frames close a subtree.
  const stack: (readonly [BuildNode, number, number] | number)[] = [[root, -1, 0]];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    if (typeof frame === 'number') {
      end[frame] = nextId;
      continue;
    }
    const [node, parentId, nodeDepth] = frame;
    const id = nextId++;
    names[id] = node.name;
    parent[id] = parentId;
    depth[id] = nodeDepth;
    stateStart[id] = nextState;
    for (const s of node.states) {
      stateLayer[nextState] = s.layer;
      stateExists[nextState] = s.exists ? 1 : 0;
      stateType[nextState] = s.type;
      stateSizeBytes[nextState] = s.sizeBytes;
      stateMode[nextState] = s.mode;
      stateUid[nextState] = s.uid;
      stateGid[nextState] = s.gid;
      stateLinkTarget[nextState] = s.linkTarget;
      nextState++;
    }
    stack.push(id);
    if (node.children) {
      const children = [...node.children.values()].sort((a, b) =>
        a.name < b.name ? 1 : a.name > b.name ? -1 : 0,
      );
      for (const child of children) stack.push([child, id, nodeDepth + 1]);
    }
  }
  stateStart[nodeCount] = nextState;
  return {
    nodeCount,
    layerCount,
    names,
    parent,
    depth,
    end,
    stateStart,
    stateLayer,
    stateExists,
    stateType,
    stateSizeBytes,
    stateMode,
    stateUid,
    stateGid,
    stateLinkTarget,
    entryCount,
  };
}

/** The id of the node at `path` (leading slash optional), or -1. */
export function findNode(tree: ImageTree, path: string): number {
  const parts = path.split('/').filter((p) => p !== '');
  let id = 0;
  for (const part of parts) {
    let found = -1;
    for (let c = id + 1; c < tree.end[id]!; c = tree.end[c]!) {
      if (tree.names[c] === part) {
        found = c;
        break;
      }
    }
    if (found < 0) return -1;
    id = found;
  }
  return id;
}
