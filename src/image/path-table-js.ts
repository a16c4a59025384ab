/**
 * path-table.c in TypeScript, for Node run without WebAssembly (--jitless, --no-expose-wasm):
 * the same exports over the same layout in an ArrayBuffer that stands for the module's memory,
 * so that PathTable has one way of reading its arrays. Slow (a JavaScript loop per byte), and
 * only ever used where nothing is fast; path-table.c says what each function does.
 */
import type { PathTableExports } from './path-table.js';

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
const PAGE = 65536;
const GROWTH = 4;

export class PathTableInJs implements PathTableExports {
  memory = { buffer: new ArrayBuffer(PAGE) };
  private bytes = new Uint8Array(this.memory.buffer);
  private ints = new Int32Array(this.memory.buffer);
  private top = 16;
  private epochValue = 0;
  private arenaAt = 0;
  private arenaCap = 0;
  private usedValue = 0;
  private startsAt = 0;
  private lengthsAt = 0;
  private hashesAt = 0;
  private parentsAt = 0;
  private cap = 0;
  private countValue = 0;
  private slotsAt = 0;
  private slotCap = 0;
  private inputAt = 0;
  private inputCap = 0;
  private recordsAt = 0;
  private recordsCap = 0;

  private alloc(size: number): number {
    this.top = (this.top + 15) & ~15;
    const at = this.top;
    const end = at + size;
    if (end > this.memory.buffer.byteLength) {
      const grown = new ArrayBuffer(
        Math.ceil(Math.max(end, this.memory.buffer.byteLength * 2) / PAGE) * PAGE,
      );
      new Uint8Array(grown).set(this.bytes);
      this.memory = { buffer: grown };
      this.bytes = new Uint8Array(grown);
      this.ints = new Int32Array(grown);
    }
    this.top = end;
    this.epochValue++;
    return at;
  }

  private growColumns(size: number): void {
    const moves = [this.startsAt, this.lengthsAt, this.hashesAt, this.parentsAt].map((from) => {
      const to = this.alloc(size * 4);
      this.ints.copyWithin(to >> 2, from >> 2, (from >> 2) + this.countValue);
      return to;
    });
    [this.startsAt, this.lengthsAt, this.hashesAt, this.parentsAt] = moves as [
      number,
      number,
      number,
      number,
    ];
    this.cap = size;
  }

  private growArena(size: number): void {
    const to = this.alloc(size);
    this.bytes.copyWithin(to, this.arenaAt, this.arenaAt + this.usedValue);
    this.arenaAt = to;
    this.arenaCap = size;
  }

  private place(table: number, mask: number, hash: number, slot: number): void {
    const ints = this.ints;
    const base = table >> 2;
    let i = hash & mask;
    while (ints[base + 2 * i + 1] !== 0) i = (i + 1) & mask;
    ints[base + 2 * i] = hash;
    ints[base + 2 * i + 1] = slot;
  }

  private growSlots(size: number): void {
    const table = this.alloc(size * 8);
    this.ints.fill(0, table >> 2, (table >> 2) + size * 2);
    const old = this.slotsAt >> 2;
    for (let i = 0; i < this.slotCap; i++) {
      const slot = this.ints[old + 2 * i + 1]!;
      if (slot !== 0) this.place(table, size - 1, this.ints[old + 2 * i]!, slot);
    }
    this.slotsAt = table;
    this.slotCap = size;
  }

  private fnv(at: number, n: number): number {
    let h = FNV_OFFSET;
    for (let i = 0; i < n; i++) h = Math.imul(h ^ this.bytes[at + i]!, FNV_PRIME);
    return h;
  }

  private vacant = -1;

  private lookup(at: number, n: number, hash: number): number {
    const { ints, bytes } = this;
    const mask = this.slotCap - 1;
    const slots = this.slotsAt >> 2;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const slot = ints[slots + 2 * i + 1]!;
      if (slot === 0) {
        this.vacant = i;
        return -1;
      }
      if (ints[slots + 2 * i] !== hash) continue;
      const id = slot - 1;
      if (ints[(this.lengthsAt >> 2) + id] !== n) continue;
      const start = this.arenaAt + ints[(this.startsAt >> 2) + id]!;
      let k = 0;
      while (k < n && bytes[start + k] === bytes[at + k]) k++;
      if (k === n) return id;
    }
  }

  private add(at: number, n: number, hash: number, parent: number, vacant: number): number {
    const id = this.countValue;
    if (id >= this.cap) this.growColumns(this.cap * GROWTH);
    if (this.usedValue + n + 1 > this.arenaCap) {
      this.growArena(Math.max(this.arenaCap * GROWTH, this.usedValue + n + 1));
    }
    const { bytes, ints } = this;
    bytes[this.arenaAt + this.usedValue] = 0x2f;
    const start = this.usedValue + 1;
    bytes.copyWithin(this.arenaAt + start, at, at + n);
    this.usedValue = start + n;
    ints[(this.startsAt >> 2) + id] = start;
    ints[(this.lengthsAt >> 2) + id] = n;
    ints[(this.hashesAt >> 2) + id] = hash;
    ints[(this.parentsAt >> 2) + id] = parent;
    this.countValue = id + 1;
    if (this.countValue * 2 > this.slotCap) {
      this.growSlots(this.slotCap * GROWTH);
      this.place(this.slotsAt, this.slotCap - 1, hash, id + 1);
    } else if (vacant >= 0) {
      ints[(this.slotsAt >> 2) + 2 * vacant] = hash;
      ints[(this.slotsAt >> 2) + 2 * vacant + 1] = id + 1;
    } else {
      this.place(this.slotsAt, this.slotCap - 1, hash, id + 1);
    }
    return id;
  }

  private internAt(at: number, n: number): number {
    if (n === 0) return 0;
    let h = FNV_OFFSET;
    let parent = 0;
    for (let i = 0; ; i++) {
      if (i === n || this.bytes[at + i] === 0x2f) {
        const id = this.lookup(at, i, h);
        parent = id >= 0 ? id : this.add(at, i, h, parent, this.vacant);
        if (i === n) return parent;
      }
      h = Math.imul(h ^ this.bytes[at + i]!, FNV_PRIME);
    }
  }

  private internHashedAt(at: number, n: number, hash: number, slash: number, parentHash: number) {
    const found = this.lookup(at, n, hash);
    if (found >= 0) return found;
    const vacant = this.vacant;
    if (slash <= 0) return this.add(at, n, hash, 0, vacant);
    const parent = this.lookup(at, slash, parentHash);
    if (parent < 0) return this.add(at, n, hash, this.internAt(at, slash), -1);
    return this.add(at, n, hash, parent, vacant);
  }

  init(): void {
    this.cap = 1024;
    this.startsAt = this.alloc(4096);
    this.lengthsAt = this.alloc(4096);
    this.hashesAt = this.alloc(4096);
    this.parentsAt = this.alloc(4096);
    this.arenaCap = 1 << 16;
    this.arenaAt = this.alloc(this.arenaCap);
    this.slotCap = 2048;
    this.slotsAt = this.alloc(this.slotCap * 8);
    this.inputCap = 1 << 16;
    this.inputAt = this.alloc(this.inputCap);
    this.recordsCap = 1024;
    this.recordsAt = this.alloc(this.recordsCap * 24);
    this.countValue = 1;
    this.ints[this.parentsAt >> 2] = -1;
    this.ints[this.hashesAt >> 2] = FNV_OFFSET;
    this.place(this.slotsAt, this.slotCap - 1, FNV_OFFSET, 1);
  }

  reserve(paths: number, bytes: number): void {
    let size = this.cap;
    while (size < paths) size *= 2;
    if (size > this.cap) this.growColumns(size);
    let slots = this.slotCap;
    while (slots < paths * 2) slots *= 2;
    if (slots > this.slotCap) this.growSlots(slots);
    if (bytes > this.arenaCap) this.growArena(bytes);
  }

  input(bytes: number): number {
    if (bytes > this.inputCap) {
      this.inputCap = bytes;
      this.inputAt = this.alloc(bytes);
    }
    return this.inputAt;
  }

  records(n: number): number {
    if (n > this.recordsCap) {
      this.recordsCap = n;
      this.recordsAt = this.alloc(n * 24);
    }
    return this.recordsAt;
  }

  internBatch(n: number, base: number): void {
    const r0 = this.recordsAt >> 2;
    for (let r = 0; r < n; r++) {
      const ints = this.ints; // interning may move the memory: read it again each time
      const s = ints[r0 + r]!;
      const id = this.internHashedAt(
        this.inputAt + s - base,
        ints[r0 + n + r]! - s,
        ints[r0 + 2 * n + r]!,
        ints[r0 + 3 * n + r]! - s,
        ints[r0 + 4 * n + r]!,
      );
      this.ints[r0 + 5 * n + r] = id;
    }
  }

  intern(n: number): number {
    return this.internAt(this.inputAt, n);
  }

  internHashed(n: number, hash: number, slash: number, parentHash: number): number {
    return this.internHashedAt(this.inputAt, n, hash, slash, parentHash);
  }

  find(n: number): number {
    return this.lookup(this.inputAt, n, this.fnv(this.inputAt, n));
  }

  merge(n: number): void {
    const r0 = this.recordsAt >> 2;
    this.ints[r0 + 5 * n] = 0;
    for (let id = 1; id < n; id++) {
      const ints = this.ints;
      const at = this.inputAt + ints[r0 + id]!;
      const length = ints[r0 + n + id]!;
      const hash = ints[r0 + 2 * n + id]!;
      const found = this.lookup(at, length, hash);
      const mapped =
        found >= 0
          ? found
          : this.add(
              at,
              length,
              hash,
              this.ints[r0 + 5 * n + this.ints[r0 + 3 * n + id]!]!,
              this.vacant,
            );
      this.ints[r0 + 5 * n + id] = mapped;
    }
  }

  reindex(): void {
    const slots = this.slotsAt >> 2;
    this.ints.fill(0, slots, slots + this.slotCap * 2);
    for (let id = 0; id < this.countValue; id++) {
      this.place(this.slotsAt, this.slotCap - 1, this.ints[(this.hashesAt >> 2) + id]!, id + 1);
    }
  }

  epoch(): number {
    return this.epochValue;
  }
  count(): number {
    return this.countValue;
  }
  used(): number {
    return this.usedValue;
  }
  capacity(): number {
    return this.cap;
  }
  arena(): number {
    return this.arenaAt;
  }
  arenaCapacity(): number {
    return this.arenaCap;
  }
  starts(): number {
    return this.startsAt;
  }
  lengths(): number {
    return this.lengthsAt;
  }
  hashes(): number {
    return this.hashesAt;
  }
  parents(): number {
    return this.parentsAt;
  }
}
