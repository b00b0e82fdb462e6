import type * as oidc from "openid-client";
import { OicError } from "../errors.js";
import type { IdentityDomain } from "./discovery.js";

// openid-client's Configuration stays inside the runtime: the public IdentityDomain does not carry its type.
const configurations = new WeakMap<IdentityDomain, () => Promise<oidc.Configuration>>();

export function registerConfiguration(domain: IdentityDomain, configuration: () => Promise<oidc.Configuration>): void {
  configurations.set(domain, configuration);
}

/** The openid-client configuration of a domain made by `identityDomain` (discovered once). */
export function configurationOf(domain: IdentityDomain): Promise<oidc.Configuration> {
  const configuration = configurations.get(domain);
  if (!configuration) return Promise.reject(new OicError("OIC_CONFIGURATION", "domain must be made by identityDomain()"));
  return configuration();
}
