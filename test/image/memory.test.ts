import { describe, expect, it } from 'vitest';
import { canCollect, streamedBytes } from '../../src/image/memory.js';

describe('collecting dead stream buffers', () => {
  it('reaches the collector on this Node (else peak memory of streamed images grows)', () => {
    expect(canCollect()).toBe(true);
  });

  it('collects after enough streamed bytes: dead buffers are freed', async () => {
    // A buffer only a weak reference holds is gone after the collection streamedBytes makes.
    let buffer: Buffer | undefined = Buffer.alloc(8 << 20);
    const weak = new WeakRef(buffer);
    buffer = undefined;
    // Let the current turn end: objects made in it are kept alive until it does (WeakRef rule).
    await new Promise((resolve) => setTimeout(resolve, 0));
    streamedBytes(1 << 30);
    expect(weak.deref()).toBeUndefined();
  });
});
