export { parseConfig } from './config.js';
export {
  CONFIG_FILE_NAMES,
  DEFAULT_CONFIG,
  type FailureThreshold,
  findConfigFile,
  type LabelType,
  type LayerlintConfig,
  type RuleConfig,
  toLintSettings,
} from './settings.js';
