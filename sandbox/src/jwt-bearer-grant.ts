/**
 * The JWT user assertion grant (`urn:ietf:params:oauth:grant-type:jwt-bearer`) as identity domains offer it
 * to trusted applications: the application (authenticated as usual) presents an assertion it signed with an
 * uploaded certificate's key, whose `sub` names a user, and receives an access token for that user.
 */
import { errors } from "oidc-provider";
import { AssertionRefused, type AssertionChecker } from "./client-assertions.js";

export const JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

// oidc-provider ships no types: the provider and its context are `any` here (see oidc-provider.d.ts).
export interface JwtBearerGrantOptions {
  checker: AssertionChecker;
  users: Readonly<Record<string, string>>;
  /** The audience (instance) a scope names, as the stand-in's resource indicators do. */
  audienceFromScope(scope: unknown): string | undefined;
  /** The resource server settings for an audience (JWT access tokens for the instance). */
  resourceServerInfo(audience: string): Record<string, unknown>;
  /** Called with each grant made, so a user's grants can be revoked. */
  onGrant(accountId: string, grantId: string): void;
}

// biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types
export function registerJwtBearerGrant(provider: any, options: JwtBearerGrantOptions): void {
  provider.registerGrantType(
    JWT_BEARER_GRANT,
    // biome-ignore lint/suspicious/noExplicitAny: oidc-provider ships no types
    async (ctx: any) => {
      const { assertion, scope } = ctx.oidc.params as { assertion?: string; scope?: string };
      if (!assertion) throw new errors.InvalidRequest("missing required parameter 'assertion'");
      let sub: string;
      try {
        sub = (await options.checker.verify(assertion, (s) => Object.hasOwn(options.users, s))).sub!;
      } catch (error) {
        // oidc-provider puts a fixed text in error_description; identity domains say what was wrong.
        if (error instanceof AssertionRefused)
          throw Object.assign(new errors.InvalidGrant(error.message), { error_description: error.message });
        throw error;
      }
      const audience = options.audienceFromScope(scope);
      if (!audience) throw new errors.InvalidScope("the scope names no OIC instance", String(scope ?? ""));
      const info = options.resourceServerInfo(audience);
      const offered = new Set(String(info.scope).split(" "));
      const granted = String(scope)
        .split(" ")
        .filter((s) => offered.has(s))
        .join(" ");
      const client = ctx.oidc.client;
      const grant = new provider.Grant({ accountId: sub, clientId: client.clientId });
      grant.addResourceScope(audience, granted);
      const grantId = await grant.save();
      options.onGrant(sub, grantId);
      const token = new provider.AccessToken({
        accountId: sub,
        client,
        grantId,
        gty: "jwt_bearer",
        scope: granted,
        resourceServer: new provider.ResourceServer(audience, info),
      });
      ctx.oidc.entity("AccessToken", token);
      const value = await token.save();
      ctx.body = { access_token: value, expires_in: token.expiration, token_type: "Bearer", scope: granted };
    },
    ["assertion", "scope"],
  );
}
