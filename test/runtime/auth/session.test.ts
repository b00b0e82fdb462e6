import type { TokenEndpointResponse } from "openid-client";
import { describe, expect, test } from "vitest";
import { OicError } from "../../../runtime/src/errors.js";
import { TokenSession } from "../../../runtime/src/auth/session.js";
import { memoryTokenStore } from "../../../runtime/src/auth/stores/memory.js";
import { manualClock } from "../../support/manual-clock.js";

// When a session renews is decided by its clock alone: these tests move time instead of waiting for it.
// Where a test is about signing in or refreshing against a real identity domain, see staying-logged-in.

/** A token source that answers refreshes with numbered tokens (`access-1`, `refresh-1`, ...), or fails. */
function numberedSource(options: { expiresIn?: number } = {}) {
  let issued = 0;
  const source = {
    refreshes: [] as string[],
    failWith: undefined as Error | undefined,
    async refresh(refreshToken: string): Promise<TokenEndpointResponse> {
      source.refreshes.push(refreshToken);
      if (source.failWith) throw source.failWith;
      issued++;
      return {
        access_token: `access-${issued}`,
        refresh_token: `refresh-${issued}`,
        token_type: "bearer",
        expires_in: options.expiresIn ?? 3600,
      } as TokenEndpointResponse;
    },
    async acquire() {
      return undefined;
    },
  };
  return source;
}

function session(options: { refreshAhead?: number; expiresIn?: number } = {}) {
  const clock = manualClock(1_000_000);
  const source = numberedSource(options);
  const store = memoryTokenStore();
  const tokens = new TokenSession({ store, binding: "b", source, clock, refreshAhead: options.refreshAhead });
  return { clock, source, store, tokens };
}

const signIn = (expiresIn: number) =>
  ({ access_token: "access-0", refresh_token: "refresh-0", token_type: "bearer", expires_in: expiresIn }) as const;

describe("TokenSession with an injected clock", () => {
  test("lifetimes are counted from the clock's now, not the system's", async () => {
    const { clock, tokens, store } = session();
    await tokens.replace(signIn(60) as TokenEndpointResponse);
    const stored = await store.load();
    expect(stored?.receivedAt).toBe(clock.now());
    expect(stored?.expiresAt).toBe(clock.now() + 60_000);
    expect((await tokens.status()).expiresAt?.getTime()).toBe(1_000_000 + 60_000);
  });

  test("a token is reused until refreshAhead before expiry, then refreshed once", async () => {
    const { clock, tokens, source } = session({ refreshAhead: 10_000 });
    await tokens.replace(signIn(60) as TokenEndpointResponse);
    clock.advance(49_999);
    expect(await tokens.getAuthorization()).toBe("Bearer access-0");
    expect(source.refreshes).toEqual([]);
    clock.advance(1);
    expect(await tokens.getAuthorization()).toBe("Bearer access-1");
    expect(await tokens.getAuthorization()).toBe("Bearer access-1");
    expect(source.refreshes).toEqual(["refresh-0"]);
  });

  test("the default refreshAhead is 10% of a short lifetime and 5 minutes of a long one", async () => {
    const short = session();
    await short.tokens.replace(signIn(100) as TokenEndpointResponse);
    short.clock.advance(89_999);
    await short.tokens.getAuthorization();
    expect(short.source.refreshes).toEqual([]);
    short.clock.advance(1);
    await short.tokens.getAuthorization();
    expect(short.source.refreshes).toEqual(["refresh-0"]);

    const long = session();
    await long.tokens.replace(signIn(3600) as TokenEndpointResponse);
    long.clock.advance(3600_000 - 300_000 - 1);
    await long.tokens.getAuthorization();
    expect(long.source.refreshes).toEqual([]);
    long.clock.advance(1);
    await long.tokens.getAuthorization();
    expect(long.source.refreshes).toEqual(["refresh-0"]);
  });

  test("status says logged out once an unrefreshable token has expired by the clock", async () => {
    const { clock, tokens } = session();
    await tokens.replace({ access_token: "a", token_type: "bearer", expires_in: 60 } as TokenEndpointResponse);
    clock.advance(59_999);
    expect((await tokens.status()).loggedIn).toBe(true);
    clock.advance(1);
    expect(await tokens.status()).toMatchObject({ loggedIn: false, refreshable: false });
  });

  test("after an unreachable domain, a due token is served for 10 s of clock time before the next try", async () => {
    const { clock, tokens, source } = session({ refreshAhead: 30_000 });
    await tokens.replace(signIn(60) as TokenEndpointResponse);
    clock.advance(40_000); // due, still valid for 20 s
    source.failWith = new OicError("OIC_IDENTITY_DOMAIN_UNREACHABLE", "down");
    expect(await tokens.getAuthorization()).toBe("Bearer access-0");
    expect(source.refreshes).toHaveLength(1);
    clock.advance(9_999);
    expect(await tokens.getAuthorization()).toBe("Bearer access-0");
    expect(source.refreshes, "no retry within the back-off").toHaveLength(1);
    clock.advance(1);
    source.failWith = undefined;
    expect(await tokens.getAuthorization()).toBe("Bearer access-1");
    expect(source.refreshes).toEqual(["refresh-0", "refresh-0"]);
  });

  test("an expired token is not served while the domain is unreachable", async () => {
    const { clock, tokens, source } = session();
    await tokens.replace(signIn(60) as TokenEndpointResponse);
    clock.advance(60_000);
    source.failWith = new OicError("OIC_IDENTITY_DOMAIN_UNREACHABLE", "down");
    const error = await tokens.getAuthorization().catch((e: unknown) => e);
    expect((error as OicError).code).toBe("OIC_IDENTITY_DOMAIN_UNREACHABLE");
  });
});
