/**
 * A worker thread that reads uncompressed layers by position and walks their headers into
 * batches (walk-batches.ts), leaving the interning to the main thread (see walk-feed.ts for why
 * the work is split that way). It walks, from the first on, every layer the main thread did not
 * claim for itself.
 */
import { parentPort } from 'node:worker_threads';
import { walkLayer } from './walk-batches.js';
import {
  CLAIMED_BY_WORKER,
  IN_FLIGHT,
  MAX_IN_FLIGHT,
  STOP,
  type WalkJob,
  type WalkMessage,
} from './walk-protocol.js';

const port = parentPort;
if (!port) throw new Error('walk-worker.js runs as a worker thread');

/** Thrown out of a walk when the main thread wants no more (it failed or finished early). */
class Stopped extends Error {}

/** Waits while the main thread has MAX_IN_FLIGHT batches to take. */
function waitForRoom(control: Int32Array): void {
  for (;;) {
    if (Atomics.load(control, STOP) !== 0) throw new Stopped();
    const inFlight = Atomics.load(control, IN_FLIGHT);
    if (inFlight < MAX_IN_FLIGHT) return;
    // Timed, so that a stop is seen even without a notify.
    Atomics.wait(control, IN_FLIGHT, inFlight, 100);
  }
}

port.once('message', async (job: WalkJob) => {
  const control = new Int32Array(job.control);
  const claims = new Int32Array(job.claims);
  const send = (message: WalkMessage, transfer: ArrayBuffer[]) => {
    if (Atomics.load(control, STOP) !== 0) throw new Stopped();
    if (message.kind === 'batch') {
      waitForRoom(control);
      Atomics.add(control, IN_FLIGHT, 1);
    }
    port.postMessage(message, transfer);
  };
  // Once the walks are done nothing keeps this thread (the `once` listener is gone): it ends,
  // and the main thread, waiting for that in WalkFeed.close, goes on.
  await walkClaimed(job, claims, send);
});

/** Walks, from the first on, every layer the main thread did not claim. */
async function walkClaimed(
  job: WalkJob,
  claims: Int32Array,
  send: (message: WalkMessage, transfer: ArrayBuffer[]) => void,
): Promise<void> {
  for (let layer = 0; layer < job.layers.length; layer++) {
    // The main thread claims its layers before the worker starts: the rest are the worker's.
    if (Atomics.compareExchange(claims, layer, 0, CLAIMED_BY_WORKER) !== 0) continue;
    try {
      await walkLayer(job.layers[layer]!, layer, send);
    } catch (error) {
      if (error instanceof Stopped) return;
      const err = error instanceof Error ? error : new Error(String(error));
      port!.postMessage({
        kind: 'error',
        layer,
        name: err.name,
        message: err.message,
        code: (err as NodeJS.ErrnoException).code,
      } satisfies WalkMessage);
      return;
    }
  }
}
