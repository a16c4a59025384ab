/**
 * dive's CI threshold values, parsed as dive parses them (research/dive.md §2): fractions for
 * the two ratios, go-humanize byte sizes for the byte limits, and `disabled` (also `off`,
 * `false` or empty) to turn a rule off.
 */

export type Threshold =
  | { readonly disabled: true }
  | { readonly disabled: false; readonly value: number };

const DISABLED = new Set(['', 'disabled', 'off', 'false']);

/** Units as go-humanize's ParseBytes reads them: SI by default, IEC with `i`; case-insensitive. */
const UNITS: Readonly<Record<string, number>> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  ki: 1024,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mi: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gi: 1024 ** 3,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  ti: 1024 ** 4,
  tib: 1024 ** 4,
  p: 1e15,
  pb: 1e15,
  pi: 1024 ** 5,
  pib: 1024 ** 5,
};

/** Why a value was refused, for a ConfigError the caller places at file:line:col. */
export class ThresholdError extends Error {
  override name = 'ThresholdError';
}

function isDisabled(raw: unknown): boolean {
  return (
    raw === false ||
    raw === null ||
    (typeof raw === 'string' && DISABLED.has(raw.trim().toLowerCase()))
  );
}

/** A fraction between 0 and 1 (`lowestEfficiency`, `highestUserWastedPercent`). */
export function parseFraction(raw: unknown): Threshold {
  if (isDisabled(raw)) return { disabled: true };
  const value =
    typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw.trim()) : Number.NaN;
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new ThresholdError(
      `must be a number between 0 and 1, or "disabled" (got ${JSON.stringify(raw)})`,
    );
  }
  return { disabled: false, value };
}

/** A byte size (`highestWastedBytes`, `highestHiddenBytes`): `20MB`, `19Mb`, `50kB`, `1MiB`, `1024`. */
export function parseBytes(raw: unknown): Threshold {
  if (isDisabled(raw)) return { disabled: true };
  if (typeof raw === 'number') {
    if (Number.isFinite(raw) && raw >= 0) return { disabled: false, value: Math.floor(raw) };
  } else if (typeof raw === 'string') {
    const m = /^([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)$/.exec(raw.trim().replaceAll(',', ''));
    const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
    if (m && unit !== undefined) return { disabled: false, value: Math.floor(Number(m[1]) * unit) };
  }
  throw new ThresholdError(
    `must be a size such as 20MB, 512kB or 1GiB, or "disabled" (got ${JSON.stringify(raw)})`,
  );
}

/**
 * go-humanize's Bytes, as dive prints sizes in CI: SI units, one decimal below 10, none above
 * (`131 B`, `6.4 kB`, `13 kB`, `1.2 MB`).
 */
export function humanizeBytes(bytes: number): string {
  if (bytes < 10) return `${bytes} B`;
  const sizes = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  const e = Math.floor(Math.log(bytes) / Math.log(1000));
  const suffix = sizes[e]!;
  const val = Math.floor((bytes / 1000 ** e) * 10 + 0.5) / 10;
  return val < 10 ? `${val.toFixed(1)} ${suffix}` : `${val.toFixed(0)} ${suffix}`;
}
