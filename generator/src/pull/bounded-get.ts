import { invoke, type OicClient } from "@oic-gen/runtime";
import { PullFailure } from "./pull-failure.js";
import type { PullLimits } from "./pull-limits.js";

/** What one bounded GET needs: the request, the limits, and the signal of the pull's overall deadline. */
export interface BoundedGet {
  path: string;
  pathParams?: Record<string, string>;
  query?: Record<string, string | number>;
  limits: PullLimits;
  /** Fires at the pull's overall deadline (or when the caller stops it). */
  signal: AbortSignal;
}

/**
 * GETs a JSON answer as text, never reading more than `limits.maxBytes` nor waiting longer than
 * `limits.requestTimeoutMs` for the whole of it. The answer is streamed, so a 150 MB body stops at the cap
 * and a body that trickles in byte by byte stops at the deadline instead of hanging the pull.
 */
export async function boundedGet(client: OicClient, request: BoundedGet): Promise<string> {
  const perRequest = new AbortController();
  const timer = setTimeout(() => perRequest.abort(), request.limits.requestTimeoutMs);
  const signal = AbortSignal.any([request.signal, perRequest.signal]);
  try {
    // `stream: true` on a `blob` answer resolves to its body's stream.
    const stream = (await invoke(
      client,
      { method: "GET", path: request.path, accept: "application/json", responseAs: "blob" },
      { path: request.pathParams, query: request.query, signal, stream: true },
    )) as ReadableStream<Uint8Array>;
    return await readCapped(stream, request.limits.maxBytes);
  } catch (error) {
    if (request.signal.aborted)
      throw new PullFailure(
        `stopped at the pull's overall deadline (--timeout ${seconds(request.limits.deadlineMs)})`,
        { cause: error },
      );
    if (perRequest.signal.aborted)
      throw new PullFailure(
        `no complete answer within ${seconds(request.limits.requestTimeoutMs)} (--request-timeout)`,
        { cause: error },
      );
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

async function readCapped(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<string> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new PullFailure(
        `the answer is larger than ${maxBytes / 1_000_000} MB (--max-file-size); nothing was written`,
      );
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
