import type { Finding } from '../findings.js';
import type { LayerEntries } from '../image/layer-entries.js';
import type { ArchiveFormat, HistoryEntry } from '../image/types.js';
import type { FinalFiles } from './hidden.js';

export type HiddenHow = 'deleted' | 'opaque' | 'overwritten';

export interface LayerChanges {
  readonly added: number;
  readonly modified: number;
  readonly removed: number;
}

export interface InstructionRef {
  readonly file: string;
  readonly line: number;
  readonly endLine: number;
  readonly text: string;
}

export interface LayerAnalysis {
  readonly index: number;
  /** diff_id */
  readonly digest: string;
  /** dive's layer size: the sum of tar-header sizes of its entries. */
  readonly sizeBytes: number;
  /** created_by with the builder's wrapping removed. */
  readonly command: string;
  /** The raw history created_by ('' when there is none). */
  readonly createdBy: string;
  readonly history: HistoryEntry | undefined;
  /** History entries with empty_layer that precede this layer. */
  readonly emptyHistory: readonly HistoryEntry[];
  readonly commitBuilt: boolean;
  /** Why commitBuilt is true (empty when false). */
  readonly commitReasons: readonly string[];
  readonly changes: LayerChanges;
  readonly entryCount: number;
  /** Regular-file bytes this layer adds that a later layer hides. */
  readonly hiddenBytes: number;
  /** Regular-file bytes of lower layers that this layer hides. */
  readonly hidesBytes: number;
  readonly instruction?: InstructionRef;
}

export interface InefficientFile {
  readonly path: string;
  readonly count: number;
  readonly sizeBytes: number;
}

export interface HiddenFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly addedInLayer: number;
  readonly hiddenByLayer: number;
  readonly how: HiddenHow;
}

export interface ImageAnalysis {
  readonly schemaVersion: 1;
  readonly image: {
    readonly source: string;
    readonly format: ArchiveFormat;
    readonly tags: readonly string[];
    readonly id: string;
    readonly os: string;
    readonly architecture: string;
    readonly user: string;
  };
  readonly layers: readonly LayerAnalysis[];
  readonly sizeBytes: number;
  readonly userSizeBytes: number;
  readonly efficiency: number;
  readonly wastedBytes: number;
  /** A fraction like dive's; null when there are no user bytes (dive's NaN). */
  readonly userWastedPercent: number | null;
  readonly inefficientFiles: readonly InefficientFile[];
  readonly storedBytes: number;
  readonly visibleBytes: number;
  readonly hiddenBytes: number;
  readonly hiddenFiles: readonly HiddenFile[];
  /** Number of nodes dive's CI reports as `files:` (tree nodes incl. implicit parents). */
  readonly fileCount: number;
  readonly findings: readonly Finding[];
  readonly warnings: readonly string[];
  /** Each layer's entries, for image rules and the explorer (not serialised). */
  readonly layerEntries: readonly LayerEntries[];
  /** The final filesystem after every layer (not serialised). */
  readonly finalFiles: FinalFiles;
}
