import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import type { Readable } from 'node:stream';
import { ArchiveFormatError, UsageError } from '../errors.js';
import { sniffCompression } from './decompress.js';
import { EscapingEntryError } from './entries.js';
import { expectedEntries, numberInLayerOrder } from './layer-entries.js';
import { type LayerLocation, type LayerScan, NotALayerError } from './layer-scan.js';
import { type ImageCandidate, ResolveError, resolveImages } from './resolve.js';
import { type ArchiveStore, DirStore, StoreError, StreamStore, TarFileStore } from './store.js';
import { looksLikeTarHeader, TarFormatError } from './tar.js';
import type {
  HistoryEntry,
  ImageConfigInfo,
  LoadedImage,
  LoadedLayer,
  LoadProgress,
} from './types.js';
import {
  endEarlyWalker,
  MIN_WORKER_CORES,
  scanMode,
  WORKER_MIN_BYTES,
  walkerFits,
} from './walk-early.js';

export interface ReadImageOptions {
  /** `NAME[:TAG]` when the archive holds several images. */
  readonly image?: string;
  /** `OS/ARCH[/VARIANT]` when it holds several platforms. */
  readonly platform?: string;
  /** Hash every blob and check it against its digest. */
  readonly verify?: boolean;
  readonly onProgress?: (progress: LoadProgress) => void;
  /** Standard input, for the source `-`. */
  readonly stdin?: Readable;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined;
}

async function openStore(
  source: string,
  options: ReadImageOptions,
): Promise<{ store: ArchiveStore; wrapper: 'none' | 'gzip' | 'zstd' }> {
  if (source === '-') {
    const input = options.stdin ?? process.stdin;
    const read = await StreamStore.read(input, undefined, (n) =>
      options.onProgress?.({
        layerIndex: 0,
        layerCount: 0,
        bytesRead: n,
        bytesTotal: undefined,
        entries: 0,
      }),
    );
    return read;
  }
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(source);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArchiveFormatError(
      code === 'ENOENT'
        ? `${source}: no such file or directory`
        : `${source}: cannot be read (${code ?? 'unknown error'})`,
      { cause: error },
    );
  }
  if (info.isDirectory()) {
    const store = await DirStore.open(source);
    if (!(await store.has('index.json')) && !(await store.has('manifest.json'))) {
      throw new ArchiveFormatError(
        `${source}: directory has no index.json or manifest.json; expected an OCI image layout`,
      );
    }
    return { store, wrapper: 'none' };
  }
  if (info.size === 0) {
    throw new ArchiveFormatError(`${source}: file is empty; expected a docker save or OCI archive`);
  }
  const handle = await open(source, 'r');
  const head = Buffer.alloc(Math.min(512, info.size));
  try {
    await handle.read(head, 0, head.length, 0);
  } finally {
    await handle.close();
  }
  const compression = sniffCompression(head);
  if (compression === 'bzip2' || compression === 'xz') {
    throw new ArchiveFormatError(
      `${source}: compressed with ${compression}; decompress it first (layerlint reads gzip and zstd)`,
    );
  }
  if (compression !== 'none') {
    const totalBytes = info.size;
    return StreamStore.read(createReadStream(source, { highWaterMark: 1 << 20 }), totalBytes, (n) =>
      options.onProgress?.({
        layerIndex: 0,
        layerCount: 0,
        bytesRead: n,
        bytesTotal: totalBytes,
        entries: 0,
      }),
    );
  }
  if (!looksLikeTarHeader(head)) {
    const first = head.toString('utf8', 0, 1);
    throw new ArchiveFormatError(
      first === '{' || first === '['
        ? `${source}: is a JSON file, not an image archive; pass the archive from docker save or an OCI layout`
        : `${source}: not a tar archive; expected a docker save or OCI archive (tar, optionally gzip or zstd)`,
    );
  }
  return { store: await TarFileStore.open(source), wrapper: 'none' };
}

function describeCandidate(c: ImageCandidate): string {
  const name = c.tags[0] ?? c.configName;
  return c.platform ? `${name} (${c.platform})` : name;
}

function matchesImage(c: ImageCandidate, wanted: string): boolean {
  const withTag = /:[^/]+$/.test(wanted) ? wanted : `${wanted}:latest`;
  return c.tags.some((tag) => {
    const full = /:[^/]+$/.test(tag) ? tag : `${tag}:latest`;
    if (tag === wanted || full === withTag) return true;
    // docker.io/library/foo:1 matches foo:1; localhost/foo:1 matches foo:1; a bare ref.name
    // such as `latest` matches `--image latest`.
    return full.endsWith(`/${withTag}`);
  });
}

function hostPlatform(): string {
  const arch = process.arch === 'x64' ? 'amd64' : process.arch === 'ia32' ? '386' : process.arch;
  return `linux/${arch}`;
}

function matchesPlatform(c: ImageCandidate, wanted: string): boolean {
  if (!c.platform) return false;
  return c.platform === wanted || c.platform.startsWith(`${wanted}/`);
}

function selectCandidate(
  source: string,
  all: readonly ImageCandidate[],
  options: ReadImageOptions,
): ImageCandidate {
  // The same config under several tags is one image.
  const byConfig = new Map<string, ImageCandidate>();
  for (const c of all) {
    const key = `${c.configName}|${c.platform ?? ''}`;
    const prior = byConfig.get(key);
    byConfig.set(key, prior ? { ...prior, tags: [...new Set([...prior.tags, ...c.tags])] } : c);
  }
  let candidates = [...byConfig.values()];
  if (candidates.length === 0) {
    throw new ArchiveFormatError(`${source}: holds no image (only artifacts or absent manifests)`);
  }
  const choices = () => candidates.map(describeCandidate).join(', ');
  const narrow = (
    what: string,
    wanted: string | undefined,
    matches: (c: ImageCandidate, w: string) => boolean,
  ) => {
    if (!wanted) return;
    const matched = candidates.filter((c) => matches(c, wanted));
    if (matched.length === 0) {
      throw new UsageError(`${source}: no ${what} ${wanted}; choose one of: ${choices()}`);
    }
    candidates = matched;
  };
  narrow('image', options.image, matchesImage);
  narrow('platform', options.platform, matchesPlatform);
  if (candidates.length === 1) return candidates[0]!;
  const names = new Set(candidates.map((c) => c.tags.join(',')));
  if (names.size === 1 && candidates.every((c) => c.platform)) {
    const host = candidates.filter((c) => matchesPlatform(c, hostPlatform()));
    if (host.length === 1) return host[0]!;
    throw new UsageError(
      `${source}: holds ${candidates.length} platforms; choose one with --platform: ${choices()}`,
    );
  }
  throw new UsageError(
    `${source}: holds ${candidates.length} images; choose one with --image (and --platform): ${choices()}`,
  );
}

function parseHistory(value: unknown): HistoryEntry[] {
  if (!Array.isArray(value)) return [];
  return value.map((h): HistoryEntry => {
    const o = isObject(h) ? h : {};
    const entry: {
      created?: string;
      createdBy?: string;
      author?: string;
      comment?: string;
      emptyLayer: boolean;
    } = { emptyLayer: o.empty_layer === true };
    const created = str(o.created);
    if (created !== undefined) entry.created = created;
    const createdBy = str(o.created_by);
    if (createdBy !== undefined) entry.createdBy = createdBy;
    const author = str(o.author);
    if (author !== undefined) entry.author = author;
    const comment = str(o.comment);
    if (comment !== undefined) entry.comment = comment;
    return entry;
  });
}

function parseConfigInfo(doc: Json, candidate: ImageCandidate): ImageConfigInfo {
  const config = isObject(doc.config) ? doc.config : {};
  const containerConfig = isObject(doc.container_config) ? doc.container_config : {};
  const [os, architecture, variant] = (candidate.platform ?? '').split('/');
  const info: Record<string, unknown> = {
    os: str(doc.os) ?? os ?? '',
    architecture: str(doc.architecture) ?? architecture ?? '',
  };
  const set = (key: string, value: unknown) => {
    if (value !== undefined) info[key] = value;
  };
  set('variant', str(doc.variant) ?? variant);
  set('user', str(config.User));
  set('cmd', strings(config.Cmd));
  set('entrypoint', strings(config.Entrypoint));
  set('author', str(doc.author));
  set('comment', str(doc.comment));
  set('container', str(doc.container));
  set('hostname', str(config.Hostname));
  set('parentImage', str(config.Image));
  set('containerCmd', strings(containerConfig.Cmd));
  set('tty', typeof config.Tty === 'boolean' ? config.Tty : undefined);
  return info as unknown as ImageConfigInfo;
}

/** Pre-1.10 archives carry no history: rebuild one entry per layer from its v1 JSON. */
async function historyFromV1(
  store: ArchiveStore,
  names: readonly string[],
): Promise<HistoryEntry[]> {
  const out: HistoryEntry[] = [];
  for (const name of names) {
    const doc = JSON.parse((await store.readBytes(name)).toString('utf8')) as unknown;
    const o = isObject(doc) ? doc : {};
    const cc = isObject(o.container_config) ? o.container_config : {};
    const cmd = strings(cc.Cmd);
    const entry: { emptyLayer: boolean; created?: string; createdBy?: string } = {
      emptyLayer: false,
    };
    const created = str(o.created);
    if (created) entry.created = created;
    if (cmd) entry.createdBy = cmd.join(' ');
    out.push(entry);
  }
  return out;
}

function wrapError(source: string, error: unknown): never {
  if (error instanceof ArchiveFormatError || error instanceof UsageError) throw error;
  if (error instanceof TarFormatError) {
    throw new ArchiveFormatError(
      `${source}: ${error.message}; the archive is truncated or corrupt, save it again`,
      { cause: error },
    );
  }
  if (
    error instanceof StoreError ||
    error instanceof ResolveError ||
    error instanceof NotALayerError ||
    error instanceof EscapingEntryError
  ) {
    throw new ArchiveFormatError(`${source}: ${error.message}`, { cause: error });
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    throw new ArchiveFormatError(
      `${source}: compressed data is corrupt or cut short; save it again`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof Error && /zstd|Decompress|unexpected EOF|invalid/i.test(error.message)) {
    throw new ArchiveFormatError(`${source}: compressed data is corrupt (${error.message})`, {
      cause: error,
    });
  }
  if (code === 'EACCES' || code === 'EISDIR' || code === 'ENOENT') {
    throw new ArchiveFormatError(`${source}: cannot be read (${code})`, { cause: error });
  }
  throw error;
}

/** Runs `fn` over `items` with at most `limit` in flight, keeping order in the result. */
async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * Reads an image archive (any SPEC form), picks the image, and lists every layer's entries.
 * Never writes anything and never follows a path outside the archive.
 */
export async function readImage(
  source: string,
  options: ReadImageOptions = {},
): Promise<LoadedImage> {
  let store: ArchiveStore | undefined;
  let scanner: Scanner | undefined;
  try {
    const opened = await openStore(source, options);
    store = opened.store;
    const resolution = await resolveImages(store);
    const candidate = selectCandidate(source, resolution.candidates, options);
    const configBytes = await store.readBytes(candidate.configName);
    let configDoc: unknown;
    try {
      configDoc = JSON.parse(configBytes.toString('utf8'));
    } catch {
      throw new ArchiveFormatError(`${source}: image config ${candidate.configName} is not JSON`);
    }
    if (!isObject(configDoc)) {
      throw new ArchiveFormatError(
        `${source}: image config ${candidate.configName} is not a JSON object`,
      );
    }
    const rootfs = isObject(configDoc.rootfs) ? configDoc.rootfs : {};
    const diffIds = strings(rootfs.diff_ids) ?? [];
    const history =
      candidate.v1Jsons && !Array.isArray(configDoc.history)
        ? await historyFromV1(store, candidate.v1Jsons)
        : parseHistory(configDoc.history);
    // Skipped attestations and artifacts are expected in OCI layouts; they are not worth a warning.
    const warnings: string[] = [];
    for (const name of candidate.layerNames) {
      if (!(await store.has(name))) {
        throw new ArchiveFormatError(
          `${source}: layer ${name} named by the manifest is missing from the archive`,
        );
      }
    }
    if (diffIds.length !== candidate.layerNames.length) {
      warnings.push(
        `config lists ${diffIds.length} diff_ids but the manifest ${candidate.layerNames.length} layers`,
      );
    }
    if (options.verify) {
      const { verifyDigests } = await import('./verify.js');
      await verifyDigests(store, candidate, configBytes, diffIds, source);
    }
    const layerCount = candidate.layerNames.length;
    let entriesSoFar = 0;
    let bytesSoFar = 0;
    const progress = (layerIndex: number) =>
      options.onProgress?.({
        layerIndex,
        layerCount,
        bytesRead: bytesSoFar,
        bytesTotal: store!.totalBytes,
        entries: entriesSoFar,
      });
    const scans = new Map<string, Promise<LayerScan>>();
    const concurrency = Math.max(1, Math.min(4, availableParallelism()));
    scanner = await openScanner(store, candidate.layerNames);
    const scanned = await mapLimit(candidate.layerNames, concurrency, async (name, index) => {
      let scan = scans.get(name);
      if (!scan) {
        scan = scanner!.scan(name, (n) => {
          bytesSoFar += n;
          progress(index);
        });
        scans.set(name, scan);
      }
      const result = await scan.catch((error: unknown) => {
        if (error instanceof NotALayerError || error instanceof TarFormatError) {
          throw new ArchiveFormatError(`${source}: layer ${name}: ${error.message}`, {
            cause: error,
          });
        }
        throw error;
      });
      entriesSoFar += result.entries.length;
      progress(index);
      return result;
    });
    // Warnings in layer order, whichever scan finished first.
    const loaded = scanned.map((result, index): LoadedLayer => {
      for (const w of result.warnings) warnings.push(`layer ${index}: ${w}`);
      const blobMatch = /^blobs\/([a-z0-9]+)\/([a-f0-9]+)$/.exec(candidate.layerNames[index]!);
      return {
        index,
        digest: diffIds[index] ?? '',
        blobDigest: blobMatch ? `${blobMatch[1]}:${blobMatch[2]}` : undefined,
        compression: result.compression,
        entries: result.entries,
      };
    });
    numberInLayerOrder(
      store.paths,
      loaded.map((layer) => layer.entries),
    );
    const { createHash } = await import('node:crypto');
    const id = `sha256:${createHash('sha256').update(configBytes).digest('hex')}`;
    return {
      source,
      format: candidate.format,
      wrapper: opened.wrapper,
      tags: candidate.tags,
      id,
      config: parseConfigInfo(configDoc, candidate),
      diffIds,
      history,
      layers: loaded,
      paths: store.paths,
      warnings,
    };
  } catch (error) {
    return wrapError(source, error);
  } finally {
    await scanner?.close();
    await store?.close();
    await endEarlyWalker();
  }
}

interface Scanner {
  scan(name: string, onBytes: (n: number) => void): Promise<LayerScan>;
  close(): Promise<void>;
}

/**
 * Scans layers on other threads when they lie on disk and there are enough bytes to be worth
 * it; else on this thread. With cores to spare, whole scans run on a pool of workers (their
 * paths are merged as they finish, readImage renumbers them in layer order); on fewer cores, one
 * worker reads and walks the uncompressed layers while this thread interns (walk-feed.ts).
 * LAYERLINT_WORKERS=0 keeps everything here; `always` uses the pool and `walk` the one walker
 * for any image on disk (tests compare the three).
 */
async function openScanner(store: ArchiveStore, names: readonly string[]): Promise<Scanner> {
  const local: Scanner = {
    scan: (name, onBytes) => store.scanLayer(name, onBytes),
    close: async () => undefined,
  };
  const unique = [...new Set(names)];
  const mode = scanMode();
  if (mode === 'here') return local;
  const cores = availableParallelism();
  const workers = Math.min(4, cores, unique.length);
  const pool = mode === 'pool' || (mode === 'auto' && cores >= MIN_WORKER_CORES && workers >= 2);
  if (!pool && mode === 'auto' && !walkerFits()) return local;
  const located = await Promise.all(unique.map((name) => store.locate(name)));
  let total = 0;
  for (const at of located) {
    if (!at) return local;
    total += at.length;
  }
  if (total < WORKER_MIN_BYTES && mode === 'auto') return local;
  store.paths.reserve(expectedEntries(total));
  if (!pool) return (await openWalkFeed(store, unique, located as LayerLocation[])) ?? local;
  const { ScanPool, adoptScan } = await import('./scan-pool.js');
  const scanPool = await ScanPool.start(Math.max(1, workers));
  if (!scanPool) return local;
  // Largest first, so the longest scan is not left for last; ids are renumbered in layer order
  // once every layer is in (numberInLayerOrder), so adoption order does not matter.
  const scans = new Map<string, Promise<LayerScan>>();
  const lengths = new Map<string, number>();
  const largestFirst = unique
    .map((_, i) => i)
    .sort((a, b) => located[b]!.length - located[a]!.length);
  for (const i of largestFirst) {
    const scan = scanPool.scan(located[i]!).then((remote) => adoptScan(store.paths, remote));
    scan.catch(() => undefined); // awaited by scan() below; a later layer may fail first
    scans.set(unique[i]!, scan);
    lengths.set(unique[i]!, located[i]!.length);
  }
  return {
    scan: async (name, onBytes) => {
      const result = await scans.get(name)!;
      onBytes(lengths.get(name)!);
      return result;
    },
    close: () => scanPool.close(),
  };
}

/** A scanner whose uncompressed layers are walked on one worker (walk-feed.ts). */
async function openWalkFeed(
  store: ArchiveStore,
  unique: readonly string[],
  located: readonly LayerLocation[],
): Promise<Scanner | undefined> {
  const { WalkFeed } = await import('./walk-feed.js');
  const feed = await WalkFeed.start(located, store.paths);
  if (!feed) return undefined;
  const indexOf = new Map(unique.map((name, i) => [name, i]));
  return {
    scan: async (name, onBytes) => {
      const i = indexOf.get(name)!;
      const scan = await feed.scan(i);
      if (!scan) return store.scanLayer(name, onBytes); // compressed: streamed here
      onBytes(located[i]!.length);
      return scan;
    },
    close: () => feed.close(),
  };
}
