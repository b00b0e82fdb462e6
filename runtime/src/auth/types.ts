/**
 * What the HTTP client needs from an authentication mode. The client never sees tokens being obtained,
 * renewed or stored: it asks for a header value and reports a rejection.
 */
export interface OicAuth {
  /** The scope tokens are asked for, when known; named in the hints of a 401 error. Never a secret. */
  readonly scope?: string;
  /**
   * Origin of the only instance this auth's tokens may be sent to. A client for another instance refuses
   * the auth; a client without `instanceUrl` takes this one.
   */
  readonly instanceUrl?: string;
  /**
   * The `Authorization` header value to send now (for example `Bearer eyJ...`), obtaining or renewing a
   * token first when needed. Concurrent callers share one renewal.
   */
  getAuthorization(options?: { signal?: AbortSignal }): Promise<string>;
  /**
   * Called once when OIC answered 401 to a request sent with `rejected`. Resolves `true` when a different
   * header value is now available and the request may be replayed once; `false` to give up.
   */
  handleUnauthorized?(rejected: string, options?: { signal?: AbortSignal }): Promise<boolean>;
}
