/**
 * Errors the user must act on. The CLI prints a LayerlintError's message alone (exit 2); anything
 * else is a bug and prints its stack.
 */
export class LayerlintError extends Error {
  override name = 'LayerlintError';
}

/** An image archive (or layout directory) that cannot be read as an image. */
export class ArchiveFormatError extends LayerlintError {
  override name = 'ArchiveFormatError';
}

/** A Dockerfile that cannot be read at all (a parse problem inside it is a finding, not this). */
export class DockerfileParseError extends LayerlintError {
  override name = 'DockerfileParseError';
}

/** A configuration file with a bad value; the message names file:line:col. */
export class ConfigError extends LayerlintError {
  override name = 'ConfigError';
}

/** A bad command line. */
export class UsageError extends LayerlintError {
  override name = 'UsageError';
}
