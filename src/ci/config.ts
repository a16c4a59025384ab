import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findConfigFile, readConfigText } from '../config/settings.js';
import { ConfigError } from '../errors.js';
import { type CiConfig, DEFAULT_CI_CONFIG } from './gate.js';

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
    const parsed = (await parse())(readConfigText(options.ciConfig), options.ciConfig);
    if (!parsed) {
      throw new ConfigError(
        `${options.ciConfig}: no ci: section (layerlint) or rules: section (dive) found`,
      );
    }
    return parsed;
  }
  const layerlint = findConfigFile(options.cwd, existsSync);
  if (layerlint) {
    const parsed = (await parse())(readConfigText(layerlint), layerlint);
    if (parsed) return parsed;
  }
  const dive = join(options.cwd, '.dive-ci');
  if (existsSync(dive)) {
    return (await parse())(readConfigText(dive), dive) ?? { ...DEFAULT_CI_CONFIG, source: dive };
  }
  return DEFAULT_CI_CONFIG;
}
