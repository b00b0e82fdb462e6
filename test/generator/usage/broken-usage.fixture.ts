// A wrong call without @ts-expect-error: compile.test.ts checks that tsc rejects it.
import { createOicClient } from "@oic-gen/runtime";
import { ordersSyncV1_0 } from "../../.tmp/specs-compile/index.js";

const oic = createOicClient({ instanceUrl: "https://example.invalid" });
export const wrong = ordersSyncV1_0.getOrder(oic, { path: { orderId: 42 } });
