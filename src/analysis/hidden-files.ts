import { PathTable } from '../image/path-table.js';
import type { HiddenFile, HiddenHow } from './types.js';

/** How a version was hidden, as `HiddenFileList.hows` (and the walk's columns) hold it. */
export const HOW_DELETED = 0;
export const HOW_OPAQUE = 1;
export const HOW_OVERWRITTEN = 2;
/** The `how` of each of those numbers. */
export const HOWS: readonly HiddenHow[] = ['deleted', 'opaque', 'overwritten'];

/**
 * The hidden files in their final order, in columns. Objects are made only for those asked for:
 * on an image that hides 100k files, making them all (and their path strings) cost more than the
 * rest of the analysis, while the JSON report and the image rules can read the columns and the
 * path table directly (`hiddenFileListOf`).
 */
export class HiddenFileList {
  constructor(
    readonly table: PathTable,
    readonly ids: Int32Array,
    readonly sizes: Float64Array,
    readonly adders: Int32Array,
    readonly hiders: Int32Array,
    /** HOW_DELETED, HOW_OPAQUE or HOW_OVERWRITTEN (indices into HOWS). */
    readonly hows: Uint8Array,
  ) {}

  /** A list of `length` files, all zero, for its maker to fill in. */
  static ofLength(table: PathTable, length: number): HiddenFileList {
    return new HiddenFileList(
      table,
      new Int32Array(length),
      new Float64Array(length),
      new Int32Array(length),
      new Int32Array(length),
      new Uint8Array(length),
    );
  }

  get length(): number {
    return this.ids.length;
  }

  /** The path of file `i`, with a leading slash. */
  path(i: number): string {
    return this.table.absolutePath(this.ids[i]!);
  }

  how(i: number): HiddenHow {
    return HOWS[this.hows[i]!]!;
  }

  at(i: number): HiddenFile {
    return {
      path: this.path(i),
      sizeBytes: this.sizes[i]!,
      addedInLayer: this.adders[i]!,
      hiddenByLayer: this.hiders[i]!,
      how: this.how(i),
    };
  }

  toArray(): HiddenFile[] {
    const out = new Array<HiddenFile>(this.length);
    for (let i = 0; i < out.length; i++) out[i] = this.at(i);
    return out;
  }
}

/** The list behind each `hiddenFiles` getter that `withHiddenFiles` installs. */
const listOfGetter = new WeakMap<() => readonly HiddenFile[], HiddenFileList>();

/**
 * Defines `hiddenFiles` on `target` as a getter that makes the objects of `list` on first use,
 * so that a caller who never reads them (the JSON writer and the image rules read the columns
 * through `hiddenFileListOf`) never pays for them.
 */
export function withHiddenFiles<T extends object>(
  target: T,
  list: HiddenFileList,
): T & { readonly hiddenFiles: readonly HiddenFile[] } {
  let files: HiddenFile[] | undefined;
  const get = () => {
    files ??= list.toArray();
    return files;
  };
  listOfGetter.set(get, list);
  return Object.defineProperty(target, 'hiddenFiles', { get, enumerable: true }) as T & {
    readonly hiddenFiles: readonly HiddenFile[];
  };
}

/**
 * The columns behind `owner.hiddenFiles`, when that is still the getter `withHiddenFiles` made
 * (copying the object with `copyKeepingHiddenFiles` keeps it); undefined when the list was
 * replaced or spread into a plain array, whose objects are then the truth.
 */
export function hiddenFileListOf(owner: {
  readonly hiddenFiles: readonly HiddenFile[];
}): HiddenFileList | undefined {
  const get = Object.getOwnPropertyDescriptor(owner, 'hiddenFiles')?.get;
  return get ? listOfGetter.get(get as () => readonly HiddenFile[]) : undefined;
}

/**
 * `{ ...base, ...changes }` without reading `base.hiddenFiles`: a spread would call its getter
 * and make every object, which `withHiddenFiles` exists to avoid.
 */
export function copyKeepingHiddenFiles<T extends object>(base: T, changes: Partial<T>): T {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(base);
  for (const [key, value] of Object.entries(changes)) {
    // A changed key stays where it was among the keys, as a spread would leave it.
    descriptors[key] = { value, enumerable: true, writable: true, configurable: true };
  }
  return Object.defineProperties({}, descriptors) as T;
}

/** Lists made for plain arrays, kept so the rules that ask for one share it. */
const listOfArray = new WeakMap<readonly HiddenFile[], HiddenFileList>();

/**
 * An analysis' hidden files as a list in columns: the one behind its `hiddenFiles` getter, or,
 * when that was replaced by a plain array, one made from the array (its paths interned in a
 * table of their own, so check `list.table` before comparing ids with another table).
 */
export function hiddenFileList(owner: {
  readonly hiddenFiles: readonly HiddenFile[];
}): HiddenFileList {
  const behind = hiddenFileListOf(owner);
  if (behind) return behind;
  const files = owner.hiddenFiles;
  let list = listOfArray.get(files);
  if (!list) {
    const table = new PathTable();
    const n = files.length;
    list = HiddenFileList.ofLength(table, n);
    for (let i = 0; i < n; i++) {
      const f = files[i]!;
      list.ids[i] = table.intern(f.path.replace(/^\/+/, ''));
      list.sizes[i] = f.sizeBytes;
      list.adders[i] = f.addedInLayer;
      list.hiders[i] = f.hiddenByLayer;
      list.hows[i] = HOWS.indexOf(f.how);
    }
    listOfArray.set(files, list);
  }
  return list;
}
