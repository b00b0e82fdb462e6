import type { TokenEndpointResponse } from "openid-client";
import { OicError } from "../errors.js";
import type { StoredTokens } from "./stores/types.js";

/**
 * Builds the record to store from a token response received at `receivedAt` (local clock).
 * A response without a refresh token keeps `previousRefreshToken`: identity domains that do not rotate
 * on a given refresh leave the old one valid.
 */
export function toStoredTokens(
  response: TokenEndpointResponse,
  receivedAt: number,
  binding: string,
  previousRefreshToken?: string,
): StoredTokens {
  if (typeof response.access_token !== "string" || response.access_token === "") {
    throw new OicError("OIC_TOKEN_REQUEST_FAILED", "the token response has no access_token");
  }
  const expiresIn =
    typeof response.expires_in === "number" && Number.isFinite(response.expires_in) ? response.expires_in : undefined;
  const refreshToken =
    typeof response.refresh_token === "string" && response.refresh_token !== ""
      ? response.refresh_token
      : previousRefreshToken;
  return {
    version: 1,
    accessToken: response.access_token,
    // RFC 6750 wants "Bearer"; some servers answer "bearer".
    tokenType: !response.token_type || response.token_type.toLowerCase() === "bearer" ? "Bearer" : response.token_type,
    receivedAt,
    ...(expiresIn !== undefined ? { expiresAt: receivedAt + expiresIn * 1000 } : {}),
    ...(refreshToken ? { refreshToken } : {}),
    ...(typeof response.scope === "string" ? { scope: response.scope } : {}),
    ...(typeof response.id_token === "string" ? { idToken: response.id_token } : {}),
    binding,
  };
}

/** The `Authorization` header value for stored tokens. */
export function authorizationHeader(tokens: StoredTokens): string {
  return `${tokens.tokenType} ${tokens.accessToken}`;
}
