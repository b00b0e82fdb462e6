// Compiled (never run) against the output generated from specs/ into test/.tmp/specs-compile by
// compile.test.ts. Right calls must compile; every line under @ts-expect-error must not.
import { createOicClient, type OicHttpError } from "@oic-gen/runtime";
import {
  catalogue,
  invoiceXmlImportV1_0,
  ordersSyncV1_0,
  ordersSyncV2_0,
  shipmentNotifyV1_0,
  supportTicketNoteV1_0,
} from "../../.tmp/specs-compile/index.js";

const oic = createOicClient({
  instanceUrl: "https://myinstance-abcdefghijkl-bo.integration.ap-mumbai-1.ocp.oraclecloud.com",
});

export async function rightCalls(signal: AbortSignal): Promise<void> {
  const order = await ordersSyncV1_0.getOrder(oic, { path: { orderId: "42" }, signal, headers: { "x-trace": "1" } });
  const orderNumber: string | undefined = order.orderNumber;
  const lines = await ordersSyncV1_0.getOrderLines(oic, { path: { orderId: "42" } });
  for (const line of lines) void line;
  await ordersSyncV1_0.listOrders(oic);
  // biome-ignore lint/suspicious/noConfusingVoidType: pins that a no-content answer resolves to nothing
  const nothing: void = await ordersSyncV1_0.cancelOrder(oic, { path: { orderId: "42" } });
  // biome-ignore lint/suspicious/noConfusingVoidType: as above, for a 202
  const accepted: void = await shipmentNotifyV1_0.postShipmentsEvents(oic, { body: {} });
  const xml: string = await invoiceXmlImportV1_0.getInvoiceStatus(oic, {
    path: { invoiceNumber: "INV-1" },
    query: { supplierNumber: "S-1" },
  });
  const noteId: string = await supportTicketNoteV1_0.addTicketNote(oic, {
    path: { ticketNumber: "T-1" },
    body: "a note",
  });
  await ordersSyncV2_0.getOrder(oic, { path: { orderNumber: "42" } });
  const error = {} as OicHttpError<ordersSyncV1_0.GetOrderError>;
  const body: ordersSyncV1_0.GetOrderError = error.body;
  const codes: readonly (string | null)[] = catalogue.map((entry) => entry.code);
  // Named schema types: no indexing into components["schemas"]["orderLine"].
  const line: ordersSyncV1_0.OrderLine = lines[0]!;
  void [orderNumber, nothing, accepted, xml, noteId, body, codes, line];
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error path parameters are required
  await ordersSyncV1_0.getOrder(oic);
  // @ts-expect-error the path parameter is orderId, not id
  await ordersSyncV1_0.getOrder(oic, { path: { id: "42" } });
  // @ts-expect-error path parameters are strings
  await ordersSyncV1_0.getOrder(oic, { path: { orderId: 42 } });
  // @ts-expect-error the XML body is a string, not an object
  await invoiceXmlImportV1_0.importInvoice(oic, { body: { invoice: {} } });
  // @ts-expect-error a text/plain body is a string
  await supportTicketNoteV1_0.addTicketNote(oic, { path: { ticketNumber: "T-1" }, body: 42 });
  // @ts-expect-error a one-way trigger resolves to nothing
  (await shipmentNotifyV1_0.postShipmentsEvents(oic, { body: {} })).status;
  // @ts-expect-error results are typed: no such property
  (await ordersSyncV1_0.getOrder(oic, { path: { orderId: "42" } })).noSuchField;
  // @ts-expect-error unknown option
  await ordersSyncV1_0.listOrders(oic, { nope: true });
  // @ts-expect-error the first argument is a client
  await ordersSyncV1_0.listOrders({});
  // @ts-expect-error a named schema type is a type, not a value
  void ordersSyncV1_0.OrderLine;
  // @ts-expect-error no such operation in version 2.0
  await ordersSyncV2_0.getOrderLines(oic, { path: { orderNumber: "42" } });
}
