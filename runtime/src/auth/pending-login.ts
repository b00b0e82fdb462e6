/**
 * The per-login secrets to keep between sending the user to the identity domain and receiving the
 * callback: in a web app, in the user's server-side session (never in a cookie the browser can read).
 */
export interface PendingLogin {
  /** Sent as `state`; the callback must carry the same value. */
  readonly state: string;
  /** PKCE verifier (S256); secret. */
  readonly codeVerifier: string;
  /** Sent as `nonce` when `openid` is in the scope; the ID token must carry it. */
  readonly nonce?: string;
  /** The registered redirect URL the authorization request named. */
  readonly redirectUri: string;
  /** The scope asked for, space-separated. */
  readonly scope: string;
  /** Origin of the instance the tokens will be stored for. */
  readonly instanceUrl: string;
  /** Epoch ms the login started; old pending logins are refused. */
  readonly createdAt: number;
}
