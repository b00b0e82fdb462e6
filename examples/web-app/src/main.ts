// Starts the example web app. Settings come from the environment (see README.md):
//
//   OIC_URL=https://<instance-host> OIC_DOMAIN_URL=https://idcs-<id>.identity.oraclecloud.com \
//   OIC_CLIENT_ID=... OIC_CLIENT_SECRET=... [PORT=3000] [PUBLIC_URL=http://127.0.0.1:3000] \
//   [REDIS_URL=redis://127.0.0.1:6379] node dist/main.js [--replicas N]
//
// Register <PUBLIC_URL>/callback as a redirect URL of the confidential application.
import { fileURLToPath } from "node:url";
import { configure, REQUIRED } from "./configure.js";
import { startReplicas } from "./replicas.js";

const USAGE =
  "Usage: node dist/main.js [--replicas N]\n" +
  "Set OIC_URL (the instance), OIC_DOMAIN_URL (the identity domain), OIC_CLIENT_ID and OIC_CLIENT_SECRET (the\n" +
  "confidential application); optionally PORT (default 3000), PUBLIC_URL (default http://127.0.0.1:$PORT),\n" +
  "REDIS_URL (sessions and tokens in Redis; required for --replicas above 1), TOKEN_ENCRYPTION_KEYS.\n" +
  "`oic-gen sandbox` prints a set that works against the local sandbox.";

const env = process.env;
const args = process.argv.slice(2);
if (args.includes("--help") || args.includes("-h")) {
  console.log(USAGE);
  process.exit(0);
}
const replicasAt = args.indexOf("--replicas");
const replicas = replicasAt === -1 ? 1 : Number(args[replicasAt + 1]);
const missing = REQUIRED.filter((name) => !env[name]);
if (
  missing.length > 0 ||
  !Number.isInteger(replicas) ||
  replicas < 1 ||
  replicas > 32 ||
  (replicas > 1 && !env.REDIS_URL)
) {
  const problem =
    missing.length > 0
      ? `missing ${missing.join(", ")}`
      : replicas > 1 && Number.isInteger(replicas) && replicas <= 32
        ? "--replicas above 1 needs REDIS_URL (replicas share sessions and tokens there)"
        : "--replicas takes a whole number from 1 to 32";
  console.error(`web-app: ${problem}.\n${USAGE}`);
  process.exit(2);
}

const port = Number(env.PORT ?? 3000);
const host = env.HOST ?? "127.0.0.1";
if (replicas > 1) {
  // The parent only proxies: each replica is a process of its own, as behind a real load balancer.
  const publicUrl = env.PUBLIC_URL || `http://127.0.0.1:${port}`;
  const set = await startReplicas({
    script: fileURLToPath(import.meta.url),
    count: replicas,
    port,
    host,
    env: { ...env, PUBLIC_URL: publicUrl },
    log: (line) => console.log(line),
  });
  for (const replica of set.replicas) console.log(`replica ${replica.name}: ${replica.url} (pid ${replica.child.pid})`);
  console.log(
    `Listening on ${publicUrl} (${replicas} replicas behind a round-robin proxy; register ${new URL("/callback", publicUrl).href} as a redirect URL)`,
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => void set.stop());
} else {
  const replica = env.WEB_APP_REPLICA;
  const log = (line: string) => console.log(replica ? `[replica ${replica}] ${line}` : line);
  const configured = await configure(env, { log });
  const { app } = configured;
  app.server.listen(configured.port, configured.host, () => {
    const address = app.server.address();
    const bound = typeof address === "object" && address ? address.port : configured.port;
    // A replica tells its parent where it listens; on its own, the app says where to find it.
    if (process.send && replica) process.send({ listening: bound });
    else
      console.log(
        `Listening on ${configured.publicUrl} (${configured.stores.kind} stores; register ${new URL("/callback", configured.publicUrl).href} as a redirect URL)`,
      );
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      app.server.close();
      app.server.closeAllConnections();
      void configured.close();
    });
  }
}
