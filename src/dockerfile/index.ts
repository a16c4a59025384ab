export {
  commandName,
  feedsPipe,
  hasArg,
  hasCacheMount,
  hasFlag,
  is,
  isCommand,
  positionalArgs,
  runCommands,
} from './helpers.js';
export {
  KNOWN_KEYWORDS,
  parseDockerfile,
  parseImageRef,
  sameStageName,
  substituteArgs,
} from './parse.js';
export type * from './types.js';
