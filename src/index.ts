/**
 * layerlint as a library: read an image archive, analyse it, lint Dockerfiles and images.
 * The CLI (src/cli) is built on these.
 */
export { analyzeImage } from './analysis/analyze.js';
export type { HiddenFile, ImageAnalysis, LayerAnalysis } from './analysis/types.js';
export type { Finding } from './findings.js';
export { LayerEntries } from './image/layer-entries.js';
export { PathTable } from './image/path-table.js';
export { type ReadImageOptions, readImage } from './image/read-image.js';
export type { LayerEntry, LoadedImage, LoadedLayer } from './image/types.js';
export * from './lint/index.js';
