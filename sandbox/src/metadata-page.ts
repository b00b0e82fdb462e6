/** The small HTML page OIC serves at `.../<CODE>/<VER>/metadata` ("Endpoint Metadata"). */
import { escapeHtml } from "./http-util.js";
import type { HostedIntegration } from "oic-gen/sandbox-support";

export function metadataPage(integration: HostedIntegration, instanceUrl: string): string {
  const base = `${instanceUrl}${integration.prefix ?? ""}`;
  const rows = integration.operations
    .map(
      (operation) =>
        `<tr><td>${escapeHtml(operation.method)}</td><td><code>${escapeHtml(instanceUrl + operation.path)}</code></td><td>${escapeHtml(operation.summary ?? operation.name)}</td></tr>`,
    )
    .join("\n");
  const documents = [
    integration.swagger
      ? `<li><a id="swagger" href="${escapeHtml(`${base}/metadata/swagger`)}">Swagger 2.0</a></li>`
      : "",
    `<li><a id="openapi" href="${escapeHtml(`${base}/metadata/openapi`)}">OpenAPI 3</a></li>`,
  ].join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Endpoint Metadata</title></head><body>
<h1>${escapeHtml(integration.name)}</h1>
<p>Integration <code>${escapeHtml(integration.code ?? "")}</code> version <code>${escapeHtml(integration.version)}</code>${integration.project ? ` in project <code>${escapeHtml(integration.project)}</code>` : ""}</p>
<ul>${documents}</ul>
<table><thead><tr><th>Method</th><th>URL</th><th>Summary</th></tr></thead><tbody>
${rows}
</tbody></table></body></html>`;
}
