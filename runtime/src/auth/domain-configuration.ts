import type * as oidc from "openid-client";
import { OicError } from "../errors.js";
import type { IdentityDomain } from "./discovery.js";
import type { ClientKey } from "./client-authentication.js";

/** What the grants need of a domain besides its public face; openid-client's types stay inside the runtime. */
export interface DomainInternals {
  /** The openid-client configuration (discovered once). */
  configuration(): Promise<oidc.Configuration>;
  /** The device authorization endpoint (not in the discovery document of identity domains). */
  readonly deviceEndpoint: string | undefined;
  /** The application's signing key, when it authenticates with `private_key_jwt`. */
  readonly clientKey: ClientKey | undefined;
  /** `fetch` with the domain's deadline and network-failure mapping. */
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
}

const internals = new WeakMap<IdentityDomain, DomainInternals>();

export function registerDomain(domain: IdentityDomain, value: DomainInternals): void {
  internals.set(domain, value);
}

export function internalsOf(domain: IdentityDomain): DomainInternals {
  const value = internals.get(domain);
  if (!value) throw new OicError("OIC_CONFIGURATION", "domain must be made by identityDomain()");
  return value;
}

/** The openid-client configuration of a domain made by `identityDomain` (discovered once). */
export function configurationOf(domain: IdentityDomain): Promise<oidc.Configuration> {
  const value = internals.get(domain);
  if (!value) return Promise.reject(new OicError("OIC_CONFIGURATION", "domain must be made by identityDomain()"));
  return value.configuration();
}
