export {
  baseStages,
  commandName,
  commandsAfter,
  type ExternalImage,
  externalImages,
  feedsPipe,
  hasArg,
  hasCacheMount,
  hasFlag,
  is,
  isCommand,
  positionalArgs,
  runCommands,
  shipsInImage,
  stageInstructions,
} from './helpers.js';
export {
  KNOWN_KEYWORDS,
  parseDockerfile,
  parseImageRef,
  sameStageName,
  substituteArgs,
} from './parse.js';
export type * from './types.js';
