// Reading a request body with bounds: a size limit (the rest is counted, not kept), a deadline for the
// whole body, a longest pause between its parts, and a way for the listener to give up on it (a slot
// wanted by a new sender, or the listener stopping). A body that never finishes cannot hold a slot.
import type { IncomingMessage } from 'node:http';

/** Why a body is not whole: the sender hung up, took too long, paused too long, or the listener gave up on it. */
export type CutOff = 'closed' | 'timeout' | 'idle' | 'evicted' | 'stopped';

export interface RequestBody {
  /** What arrived, up to `maxBytes`. */
  raw: Buffer;
  /** Bytes that arrived, kept or not. */
  size: number;
  tooLarge: boolean;
  /** Set when the body is not whole. */
  cutOff?: CutOff;
}

export interface BodyLimits {
  maxBytes: number;
  /** The whole body must arrive within this of the request's start. */
  timeoutMs: number;
  /** No pause between parts longer than this. */
  idleMs: number;
}

/** Reads `req`'s body; `giveUp` (set on the returned handle) ends the wait at once with that reason. */
export function readRequestBody(req: IncomingMessage, limits: BodyLimits): { body: Promise<RequestBody>; giveUp: (why: CutOff) => void } {
  const chunks: Buffer[] = [];
  let size = 0;
  let finish: (cutOff?: CutOff) => void = () => undefined;
  const body = new Promise<RequestBody>((resolve) => {
    let idle: NodeJS.Timeout | undefined;
    const deadline = setTimeout(() => finish('timeout'), limits.timeoutMs);
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish('idle'), limits.idleMs);
    };
    finish = (cutOff) => {
      finish = () => undefined;
      clearTimeout(deadline);
      clearTimeout(idle);
      req.removeAllListeners('data');
      resolve({ raw: Buffer.concat(chunks), size, tooLarge: size > limits.maxBytes, ...(cutOff ? { cutOff } : {}) });
    };
    armIdle();
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limits.maxBytes) chunks.push(chunk);
      armIdle();
    });
    req.on('end', () => finish());
    req.on('error', () => finish('closed'));
    req.on('close', () => finish(req.complete ? undefined : 'closed'));
  });
  return { body, giveUp: (why) => finish(why) };
}
