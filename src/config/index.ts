export {
  CONFIG_FILE_NAMES,
  DEFAULT_CONFIG,
  type FailureThreshold,
  findConfigFile,
  type LabelType,
  type LayerlintConfig,
  parseConfig,
  type RuleConfig,
  toLintSettings,
} from './config.js';
