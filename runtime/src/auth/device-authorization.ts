import * as oidc from "openid-client";
import { OIC_CONFIGURATION, OIC_INVALID_RESPONSE, OIC_LOGIN_TIMEOUT } from "../error-codes.js";
import { OicError } from "../errors.js";
import type { Clock } from "../call/clock.js";
import type { IdentityDomain } from "./discovery.js";
import { configurationOf, internalsOf } from "./domain-configuration.js";
import { OAuthErrorAnswer, toOicError } from "./token-errors.js";

/** The grant type of the token requests that poll for a device login (RFC 8628). */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** RFC 8628 section 3.5: poll every 5 s when the server names no interval; add 5 s on each `slow_down`. */
export const DEFAULT_POLL_INTERVAL_MS = 5_000;
const SLOW_DOWN_MS = 5_000;

/** What the user is shown: where to go and which code to enter there. Neither is a secret. */
export interface DeviceCodePrompt {
  /** The code the user enters, e.g. `SDFGHJKL`. */
  userCode: string;
  /** Where the user enters it, on any device with a browser, e.g. `https://idcs-<id>.identity.oraclecloud.com/ui/v1/device`. */
  verificationUri: string;
  /** The same page with the code filled in, when the identity domain sends one (identity domains do not). */
  verificationUriComplete?: string;
  /** When the code stops working (local clock). */
  expiresAt: Date;
}

interface DeviceAuthorization {
  deviceCode: string;
  prompt: DeviceCodePrompt;
  intervalMs: number | undefined;
}

/**
 * Asks the identity domain for a device code: `POST <device endpoint>` with `response_type=device_code`,
 * `scope` and `client_id` (form-encoded, no client authentication, as identity domains document it).
 */
export async function requestDeviceCode(
  domain: IdentityDomain,
  scope: string,
  now: number,
): Promise<DeviceAuthorization> {
  const { deviceEndpoint, fetch } = internalsOf(domain);
  if (!deviceEndpoint)
    throw new OicError(
      OIC_CONFIGURATION,
      "the device login needs the device authorization endpoint: give endpoints.device (or domainUrl)",
    );
  const origin = new URL(deviceEndpoint).origin;
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(deviceEndpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams({ response_type: "device_code", scope, client_id: domain.clientId }).toString(),
    });
    body = await response.json().catch(() => undefined);
  } catch (error) {
    throw toOicError(error, "device_authorization", origin);
  }
  const record = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  if (!response.ok) {
    if (response.status >= 500 || typeof record.error !== "string") {
      throw toOicError(
        new oidc.ClientError(`unexpected HTTP ${response.status}`, { cause: response }),
        "device_authorization",
        origin,
      );
    }
    throw toOicError(
      new OAuthErrorAnswer(
        record.error,
        typeof record.error_description === "string" ? record.error_description : undefined,
        response.status,
      ),
      "device_authorization",
      origin,
    );
  }
  const {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
    expires_in: expiresIn,
  } = record;
  if (
    typeof deviceCode !== "string" ||
    typeof userCode !== "string" ||
    typeof verificationUri !== "string" ||
    typeof expiresIn !== "number" ||
    !(expiresIn > 0)
  ) {
    throw new OicError(
      OIC_INVALID_RESPONSE,
      `the device authorization answer from ${origin} lacks device_code, user_code, verification_uri or expires_in`,
    );
  }
  const complete = typeof record.verification_uri_complete === "string" ? record.verification_uri_complete : undefined;
  const interval = typeof record.interval === "number" && record.interval > 0 ? record.interval * 1000 : undefined;
  return {
    deviceCode,
    prompt: {
      userCode,
      verificationUri,
      ...(complete ? { verificationUriComplete: complete } : {}),
      expiresAt: new Date(now + expiresIn * 1000),
    },
    intervalMs: interval,
  };
}

/**
 * Polls the token endpoint until the user has entered the code (client authenticated as for every token
 * request): waits `interval` between polls, 5 s more after each `slow_down`, and stops at the code's
 * expiry or `deadline`, whichever is first.
 */
export async function pollForTokens(
  domain: IdentityDomain,
  authorization: DeviceAuthorization,
  options: { intervalMs: number; deadline: number; clock: Clock; signal?: AbortSignal },
): Promise<oidc.TokenEndpointResponse> {
  const config = await configurationOf(domain);
  const origin = new URL(config.serverMetadata().token_endpoint ?? domain.url).origin;
  const end = Math.min(options.deadline, authorization.prompt.expiresAt.getTime());
  let interval = options.intervalMs;
  for (;;) {
    if (options.clock.now() + interval > end) {
      throw new OicError(
        OIC_LOGIN_TIMEOUT,
        `nobody entered the code ${authorization.prompt.userCode} at ${authorization.prompt.verificationUri} in time: start again`,
      );
    }
    await options.clock.sleep(interval, options.signal);
    try {
      return await oidc.genericGrantRequest(config, DEVICE_CODE_GRANT, { device_code: authorization.deviceCode });
    } catch (error) {
      const code = error instanceof oidc.ResponseBodyError ? error.error : undefined;
      if (code === "authorization_pending") continue;
      if (code === "slow_down") {
        interval += SLOW_DOWN_MS;
        continue;
      }
      throw toOicError(error, "device_code", origin);
    }
  }
}
