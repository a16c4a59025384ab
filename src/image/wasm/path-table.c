/*
 * The path table's storage and hash index, in WebAssembly (see path-table.ts and build.sh).
 *
 * Why C: interning is the one part of reading a layer that must happen on one thread, in
 * order: on 2 cores the walk worker (walk-feed.ts) reads and walks the tar while the main thread
 * interns, and the main thread was the slower of the two. In JavaScript a name cost about 1 µs
 * there, most of it before V8 had optimised the loop; here it is a tenth of that from the
 * first record.
 *
 * The table: path `id` is `arena[starts[id], starts[id] + lengths[id])`, stored after a `/` so
 * that its absolute form is one run of bytes; `hashes[id]` is its FNV-1a hash, `parents[id]`
 * its parent's id (-1 for the root, id 0, the empty path). Ids are given in first-seen order,
 * each path after its parent. `slots` is an open-addressing index, linear probing, two ints a
 * slot: the hash, then id + 1 (0 for an empty slot), at most half full.
 *
 * Memory: every array lies in this module's memory, from `__heap_base` up, allocated by
 * bumping, so every allocation is memory never written (zero). An array that must grow is
 * copied to a new place and the old one left (a module's memory never shrinks); the caller
 * sizes them up front (`reserve`) from the layers' bytes.
 * Each move bumps `epoch`, and the JavaScript side remakes its views of the arrays when it
 * changes. Callers put the bytes to intern in `input` and batches of records in `records`.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

extern unsigned char __heap_base;

/*
 * Arrays grow fourfold: a moved array's old place is never used again, and growing by four
 * leaves a third of the final size behind where doubling left all of it. What is reserved but
 * not yet written costs nothing: untouched pages are not resident.
 */
#define GROWTH 4

static uint32_t top;
static int32_t epoch;

static uint8_t *arena;
static uint32_t arena_cap;
static uint32_t used;
static int32_t *starts;
static int32_t *lengths;
static int32_t *hashes;
static int32_t *parents;
static int32_t cap;
static int32_t count;
static int32_t *slots;
static uint32_t slot_cap; /* slots (pairs of ints), a power of two */
static uint8_t *input;
static uint32_t input_cap;
static int32_t *records;
static int32_t records_cap;

static void *alloc(uint32_t bytes) {
  if (top == 0) top = (uint32_t)(uintptr_t)&__heap_base;
  top = (top + 15u) & ~15u;
  uint32_t at = top;
  uint32_t end = at + bytes;
  if (end < at) __builtin_trap();
  uint32_t have = (uint32_t)__builtin_wasm_memory_size(0) * 65536u;
  if (end > have) {
    uint32_t pages = (end - have + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (__SIZE_TYPE__)-1) __builtin_trap();
  }
  top = end;
  epoch++;
  return (void *)(uintptr_t)at;
}

static void copy_bytes(uint8_t *to, const uint8_t *from, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) to[i] = from[i];
}

static void copy_ints(int32_t *to, const int32_t *from, int32_t n) {
  for (int32_t i = 0; i < n; i++) to[i] = from[i];
}

static uint32_t fnv(const uint8_t *b, int32_t n) {
  uint32_t h = FNV_OFFSET;
  for (int32_t i = 0; i < n; i++) h = (h ^ b[i]) * FNV_PRIME;
  return h;
}

static void grow_columns(int32_t size) {
  int32_t *s = alloc((uint32_t)size * 4u);
  int32_t *l = alloc((uint32_t)size * 4u);
  int32_t *h = alloc((uint32_t)size * 4u);
  int32_t *p = alloc((uint32_t)size * 4u);
  copy_ints(s, starts, count);
  copy_ints(l, lengths, count);
  copy_ints(h, hashes, count);
  copy_ints(p, parents, count);
  starts = s;
  lengths = l;
  hashes = h;
  parents = p;
  cap = size;
}

static void grow_arena(uint32_t size) {
  uint8_t *a = alloc(size);
  copy_bytes(a, arena, used);
  arena = a;
  arena_cap = size;
}

static void place(int32_t *table, uint32_t mask, int32_t hash, int32_t slot) {
  uint32_t i = (uint32_t)hash & mask;
  while (table[2 * i + 1] != 0) i = (i + 1) & mask;
  table[2 * i] = hash;
  table[2 * i + 1] = slot;
}

static void grow_slots(uint32_t size) {
  int32_t *table = alloc(size * 8u); /* fresh memory: all zero, all slots empty */
  uint32_t mask = size - 1;
  for (uint32_t i = 0; i < slot_cap; i++) {
    if (slots[2 * i + 1] != 0) place(table, mask, slots[2 * i], slots[2 * i + 1]);
  }
  slots = table;
  slot_cap = size;
}

/* The id of `b[0, n)` with hash `hash`, or -1; then `*vacant` is the empty slot it stopped at. */
static int32_t lookup(const uint8_t *b, int32_t n, int32_t hash, int32_t *vacant) {
  uint32_t mask = slot_cap - 1;
  for (uint32_t i = (uint32_t)hash & mask;; i = (i + 1) & mask) {
    int32_t slot = slots[2 * i + 1];
    if (slot == 0) {
      *vacant = (int32_t)i;
      return -1;
    }
    if (slots[2 * i] != hash) continue;
    int32_t id = slot - 1;
    if (lengths[id] != n) continue;
    const uint8_t *at = arena + starts[id];
    int32_t k = 0;
    while (k < n && at[k] == b[k]) k++;
    if (k == n) return id;
  }
}

/* Adds a path under `parent`; `vacant` is its slot, found empty by the lookup just before, or -1. */
static int32_t add(const uint8_t *b, int32_t n, int32_t hash, int32_t parent, int32_t vacant) {
  int32_t id = count;
  if (id >= cap) grow_columns(cap * GROWTH);
  if (used + (uint32_t)n + 1u > arena_cap) {
    uint64_t size = (uint64_t)arena_cap * GROWTH;
    if (size < used + (uint64_t)n + 1u) size = used + (uint64_t)n + 1u;
    if (size > 0xf0000000u) size = 0xf0000000u; /* alloc traps if even that does not fit */
    grow_arena((uint32_t)size);
  }
  arena[used] = 0x2f;
  uint32_t at = used + 1;
  copy_bytes(arena + at, b, (uint32_t)n);
  used = at + (uint32_t)n;
  starts[id] = (int32_t)at;
  lengths[id] = n;
  hashes[id] = hash;
  parents[id] = parent;
  count = id + 1;
  if ((uint32_t)count * 2u > slot_cap) {
    grow_slots(slot_cap * GROWTH);
    place(slots, slot_cap - 1, hash, id + 1);
  } else if (vacant >= 0) {
    slots[2 * vacant] = hash;
    slots[2 * vacant + 1] = id + 1;
  } else {
    place(slots, slot_cap - 1, hash, id + 1);
  }
  return id;
}

/*
 * The id of the normalised path `b[0, n)`, interning it and its ancestors as needed. One pass
 * from the root down, hashing as it goes: not recursive (a PAX path of thousands of segments
 * ran the stack out), and each ancestor hashed once. Ancestors are added top-down, each after
 * its parent, so the ids are those a lookup-then-recurse version gives.
 */
static int32_t intern_at(const uint8_t *b, int32_t n) {
  if (n == 0) return 0;
  uint32_t h = FNV_OFFSET;
  int32_t parent = 0;
  for (int32_t i = 0;; i++) {
    if (i == n || b[i] == 0x2f) {
      int32_t vacant;
      int32_t id = lookup(b, i, (int32_t)h, &vacant);
      parent = id >= 0 ? id : add(b, i, (int32_t)h, parent, vacant);
      if (i == n) return parent;
    }
    h = (h ^ b[i]) * FNV_PRIME;
  }
}

/* `intern_at` for a path whose hash, and its parent's (the bytes before `slash`), are known. */
static int32_t intern_hashed_at(const uint8_t *b, int32_t n, int32_t hash, int32_t slash,
                                int32_t parent_hash) {
  int32_t vacant;
  int32_t found = lookup(b, n, hash, &vacant);
  if (found >= 0) return found;
  if (slash <= 0) return add(b, n, hash, 0, vacant);
  int32_t ignored;
  int32_t parent = lookup(b, slash, parent_hash, &ignored);
  if (parent < 0) return add(b, n, hash, intern_at(b, slash), -1);
  return add(b, n, hash, parent, vacant);
}

EXPORT("init") void init(void) {
  cap = 1024;
  starts = alloc(1024 * 4);
  lengths = alloc(1024 * 4);
  hashes = alloc(1024 * 4);
  parents = alloc(1024 * 4);
  arena_cap = 1 << 16;
  arena = alloc(arena_cap);
  slot_cap = 2048;
  slots = alloc(slot_cap * 8u);
  input_cap = 1 << 16;
  input = alloc(input_cap);
  records_cap = 1024;
  records = alloc((uint32_t)records_cap * 6u * 4u);
  /* The root: the empty path. */
  used = 0;
  count = 1;
  starts[0] = 0;
  lengths[0] = 0;
  hashes[0] = (int32_t)FNV_OFFSET;
  parents[0] = -1;
  place(slots, slot_cap - 1, hashes[0], 1);
}

/* Room for `paths` paths and `bytes` of names without moving anything. */
EXPORT("reserve") void reserve(int32_t paths, uint32_t bytes) {
  int32_t size = cap;
  while (size < paths) size *= 2;
  if (size > cap) grow_columns(size);
  uint32_t slots_wanted = slot_cap;
  while (slots_wanted < (uint32_t)paths * 2u) slots_wanted *= 2u;
  if (slots_wanted > slot_cap) grow_slots(slots_wanted);
  if (bytes > arena_cap) grow_arena(bytes);
}

/* `bytes` of room in `input`, for the caller to fill; its address. */
EXPORT("input") uint8_t *input_of(uint32_t bytes) {
  if (bytes > input_cap) {
    input_cap = bytes;
    input = alloc(bytes);
  }
  return input;
}

/*
 * Room for `n` records in `records`: six columns of `n` ints from its address, name start,
 * name end, hash, slash and parent hash (offsets into `input`), then the ids `intern_batch`
 * writes.
 */
EXPORT("records") int32_t *records_of(int32_t n) {
  if (n > records_cap) {
    records_cap = n;
    records = alloc((uint32_t)n * 6u * 4u);
  }
  return records;
}

static int same_bytes(const uint8_t *a, const uint8_t *b, int32_t n) {
  for (int32_t i = 0; i < n; i++) {
    if (a[i] != b[i]) return 0;
  }
  return 1;
}

/*
 * Interns records [0, n) as laid out by `records_of(n)`, writing their ids into the sixth
 * column; their offsets count from `base`, which is where `input` starts.
 *
 * In tar order a directory comes before what it holds, so a record's parent is most often the
 * record before it or one of that record's ancestors: then its id is taken from there, by the
 * bytes just read, instead of a lookup in the index, which costs a cache miss or two (the
 * other thread streams the tar through the same cache).
 */
EXPORT("internBatch") void intern_batch(int32_t n, int32_t base) {
  const int32_t *name_start = records;
  const int32_t *name_end = records + n;
  const int32_t *hash = records + 2 * n;
  const int32_t *slash = records + 3 * n;
  const int32_t *parent_hash = records + 4 * n;
  int32_t *ids = records + 5 * n;
  const uint8_t *before = input;
  int32_t before_length = -1;
  int32_t before_id = 0;
  for (int32_t r = 0; r < n; r++) {
    int32_t s = name_start[r];
    const uint8_t *b = input + (s - base);
    int32_t length = name_end[r] - s;
    int32_t parent_length = slash[r] - s;
    int32_t id;
    if (parent_length > 0 && parent_length <= before_length &&
        (parent_length == before_length || before[parent_length] == 0x2f) &&
        same_bytes(b, before, parent_length)) {
      int32_t parent = before_id;
      for (int32_t i = parent_length; i < before_length; i++) {
        if (before[i] == 0x2f) parent = parents[parent];
      }
      int32_t vacant;
      id = lookup(b, length, hash[r], &vacant);
      if (id < 0) id = add(b, length, hash[r], parent, vacant);
    } else {
      id = intern_hashed_at(b, length, hash[r], parent_length, parent_hash[r]);
    }
    ids[r] = id;
    before = b;
    before_length = length;
    before_id = id;
  }
}

/* The id of `input[0, n)`, interned as needed. */
EXPORT("intern") int32_t intern(int32_t n) { return intern_at(input, n); }

/* `intern` for a caller that has the hashes: `slash` is where the parent ends (0: none). */
EXPORT("internHashed") int32_t intern_hashed(int32_t n, int32_t hash, int32_t slash,
                                             int32_t parent_hash) {
  return intern_hashed_at(input, n, hash, slash, parent_hash);
}

/* The id of `input[0, n)`, or -1 when no path has those bytes. */
EXPORT("find") int32_t find(int32_t n) {
  int32_t vacant;
  return lookup(input, n, (int32_t)fnv(input, n), &vacant);
}

/*
 * Merges paths [1, n) of another table: their bytes in `input`, and as records (see
 * `records_of`) their start, length, hash and parent id in the other table. Writes each one's
 * id here into the sixth column; parents come before children there, as here.
 */
EXPORT("merge") void merge(int32_t n) {
  const int32_t *start = records;
  const int32_t *length = records + n;
  const int32_t *hash = records + 2 * n;
  const int32_t *parent = records + 3 * n;
  int32_t *map = records + 5 * n;
  map[0] = 0;
  for (int32_t id = 1; id < n; id++) {
    int32_t vacant;
    int32_t found = lookup(input + start[id], length[id], hash[id], &vacant);
    map[id] = found >= 0 ? found : add(input + start[id], length[id], hash[id], map[parent[id]], vacant);
  }
}

/* Rebuilds the index after the caller renumbered the columns in place. */
EXPORT("reindex") void reindex(void) {
  for (uint32_t i = 0; i < slot_cap * 2u; i++) slots[i] = 0;
  for (int32_t id = 0; id < count; id++) place(slots, slot_cap - 1, hashes[id], id + 1);
}

EXPORT("epoch") int32_t epoch_of(void) { return epoch; }
EXPORT("count") int32_t count_of(void) { return count; }
EXPORT("used") uint32_t used_of(void) { return used; }
EXPORT("capacity") int32_t capacity_of(void) { return cap; }
EXPORT("arena") uint8_t *arena_of(void) { return arena; }
EXPORT("arenaCapacity") uint32_t arena_capacity_of(void) { return arena_cap; }
EXPORT("starts") int32_t *starts_of(void) { return starts; }
EXPORT("lengths") int32_t *lengths_of(void) { return lengths; }
EXPORT("hashes") int32_t *hashes_of(void) { return hashes; }
EXPORT("parents") int32_t *parents_of(void) { return parents; }
