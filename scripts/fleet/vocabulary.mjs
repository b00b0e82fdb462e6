// Words that OIC integrations in ERP, HCM and SCM projects are typically named after, and the field names
// OIC derives from JSON samples (camelCase and Oracle Fusion's PascalCase both occur).

export const BUSINESS_OBJECTS = ["order", "invoice", "supplier", "payment", "shipment", "worker", "absence", "requisition", "receipt", "journal", "contract", "asset", "ticket", "quote", "project", "expense"];
export const ACTIONS = ["sync", "create", "update", "get", "cancel", "approve", "import", "export", "notify", "validate", "reconcile"];
export const SUB_RESOURCES = ["lines", "status", "attachments", "approvals", "history"];
export const PROJECTS = ["FIN_AP", "FIN_GL", "HCM_CORE", "SCM_LOGISTICS", "PROCUREMENT"];
export const FIELDS = [
  "id", "name", "status", "amount", "currencyCode", "createdBy", "creationDate", "lastUpdateDate", "description",
  "quantity", "unitPrice", "emailAddress", "phoneNumber", "country", "city", "postalCode", "reference",
  "externalId", "BusinessUnitName", "LedgerId", "LineNumber", "comments", "PersonNumber", "InvoiceNum",
  "SupplierSite", "effectiveStartDate",
];
