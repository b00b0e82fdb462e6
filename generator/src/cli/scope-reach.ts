import { CONSUMER_SCOPE_SUFFIX, MANAGEMENT_SCOPE_SUFFIX } from "@oic-gen/runtime/internal";
import { oicAudience, oicScope } from "@oic-gen/runtime";

/**
 * Why a scope cannot reach the instance, or undefined when it can: OIC accepts a token only when its scope
 * names the instance's audience (`https://<host>:443urn:opc:resource:consumer::all`, or the Developer API's
 * `https://<host>:443/ic/api/`). `urn:opc:resource:consumer::all` alone, or another instance's scope, gets
 * "signed in" from the identity domain and then 401 from OIC.
 */
export function scopeProblem(scope: string, instanceUrl: string): string | undefined {
  let audience: string;
  try {
    audience = oicAudience(instanceUrl);
  } catch {
    return undefined; // an invalid instance URL is reported on its own
  }
  const parts = scope.split(/\s+/).filter(Boolean);
  if (parts.includes(`${audience}${CONSUMER_SCOPE_SUFFIX}`) || parts.includes(`${audience}${MANAGEMENT_SCOPE_SUFFIX}`))
    return undefined;
  const bare = parts.find((part) => part === CONSUMER_SCOPE_SUFFIX);
  const other = parts.find((part) => part.endsWith(CONSUMER_SCOPE_SUFFIX) || part.endsWith(MANAGEMENT_SCOPE_SUFFIX));
  const why = bare
    ? `it has ${CONSUMER_SCOPE_SUFFIX} without the instance's audience in front`
    : other
      ? `it names another audience (${other})`
      : "it names no OIC resource";
  return `the scope "${scope}" does not reach ${instanceUrl}: ${why}. OIC will answer 401. Use ${oicScope(instanceUrl)} (leave --scope out for this default).`;
}
