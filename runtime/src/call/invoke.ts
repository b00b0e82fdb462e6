import type { OicClient } from "../client.js";
import { OIC_CONFIGURATION, OIC_HTTP_ERROR, OIC_UNREACHABLE } from "../error-codes.js";
import { OicError } from "../errors.js";
import { OicHttpError } from "../http-error.js";
import { callFailure, type CallContext } from "./call-failure.js";
import type { AttemptEvent, AttemptHook } from "./hooks.js";
import { mayRetry, resolveRetry, RETRY_STATUSES, retryDelay, type RetryOptions } from "./retry.js";
import { Deadline } from "./deadline.js";
import { serializeBody } from "./serialize-body.js";

/** How a success body is read into a JS value. */
export type ResponseKind = "json" | "text" | "blob" | "none";

/**
 * What the generator knows about one operation, emitted as a constant next to the function that uses it.
 * Plain data: nothing here is evaluated as code.
 */
export interface OperationDescriptor {
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";
  /** Path from the instance root, with `{name}` placeholders, e.g. `/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{id}`. */
  readonly path: string;
  /** Media type of the request body, when the operation takes one. */
  readonly requestType?: string;
  /** Media type asked for with `Accept`, when the operation declares one. */
  readonly accept?: string;
  /** How the success body is read: JSON, text (XML, plain text), Blob (binary) or nothing (202/204). */
  readonly responseAs: ResponseKind;
}

/** Per-call options every generated function accepts. */
export interface CallOptions {
  /** Aborts the request (and any token renewal, queueing or retry wait it is in): the call rejects with `OIC_ABORTED`. */
  signal?: AbortSignal;
  /** Extra headers for this call only. */
  headers?: Record<string, string>;
  /** Give up on an attempt after this long (ms; `Infinity` for never): `OIC_TIMEOUT`. Default: the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Retries for this call, over the client's (`false`: none). POST and PATCH need `nonIdempotent: true`. */
  retry?: RetryOptions | false;
}

/** The option binary answers take to be read as a stream instead of a `Blob`. */
export interface StreamOption {
  /** Resolve to the answer's `ReadableStream` as soon as its headers arrive, instead of reading it into a `Blob`. */
  stream?: boolean;
}

/** The parameters and body a generated function passes through. */
export interface OperationInput extends CallOptions, StreamOption {
  path?: object;
  query?: object;
  header?: object;
  body?: unknown;
}

/**
 * Sends one operation through the client and returns the success body. Every failure is an `OicError`:
 * `OIC_HTTP_ERROR` ({@link OicHttpError}) for a non-2xx answer, `OIC_UNREACHABLE`, `OIC_TIMEOUT`,
 * `OIC_ABORTED` or `OIC_INVALID_RESPONSE` when no usable answer came back. Throttling (429), gateway errors
 * (502/503/504) and failed connections are retried per the client's and the call's `retry`; with
 * `maxConcurrent`, the call first waits for a slot. Generated functions call this; apps call the generated
 * functions.
 *
 * The body is whatever the server sent (parsed JSON, text, a Blob or a stream, per `responseAs`): nothing checks
 * it against a schema, so it is `unknown` here, and a generated function states its operation's result type
 * with `as`. Not generic on purpose: a type parameter used only in the return type is a cast in disguise, and
 * instantiating it at every generated call doubled what a fleet of generated modules costs `tsc`.
 */
export async function invoke(
  client: OicClient,
  operation: OperationDescriptor,
  input: OperationInput = {},
): Promise<unknown> {
  const settings = client.settings;
  const headers: Record<string, string> = { ...input.headers };
  if (operation.accept && !hasHeader(headers, "accept")) headers.Accept = operation.accept;
  const hasBody = input.body !== undefined;
  if (hasBody && operation.requestType && !operation.requestType.startsWith("multipart/"))
    headers["Content-Type"] = operation.requestType;
  const streamedBody = hasBody && typeof ReadableStream !== "undefined" && input.body instanceof ReadableStream;
  const streamAnswer = input.stream === true && operation.responseAs === "blob";
  const parseAs = streamAnswer || operation.responseAs === "none" ? "stream" : operation.responseAs;
  // A stream can be sent once only: no retry, whatever the policy.
  const policy = streamedBody
    ? undefined
    : input.retry === undefined
      ? settings.retry
      : resolveRetry(settings.retry, input.retry);
  const retries = policy && mayRetry(policy, operation.method) ? policy : undefined;
  const timeoutMs = input.timeoutMs ?? settings.timeoutMs;
  // See Deadline: requests carry a signal when the caller gave one, chose a timeout, or will read a stream.
  const cancellable =
    (input.timeoutMs !== undefined && input.timeoutMs !== Infinity) || settings.timeoutChosen || streamAnswer;
  const { limiter, onAttempt, clock } = settings;
  const firstStart = retries ? clock.now() : 0;
  const auth = client.auth;
  // The token goes to the client's instance only: the URL is its base plus a path from its root.
  if (auth && (!operation.path.startsWith("/") || operation.path.startsWith("//"))) {
    throw new OicError(
      OIC_CONFIGURATION,
      `refusing to send the token outside the client's instance (${new URL(client.instanceUrl).origin})`,
    );
  }
  // After a 401, the auth renews once and the request is sent again; the second answer is final. A streamed
  // body cannot be sent twice, so a 401 to it is final at once.
  let replayed = streamedBody;

  for (let attempt = 1; ; attempt++) {
    if (limiter) await limiter.acquire(input.signal);
    const started = onAttempt ? performance.now() : 0;
    const deadline = new Deadline(input.signal, timeoutMs, cancellable);
    let result: { data?: unknown; error?: unknown; response: Response } | undefined;
    let failure: OicError | undefined;
    try {
      const init: Parameters<OicClient["http"]["request"]>[2] = {
        params: { path: input.path as never, query: input.query as never, header: input.header as never },
        body: hasBody ? (input.body as never) : undefined,
        bodySerializer: (body: unknown) => serializeBody(body, operation.requestType),
        parseAs,
        headers,
        signal: deadline.signal,
      };
      if (streamedBody) {
        // Streamed uploads need half duplex in fetch; the flag tells the auth layer not to copy the body.
        init.duplex = "half";
        init.oicStreamedBody = true;
      }
      // The Authorization header is set here rather than by an openapi-fetch middleware: a middleware costs
      // every call about 2 µs (bench/runtime.mjs), more than the rest of the hot path.
      const pending = auth
        ? auth.getAuthorization({ signal: deadline.signal ?? input.signal }).then((authorization) => {
            headers.Authorization = authorization;
            return client.http.request(operation.method, operation.path, init);
          })
        : client.http.request(operation.method, operation.path, init);
      if (deadline.expired) pending.catch(ignore);
      result = await (deadline.expired ? Promise.race([pending, deadline.expired]) : pending);
    } catch (error) {
      failure = callFailure(error, context(client, operation), deadline);
    } finally {
      // A streamed answer is read after we return: the caller's signal keeps working on it, the timeout stops.
      deadline.settle(streamAnswer && result?.response.ok === true);
      limiter?.release();
    }
    const status = result?.response.status;
    if (status === 401 && !replayed && auth?.handleUnauthorized) {
      replayed = true;
      if (await auth.handleUnauthorized(headers.Authorization ?? "", { signal: input.signal })) {
        // openapi-fetch has read the error body already; release it only if it has not.
        if (!result!.response.bodyUsed) await result!.response.body?.cancel().catch(ignore);
        attempt--; // the replay is the same attempt, not a retry
        continue;
      }
    }
    let retryInMs: number | undefined;
    if (
      retries &&
      attempt <= retries.retries &&
      (failure ? failure.code === OIC_UNREACHABLE : RETRY_STATUSES.has(status!))
    ) {
      const wait = retryDelay(
        retries,
        attempt,
        result?.response.headers.get("retry-after") ?? null,
        clock.now(),
        clock.random,
      );
      if (clock.now() + wait - firstStart <= retries.maxElapsedMs) retryInMs = wait;
    }
    if (onAttempt) {
      report(onAttempt, {
        operation: `${operation.method} ${operation.path}`,
        attempt,
        ...(status !== undefined ? { status } : {}),
        durationMs: performance.now() - started,
        ...(failure ? { error: failure.code } : result!.response.ok ? {} : { error: OIC_HTTP_ERROR }),
        ...(retryInMs !== undefined ? { retryInMs } : {}),
      });
    }
    if (retryInMs !== undefined) {
      await clock.sleep(retryInMs, input.signal);
      continue;
    }
    if (failure) throw failure;
    const { data, error, response } = result!;
    if (!response.ok)
      throw new OicHttpError({
        method: operation.method,
        path: operation.path,
        instanceUrl: client.instanceUrl,
        response,
        body: error,
        scope: client.auth?.scope,
      });
    if (operation.responseAs === "none") {
      await (data as ReadableStream | undefined)?.cancel();
      return undefined;
    }
    // openapi-fetch gives no stream for an empty answer (204, Content-Length: 0): an empty stream keeps the type true.
    if (streamAnswer && data == null) return new ReadableStream({ start: (c) => c.close() });
    return data;
  }
}

function ignore(): void {}

function report(hook: AttemptHook, event: AttemptEvent): void {
  try {
    hook(event);
  } catch {
    // Observers must not change the call's outcome.
  }
}

function context(client: OicClient, operation: OperationDescriptor): CallContext {
  return { method: operation.method, path: operation.path, host: new URL(client.instanceUrl).host };
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
