import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigFile } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import { type CiConfig, DEFAULT_CI_CONFIG } from './gate.js';

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new ConfigError(`${file}: cannot be read (${code})`, { cause: error });
  }
}

/**
 * Where the gate's thresholds come from: `--ci-config FILE` (a `.dive-ci` or a
 * `.layerlint.yaml`); else the `ci:` section of the `.layerlint.yaml` found from `cwd` upwards;
 * else `.dive-ci` in `cwd`; else dive's defaults.
 */
export async function loadCiConfig(options: {
  readonly ciConfig?: string;
  readonly cwd: string;
}): Promise<CiConfig> {
  // The YAML parser loads only when there is a file to read: most runs have none.
  const parse = async () => (await import('./parse-config.js')).parseCiConfig;
  if (options.ciConfig !== undefined) {
    const parsed = (await parse())(readText(options.ciConfig), options.ciConfig);
    if (!parsed) {
      throw new ConfigError(
        `${options.ciConfig}: no ci: section (layerlint) or rules: section (dive) found`,
      );
    }
    return parsed;
  }
  const layerlint = findConfigFile(options.cwd, existsSync);
  if (layerlint) {
    const parsed = (await parse())(readText(layerlint), layerlint);
    if (parsed) return parsed;
  }
  const dive = join(options.cwd, '.dive-ci');
  if (existsSync(dive)) {
    return (await parse())(readText(dive), dive) ?? { ...DEFAULT_CI_CONFIG, source: dive };
  }
  return DEFAULT_CI_CONFIG;
}
