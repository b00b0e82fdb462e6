// Public types of the token session, kept apart from session.ts so that they carry no openid-client types.

/**
 * How long before expiry a token is renewed: a fixed number of milliseconds, or a function of the
 * token's lifetime (ms). Default: the smaller of 5 minutes and 10% of the lifetime.
 */
export type RefreshAhead = number | ((lifetimeMs: number) => number);

/** What a session knows about its tokens, without the tokens. */
export interface SessionStatus {
  /** True when a call could be made now or after a silent refresh. */
  loggedIn: boolean;
  /** True when a refresh token is stored. */
  refreshable: boolean;
  /** When the access token expires (local clock), if the identity domain said. */
  expiresAt?: Date;
  /** When the current tokens were received. */
  receivedAt?: Date;
  /** The scope granted with the current tokens, if the identity domain said. */
  scope?: string;
  /** Who is signed in: `sub` of the ID token, else of the access token (read for display, not verified). */
  subject?: string;
  /** `user_displayname` (identity domains) or `name` from the same token, when it carries one. */
  displayName?: string;
}
