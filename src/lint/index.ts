export {
  applyPragmas,
  applySeverity,
  DEFAULT_SETTINGS,
  type LintOutput,
  type LintSettings,
  lintImage,
  lintModel,
  owningInstruction,
  runDockerfileRule,
  runImageRule,
  sortFindings,
} from './engine.js';
export { type FileResult, lintSource } from './lint-source.js';
export { findPragmas, type Pragma, parsePragmaText } from './pragmas.js';
export {
  isForeignCode,
  type LoadRegistryOptions,
  loadRegistry,
  RuleRegistry,
} from './registry.js';
export {
  type DockerfileRule,
  defineImageRule,
  defineRule,
  type ImageReport,
  type ImageRule,
  type MessageData,
  type Report,
  type Rule,
  type RuleDocs,
  type RuleOptions,
  type RuleOptionValue,
} from './rule.js';
