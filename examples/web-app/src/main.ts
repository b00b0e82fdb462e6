// Starts the example web app. Settings come from the environment (see README.md):
//
//   OIC_URL=https://<instance-host> OIC_DOMAIN_URL=https://idcs-<id>.identity.oraclecloud.com \
//   OIC_CLIENT_ID=... OIC_CLIENT_SECRET=... [PORT=3000] [PUBLIC_URL=http://127.0.0.1:3000] node dist/main.js
//
// Register <PUBLIC_URL>/callback as a redirect URL of the confidential application.
import { identityDomain } from "@oic-gen/runtime";
import { createWebApp } from "./app.js";

const env = process.env;
const missing = ["OIC_URL", "OIC_DOMAIN_URL", "OIC_CLIENT_ID", "OIC_CLIENT_SECRET"].filter((name) => !env[name]);
if (missing.length > 0) {
  console.error(
    `web-app: missing ${missing.join(", ")}.\n` +
      "Set OIC_URL (the instance), OIC_DOMAIN_URL (the identity domain), OIC_CLIENT_ID and OIC_CLIENT_SECRET (the\n" +
      "confidential application); optionally PORT (default 3000) and PUBLIC_URL (default http://127.0.0.1:$PORT).\n" +
      "`oic-gen sandbox` prints a set that works against the local sandbox.",
  );
  process.exit(2);
}

const port = Number(env.PORT ?? 3000);
const publicUrl = env.PUBLIC_URL || `http://127.0.0.1:${port}`;
const domain = identityDomain({
  domainUrl: env.OIC_DOMAIN_URL!,
  clientId: env.OIC_CLIENT_ID!,
  clientSecret: env.OIC_CLIENT_SECRET!,
  // Plain http is only for a local sandbox; the runtime refuses it for any host but loopback.
  allowInsecureRequests: new URL(env.OIC_DOMAIN_URL!).protocol === "http:",
});
const app = createWebApp({ domain, instanceUrl: env.OIC_URL!, publicUrl, log: (line) => console.log(line) });

app.server.listen(port, env.HOST ?? "127.0.0.1", () => {
  console.log(`Listening on ${publicUrl} (register ${new URL("/callback", publicUrl).href} as a redirect URL)`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    app.server.close();
    app.server.closeAllConnections();
  });
}
