/**
 * `toOicError`: what each identity-domain failure becomes for the caller (a stable code, a message that names
 * the step and origin and says what to do), and that no secret-looking text survives into a message.
 */
import { describe, expect, it } from "vitest";
import { OAuthErrorAnswer, toOicError, type TokenStep } from "../../../runtime/src/auth/token-errors.js";
import {
  OIC_IDENTITY_DOMAIN_UNREACHABLE,
  OIC_INVALID_CLIENT,
  OIC_LOGIN_DENIED,
  OIC_LOGIN_FAILED,
  OIC_LOGIN_REQUIRED,
  OIC_LOGIN_TIMEOUT,
  OIC_TOKEN_REQUEST_FAILED,
} from "../../../runtime/src/error-codes.js";
import { OicError, OicLoginRequiredError, OicOAuthError } from "../../../runtime/src/errors.js";
import { NetworkFailure } from "../../../runtime/src/network-failure.js";

const ORIGIN = "https://idcs-0123.identity.oraclecloud.com";
const answer = (error: string, status = 400, description?: string) => new OAuthErrorAnswer(error, description, status);

describe("OAuth error answers", () => {
  it.each<[string, TokenStep, number, string]>([
    ["invalid_client", "refresh_token", 401, OIC_INVALID_CLIENT],
    ["invalid_client", "authorization_code", 401, OIC_INVALID_CLIENT],
    ["access_denied", "device_code", 400, OIC_LOGIN_DENIED],
    ["expired_token", "device_code", 400, OIC_LOGIN_TIMEOUT],
    ["invalid_grant", "refresh_token", 400, OIC_LOGIN_REQUIRED],
    ["invalid_grant", "authorization_code", 400, OIC_LOGIN_FAILED],
    ["invalid_scope", "client_credentials", 400, OIC_TOKEN_REQUEST_FAILED],
    ["temporarily_unavailable", "refresh_token", 503, OIC_IDENTITY_DOMAIN_UNREACHABLE],
  ])("%s during %s (HTTP %i) → %s", (oauthError, step, status, code) => {
    const error = toOicError(answer(oauthError, status), step, ORIGIN);
    expect(error).toBeInstanceOf(OicError);
    expect(error.code).toBe(code);
    expect(error.message).toContain(ORIGIN);
  });

  it("a refused refresh token asks for a new sign-in and says the stored tokens were cleared", () => {
    const error = toOicError(answer("invalid_grant"), "refresh_token", ORIGIN);
    expect(error).toBeInstanceOf(OicLoginRequiredError);
    expect(error.message).toMatch(/sign in again; stored tokens were cleared/);
  });

  it("invalid_client names what to check, and keeps the OAuth error and status for code that branches on them", () => {
    const error = toOicError(answer("invalid_client", 401), "client_credentials", ORIGIN) as OicOAuthError;
    expect(error).toBeInstanceOf(OicOAuthError);
    expect(error.message).toMatch(/check clientId and clientSecret/);
    expect(error.oauthError).toBe("invalid_client");
    expect(error.status).toBe(401);
  });

  it("a 5xx answer keeps the stored tokens (the identity domain is down, the login is not wrong)", () => {
    const error = toOicError(answer("server_error", 502), "refresh_token", ORIGIN);
    expect(error.code).toBe(OIC_IDENTITY_DOMAIN_UNREACHABLE);
    expect(error.message).toMatch(/HTTP 502.*stored tokens are kept/);
  });

  it("an error description that carries a token-looking value is redacted", () => {
    const secret = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const error = toOicError(answer("invalid_grant", 400, `grant ${secret} is revoked`), "refresh_token", ORIGIN);
    expect(error.message).toContain("[redacted]");
    expect(error.message).not.toContain(secret);
  });
});

describe("failures without an answer", () => {
  it("a network failure names the step and the reason, and keeps the stored tokens", () => {
    const error = toOicError(new NetworkFailure("ECONNREFUSED", new Error("connect")), "refresh_token", ORIGIN);
    expect(error.code).toBe(OIC_IDENTITY_DOMAIN_UNREACHABLE);
    expect(error.message).toBe(
      `the identity domain at ${ORIGIN} could not be reached during the token refresh (ECONNREFUSED); stored tokens are kept`,
    );
  });

  it("an OicError passes through unchanged (a store failure is not re-labelled as a token failure)", () => {
    const original = new OicError(OIC_LOGIN_TIMEOUT, "nobody signed in");
    expect(toOicError(original, "authorization_code", ORIGIN)).toBe(original);
  });

  it.each<[TokenStep, string]>([
    ["authorization_code", OIC_LOGIN_FAILED],
    ["device_authorization", OIC_LOGIN_FAILED],
    ["client_credentials", OIC_TOKEN_REQUEST_FAILED],
    ["jwt_bearer", OIC_TOKEN_REQUEST_FAILED],
  ])("anything else during %s → %s, its message redacted", (step, code) => {
    const error = toOicError(new Error(`bad state: code=${"A".repeat(40)}`), step, ORIGIN);
    expect(error.code).toBe(code);
    expect(error.message).not.toContain("A".repeat(40));
  });
});
