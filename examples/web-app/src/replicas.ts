// `--replicas N`: N processes of this app behind a small round-robin proxy on loopback, as they would run
// behind a load balancer. Every replica gets the same PUBLIC_URL (the proxy's) and REDIS_URL; any replica can
// serve any request because sessions, logins in progress and tokens are in Redis.
import { fork, type ChildProcess } from "node:child_process";
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";

export interface Replica {
  readonly name: string;
  readonly url: string;
  readonly child: ChildProcess;
  alive: boolean;
}

export interface ReplicaSet {
  readonly proxy: Server;
  readonly replicas: readonly Replica[];
  stop(): Promise<void>;
}

/** Forks `count` replicas of `script` (each listens on a free port and reports it), then proxies `port` to them. */
export async function startReplicas(options: {
  script: string;
  count: number;
  port: number;
  host: string;
  env: NodeJS.ProcessEnv;
  log: (line: string) => void;
}): Promise<ReplicaSet> {
  const replicas = await Promise.all(
    Array.from({ length: options.count }, (_, i) =>
      startReplica(
        options.script,
        String(i + 1),
        { ...options.env, PORT: "0", HOST: "127.0.0.1", TRUST_PROXY: "1" },
        options.log,
      ),
    ),
  );
  let next = 0;
  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => forward(req, res, Buffer.concat(chunks), replicas.length));
  });

  /** Round robin over live replicas; a replica that refuses the connection is skipped (the request never reached it). */
  function forward(req: IncomingMessage, res: ServerResponse, body: Buffer, triesLeft: number): void {
    const live = replicas.filter((r) => r.alive);
    if (live.length === 0 || triesLeft === 0) {
      res.writeHead(502, { "Content-Type": "text/plain" }).end("no replica available\n");
      return;
    }
    const target = live[next++ % live.length]!;
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = request(
      new URL(req.url ?? "/", target.url),
      { method: req.method, headers: { ...req.headers, "x-forwarded-for": forwardedFor } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "ECONNREFUSED" && !res.headersSent) return forward(req, res, body, triesLeft - 1);
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" }).end("replica failed\n");
      else res.destroy();
    });
    upstream.end(body);
  }

  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(options.port, options.host, () => resolve());
  });
  return {
    proxy,
    replicas,
    async stop() {
      proxy.close();
      proxy.closeAllConnections();
      await Promise.all(
        replicas.map((r) =>
          r.child.exitCode !== null || r.child.signalCode !== null
            ? undefined
            : new Promise((resolve) => {
                r.child.once("exit", resolve);
                r.child.kill("SIGTERM");
              }),
        ),
      );
    },
  };
}

function startReplica(
  script: string,
  name: string,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<Replica> {
  const child = fork(script, [], { env: { ...env, WEB_APP_REPLICA: name }, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  // The replicas' lines come out through the parent's log, one line at a time.
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop()!;
      for (const line of lines) log(line);
    });
  }
  return new Promise((resolve, reject) => {
    child.once("message", (message: { listening?: number }) => {
      if (typeof message?.listening !== "number")
        return reject(new Error(`replica ${name} sent an unexpected message`));
      const replica: Replica = { name, url: `http://127.0.0.1:${message.listening}`, child, alive: true };
      child.once("exit", (code, signal) => {
        replica.alive = false;
        log(`replica ${name} exited (${signal ?? code})`);
      });
      resolve(replica);
    });
    child.once("exit", (code) => reject(new Error(`replica ${name} exited (${code}) before listening`)));
  });
}
