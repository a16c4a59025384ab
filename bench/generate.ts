/**
 * Synthetic benchmark images (issue 2 §6). Nothing here is committed: everything is written under
 * `bench/out/` (git-ignored) and reused on the next run when its generator version matches.
 *
 * - `big`: ≥ 1 GB, ≥ 200k entries over 10 layers, modelled on a Debian + Node app image: a base
 *   rootfs, apt packages with their lists and .deb cache (removed later with a directory whiteout
 *   and file whiteouts), node_modules (replaced through an opaque directory), app sources that
 *   overwrite files, build output, large model files (one overwritten, with different content),
 *   a chmod-only overwrite, symlinks and a hard link. Written three ways:
 *     (a) `docker-archive.tar`    legacy docker save: `<v1id>/{VERSION,json,layer.tar}`, config,
 *                                 `manifest.json`, `repositories` (layers uncompressed);
 *     (b) `oci-archive.tar`       OCI image layout tar with gzip layers;
 *     (c) `docker-archive.tar.gz` (a) gzipped as a whole.
 * - `million`: ≥ 1,000,000 entries of small files over 4 layers, docker save layout only.
 *
 * File contents are slices of a fixed 16 MiB pool of pseudo-random bytes interleaved with
 * code-like text; gzip -6 shrinks it about 2.5× (real binaries and text fall around 2–3×). The
 * pool is far larger than deflate's 32 KiB window, so reusing it does not inflate the ratio.
 * Layers are streamed straight into the archive (the outer tar header is patched afterwards with
 * the final size) and into a gzip process, never held in memory; diff_ids are sha256 of exactly
 * the bytes written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, type Hash } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createGzip } from 'node:zlib';

/** Bump whenever the output changes, so stale images under bench/out/ are regenerated. */
export const GENERATOR_VERSION = 1;

const HERE = dirname(fileURLToPath(import.meta.url));
/** Repository root, from either `bench/` (tsx) or `dist/bench/` (compiled). */
export const REPO_ROOT = existsSync(join(HERE, '..', 'package.json'))
  ? resolve(HERE, '..')
  : resolve(HERE, '..', '..');
export const OUT_DIR = join(REPO_ROOT, 'bench', 'out');

const MTIME = 1_700_000_000;
const BLOCK = 512;

// ---------------------------------------------------------------------------------------------
// Deterministic randomness and the content pool

class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x2545f491;
  }
  u32(): number {
    let s = this.s;
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    this.s = s;
    return s;
  }
  /** Uniform in [0, 1). */
  float(): number {
    return this.u32() / 4294967296;
  }
  int(n: number): number {
    return this.u32() % n;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Log-normal size around `median`, clamped. */
  size(median: number, sigma: number, min: number, max: number): number {
    const u1 = Math.max(this.float(), 1e-12);
    const u2 = this.float();
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    return Math.round(Math.min(max, Math.max(min, median * Math.exp(sigma * z))));
  }
}

function fnv1a(text: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const POOL_BYTES = 16 << 20;
/** Share of pool bytes that are incompressible; the rest is code-like text (~3.4× alone). */
const POOL_RANDOM_SHARE = 0.12;
const KEYWORDS =
  'const let var function return if else for while import export from default class extends new this await async null undefined true false require module exports object string number value key data error result options config path name type index length push map filter reduce then catch throw try'.split(
    ' ',
  );

let pool: Buffer | undefined;

function contentPool(): Buffer {
  if (pool) return pool;
  const r = new Rng(0x9e3779b9);
  const buf = Buffer.alloc(POOL_BYTES);
  const ids: string[] = [];
  for (let i = 0; i < 120; i++) {
    let id = '';
    const len = 3 + r.int(8);
    for (let j = 0; j < len; j++) id += String.fromCharCode(97 + r.int(26));
    ids.push(id);
  }
  let pos = 0;
  while (pos < POOL_BYTES) {
    const randomRun = 1024 + r.int(4096);
    const textRun = Math.round((randomRun * (1 - POOL_RANDOM_SHARE)) / POOL_RANDOM_SHARE);
    for (let i = 0; i < randomRun && pos < POOL_BYTES; i++) buf[pos++] = r.u32() & 0xff;
    let text = 0;
    while (text < textRun && pos < POOL_BYTES) {
      let line = '  '.repeat(r.int(4));
      const words = 2 + r.int(8);
      for (let k = 0; k < words; k++) {
        line += r.int(3) ? r.pick(ids) : r.pick(KEYWORDS);
        if (k + 1 < words) line += r.int(4) ? ' ' : '.';
      }
      line += r.int(2) ? ';\n' : ' {\n';
      const n = buf.write(line, pos, 'latin1');
      pos += n;
      text += n;
    }
  }
  pool = buf;
  return buf;
}

// ---------------------------------------------------------------------------------------------
// Layer contents

type SpecType = 'file' | 'dir' | 'symlink' | 'hardlink';

interface Spec {
  readonly path: string;
  readonly type: SpecType;
  readonly size: number;
  readonly mode: number;
  readonly link: string;
  /** Picks the slice of the pool this file holds. */
  readonly seed: number;
}

/** Collects the entries of one layer, adding parent directories before their contents. */
class LayerSpec {
  readonly entries: Spec[] = [];
  private readonly dirs = new Set<string>();
  constructor(
    readonly createdBy: string,
    private readonly salt: number,
  ) {}

  private parents(path: string): void {
    let slash = path.indexOf('/');
    while (slash > 0) {
      const dir = path.slice(0, slash);
      if (!this.dirs.has(dir)) this.dir(dir);
      slash = path.indexOf('/', slash + 1);
    }
  }

  dir(path: string, mode = 0o755): void {
    if (this.dirs.has(path)) return;
    this.parents(path);
    this.dirs.add(path);
    this.entries.push({ path, type: 'dir', size: 0, mode, link: '', seed: 0 });
  }

  file(path: string, size: number, mode = 0o644, salt = this.salt): void {
    this.parents(path);
    const seed = fnv1a(path, salt);
    this.entries.push({ path, type: 'file', size, mode, link: '', seed });
  }

  symlink(path: string, target: string): void {
    this.parents(path);
    this.entries.push({ path, type: 'symlink', size: 0, mode: 0o777, link: target, seed: 0 });
  }

  hardlink(path: string, target: string): void {
    this.parents(path);
    this.entries.push({ path, type: 'hardlink', size: 0, mode: 0o755, link: target, seed: 0 });
  }

  /** `rm path` in a later layer: an empty `.wh.NAME` file. */
  whiteout(path: string): void {
    const slash = path.lastIndexOf('/');
    const wh = slash < 0 ? `.wh.${path}` : `${path.slice(0, slash)}/.wh.${path.slice(slash + 1)}`;
    this.file(wh, 0);
  }

  /** A directory whose lower contents are hidden (overlayfs opaque directory). */
  opaque(dir: string): void {
    this.dir(dir);
    this.file(`${dir}/.wh..wh..opq`, 0);
  }

  get bytes(): number {
    let total = 0;
    for (const e of this.entries) total += e.size;
    return total;
  }
}

const SYLLABLES =
  'ab ac ad al an ar as at be ca ce co de di do el en er es fa fi ge ha he hi in io is ja ka la le li lo lu ma me mi mo na ne no nu or pa pe po ra re ri ro sa se si so ta te ti to tu un ur va ve vi xo yo za ze zo'.split(
    ' ',
  );

function word(r: Rng, parts = 2 + r.int(3)): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += r.pick(SYLLABLES);
  return w;
}

const SRC_EXT = ['.js', '.js', '.js', '.d.ts', '.json', '.mjs', '.cjs', '.md', '.map', '.ts'];

/** One npm package: a Pareto-ish number of small files, a few levels deep. */
function npmPackage(layer: LayerSpec, r: Rng, root: string, files: number): void {
  layer.file(`${root}/package.json`, r.size(1500, 0.6, 200, 20_000));
  layer.file(`${root}/README.md`, r.size(4000, 1.0, 100, 80_000));
  layer.file(`${root}/LICENSE`, r.size(1100, 0.2, 900, 1500));
  const subdirs = ['lib', 'dist', 'src', 'types', 'lib/internal', 'dist/esm', 'dist/cjs'];
  for (let i = 3; i < files; i++) {
    const dir = r.pick(subdirs);
    const ext = r.pick(SRC_EXT);
    layer.file(`${root}/${dir}/${word(r)}${i}${ext}`, r.size(1400, 1.1, 0, 400_000));
  }
}

function npmPackageNames(count: number): string[] {
  const r = new Rng(4242);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${word(r)}-${word(r, 2)}${i}`;
    names.push(r.int(8) === 0 ? `@${word(r, 2)}/${name}` : name);
  }
  return names;
}

function packageFiles(r: Rng): number {
  // Pareto: most packages have a few dozen files, some have thousands.
  return Math.min(4000, Math.round(12 / (1 - r.float()) ** 0.9));
}

/** The `big` image: a Debian + Node.js app, 10 layers. */
function bigImageLayers(): LayerSpec[] {
  const layers: LayerSpec[] = [];

  // L0: base rootfs.
  {
    const r = new Rng(1);
    const l = new LayerSpec('/bin/sh -c #(nop) ADD file:5d6b1f…ea2 in / ', 1);
    for (const d of ['usr/bin', 'usr/lib', 'usr/sbin', 'etc', 'var/lib', 'tmp', 'root', 'home']) {
      l.dir(d);
    }
    l.symlink('bin', 'usr/bin');
    l.symlink('lib', 'usr/lib');
    l.symlink('sbin', 'usr/sbin');
    for (let i = 0; i < 700; i++)
      l.file(`usr/bin/${word(r)}${i}`, r.size(25_000, 1.2, 800, 6e6), 0o755);
    for (let i = 0; i < 1200; i++) {
      const name = `usr/lib/x86_64-linux-gnu/lib${word(r)}${i}.so`;
      l.file(`${name}.${1 + r.int(9)}.0.0`, r.size(25_000, 1.2, 2000, 8e6));
      l.symlink(`${name}.${1 + r.int(9)}`, `lib${i}.so.0.0`);
    }
    for (let i = 0; i < 500; i++) {
      const pkg = `usr/share/doc/${word(r)}-${i}`;
      l.file(`${pkg}/copyright`, r.size(2500, 0.8, 300, 60_000));
      l.file(`${pkg}/changelog.Debian.gz`, r.size(3000, 1.0, 200, 100_000));
    }
    const langs = Array.from({ length: 80 }, (_, i) => `${word(r, 1)}${i}`);
    for (const lang of langs) {
      for (let i = 0; i < 50; i++) {
        l.file(
          `usr/share/locale/${lang}/LC_MESSAGES/${word(r)}.mo`,
          r.size(6000, 1.0, 300, 300_000),
        );
      }
    }
    for (let i = 0; i < 1600; i++) {
      l.file(`usr/share/zoneinfo/${word(r, 2)}/${word(r)}${i}`, r.size(1500, 0.7, 100, 20_000));
    }
    for (let i = 0; i < 3500; i++) {
      l.file(`usr/share/man/man${1 + r.int(8)}/${word(r)}${i}.gz`, r.size(2500, 0.9, 200, 60_000));
    }
    for (let i = 0; i < 5000; i++) {
      l.file(`usr/include/${word(r, 2)}/${word(r)}${i}.h`, r.size(5000, 1.1, 100, 300_000));
    }
    for (let i = 0; i < 400; i++)
      l.file(`etc/${word(r, 2)}/${word(r)}${i}.conf`, r.size(800, 1.0, 10, 50_000));
    l.file('etc/ld.so.cache', 40_000);
    l.file('etc/passwd', 1200);
    for (let i = 0; i < 7000; i++) {
      l.file(
        `usr/lib/python3/dist-packages/${word(r, 2)}/${word(r)}${i}.py`,
        r.size(4000, 1.1, 0, 400_000),
      );
    }
    layers.push(l);
  }

  // L1: apt-get install, with the lists and .deb cache the next layer removes.
  {
    const r = new Rng(2);
    const l = new LayerSpec(
      '/bin/sh -c apt-get update && apt-get install -y build-essential python3 git curl',
      2,
    );
    for (let i = 0; i < 300; i++)
      l.file(`usr/bin/${word(r)}x${i}`, r.size(60_000, 1.2, 1000, 9e6), 0o755);
    for (let i = 0; i < 3000; i++) {
      l.file(
        `usr/lib/gcc/x86_64-linux-gnu/12/${word(r, 2)}/${word(r)}${i}.o`,
        r.size(8000, 1.2, 100, 4e6),
      );
    }
    for (let i = 0; i < 12_000; i++) {
      l.file(`usr/share/${word(r, 2)}/${word(r, 2)}/${word(r)}${i}`, r.size(2500, 1.1, 0, 500_000));
    }
    l.file('etc/ld.so.cache', 52_000); // overwrites L0's
    for (let i = 0; i < 20; i++) {
      l.file(
        `var/lib/apt/lists/deb.debian.org_debian_dists_${word(r)}${i}_Packages`,
        r.size(1.5e6, 0.8, 1e5, 2e7),
      );
    }
    for (let i = 0; i < 60; i++) {
      l.file(`var/cache/apt/archives/pkg${i}_1.0-1_amd64.deb`, r.size(300_000, 1.0, 10_000, 8e6));
    }
    for (const [name, size] of [
      ['gcc-12_12.2.0-14_amd64.deb', 21_000_000],
      ['cpp-12_12.2.0-14_amd64.deb', 34_000_000],
      ['libpython3.11-dev_3.11.2-6_amd64.deb', 17_000_000],
    ] as const) {
      l.file(`var/cache/apt/archives/${name}`, size);
    }
    l.file('var/log/apt/term.log', 300_000);
    layers.push(l);
  }

  // L2: the cleanup — a directory whiteout, file whiteouts, an overwrite.
  {
    const l = new LayerSpec(
      '/bin/sh -c rm -rf /var/lib/apt/lists /var/cache/apt/archives/*.deb && ldconfig',
      3,
    );
    l.whiteout('var/lib/apt/lists'); // directory whiteout
    l.whiteout('var/log/apt'); // another directory whiteout
    for (let i = 0; i < 60; i++) l.whiteout(`var/cache/apt/archives/pkg${i}_1.0-1_amd64.deb`);
    for (const name of ['gcc-12_12.2.0-14_amd64.deb', 'cpp-12_12.2.0-14_amd64.deb']) {
      l.whiteout(`var/cache/apt/archives/${name}`);
    }
    l.file('etc/ld.so.cache', 53_000);
    layers.push(l);
  }

  const packages = npmPackageNames(1450);

  // L3: npm ci — the bulk of the entries, plus npm's cache.
  {
    const r = new Rng(3);
    const l = new LayerSpec('/bin/sh -c npm ci', 4);
    l.dir('app');
    l.file('app/package.json', 2400);
    l.file('app/package-lock.json', 900_000);
    l.file('app/node_modules/.package-lock.json', 880_000);
    for (const name of packages) npmPackage(l, r, `app/node_modules/${name}`, packageFiles(r));
    for (let i = 0; i < 1500; i++) {
      l.file(
        `app/node_modules/.cache/babel-loader/${word(r)}${i}.json`,
        r.size(6000, 1.0, 100, 200_000),
      );
    }
    for (let i = 0; i < 2500; i++) {
      l.file(
        `root/.npm/_cacache/content-v2/sha512/${word(r, 1)}/${word(r)}${i}`,
        r.size(9000, 1.3, 100, 3e6),
      );
    }
    layers.push(l);
  }

  // L4: COPY . /app — sources, overwriting files npm ci wrote.
  {
    const r = new Rng(5);
    const l = new LayerSpec('/bin/sh -c #(nop) COPY dir:8a1c…3f0 in /app ', 5);
    l.file('app/package.json', 2450);
    l.file('app/node_modules/.package-lock.json', 880_500); // a host node_modules leaking in
    for (let i = 0; i < 2300; i++) {
      const dir = r.int(10) === 0 ? 'test' : word(r, 2);
      l.file(
        `app/src/${dir}/${word(r)}${i}${r.pick(['.ts', '.tsx', '.ts', '.json'])}`,
        r.size(3500, 1.0, 50, 200_000),
      );
    }
    l.file('app/.env', 300);
    layers.push(l);
  }

  // L5: npm run build — bundles, chunks, source maps.
  {
    const r = new Rng(6);
    const l = new LayerSpec('/bin/sh -c npm run build', 6);
    const bundles: [string, number][] = [
      ['main', 18_000_000],
      ['vendor', 29_000_000],
      ['worker', 12_500_000],
    ];
    for (const [name, size] of bundles) {
      l.file(`app/dist/${name}.js`, size);
      l.file(`app/dist/maps/${name}.js.map`, Math.round(size * 1.1));
    }
    for (let i = 0; i < 600; i++)
      l.file(`app/dist/chunks/${word(r)}${i}.js`, r.size(12_000, 1.0, 200, 600_000));
    layers.push(l);
  }

  // L6: npm prune --omit=dev — an opaque node_modules with the production subset, npm cache gone.
  {
    const r = new Rng(7);
    const l = new LayerSpec('/bin/sh -c npm prune --omit=dev && rm -rf /root/.npm', 7);
    l.opaque('app/node_modules');
    l.file('app/node_modules/.package-lock.json', 410_000);
    for (const name of packages.slice(0, 520)) {
      npmPackage(l, r, `app/node_modules/${name}`, packageFiles(r));
    }
    l.whiteout('root/.npm'); // directory whiteout
    layers.push(l);
  }

  // L7: COPY models — big binary files.
  {
    const l = new LayerSpec('/bin/sh -c #(nop) COPY dir:41be…9d2 in /opt/models ', 8);
    l.file('opt/models/encoder.bin', 31_000_000);
    l.file('opt/models/decoder.bin', 46_000_000);
    l.file('opt/models/vocab.json', 2_300_000);
    l.file('opt/models/embeddings.bin', 22_000_000);
    layers.push(l);
  }

  // L8: fixups — a model overwritten with new content, chmod, removals.
  {
    const r = new Rng(5); // same as L4 to find its test files
    const l = new LayerSpec(
      '/bin/sh -c python3 /opt/quantize.py && chmod 700 /usr/bin/* && rm -rf /app/src/test /app/dist/maps',
      9,
    );
    l.file('opt/models/decoder.bin', 24_000_000, 0o644, 1009); // same path, new content
    const r0 = new Rng(1);
    for (let i = 0; i < 40; i++)
      l.file(`usr/bin/${word(r0)}${i}`, r0.size(25_000, 1.2, 800, 6e6), 0o700);
    for (let i = 0; i < 2300; i++) {
      const dir = r.int(10) === 0 ? 'test' : word(r, 2);
      const path = `app/src/${dir}/${word(r)}${i}${r.pick(['.ts', '.tsx', '.ts', '.json'])}`;
      r.size(3500, 1.0, 50, 200_000);
      if (dir === 'test') l.whiteout(path);
    }
    l.whiteout('app/dist/maps'); // directory whiteout
    l.whiteout('app/.env');
    layers.push(l);
  }

  // L9: config, a symlink and a hard link.
  {
    const r = new Rng(10);
    const l = new LayerSpec('/bin/sh -c #(nop) COPY dir:77aa…c01 in /etc/app ', 10);
    for (let i = 0; i < 12; i++)
      l.file(`etc/app/${word(r)}${i}.yaml`, r.size(1200, 0.8, 50, 20_000));
    l.file('usr/local/bin/app-real', 1800, 0o755);
    l.hardlink('usr/local/bin/app', 'usr/local/bin/app-real');
    l.symlink('usr/local/bin/start', '/app/dist/main.js');
    layers.push(l);
  }
  return layers;
}

/** The `million` image: ≥ 1,000,000 entries of small files. */
function millionImageLayers(): LayerSpec[] {
  const layers: LayerSpec[] = [];
  const tiny = (r: Rng) => (r.int(5) === 0 ? 0 : r.size(120, 1.0, 1, 1500));
  const tree = (l: LayerSpec, r: Rng, root: string, count: number, fanout: number) => {
    for (let i = 0; i < count; i++) {
      const a = i % fanout;
      const b = Math.floor(i / fanout) % fanout;
      l.file(`${root}/d${a}/e${b}/${word(r)}${i}.py`, tiny(r));
    }
  };
  {
    const l = new LayerSpec('/bin/sh -c pip install -r requirements.txt', 21);
    tree(l, new Rng(21), 'usr/lib/python3/site-packages', 240_000, 120);
    layers.push(l);
  }
  {
    const l = new LayerSpec('/bin/sh -c npm ci', 22);
    tree(l, new Rng(22), 'app/node_modules', 260_000, 100);
    layers.push(l);
  }
  {
    const r = new Rng(23);
    const l = new LayerSpec('/bin/sh -c ./refresh-data.sh', 23);
    // Overwrite 40k files of layer 0, delete 20k, hide one subtree, remove a directory.
    const r0 = new Rng(21);
    for (let i = 0; i < 60_000; i++) {
      const a = i % 120;
      const b = Math.floor(i / 120) % 120;
      const path = `usr/lib/python3/site-packages/d${a}/e${b}/${word(r0)}${i}.py`;
      tiny(r0);
      if (a === 7 || a === 8) continue; // inside the opaque / removed directories below
      if (i % 3 === 0) l.whiteout(path);
      else l.file(path, tiny(r));
    }
    l.opaque('usr/lib/python3/site-packages/d7');
    l.whiteout('usr/lib/python3/site-packages/d8');
    tree(l, r, 'srv/data', 200_000, 100);
    layers.push(l);
  }
  {
    const l = new LayerSpec('/bin/sh -c #(nop) COPY dir:0c1e…77b in /srv/assets ', 24);
    tree(l, new Rng(24), 'srv/assets', 210_000, 100);
    layers.push(l);
  }
  return layers;
}

// ---------------------------------------------------------------------------------------------
// Tar writing

function octal(buf: Buffer, off: number, len: number, value: number): void {
  const text = value.toString(8).padStart(len - 1, '0');
  if (text.length > len - 1) throw new Error(`value ${value} does not fit a ${len}-byte tar field`);
  buf.write(text, off, len - 1, 'latin1');
  buf[off + len - 1] = 0;
}

/** Writes a ustar header at `off` (512 bytes, zeroed first). */
function writeHeader(
  buf: Buffer,
  off: number,
  path: string,
  typeflag: string,
  size: number,
  mode: number,
  link = '',
): void {
  buf.fill(0, off, off + BLOCK);
  let name = path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    let cut = -1;
    for (let i = name.indexOf('/'); i > 0 && i <= 155; i = name.indexOf('/', i + 1)) {
      if (name.length - i - 1 <= 100) {
        cut = i;
        break;
      }
    }
    if (cut < 0) throw new Error(`path too long for ustar: ${path}`);
    prefix = name.slice(0, cut);
    name = name.slice(cut + 1);
  }
  buf.write(name, off, 100, 'utf8');
  octal(buf, off + 100, 8, mode);
  octal(buf, off + 108, 8, 0);
  octal(buf, off + 116, 8, 0);
  octal(buf, off + 124, 12, size);
  octal(buf, off + 136, 12, MTIME);
  buf.fill(0x20, off + 148, off + 156);
  buf.write(typeflag, off + 156, 1, 'latin1');
  if (link) buf.write(link, off + 157, 100, 'utf8');
  buf.write('ustar\u000000', off + 257, 8, 'latin1');
  buf.write('root', off + 265, 32, 'latin1');
  buf.write('root', off + 297, 32, 'latin1');
  if (prefix) buf.write(prefix, off + 345, 155, 'utf8');
  let sum = 0;
  for (let i = off; i < off + BLOCK; i++) sum += buf[i]!;
  buf.write(sum.toString(8).padStart(6, '0'), off + 148, 6, 'latin1');
  buf[off + 154] = 0;
  buf[off + 155] = 0x20;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** An output file written by position (so a header can be patched once its size is known). */
class OutFile {
  private readonly fd: number;
  pos = 0;
  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
  }
  write(buf: Buffer, length = buf.length): void {
    let done = 0;
    while (done < length) done += writeSync(this.fd, buf, done, length - done, this.pos + done);
    this.pos += length;
  }
  patch(position: number, buf: Buffer): void {
    writeSync(this.fd, buf, 0, buf.length, position);
  }
  /** A whole small member: header, content, padding. */
  member(path: string, content: Buffer | string, typeflag = '0', mode = 0o644): void {
    const data = typeof content === 'string' ? Buffer.from(content) : content;
    const buf = Buffer.alloc(BLOCK + padded(data.length));
    writeHeader(buf, 0, path, typeflag, data.length, mode);
    data.copy(buf, BLOCK);
    this.write(buf);
  }
  dirMember(path: string): void {
    const buf = Buffer.alloc(BLOCK);
    writeHeader(buf, 0, path.endsWith('/') ? path : `${path}/`, '5', 0, 0o755);
    this.write(buf);
  }
  /** Appends a member whose content is another file, copied in 4 MiB reads. */
  copyMember(path: string, source: string): void {
    const size = statSync(source).size;
    const header = Buffer.alloc(BLOCK);
    writeHeader(header, 0, path, '0', size, 0o644);
    this.write(header);
    const fd = openSync(source, 'r');
    const buf = Buffer.allocUnsafe(4 << 20);
    try {
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, null);
        if (n === 0) break;
        this.write(buf, n);
      }
    } finally {
      closeSync(fd);
    }
    const pad = padded(size) - size;
    if (pad) this.write(Buffer.alloc(pad));
  }
  end(): void {
    this.write(Buffer.alloc(2 * BLOCK));
    closeSync(this.fd);
  }
}

/** Where a layer's bytes go as they are produced: hash, archive, optional gzip. */
class LayerSink {
  private buf = Buffer.allocUnsafe(STAGE_BYTES);
  private fill = 0;
  readonly hash: Hash = createHash('sha256');
  bytes = 0;
  constructor(
    private readonly out: OutFile,
    private readonly gzip: Writable | undefined,
  ) {}

  /** Room for at least `n` bytes at `this.fill` (n ≤ STAGE_BYTES). */
  async reserve(n: number): Promise<void> {
    if (this.fill + n > STAGE_BYTES) await this.flush();
  }

  get stage(): Buffer {
    return this.buf;
  }
  get offset(): number {
    return this.fill;
  }
  advance(n: number): void {
    this.fill += n;
  }

  async copy(src: Buffer, start: number, end: number): Promise<void> {
    let s = start;
    while (s < end) {
      if (this.fill === STAGE_BYTES) await this.flush();
      const n = Math.min(end - s, STAGE_BYTES - this.fill);
      src.copy(this.buf, this.fill, s, s + n);
      this.fill += n;
      s += n;
    }
  }

  async zeros(n: number): Promise<void> {
    await this.reserve(n);
    this.buf.fill(0, this.fill, this.fill + n);
    this.fill += n;
  }

  async flush(): Promise<void> {
    if (this.fill === 0) return;
    const chunk = this.buf.subarray(0, this.fill);
    this.hash.update(chunk);
    this.out.write(chunk);
    this.bytes += chunk.length;
    const gzip = this.gzip;
    this.buf = Buffer.allocUnsafe(STAGE_BYTES);
    this.fill = 0;
    if (gzip && !gzip.write(chunk)) await once(gzip, 'drain');
  }
}

const STAGE_BYTES = 1 << 20;

/** Streams one layer tar into `sink`. */
async function writeLayerTar(layer: LayerSpec, sink: LayerSink): Promise<void> {
  const data = contentPool();
  for (const e of layer.entries) {
    await sink.reserve(BLOCK);
    const typeflag =
      e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : e.type === 'hardlink' ? '1' : '0';
    writeHeader(
      sink.stage,
      sink.offset,
      e.type === 'dir' ? `${e.path}/` : e.path,
      typeflag,
      e.size,
      e.mode,
      e.link,
    );
    sink.advance(BLOCK);
    if (e.size > 0) {
      let left = e.size;
      let at = e.seed % (data.length - 4096);
      while (left > 0) {
        const n = Math.min(left, data.length - at);
        await sink.copy(data, at, at + n);
        left -= n;
        at = 0;
      }
      const pad = padded(e.size) - e.size;
      if (pad) await sink.zeros(pad);
    }
  }
  await sink.zeros(2 * BLOCK);
  await sink.flush();
}

let pigz: boolean | undefined;

function hasPigz(): boolean {
  pigz ??= spawnSync('pigz', ['--version'], { stdio: 'ignore' }).status === 0;
  return pigz;
}

/** A gzip -6 compressor writing to `path`: pigz when installed (both cores), else Node zlib. */
function gzipTo(path: string): { input: Writable; done: Promise<void> } {
  const out = createWriteStream(path);
  if (hasPigz()) {
    const child = spawn('pigz', ['-6', '-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.pipe(out);
    const done = Promise.all([
      once(out, 'close'),
      new Promise<void>((res, rej) =>
        child.on('close', (code) => (code === 0 ? res() : rej(new Error(`pigz exited ${code}`)))),
      ),
    ]).then(() => undefined);
    return { input: child.stdin, done };
  }
  const gz = createGzip({ level: 6, chunkSize: 256 << 10 });
  gz.pipe(out);
  return { input: gz, done: once(out, 'close').then(() => undefined) };
}

/** gzip -6 of a whole file: pigz reading the file itself when installed, else via gzipTo. */
async function gzipFile(source: string, target: string): Promise<void> {
  if (hasPigz()) {
    const fd = openSync(target, 'w');
    try {
      const child = spawn('pigz', ['-6', '-c', source], { stdio: ['ignore', fd, 'inherit'] });
      const [code] = (await once(child, 'close')) as [number | null];
      if (code !== 0) throw new Error(`pigz exited ${code}`);
    } finally {
      closeSync(fd);
    }
    return;
  }
  const gz = gzipTo(target);
  for await (const chunk of createReadStream(source, { highWaterMark: 4 << 20 })) {
    if (!gz.input.write(chunk)) await once(gz.input, 'drain');
  }
  gz.input.end();
  await gz.done;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 << 20 })) {
    hash.update(chunk as Buffer);
  }
  return hash.digest('hex');
}

// ---------------------------------------------------------------------------------------------
// Images

export interface LayerMeta {
  readonly entries: number;
  readonly bytes: number;
  readonly fileBytes: number;
  readonly diffId: string;
  /** Path of the layer inside docker-archive.tar. */
  readonly dockerPath: string;
  /** sha256 of the gzip blob in oci-archive.tar (big image only). */
  readonly blobDigest?: string;
  readonly blobBytes?: number;
}

export interface ImageMeta {
  readonly generatorVersion: number;
  readonly name: string;
  readonly entries: number;
  readonly uncompressedLayerBytes: number;
  readonly layers: readonly LayerMeta[];
  /** Form name → archive path (absolute) and size. */
  readonly forms: Record<string, { readonly path: string; readonly bytes: number }>;
  readonly gzipRatio?: number;
  readonly seconds: number;
}

function configFor(name: string, layers: readonly LayerSpec[], diffIds: readonly string[]) {
  const history: Record<string, unknown>[] = [];
  const created = (i: number) => new Date((MTIME + i * 60) * 1000).toISOString();
  layers.forEach((l, i) => {
    history.push({ created: created(i), created_by: l.createdBy });
    if (i === 0)
      history.push({
        created: created(i),
        created_by: '/bin/sh -c #(nop)  CMD ["bash"]',
        empty_layer: true,
      });
    if (i === 2)
      history.push({
        created: created(i),
        created_by: '/bin/sh -c #(nop) WORKDIR /app',
        empty_layer: true,
      });
  });
  history.push({
    created: created(layers.length),
    created_by: '/bin/sh -c #(nop)  ENV NODE_ENV=production',
    empty_layer: true,
  });
  history.push({
    created: created(layers.length),
    created_by: '/bin/sh -c #(nop)  CMD ["node","dist/main.js"]',
    empty_layer: true,
  });
  return {
    architecture: 'amd64',
    os: 'linux',
    created: created(layers.length),
    config: {
      Env: [
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        'NODE_ENV=production',
      ],
      Cmd: ['node', 'dist/main.js'],
      WorkingDir: '/app',
      Labels: { 'org.opencontainers.image.title': `layerlint-bench-${name}` },
    },
    rootfs: { type: 'layers', diff_ids: diffIds.map((d) => `sha256:${d}`) },
    history,
  };
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

function log(message: string): void {
  process.stderr.write(`[bench:generate] ${message}\n`);
}

/** Writes the image's layers into docker-archive.tar (and gzip blobs when `ociGzip`). */
async function writeImage(
  name: string,
  layers: LayerSpec[],
  dir: string,
  ociGzip: boolean,
): Promise<ImageMeta> {
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const tag = `layerlint-bench/${name}:latest`;
  const dockerPath = join(dir, 'docker-archive.tar');
  const out = new OutFile(`${dockerPath}.partial`);
  const metas: LayerMeta[] = [];
  const v1ids = layers.map((_, i) => sha256(`layerlint-bench/${name}/${i}`));
  const blobTmp = join(dir, 'blobs.tmp');
  if (ociGzip) mkdirSync(blobTmp, { recursive: true });
  for (const [i, layer] of layers.entries()) {
    const t0 = performance.now();
    const v1 = v1ids[i]!;
    out.dirMember(v1);
    out.member(`${v1}/VERSION`, '1.0');
    const v1json: Record<string, unknown> = { id: v1, created: '1970-01-01T00:00:00Z' };
    if (i > 0) v1json.parent = v1ids[i - 1];
    out.member(`${v1}/json`, JSON.stringify(v1json));
    const headerPos = out.pos;
    out.write(Buffer.alloc(BLOCK)); // patched below, once the size is known
    const gz = ociGzip ? gzipTo(join(blobTmp, `${i}.tar.gz`)) : undefined;
    const sink = new LayerSink(out, gz?.input);
    await writeLayerTar(layer, sink);
    const header = Buffer.alloc(BLOCK);
    writeHeader(header, 0, `${v1}/layer.tar`, '0', sink.bytes, 0o644);
    out.patch(headerPos, header);
    // sink.bytes is a multiple of 512: no padding after the member.
    let blob: { blobDigest: string; blobBytes: number } | undefined;
    if (gz) {
      gz.input.end();
      await gz.done;
      const blobPath = join(blobTmp, `${i}.tar.gz`);
      blob = { blobDigest: await sha256File(blobPath), blobBytes: statSync(blobPath).size };
    }
    const meta: LayerMeta = {
      entries: layer.entries.length,
      bytes: sink.bytes,
      fileBytes: layer.bytes,
      diffId: sink.hash.digest('hex'),
      dockerPath: `${v1}/layer.tar`,
      ...blob,
    };
    metas.push(meta);
    log(
      `${name} layer ${i}: ${meta.entries} entries, ${(meta.bytes / 1e6).toFixed(1)} MB` +
        (blob ? ` (gzip ${(blob.blobBytes / 1e6).toFixed(1)} MB)` : '') +
        ` in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
  }
  const diffIds = metas.map((m) => m.diffId);
  const configText = JSON.stringify(configFor(name, layers, diffIds));
  const configHex = sha256(configText);
  out.member(`${configHex}.json`, configText);
  out.member(
    'manifest.json',
    JSON.stringify([
      { Config: `${configHex}.json`, RepoTags: [tag], Layers: metas.map((m) => m.dockerPath) },
    ]),
  );
  out.member(
    'repositories',
    JSON.stringify({ [`layerlint-bench/${name}`]: { latest: v1ids.at(-1) } }),
  );
  out.end();
  renameSync(`${dockerPath}.partial`, dockerPath);
  const forms: Record<string, { path: string; bytes: number }> = {
    'docker-archive': { path: dockerPath, bytes: statSync(dockerPath).size },
  };

  let gzipRatio: number | undefined;
  if (ociGzip) {
    // (b) OCI layout tar with gzip layers.
    const ociPath = join(dir, 'oci-archive.tar');
    const oci = new OutFile(`${ociPath}.partial`);
    oci.member('oci-layout', JSON.stringify({ imageLayoutVersion: '1.0.0' }));
    oci.dirMember('blobs');
    oci.dirMember('blobs/sha256');
    oci.member(`blobs/sha256/${configHex}`, configText);
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: {
        mediaType: 'application/vnd.oci.image.config.v1+json',
        digest: `sha256:${configHex}`,
        size: Buffer.byteLength(configText),
      },
      layers: metas.map((m) => ({
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: `sha256:${m.blobDigest}`,
        size: m.blobBytes,
      })),
    });
    const manifestHex = sha256(manifest);
    oci.member(`blobs/sha256/${manifestHex}`, manifest);
    metas.forEach((m, i) => {
      oci.copyMember(`blobs/sha256/${m.blobDigest}`, join(blobTmp, `${i}.tar.gz`));
    });
    oci.member(
      'index.json',
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.index.v1+json',
        manifests: [
          {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            digest: `sha256:${manifestHex}`,
            size: Buffer.byteLength(manifest),
            annotations: {
              'io.containerd.image.name': `docker.io/${tag}`,
              'org.opencontainers.image.ref.name': 'latest',
            },
            platform: { architecture: 'amd64', os: 'linux' },
          },
        ],
      }),
    );
    oci.end();
    renameSync(`${ociPath}.partial`, ociPath);
    rmSync(blobTmp, { recursive: true, force: true });
    forms['oci-archive'] = { path: ociPath, bytes: statSync(ociPath).size };
    const gzBytes = metas.reduce((s, m) => s + (m.blobBytes ?? 0), 0);
    gzipRatio = metas.reduce((s, m) => s + m.bytes, 0) / gzBytes;

    // (c) the docker archive gzipped as a whole.
    const t0 = performance.now();
    const gzPath = join(dir, 'docker-archive.tar.gz');
    await gzipFile(dockerPath, `${gzPath}.partial`);
    renameSync(`${gzPath}.partial`, gzPath);
    forms['docker-archive.tar.gz'] = { path: gzPath, bytes: statSync(gzPath).size };
    log(`${name}: whole-archive gzip in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  const meta: ImageMeta = {
    generatorVersion: GENERATOR_VERSION,
    name,
    entries: metas.reduce((s, m) => s + m.entries, 0),
    uncompressedLayerBytes: metas.reduce((s, m) => s + m.bytes, 0),
    layers: metas,
    forms,
    ...(gzipRatio !== undefined && { gzipRatio }),
    seconds: (performance.now() - started) / 1000,
  };
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/** The image's metadata when it is already on disk, complete and of this generator version. */
function existing(dir: string): ImageMeta | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as ImageMeta;
    if (meta.generatorVersion !== GENERATOR_VERSION) return undefined;
    for (const form of Object.values(meta.forms)) {
      const fd = openSync(form.path, 'r');
      const size = fstatSync(fd).size;
      closeSync(fd);
      if (size !== form.bytes) return undefined;
    }
    return meta;
  } catch {
    return undefined;
  }
}

export interface BenchImages {
  readonly big: ImageMeta;
  readonly million: ImageMeta;
}

/** Generates whatever is missing or stale under bench/out/, reuses the rest. */
export async function ensureImages(
  options: { force?: boolean; only?: 'big' | 'million' } = {},
): Promise<Partial<BenchImages> & { generated: string[] }> {
  const generated: string[] = [];
  const result: { big?: ImageMeta; million?: ImageMeta; generated: string[] } = { generated };
  const plans = [
    { name: 'big' as const, layers: bigImageLayers, oci: true },
    { name: 'million' as const, layers: millionImageLayers, oci: false },
  ];
  for (const plan of plans) {
    if (options.only && options.only !== plan.name) continue;
    const dir = join(OUT_DIR, plan.name);
    const found = options.force ? undefined : existing(dir);
    if (found) {
      result[plan.name] = found;
      continue;
    }
    log(`generating ${plan.name} in ${dir} (generator v${GENERATOR_VERSION})`);
    const layers = plan.layers();
    result[plan.name] = await writeImage(plan.name, layers, dir, plan.oci);
    generated.push(plan.name);
  }
  return result;
}

/** Counts and sizes without writing anything (for tuning the layer plans). */
export function dryRun(): void {
  for (const [name, make] of [
    ['big', bigImageLayers],
    ['million', millionImageLayers],
  ] as const) {
    const layers = make();
    let entries = 0;
    let bytes = 0;
    layers.forEach((l, i) => {
      const tarBytes = l.entries.reduce((s, e) => s + BLOCK + padded(e.size), 1024);
      entries += l.entries.length;
      bytes += tarBytes;
      log(`${name} L${i}: ${l.entries.length} entries, ${(tarBytes / 1e6).toFixed(1)} MB tar`);
    });
    log(`${name}: ${entries} entries, ${(bytes / 1e6).toFixed(1)} MB of layer tars`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args.includes('--dry-run')) {
    dryRun();
  } else {
    const only = args.includes('--big')
      ? 'big'
      : args.includes('--million')
        ? 'million'
        : undefined;
    const images = await ensureImages({ force: args.includes('--force'), ...(only && { only }) });
    for (const meta of [images.big, images.million]) {
      if (!meta) continue;
      log(
        `${meta.name}: ${meta.entries} entries, ${(meta.uncompressedLayerBytes / 1e9).toFixed(2)} GB of layers` +
          (meta.gzipRatio ? `, gzip ratio ${meta.gzipRatio.toFixed(2)}` : '') +
          `, ${Object.entries(meta.forms)
            .map(([k, v]) => `${k} ${(v.bytes / 1e9).toFixed(2)} GB`)
            .join(', ')}`,
      );
    }
  }
}
