// Reads the app's settings from the environment and builds it: the identity domain, the stores (Redis when
// REDIS_URL is set, else memory) and the app. main.ts runs it; tests reuse it for replicas of their own.
import { identityDomain } from "@oic-gen/runtime";
import type { RecordEncryption } from "@oic-gen/runtime-redis";
import { createClient } from "@redis/client";
import { createWebApp, type WebApp } from "./app.js";
import { memoryStores, redisStores, type AppStores } from "./stores.js";

export const REQUIRED = ["OIC_URL", "OIC_DOMAIN_URL", "OIC_CLIENT_ID", "OIC_CLIENT_SECRET"] as const;

export interface Configured {
  app: WebApp;
  stores: AppStores;
  port: number;
  host: string;
  publicUrl: string;
  /** Closes the Redis connection, if any. */
  close(): Promise<void>;
}

/**
 * `TOKEN_ENCRYPTION_KEYS="k2:<base64 of 32 bytes>,k1:<...>"`: the first key encrypts, all decrypt (rotation:
 * put the new key first, drop the old one after the refresh-token lifetime).
 */
export function parseEncryptionKeys(text: string | undefined): RecordEncryption | undefined {
  if (!text) return undefined;
  const keys = text.split(",").map((entry) => {
    const [id, value] = entry.trim().split(":");
    const key = Buffer.from(value ?? "", "base64");
    if (!id || key.length !== 32) throw new Error("TOKEN_ENCRYPTION_KEYS: each entry is <id>:<base64 of 32 bytes>");
    return { id, key };
  });
  return { keys };
}

export async function configure(
  env: NodeJS.ProcessEnv,
  options: { fetch?: typeof globalThis.fetch; log?: (line: string) => void } = {},
): Promise<Configured> {
  const log = options.log ?? ((line: string) => console.log(line));
  const port = Number(env.PORT ?? 3000);
  const publicUrl = env.PUBLIC_URL || `http://127.0.0.1:${port}`;
  const domain = identityDomain({
    domainUrl: env.OIC_DOMAIN_URL!,
    clientId: env.OIC_CLIENT_ID!,
    clientSecret: env.OIC_CLIENT_SECRET!,
    // Plain http is only for a local sandbox; the runtime refuses it for any host but loopback.
    allowInsecureRequests: new URL(env.OIC_DOMAIN_URL!).protocol === "http:",
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  let stores: AppStores = memoryStores();
  let close = async (): Promise<void> => undefined;
  if (env.REDIS_URL) {
    // No offline queue: while Redis is away, commands fail at once (typed errors) instead of piling up.
    const client = createClient({
      url: env.REDIS_URL,
      disableOfflineQueue: true,
      socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * (retries + 1), 2_000) },
    });
    let down = false;
    // Never print the URL: it may carry a password.
    client.on("error", (error: Error) => {
      if (!down) log(`Redis unreachable (${(error as { code?: string }).code ?? error.name}); retrying`);
      down = true;
    });
    client.on("ready", () => {
      if (down) log("Redis reachable again");
      down = false;
    });
    await client.connect();
    stores = redisStores({
      client,
      binding: `${env.OIC_CLIENT_ID} ${env.OIC_URL}`,
      encryption: parseEncryptionKeys(env.TOKEN_ENCRYPTION_KEYS),
      ...(env.REDIS_LOCK_TTL_MS ? { lockTtlMs: Number(env.REDIS_LOCK_TTL_MS) } : {}),
    });
    close = async () => client.destroy();
  }
  const app = createWebApp({
    domain,
    instanceUrl: env.OIC_URL!,
    publicUrl,
    stores,
    trustProxy: env.TRUST_PROXY === "1",
    ...(env.WEB_APP_REPLICA ? { replica: env.WEB_APP_REPLICA } : {}),
    log,
  });
  return { app, stores, port, host: env.HOST ?? "127.0.0.1", publicUrl, close };
}
