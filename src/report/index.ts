import { formatCheckstyle } from './checkstyle.js';
import { formatCodeclimate } from './codeclimate.js';
import { FORMATS, type FormatName } from './formats.js';
import { formatGithub } from './github.js';
import { formatGnu } from './gnu.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatTty } from './tty.js';
import type { Formatter } from './types.js';

export { FORMATS, type FormatName };

export const FORMATTERS: Readonly<Record<FormatName, Formatter>> = {
  tty: formatTty,
  json: formatJson,
  sarif: formatSarif,
  checkstyle: formatCheckstyle,
  codeclimate: formatCodeclimate,
  junit: formatJunit,
  github: formatGithub,
  gnu: formatGnu,
};

export function isFormatName(name: string): name is FormatName {
  return (FORMATS as readonly string[]).includes(name);
}

export type { FileResult, Formatter, ReportInput, RuleSummary } from './types.js';
export { ruleSummaries } from './types.js';
export {
  formatCheckstyle,
  formatCodeclimate,
  formatGithub,
  formatGnu,
  formatJson,
  formatJunit,
  formatSarif,
  formatTty,
};
