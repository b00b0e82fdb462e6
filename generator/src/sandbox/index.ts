/**
 * A local OIC sandbox: an identity-domain stand-in (oidc-provider shaped like OCI IAM) and an OIC stand-in
 * serving the integrations of some specs, wired together so tokens from the one are accepted by the other.
 */
import { CONSUMER_SCOPE_SUFFIX, IDCS_ISSUER, MANAGEMENT_SCOPE_SUFFIX } from "@oic-gen/runtime";
import { startIdentityDomain, type IdentityDomainStandIn } from "./identity-domain.js";
import { startOicStandIn, type OicCall } from "./oic-stand-in.js";

export { startIdentityDomain, type IdentityDomainStandIn, type IdentityDomainStandInOptions } from "./identity-domain.js";
export { startOicStandIn, type OicStandIn, type OicStandInOptions, type OicCall } from "./oic-stand-in.js";
export { loadIntegrations, type HostedIntegration } from "./load-integrations.js";

/** The redirect URL `oic-gen login` listens on by default; always registered. */
export { DEFAULT_REDIRECT_URI } from "../defaults.js";
import { DEFAULT_REDIRECT_URI } from "../defaults.js";

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
  /** Users and passwords. Default alice and bob. */
  users?: Record<string, string>;
  /** Access token lifetime in seconds. Default 3600. */
  accessTokenTtl?: number;
  /** Refresh token lifetime in seconds. Default 604800. */
  refreshTokenTtl?: number;
  clientId?: string;
  clientSecret?: string;
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

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const redirectUris = [...new Set([DEFAULT_REDIRECT_URI, ...(options.redirectUris ?? [])])];
  const identityDomain = await startIdentityDomain({
    redirectUris,
    host: options.host,
    port: options.idcsPort,
    clientId: options.clientId ?? "oic-gen-sandbox",
    clientSecret: options.clientSecret,
    users: options.users,
    accessTokenTtl: options.accessTokenTtl,
    refreshTokenTtl: options.refreshTokenTtl,
  });
  let oic;
  try {
    oic = await startOicStandIn({
      specs: options.specs,
      jwks: identityDomain.jwks,
      issuer: IDCS_ISSUER,
      host: options.host,
      port: options.oicPort,
      integrationInstance: options.integrationInstance,
      statuses: options.statuses,
      now: options.now,
    });
  } catch (error) {
    await identityDomain.close();
    throw error;
  }
  const stand = oic;
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
