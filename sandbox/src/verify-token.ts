/**
 * Bearer token checks as OIC makes them: an RS256 JWT signed by the identity domain's keys, issuer
 * `https://identity.oraclecloud.com/`, the instance as audience, not expired, with a scope that admits
 * the kind of request (integration calls: `<aud>urn:opc:resource:consumer::all`; management API and
 * metadata: that scope or the Developer API scope `<aud>/ic/api/`).
 */
import { CONSUMER_SCOPE_SUFFIX, MANAGEMENT_SCOPE_SUFFIX } from "@oic-gen/runtime/internal";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";

export type Verified = { ok: true; subject: string } | { ok: false; description: string };

/** `now`: the clock expiry is checked against (default the system clock); tests move it instead of waiting. */
export function tokenVerifier(options: { jwks: JSONWebKeySet; issuer: string; audience: string; now?: () => Date }) {
  const keys = createLocalJWKSet(options.jwks);
  const consumerScope = `${options.audience}${CONSUMER_SCOPE_SUFFIX}`;
  const managementScope = `${options.audience}${MANAGEMENT_SCOPE_SUFFIX}`;
  return async function verify(header: string | undefined, kind: "integration" | "management"): Promise<Verified> {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(header ?? "");
    if (!match) return { ok: false, description: header ? "malformed Authorization header" : "no bearer token" };
    try {
      const { payload } = await jwtVerify(match[1]!, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: ["RS256"],
        requiredClaims: ["exp", "sub"],
        currentDate: options.now?.(),
      });
      const scopes = typeof payload.scope === "string" ? payload.scope.split(" ") : [];
      const admitted =
        kind === "integration"
          ? scopes.includes(consumerScope)
          : scopes.includes(consumerScope) || scopes.includes(managementScope);
      if (!admitted) return { ok: false, description: "the token's scope does not cover this resource" };
      return { ok: true, subject: payload.sub! };
    } catch (error) {
      // jose's codes (ERR_JWT_EXPIRED, ERR_JWT_CLAIM_VALIDATION_FAILED, ...) describe the failure without the token.
      const code = (error as { code?: string }).code ?? "ERR_JWT_INVALID";
      return {
        ok: false,
        description:
          code === "ERR_JWT_EXPIRED" ? "the access token expired" : `the access token was rejected (${code})`,
      };
    }
  };
}
