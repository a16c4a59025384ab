/**
 * A worker thread that scans layer blobs lying on disk (see scan-pool.ts). Each job gets its
 * own PathTable; the main thread merges it into the image's.
 */
import { parentPort } from 'node:worker_threads';
import { scanLayerFile } from './layer-scan.js';
import { PathTable } from './path-table.js';
import type { ScanReply, ScanRequest } from './scan-pool.js';

const port = parentPort;
if (!port) throw new Error('scan-worker.js runs as a worker thread');

port.on('message', (job: ScanRequest) => {
  const paths = new PathTable();
  scanLayerFile(job.at, paths).then(
    (scan) => {
      const reply: ScanReply = {
        ok: true,
        compression: scan.compression,
        warnings: scan.warnings,
        paths: paths.exportColumns(),
        entries: scan.entries.exportColumns(),
      };
      const e = reply.entries;
      port.postMessage(reply, [
        reply.paths.arena,
        reply.paths.starts.buffer,
        reply.paths.lengths.buffer,
        reply.paths.hashes.buffer,
        reply.paths.parents.buffer,
        e.ids.buffer,
        e.kinds.buffer,
        e.whiteouts.buffer,
        e.sizes.buffer,
        e.modes.buffer,
        e.uids.buffer,
        e.gids.buffer,
      ]);
    },
    (error: unknown) => {
      const err = error instanceof Error ? error : new Error(String(error));
      const reply: ScanReply = {
        ok: false,
        name: err.name,
        message: err.message,
        code: (err as NodeJS.ErrnoException).code,
      };
      port.postMessage(reply);
    },
  );
});
