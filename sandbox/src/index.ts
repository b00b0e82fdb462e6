/**
 * A local OIC sandbox: an identity-domain stand-in (oidc-provider shaped like OCI IAM) and an OIC stand-in
 * serving the integrations of some specs, wired together so tokens from the one are accepted by the other.
 */
import { oicAudience } from "@oic-gen/runtime";
import { CONSUMER_SCOPE_SUFFIX, IDCS_ISSUER, MANAGEMENT_SCOPE_SUFFIX } from "@oic-gen/runtime/internal";
import {
  startIdentityDomain,
  type IdentityDomainStandIn,
  type IdentityDomainStandInOptions,
} from "./identity-domain.js";
import { startOicStandIn, type OicCall, type ReloadEvent } from "./oic-stand-in.js";
import { DEFAULT_ROLES, type OicRole } from "./roles.js";

export {
  startIdentityDomain,
  type IdentityDomainStandIn,
  type IdentityDomainStandInOptions,
} from "./identity-domain.js";
export {
  startOicStandIn,
  type OicStandIn,
  type OicStandInOptions,
  type OicCall,
  type ReloadEvent,
} from "./oic-stand-in.js";
export { FAULT_HEADER } from "./oic-faults.js";
export { DEFAULT_ROLES, type OicRole } from "./roles.js";
export { loadIntegrations, type HostedIntegration } from "oic-gen/sandbox-support";

/** The redirect URL `oic-gen login` listens on by default; always registered. */
export { DEFAULT_REDIRECT_URI } from "oic-gen/sandbox-support";
import { DEFAULT_REDIRECT_URI } from "oic-gen/sandbox-support";

export interface SandboxOptions {
  /** Spec files or folders, as for the generator. */
  specs: string[];
  /** Interface both servers listen on. Default 127.0.0.1. */
  host?: string;
  /** Ports; default free ones. */
  idcsPort?: number;
  oicPort?: number;
  /** Redirect URLs registered for the client besides {@link DEFAULT_REDIRECT_URI}. */
  redirectUris?: string[];
  /** Users and passwords. Default alice, bob and carol. */
  users?: Record<string, string>;
  /**
   * Roles on the instance by user (or client id, for client credentials): `null` for none (403). Default
   * {@link DEFAULT_ROLES} (alice ServiceDeveloper, bob ServiceUser, carol none), ServiceDeveloper for other
   * users, ServiceUser for the application.
   */
  roles?: Record<string, OicRole | null>;
  /** Integration calls in flight at most before 429 (OIC: 100 per message pack). Default 100. */
  maxConcurrent?: number;
  /** The synchronous timeout in ms (OIC: 300 s). Default 300 000. */
  syncTimeoutMs?: number;
  /** Further instance audiences the identity domain issues tokens for (one domain often serves dev, test and prod). */
  audiences?: string[];
  /** Called after each reload of changed specs. */
  onReload?: (event: ReloadEvent) => void;
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds. Default 604800. */
  refreshTokenTtl?: number;
  /** `interval` (seconds) for device responses; default none, as IDCS (see the identity domain's option). */
  deviceCodeInterval?: number;
  clientId?: string;
  clientSecret?: string;
  /** Certificates (or public keys, PEM) uploaded to the application, by alias, for `private_key_jwt` and user assertions. */
  certificates?: IdentityDomainStandInOptions["certificates"];
  /** Gen3 service-instance name; when set, the management API requires `?integrationInstance=<it>`. */
  integrationInstance?: string;
  /** `"CODE|01.00.0000"` → status (default ACTIVATED). Only ACTIVATED integrations serve endpoints. */
  statuses?: Record<string, string>;
  /** The clock the OIC stand-in checks token expiry against. Default the system clock (tests move it instead of waiting). */
  now?: () => Date;
}

export interface SandboxIntegration {
  code: string;
  /** Full OIC version, `01.00.0000` (the `id` is `CODE|version`). */
  version: string;
  /** Version in URLs, `1.0`. */
  urlVersion: string;
  project: string | null;
  name: string;
  /** Absolute path of the spec file. */
  specFile: string;
  /** Number of operations served. */
  operations: number;
  status: string;
  /** `<instance>/.../<CODE>/<VER>/metadata`. */
  metadataUrl: string | null;
}

export interface Sandbox {
  identityDomain: IdentityDomainStandIn;
  /** `http://127.0.0.1:<port>` */
  instanceUrl: string;
  /** `<instance origin>urn:opc:resource:consumer::all`: calls integrations (and reads metadata and the list). */
  scope: string;
  /** `<instance origin>/ic/api/`: the Developer API scope (metadata and the management API). */
  managementScope: string;
  /** Integrations with an OIC identity, as currently loaded (changes after a reload). */
  readonly integrations: SandboxIntegration[];
  /** Every request the OIC stand-in answered, in order (user `""` when its token was refused). */
  calls: OicCall[];
  /** Problems of the last reload that failed (the previous specs stay served), else empty. */
  readonly problems: readonly string[];
  /** Reads the specs again now (they are also re-read when their files change). */
  reload(): Promise<void>;
  close(): Promise<void>;
}

/** The sandbox's users: alice and bob may call and pull; carol signs in but has no role on the instance. */
export const SANDBOX_USERS: Readonly<Record<string, string>> = {
  alice: "alice-password-1",
  bob: "bob-password-2",
  carol: "carol-password-3",
};

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const redirectUris = [...new Set([DEFAULT_REDIRECT_URI, ...(options.redirectUris ?? [])])];
  const users = options.users ?? SANDBOX_USERS;
  const clientId = options.clientId ?? "oic-gen-sandbox";
  const roles: Record<string, OicRole | null> = {
    ...Object.fromEntries(
      Object.keys(users).map((user) => [
        user,
        Object.hasOwn(DEFAULT_ROLES, user) ? DEFAULT_ROLES[user]! : "ServiceDeveloper",
      ]),
    ),
    [clientId]: "ServiceUser",
    ...options.roles,
  };
  let instanceUrl = "";
  const identityDomain = await startIdentityDomain({
    redirectUris,
    host: options.host,
    port: options.idcsPort,
    clientId,
    clientSecret: options.clientSecret,
    users,
    accessTokenTtl: options.accessTokenTtl,
    refreshTokenTtl: options.refreshTokenTtl,
    deviceCodeInterval: options.deviceCodeInterval,
    certificates: options.certificates,
    // As a real domain: scopes must name this instance (or another one it serves).
    audiences: () => [instanceUrl, ...(options.audiences ?? []).map((audience) => oicAudience(audience))],
  });
  let oic: Awaited<ReturnType<typeof startOicStandIn>>;
  try {
    oic = await startOicStandIn({
      specs: options.specs,
      jwks: identityDomain.jwks,
      issuer: IDCS_ISSUER,
      host: options.host,
      port: options.oicPort,
      integrationInstance: options.integrationInstance,
      statuses: options.statuses,
      roles,
      maxConcurrent: options.maxConcurrent,
      syncTimeoutMs: options.syncTimeoutMs,
      onReload: options.onReload,
      now: options.now,
    });
  } catch (error) {
    await identityDomain.close();
    throw error;
  }
  const stand = oic;
  instanceUrl = stand.url;
  const statuses = options.statuses ?? {};
  return {
    identityDomain,
    instanceUrl: stand.url,
    scope: `${stand.url}${CONSUMER_SCOPE_SUFFIX}`,
    managementScope: `${stand.url}${MANAGEMENT_SCOPE_SUFFIX}`,
    get integrations() {
      return stand
        .integrations()
        .filter((integration) => integration.code !== null)
        .map((integration) => ({
          code: integration.code!,
          version: integration.version,
          urlVersion: integration.urlVersion,
          project: integration.project,
          name: integration.name,
          specFile: integration.specFile,
          operations: integration.operations.length,
          status: statuses[`${integration.code}|${integration.version}`] ?? "ACTIVATED",
          metadataUrl: integration.prefix ? `${stand.url}${integration.prefix}/metadata` : null,
        }));
    },
    calls: stand.calls,
    get problems() {
      return stand.problems();
    },
    reload: () => stand.reload(),
    async close() {
      await stand.close();
      await identityDomain.close();
    },
  };
}
