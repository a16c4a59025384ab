import { createHash } from 'node:crypto';
/**
 * A tar writer that puts exactly the given bytes in each field (ustar prefix, GNU long names,
 * PAX records, raw non-UTF-8 names), for tests of the tar reader.
 */

export type Bytes = string | Buffer;

export interface Header {
  readonly name: Bytes;
  readonly prefix?: Bytes;
  readonly type?: string;
  readonly mode?: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly linkname?: Bytes;
}

export const bytes = (b: Bytes): Buffer => (typeof b === 'string' ? Buffer.from(b, 'utf8') : b);
export const cat = (...parts: Bytes[]): Buffer => Buffer.concat(parts.map(bytes));
/** `s` followed by one byte that is not UTF-8. */
export const latin1 = (s: string): Buffer => cat(s, Buffer.from([0xff]));

export function octal(block: Buffer, at: number, width: number, value: number): void {
  block.write(value.toString(8).padStart(width - 1, '0'), at, width - 1, 'latin1');
}

export function headerBlock(h: Header, size: number): Buffer {
  const block = Buffer.alloc(512);
  const name = bytes(h.name);
  if (name.length > 100) throw new Error(`name field too long: ${name.length}`);
  name.copy(block, 0);
  octal(block, 100, 8, h.mode ?? (h.type === '5' ? 0o755 : 0o644));
  octal(block, 108, 8, h.uid ?? 0);
  octal(block, 116, 8, h.gid ?? 0);
  octal(block, 124, 12, size);
  octal(block, 136, 12, 0);
  block.write(h.type ?? '0', 156, 'latin1');
  if (h.linkname !== undefined) bytes(h.linkname).copy(block, 157);
  block.write('ustar\u0000', 257, 'latin1');
  block.write('00', 263, 'latin1');
  if (h.prefix !== undefined) bytes(h.prefix).copy(block, 345);
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const b of block) sum += b;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 'latin1');
  return block;
}

export function member(h: Header, data: Bytes = ''): Buffer {
  const d = bytes(data);
  return Buffer.concat([headerBlock(h, d.length), d, Buffer.alloc((512 - (d.length % 512)) % 512)]);
}

/** A PAX extended header (`x`) carrying these records for the next member. */
export function pax(records: Record<string, Bytes>): Buffer {
  const body: Buffer[] = [];
  for (const [key, value] of Object.entries(records)) {
    const rest = cat(` ${key}=`, value, '\n');
    let length = rest.length + 1;
    while (String(length).length + rest.length !== length)
      length = String(length).length + rest.length;
    body.push(cat(String(length), rest));
  }
  return member({ name: 'PaxHeaders/entry', type: 'x' }, Buffer.concat(body));
}

/** A GNU long name (`L`) or long link (`K`) for the next member. */
export function gnuLong(type: 'L' | 'K', value: Bytes): Buffer {
  return member({ name: '././@LongLink', type }, cat(value, '\u0000'));
}

export const tarOf = (members: readonly Buffer[]): Buffer =>
  Buffer.concat([...members, Buffer.alloc(1024)]);

/** Writes the header checksum again after a test changed a field. */
export function rechecksum(block: Buffer, at = 0): Buffer {
  block.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, at + 148, 'latin1');
  return block;
}

/** A member whose header bytes `change` edits (checksum rewritten unless `keepChecksum`). */
export function edited(m: Buffer, change: (header: Buffer) => void, keepChecksum = false): Buffer {
  const copy = Buffer.from(m);
  change(copy);
  return keepChecksum ? copy : rechecksum(copy);
}

/**
 * A legacy `docker save` of these layer tars, written byte for byte: one layer per tar, a
 * config whose history names each step, tag `review:1`; `order` is the order of the layer
 * members in the archive.
 */
export function imageTar(layers: readonly Buffer[], order = layers.map((_, i) => i)): Buffer {
  const diffIds = layers.map((t) => `sha256:${createHash('sha256').update(t).digest('hex')}`);
  const config = JSON.stringify({
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: layers.map((_, i) => ({ created_by: `/bin/sh -c step ${i}` })),
  });
  const manifest = JSON.stringify([
    {
      Config: 'config.json',
      RepoTags: ['review:1'],
      Layers: layers.map((_, i) => `l${i}/layer.tar`),
    },
  ]);
  return tarOf([
    member({ name: 'config.json' }, config),
    member({ name: 'manifest.json' }, manifest),
    ...order.map((i) => member({ name: `l${i}/layer.tar` }, layers[i]!)),
  ]);
}
