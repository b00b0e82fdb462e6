/**
 * A real redis-server (Debian's) for one test file: on a free loopback port, in a temp folder, stopped and
 * removed by `close()`. `stop()`/`start()` restart it on the same port and folder (with AOF on, data survives).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@redis/client";
import { freePort } from "./environment.js";

export const REDIS_SERVER = process.env.REDIS_SERVER ?? "redis-server";

/** A client that retries every 50 ms while the server is down (tests stop and start it). */
function newClient(port: number) {
  return createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: () => 50 } });
}
export type TestRedisClient = ReturnType<typeof newClient>;

export interface RedisServer {
  readonly url: string;
  readonly port: number;
  /** A new connected client; closed by `close()`. Errors while Redis is down are ignored (tests look at commands). */
  client(): Promise<TestRedisClient>;
  /** Stops the server (SIGTERM: AOF flushed) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startRedis(options: { aof?: boolean } = {}): Promise<RedisServer> {
  const dir = await mkdtemp(join(tmpdir(), "oic-redis-"));
  const port = await freePort();
  const clients: TestRedisClient[] = [];
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      options.aof ? "yes" : "no",
      "--daemonize",
      "no",
      "--loglevel",
      "notice",
    ];
    const started = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
    child = started;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 15_000);
      started.stdout!.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      started.once("error", reject);
      started.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output}`)));
    });
  }

  async function stop(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGTERM");
    await exited;
  }

  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    async client() {
      const client = newClient(port);
      client.on("error", () => undefined);
      await client.connect();
      clients.push(client);
      return client;
    },
    stop,
    start,
    async close() {
      for (const client of clients) client.destroy();
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
