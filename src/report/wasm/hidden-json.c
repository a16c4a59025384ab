/*
 * The hidden-file list of `analyze --format json`, written in WebAssembly (see hidden-json.ts
 * and build.sh in src/image/wasm, which compiles it).
 *
 * Why C: the list of a large image is tens of MB of JSON. In JavaScript every byte of it (the
 * keys around each value, the digits, each path's bytes) is a typed-array store, about 4 ns a
 * byte on our CI machine. For the bench image's 102k files (17 MB) the write phase went from
 * ~157 to ~89 ms; most of what is left is cache misses, as the list is in size order and the
 * paths lie in the table in id order. Only the common case is written: a path whose bytes JSON takes as they
 * are (printable ASCII but `"` and `\`), a size that is an integer from 0 to 2^53 - 1, layers
 * from 0. `write` stops at any other file, and at a file that does not fit in `out`; the
 * JavaScript writer (analysis-text.ts), which defines the text, writes that one and calls
 * `write` again for the rest.
 *
 * The caller lays out every input in this module's memory from `__heap_base` up: the path
 * table's byte arena, starts and lengths (a path's bytes are `arena[starts[id] - 1,
 * starts[id] + lengths[id])`, the `/` before it included; id 0 is the root, `/`), the files'
 * columns in their final order, the texts around the values, and the output buffer.
 */
#include <stdint.h>

#define EXPORT(name) __attribute__((export_name(name)))

/* The texts around a file's values, as `texts[text_at[k]..][0, text_length[k])`. */
enum {
  OPEN = 0,   /* up to and including `"path": ` */
  SIZE = 1,   /* `,\n    "sizeBytes": ` */
  ADDED = 2,  /* `,\n    "addedInLayer": ` */
  HIDDEN = 3, /* `,\n    "hiddenByLayer": ` */
  HOW = 4,    /* `,\n    "how": ` */
  CLOSE = 5,  /* `\n  }` */
  HOW_0 = 6,  /* `"deleted"`, then `"opaque"` and `"overwritten"`: the how values */
  SEPARATOR = 9, /* `,\n` between two files */
  TEXTS = 10
};

static int32_t written;

/* Bytes `write` put in `out` by its last call. */
EXPORT("written") int32_t written_bytes(void) { return written; }

static inline uint8_t *put(uint8_t *o, const uint8_t *text, int32_t n) {
  for (int32_t i = 0; i < n; i++) o[i] = text[i];
  return o + n;
}

/* An integer from 0 to 2^53 - 1, as JavaScript's String writes it. */
static inline uint8_t *count(uint8_t *o, uint64_t n) {
  uint8_t digits[20];
  int k = 0;
  do {
    digits[k++] = (uint8_t)('0' + n % 10);
    n /= 10;
  } while (n > 0);
  while (k > 0) *o++ = digits[--k];
  return o;
}

/*
 * Writes files [from, to) into `out` (room for `room` bytes), each preceded by the separator
 * when `separate` is set or it is not the first of this call. Returns the index of the first
 * file not written (`to` when all were); `written()` is then the bytes written. `most` is the
 * most bytes a file can take besides its path (texts, separator, quotes, three counts).
 */
EXPORT("write")
int32_t write(const uint8_t *arena, const int32_t *starts, const int32_t *lengths,
              const int32_t *ids, const double *sizes, const int32_t *adders,
              const int32_t *hiders, const uint8_t *hows, const uint8_t *texts,
              const int32_t *text_at, const int32_t *text_length, int32_t most, int32_t from,
              int32_t to, int32_t separate, uint8_t *out, int32_t room) {
  uint8_t *o = out;
  const uint8_t *end = out + room;
  int32_t i = from;
  for (; i < to; i++) {
    double size = sizes[i];
    if (!(size >= 0 && size <= 9007199254740991.0) || size != (double)(uint64_t)size) break;
    if (adders[i] < 0 || hiders[i] < 0 || hows[i] > 2) break;
    int32_t id = ids[i];
    int32_t from_byte = id == 0 ? 0 : starts[id] - 1;
    int32_t bytes = id == 0 ? 1 : lengths[id] + 1;
    if (end - o < (int64_t)bytes + most) break;
    uint8_t *file = o;
    if (separate) o = put(o, texts + text_at[SEPARATOR], text_length[SEPARATOR]);
    o = put(o, texts + text_at[OPEN], text_length[OPEN]);
    *o++ = '"';
    if (id == 0) {
      *o++ = '/';
    } else {
      const uint8_t *p = arena + from_byte;
      int plain = 1;
      for (int32_t k = 0; k < bytes; k++) {
        uint8_t c = p[k];
        if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') plain = 0;
        o[k] = c;
      }
      if (!plain) {
        o = file;
        break;
      }
      o += bytes;
    }
    *o++ = '"';
    o = put(o, texts + text_at[SIZE], text_length[SIZE]);
    o = count(o, (uint64_t)size);
    o = put(o, texts + text_at[ADDED], text_length[ADDED]);
    o = count(o, (uint64_t)adders[i]);
    o = put(o, texts + text_at[HIDDEN], text_length[HIDDEN]);
    o = count(o, (uint64_t)hiders[i]);
    o = put(o, texts + text_at[HOW], text_length[HOW]);
    o = put(o, texts + text_at[HOW_0 + hows[i]], text_length[HOW_0 + hows[i]]);
    o = put(o, texts + text_at[CLOSE], text_length[CLOSE]);
    separate = 1;
  }
  written = (int32_t)(o - out);
  return i;
}
