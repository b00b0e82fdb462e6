// Compiled (never run) against the output generated from test/fixtures/sloppy into test/.tmp/sloppy-compile by
// sloppy.test.ts. Right calls must compile; every line under @ts-expect-error must not.
import { createOicClient } from "@oic-gen/runtime";
import {
  catalogue,
  deepRefs,
  googleStylePaths,
  looseTypes,
  selfReference,
  sharedSchemasOnly,
  undeclaredPathParameters,
} from "../../.tmp/sloppy-compile/index.js";
import type { components } from "../../.tmp/sloppy-compile/shared-schemas-only/types.js";

const oic = createOicClient({ instanceUrl: "https://example.invalid" });

export async function rightCalls(): Promise<void> {
  // An undeclared {org_id} is a required string path parameter, beside the declared integer {member}.
  const member = await undeclaredPathParameters.getMember(oic, { path: { org_id: "acme", member: 7 } });
  const id: number | undefined = member.id;
  // A declared path parameter that is not in the path is not asked for.
  await undeclaredPathParameters.deleteOrg(oic, { path: { org_id: "acme" }, query: { force: true } });
  await googleStylePaths.readWorkspaceFile(oic, { path: { workspace: "w" } });
  await googleStylePaths.readNamedFile(oic, { path: { name: "n" } });
  // The query string of a path key became a required query parameter.
  const articles: string[] = await googleStylePaths.searchArticles(oic, { query: { query: "oic" } });
  const things = await looseTypes.list(oic);
  // Unknown types are read as what they mean, not as Record<string, never>.
  const when: string | undefined = things[0]?.when;
  const size: number | undefined = things[0]?.size;
  await looseTypes.list2(oic, { path: { id: "1" } });
  const money: components["schemas"]["Money"] = { amount: 1 };
  const nodes = await selfReference.getNodes(oic);
  const deep = await deepRefs.getOrder(oic, { path: { id: "1" } });
  const orderId: string | undefined = deep.id;
  const sku: string | undefined = deep.order?.lines?.[0]?.sku;
  return void [id, articles, money, catalogue, when, size, nodes, orderId, sku];
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error org_id is required
  await undeclaredPathParameters.getMember(oic, { path: { member: 7 } });
  // @ts-expect-error team is not a parameter any more
  await undeclaredPathParameters.deleteOrg(oic, { path: { org_id: "acme", team: "t" } });
  // @ts-expect-error the query parameter is required
  await googleStylePaths.searchArticles(oic, {});
  // @ts-expect-error a schemas-only spec has no functions
  await sharedSchemasOnly.getMoney(oic);
}
