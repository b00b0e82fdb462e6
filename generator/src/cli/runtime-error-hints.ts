/**
 * What to check for each runtime error code (see runtime/README.md "Errors"), as the CLI words it: the
 * runtime's message already names the host, the cause and, for 401/403, the checklist; these lines name the
 * flags and config keys a CLI user changes. Commands add what only they know (which login, which variable).
 */
export function runtimeErrorHints(error: { code: string }): string[] {
  switch (error.code) {
    case "OIC_UNREACHABLE":
      return [
        "Check the instance URL (--instance, or instanceUrl in oic-gen.config.json): its host name, port and scheme,",
        "and that this machine reaches it (network, VPN, proxy settings such as HTTPS_PROXY).",
      ];
    case "OIC_IDENTITY_DOMAIN_UNREACHABLE":
      return [
        "Check the identity domain URL (--domain, or domainUrl in oic-gen.config.json) and that this machine reaches it.",
      ];
    case "OIC_TIMEOUT":
      return [
        "The server accepted the connection but did not answer in time: try again, or raise the deadline (pull: --request-timeout, --timeout).",
      ];
    case "OIC_INVALID_CLIENT":
      return [
        "Check the client id (--client-id, or clientId) and the client secret (the environment variable it is read from).",
      ];
    case "OIC_LOGIN_REQUIRED":
      return ["Run oic-gen login (with the same --instance, --domain, --client-id and --scope)."];
    case "OIC_TOKEN_REQUEST_FAILED":
      return [
        "The identity domain refused the token request: often a scope the application does not list, or a grant it does not allow.",
      ];
    case "OIC_INVALID_RESPONSE":
      return [
        "Something answered in the instance's place (a proxy or gateway page?), or the instance is misconfigured.",
      ];
    case "OIC_TOKEN_STORE_FAILED":
      return ["Check the cache folder ($XDG_CACHE_HOME/oic-gen or ~/.cache/oic-gen): permissions and free space."];
    default:
      return [];
  }
}
