import type { LayerEntries } from './layer-entries.js';
import type { PathTable } from './path-table.js';

/** What one tar entry of a layer says, normalised. Contents are never kept. */
export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';

export interface LayerEntry {
  /** Normalised path: no leading `./` or `/`, no trailing `/`. For a whiteout, the path it deletes. */
  readonly path: string;
  readonly type: EntryType;
  /** The tar header size: a regular file's bytes; 0 for everything else (hard links included). */
  readonly sizeBytes: number;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Symlink or hard-link target (hard-link targets normalised like paths). */
  readonly linkTarget?: string;
  /** `file`: `.wh.NAME` deletes `path`; `opaque`: `.wh..wh..opq` hides everything below `path`. */
  readonly whiteout?: 'file' | 'opaque';
}

export interface HistoryEntry {
  readonly created?: string;
  readonly createdBy?: string;
  readonly author?: string;
  readonly comment?: string;
  readonly emptyLayer: boolean;
}

export type ArchiveFormat =
  | 'docker-archive'
  | 'docker-archive-legacy'
  | 'docker-archive-oci'
  | 'oci-archive'
  | 'oci-dir'
  | 'tarball';

export interface LoadedLayer {
  readonly index: number;
  /** The diff_id from the config (sha256 of the uncompressed tar). */
  readonly digest: string;
  /** The blob's digest as stored (compressed for OCI gzip/zstd layers). */
  readonly blobDigest: string | undefined;
  readonly compression: 'none' | 'gzip' | 'zstd';
  /** The layer's entries as columns (paths are ids of the image's `paths`). */
  readonly entries: LayerEntries;
}

export interface ImageConfigInfo {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
  readonly user?: string;
  readonly cmd?: readonly string[];
  readonly entrypoint?: readonly string[];
  readonly author?: string;
  readonly comment?: string;
  readonly container?: string;
  readonly hostname?: string;
  readonly parentImage?: string;
  readonly containerCmd?: readonly string[];
  readonly tty?: boolean;
}

export interface LoadedImage {
  readonly source: string;
  readonly format: ArchiveFormat;
  /** Whether the whole archive was wrapped in gzip or zstd. */
  readonly wrapper: 'none' | 'gzip' | 'zstd';
  readonly tags: readonly string[];
  /** The image id: sha256 of the config JSON. */
  readonly id: string;
  readonly config: ImageConfigInfo;
  readonly diffIds: readonly string[];
  readonly history: readonly HistoryEntry[];
  readonly layers: readonly LoadedLayer[];
  /** Every path the layers name. */
  readonly paths: PathTable;
  /** Problems read past (odd entries, history that does not match the layers). */
  readonly warnings: readonly string[];
}

/** Progress while loading: per layer, bytes read and entries seen. */
export interface LoadProgress {
  readonly layerIndex: number;
  readonly layerCount: number;
  readonly bytesRead: number;
  readonly bytesTotal: number | undefined;
  readonly entries: number;
}
