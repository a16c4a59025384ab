import type { ArchiveStore } from './store.js';
import type { ArchiveFormat } from './types.js';

/** One image found in an archive, before its config and layers are read. */
export interface ImageCandidate {
  readonly format: ArchiveFormat;
  /** Member name of the config JSON. */
  readonly configName: string;
  /** Member names of the layer blobs, bottom first. */
  readonly layerNames: readonly string[];
  readonly tags: readonly string[];
  readonly platform: string | undefined;
  /** For pre-1.10 archives: each layer's v1 JSON (history is rebuilt from it). */
  readonly v1Jsons?: readonly string[];
}

export interface Resolution {
  readonly candidates: readonly ImageCandidate[];
  /** What was skipped and why (attestations, artifacts, absent platform blobs). */
  readonly skipped: readonly string[];
}

/** Something about the archive's metadata that makes it unreadable as an image. */
export class ResolveError extends Error {
  override name = 'ResolveError';
}

const INDEX_TYPES = new Set([
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
]);
const IMAGE_CONFIG_TYPES = new Set([
  'application/vnd.oci.image.config.v1+json',
  'application/vnd.docker.container.image.v1+json',
]);
const DIGEST = /^([a-z0-9]+(?:[+._-][a-z0-9]+)*):([a-fA-F0-9]{32,})$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readJson(store: ArchiveStore, name: string): Promise<unknown> {
  const bytes = await store.readBytes(name);
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ResolveError(`${name} is not valid JSON`);
  }
}

function blobName(digest: unknown): string {
  if (typeof digest !== 'string') throw new ResolveError('a descriptor has no digest');
  const m = DIGEST.exec(digest);
  if (!m) throw new ResolveError(`descriptor digest ${JSON.stringify(digest)} is malformed`);
  return `blobs/${m[1]}/${m[2]}`;
}

function platformOf(value: unknown): string | undefined {
  if (!isObject(value)) return undefined;
  const os = typeof value.os === 'string' ? value.os : '';
  const arch = typeof value.architecture === 'string' ? value.architecture : '';
  const variant = typeof value.variant === 'string' && value.variant ? `/${value.variant}` : '';
  return os || arch ? `${os}/${arch}${variant}` : undefined;
}

function refName(annotations: unknown): string[] {
  if (!isObject(annotations)) return [];
  const tags: string[] = [];
  const full = annotations['io.containerd.image.name'];
  if (typeof full === 'string') tags.push(full);
  const ref = annotations['org.opencontainers.image.ref.name'];
  if (typeof ref === 'string' && !tags.some((t) => t.endsWith(`:${ref}`))) tags.push(ref);
  return tags;
}

async function resolveIndex(
  store: ArchiveStore,
  index: Json,
  format: ArchiveFormat,
): Promise<Resolution> {
  const candidates: ImageCandidate[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const walk = async (
    descriptors: unknown[],
    inheritedTags: readonly string[],
    depth: number,
  ): Promise<void> => {
    if (depth > 8) throw new ResolveError('image indexes nest too deeply');
    for (const d of descriptors) {
      if (!isObject(d)) continue;
      const name = blobName(d.digest);
      const tags = [...inheritedTags, ...refName(d.annotations)];
      const platform = platformOf(d.platform);
      if (seen.has(`${name}|${tags.join(',')}`)) continue;
      seen.add(`${name}|${tags.join(',')}`);
      if (platform === 'unknown/unknown') {
        skipped.push(`${name}: attestation manifest`);
        continue;
      }
      if (!(await store.has(name))) {
        skipped.push(`${name}: ${platform ?? 'manifest'} blob is not in the archive`);
        continue;
      }
      const doc = await readJson(store, name);
      if (!isObject(doc)) throw new ResolveError(`${name} is not a manifest or index`);
      const mediaType = typeof d.mediaType === 'string' ? d.mediaType : doc.mediaType;
      if (
        (typeof mediaType === 'string' && INDEX_TYPES.has(mediaType)) ||
        (mediaType === undefined && Array.isArray(doc.manifests))
      ) {
        await walk(Array.isArray(doc.manifests) ? doc.manifests : [], tags, depth + 1);
        continue;
      }
      const config = doc.config;
      if (!isObject(config) || !Array.isArray(doc.layers)) {
        skipped.push(`${name}: not an image manifest`);
        continue;
      }
      if (typeof config.mediaType === 'string' && !IMAGE_CONFIG_TYPES.has(config.mediaType)) {
        skipped.push(`${name}: artifact (${config.mediaType})`);
        continue;
      }
      candidates.push({
        format,
        configName: blobName(config.digest),
        layerNames: doc.layers.map((l: unknown) => blobName(isObject(l) ? l.digest : undefined)),
        tags,
        platform,
      });
    }
  };
  const manifests = index.manifests;
  await walk(Array.isArray(manifests) ? manifests : [], [], 0);
  return { candidates, skipped };
}

function resolveManifestJson(manifest: unknown, format: ArchiveFormat): Resolution {
  if (!Array.isArray(manifest)) throw new ResolveError('manifest.json is not a list of images');
  const candidates = manifest.map((entry, i): ImageCandidate => {
    if (!isObject(entry) || typeof entry.Config !== 'string' || !Array.isArray(entry.Layers)) {
      throw new ResolveError(`manifest.json entry ${i} lacks Config or Layers`);
    }
    const tags = Array.isArray(entry.RepoTags)
      ? entry.RepoTags.filter((t): t is string => typeof t === 'string')
      : [];
    return {
      format,
      configName: entry.Config,
      layerNames: entry.Layers.map((l) => {
        if (typeof l !== 'string')
          throw new ResolveError(`manifest.json entry ${i} has a bad layer`);
        return l;
      }),
      tags,
      platform: undefined,
    };
  });
  return { candidates, skipped: [] };
}

async function resolveRepositories(store: ArchiveStore): Promise<Resolution> {
  const repos = await readJson(store, 'repositories');
  if (!isObject(repos)) throw new ResolveError('repositories is not a JSON object');
  const candidates: ImageCandidate[] = [];
  for (const [repo, tagMap] of Object.entries(repos)) {
    if (!isObject(tagMap)) continue;
    for (const [tag, topId] of Object.entries(tagMap)) {
      if (typeof topId !== 'string') continue;
      const chain: string[] = [];
      let id: string | undefined = topId;
      while (id && chain.length < 1000) {
        if (!(await store.has(`${id}/json`)))
          throw new ResolveError(`layer ${id} has no json in the archive`);
        chain.unshift(id);
        const v1 = await readJson(store, `${id}/json`);
        id = isObject(v1) && typeof v1.parent === 'string' ? v1.parent : undefined;
      }
      const layerNames = chain.map((c) => `${c}/layer.tar`);
      // A config JSON at the top level with matching diff_ids, if the writer left one.
      let configName = `${topId}/json`;
      for (const name of store.names()) {
        if (name.includes('/') || !name.endsWith('.json')) continue;
        const doc = await readJson(store, name).catch(() => undefined);
        const rootfs = isObject(doc) ? doc.rootfs : undefined;
        if (isObject(rootfs) && Array.isArray(rootfs.diff_ids)) {
          if (rootfs.diff_ids.length === layerNames.length) configName = name;
        }
      }
      candidates.push({
        format: 'docker-archive-legacy',
        configName,
        layerNames,
        tags: [`${repo}:${tag}`],
        platform: undefined,
        v1Jsons: chain.map((c) => `${c}/json`),
      });
    }
  }
  return { candidates, skipped: [] };
}

/** Finds every image in the archive: index.json first, then manifest.json, then repositories. */
export async function resolveImages(store: ArchiveStore): Promise<Resolution> {
  const hasManifestJson = await store.has('manifest.json');
  if (await store.has('index.json')) {
    const index = await readJson(store, 'index.json');
    if (!isObject(index)) throw new ResolveError('index.json is not a JSON object');
    if (Array.isArray(index.manifests) && index.manifests.length > 0) {
      const format: ArchiveFormat = hasManifestJson
        ? 'docker-archive-oci'
        : store.kind === 'dir'
          ? 'oci-dir'
          : 'oci-archive';
      const resolution = await resolveIndex(store, index, format);
      if (resolution.candidates.length > 0 || !hasManifestJson) {
        return hasManifestJson ? withManifestTags(store, resolution) : resolution;
      }
    }
    // Docker 25 wrote "manifests": null when saving by digest (moby#47210): use manifest.json.
  }
  if (hasManifestJson) {
    const manifest = await readJson(store, 'manifest.json');
    const resolution = resolveManifestJson(manifest, 'docker-archive');
    const hasRepositories = await store.has('repositories');
    const candidates = resolution.candidates.map((c) => ({
      ...c,
      format: formatOfManifestJson(c, hasRepositories),
    }));
    return { candidates, skipped: resolution.skipped };
  }
  if (await store.has('repositories')) return resolveRepositories(store);
  throw new ResolveError(
    'no manifest.json or index.json; expected a docker save or OCI archive (a filesystem tar is not an image: use docker save -o image.tar IMAGE)',
  );
}

function formatOfManifestJson(c: ImageCandidate, hasRepositories: boolean): ArchiveFormat {
  if (c.layerNames.some((l) => l.startsWith('blobs/'))) return 'docker-archive-oci';
  if (c.configName.startsWith('sha256:') || c.layerNames.some((l) => l.endsWith('.tar.gz'))) {
    return 'tarball';
  }
  return hasRepositories || c.layerNames.some((l) => l.endsWith('/layer.tar'))
    ? 'docker-archive'
    : 'tarball';
}

/** Docker 25+ archives: manifest.json carries the RepoTags the index may lack. */
async function withManifestTags(store: ArchiveStore, resolution: Resolution): Promise<Resolution> {
  let manifest: unknown;
  try {
    manifest = await readJson(store, 'manifest.json');
  } catch {
    return resolution;
  }
  if (!Array.isArray(manifest)) return resolution;
  const tagsByConfig = new Map<string, string[]>();
  for (const entry of manifest) {
    if (isObject(entry) && typeof entry.Config === 'string' && Array.isArray(entry.RepoTags)) {
      tagsByConfig.set(
        entry.Config,
        entry.RepoTags.filter((t): t is string => typeof t === 'string'),
      );
    }
  }
  return {
    skipped: resolution.skipped,
    candidates: resolution.candidates.map((c) => {
      const extra = tagsByConfig.get(c.configName) ?? [];
      return { ...c, tags: [...new Set([...extra, ...c.tags])] };
    }),
  };
}
