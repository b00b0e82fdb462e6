import { configurationOf } from "./domain-configuration.js";
import { identityDomain, type IdentityDomain, type IdentityDomainOptions } from "./discovery.js";

/** Either an {@link IdentityDomain} created once and shared, or the options to create one. */
export type DomainChoice = { domain: IdentityDomain } | IdentityDomainOptions;

export function resolveDomain(choice: DomainChoice): IdentityDomain {
  return "domain" in choice && choice.domain ? choice.domain : identityDomain(choice as IdentityDomainOptions);
}

/** Origin of the token endpoint, for error messages. */
export async function tokenEndpointOrigin(domain: IdentityDomain): Promise<string> {
  const endpoint = (await configurationOf(domain)).serverMetadata().token_endpoint;
  return endpoint ? new URL(endpoint).origin : "the identity domain";
}
