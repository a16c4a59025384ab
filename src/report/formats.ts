/** The names of the lint report formats (a light module: the CLI reads it at start-up). */
export const FORMATS = [
  'tty',
  'json',
  'sarif',
  'checkstyle',
  'codeclimate',
  'junit',
  'github',
  'gnu',
] as const;

export type FormatName = (typeof FORMATS)[number];
