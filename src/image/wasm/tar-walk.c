/*
 * The tar header walk's fast path, compiled to WebAssembly (see tar-walk.ts and build.sh).
 *
 * Why C: in JavaScript, checking, decoding and hashing a header cost about 1 µs per entry,
 * most of the uncompressed reader's time after the reads themselves (the 512-byte checksum alone
 * ~190 ns). Here the same work is ~0.1 µs. Only the common case is handled: a plain header whose
 * clean ASCII name needs no normalising. Anything else stops the walk at that header, and the
 * JavaScript reader (tar.ts, entries.ts), which defines what every header means, takes it.
 *
 * The caller copies a window of the tar into `window` and calls `walk`. For each header from
 * `pos`, while a whole header lies in the window:
 *   - the unsigned checksum must match (else stop: the caller checks the signed sum, the end
 *     zero block, or reports the error);
 *   - metadata entries (PAX `x`/`g`, GNU `L`/`K`) stop the walk (they change the next header);
 *   - mode, uid and gid must be octal (base-256 stops), the POSIX ustar prefix must be empty;
 *   - the name, without trailing `/` and leading `./` and `/`, must be non-empty ASCII with no
 *     empty, `.` or `..` segment and must not be a whiteout (`.wh.` prefix of the last name);
 *   - the entry's content must end within `limit` (the layer's end, relative to the window).
 * Each such header becomes one record: where its name lies in the window, the FNV-1a hashes of
 * the name and its parent (as PathTable computes them), its typeflag, size, mode, uid and gid.
 * `walk` returns the number of records; `next_offset()` is where the walk stopped (the header
 * it could not take, or the first header beyond the window), relative to the window.
 */
#include <stdint.h>

#define BLOCK 512
#define WINDOW (1 << 20)
/* A record per block of the window: one walk always covers the whole window. */
#define MAX_RECORDS (WINDOW / BLOCK)
#define FNV_OFFSET 2166136261u
#define FNV_PRIME 16777619u

static uint8_t window[WINDOW];
static int32_t header_at[MAX_RECORDS];
static int32_t name_start[MAX_RECORDS];
static int32_t name_end[MAX_RECORDS];
static int32_t hash[MAX_RECORDS];
static int32_t slash[MAX_RECORDS];
static int32_t parent_hash[MAX_RECORDS];
static uint32_t typeflag[MAX_RECORDS];
static uint32_t mode[MAX_RECORDS];
static uint32_t uid[MAX_RECORDS];
static uint32_t gid[MAX_RECORDS];
static double size[MAX_RECORDS];
static double next;
/* The records' names packed end to end by `pack` (a name is at most the 100-byte name field). */
static uint8_t packed[MAX_RECORDS * 100];

#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("window") uint8_t *window_ptr(void) { return window; }
EXPORT("windowSize") int32_t window_size(void) { return WINDOW; }
EXPORT("maxRecords") int32_t max_records(void) { return MAX_RECORDS; }
EXPORT("headerAt") int32_t *header_at_ptr(void) { return header_at; }
EXPORT("nameStart") int32_t *name_start_ptr(void) { return name_start; }
EXPORT("nameEnd") int32_t *name_end_ptr(void) { return name_end; }
EXPORT("hash") int32_t *hash_ptr(void) { return hash; }
EXPORT("slash") int32_t *slash_ptr(void) { return slash; }
EXPORT("parentHash") int32_t *parent_hash_ptr(void) { return parent_hash; }
EXPORT("typeflag") uint32_t *typeflag_ptr(void) { return typeflag; }
EXPORT("mode") uint32_t *mode_ptr(void) { return mode; }
EXPORT("uid") uint32_t *uid_ptr(void) { return uid; }
EXPORT("gid") uint32_t *gid_ptr(void) { return gid; }
EXPORT("size") double *size_ptr(void) { return size; }
EXPORT("nextOffset") double next_offset(void) { return next; }
EXPORT("packed") uint8_t *packed_ptr(void) { return packed; }

/* tar.ts readOctal: leading spaces and NULs skipped, digits up to the first non-octal byte. */
static double octal(const uint8_t *p, int len) {
  int i = 0;
  while (i < len && (p[i] == 0x20 || p[i] == 0)) i++;
  double value = 0;
  for (; i < len; i++) {
    uint8_t c = p[i];
    if (c < 0x30 || c > 0x37) break;
    value = value * 8 + (c - 0x30);
  }
  return value;
}

/* tar.ts readOctal's base-256 branch (GNU): big-endian, the first byte's high bit cleared. */
static double base256(const uint8_t *p, int len) {
  double value = p[0] & 0x7f;
  for (int i = 1; i < len; i++) value = value * 256 + p[i];
  return value;
}

static int checksum_matches(const uint8_t *h) {
  uint32_t sum = 8 * 0x20;
  for (int i = 0; i < 148; i++) sum += h[i];
  for (int i = 156; i < BLOCK; i++) sum += h[i];
  return (double)sum == octal(h + 148, 8);
}

static int is_posix_ustar(const uint8_t *h) {
  return h[257] == 'u' && h[258] == 's' && h[259] == 't' && h[260] == 'a' && h[261] == 'r' &&
         h[262] == 0;
}

EXPORT("walk") int32_t walk(int32_t length, double pos, double limit) {
  if (length > WINDOW) length = 0; /* a caller's bug: the window holds no more; take nothing */
  int32_t n = 0;
  while (pos + BLOCK <= length) {
    int32_t at = (int32_t)pos;
    const uint8_t *h = window + at;
    if (!checksum_matches(h)) break;
    uint8_t flag = h[156] == 0 ? 0x30 : h[156];
    if (flag == 'x' || flag == 'g' || flag == 'L' || flag == 'K') break;
    if ((h[100] | h[108] | h[116]) & 0x80) break;
    if (is_posix_ustar(h) && h[345] != 0) break;
    double bytes = (h[124] & 0x80) ? base256(h + 124, 12) : octal(h + 124, 12);
    if (pos + BLOCK + bytes > limit) break;
    /* The name: entries.ts addEntry's fast path, byte for byte. */
    int32_t s = 0;
    int32_t e = 0;
    while (e < 100 && h[e] != 0) e++;
    while (e > s && h[e - 1] == 0x2f) e--;
    for (;;) {
      if (h[s] == 0x2f && s < e) s++;
      else if (h[s] == 0x2e && h[s + 1] == 0x2f && s + 1 < e) s += 2;
      else break;
    }
    int clean = s < e;
    int32_t segment = s;
    int32_t last_slash = s;
    uint32_t hh = FNV_OFFSET;
    uint32_t ph = FNV_OFFSET;
    for (int32_t i = s; i <= e && clean; i++) {
      uint8_t c = i < e ? h[i] : 0x2f;
      if (c >= 0x80) {
        clean = 0;
        break;
      }
      if (c != 0x2f) {
        hh = (hh ^ c) * FNV_PRIME;
        continue;
      }
      int32_t len = i - segment;
      if (len == 0 || (h[segment] == 0x2e && (len == 1 || (len == 2 && h[segment + 1] == 0x2e)))) {
        clean = 0;
      }
      if (i < e) {
        segment = i + 1;
        last_slash = i;
        ph = hh;
        hh = (hh ^ c) * FNV_PRIME;
      }
    }
    if (!clean) break;
    if (e - segment >= 4 && h[segment] == 0x2e && h[segment + 1] == 0x77 &&
        h[segment + 2] == 0x68 && h[segment + 3] == 0x2e) {
      break;
    }
    header_at[n] = at;
    name_start[n] = at + s;
    name_end[n] = at + e;
    hash[n] = (int32_t)hh;
    slash[n] = at + last_slash;
    parent_hash[n] = (int32_t)ph;
    typeflag[n] = flag;
    mode[n] = (uint32_t)octal(h + 100, 8);
    uid[n] = (uint32_t)octal(h + 108, 8);
    gid[n] = (uint32_t)octal(h + 116, 8);
    size[n] = bytes;
    n++;
    /* Content is padded to whole blocks (sizes are integers, so this is tar.ts `padded`). */
    double blocks = (double)(uint64_t)((bytes + (BLOCK - 1)) / BLOCK);
    pos += BLOCK + blocks * BLOCK;
  }
  next = pos;
  return n;
}

/*
 * Copies the names of records [0, count) end to end into `packed` and points each record's
 * name_start, name_end and slash there, plus `base`, instead of into the window (so a walk's
 * records leave the window in one copy each: walk-worker.ts appends them at `base` of a batch it
 * posts to the thread that interns them). Returns the bytes used.
 */
EXPORT("pack") int32_t pack(int32_t count, int32_t base) {
  int32_t at = 0;
  for (int32_t r = 0; r < count; r++) {
    int32_t s = name_start[r];
    int32_t e = name_end[r];
    for (int32_t i = s; i < e; i++) packed[at + i - s] = window[i];
    slash[r] = base + at + slash[r] - s;
    name_start[r] = base + at;
    at += e - s;
    name_end[r] = base + at;
  }
  return at;
}
