/** What the label rules share: the label schema option and the labels it types. */
import type { DockerfileModel, Range } from '../../src/dockerfile/index.js';

/** `label-schema:` from config: label key → type (`text`, `url`, `semver`, `hash`, …). */
export type LabelSchema = Readonly<Record<string, string>>;

/** The default of the `labelSchema` option: no schema, so schema rules do nothing. */
export const NO_LABEL_SCHEMA: LabelSchema = {};

/** A LABEL pair with a value we can read. */
export interface TypedLabel {
  readonly key: string;
  readonly value: string;
  readonly range: Range;
}

/**
 * Every LABEL pair whose key the schema gives `type`, with a value we can read: empty values are
 * left to label-not-empty, and values with variables are set at build time.
 */
export function labelsOfType(
  model: DockerfileModel,
  schema: LabelSchema,
  type: string,
): TypedLabel[] {
  return model
    .find('LABEL')
    .flatMap((label) => label.pairs)
    .flatMap((p) =>
      schema[p.key] === type && p.value !== null && p.value !== '' && !p.value.includes('$')
        ? [{ key: p.key, value: p.value, range: p.range }]
        : [],
    );
}
