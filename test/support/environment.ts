/**
 * One test environment: identity-domain stand-in, integration stand-in and headless Chromium, plus
 * loopback redirect ports registered with the domain and temp folders, all torn down by `close()`.
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { invoke, type CallOptions, type OicClient, type OperationDescriptor } from "../../runtime/src/index.js";
import { browserSignIn, launchBrowser } from "./browser.js";
import {
  startIdentityDomain,
  type IdentityDomainStandIn,
  type IdentityDomainStandInOptions,
} from "./identity-domain.js";
import { startIntegrationServer, type IntegrationServer } from "./integration-server.js";

export interface TestEnvironment {
  idp: IdentityDomainStandIn;
  oic: IntegrationServer;
  browser: Browser;
  /** Registered loopback redirect URLs, one per port asked for. */
  redirectUris: string[];
  /** A fresh temp folder (removed by close). */
  tempDir(): Promise<string>;
  /** Options common to every `authorizationCode` of this environment. */
  domainOptions(): {
    domainUrl: string;
    clientId: string;
    clientSecret: string;
    allowInsecureRequests: true;
    timeoutMs: number;
  };
  /** An `openBrowser` that signs `user` in with Chromium. */
  signInAs(user: "alice" | "bob", seen?: { pageText?: string }): (url: URL) => Promise<void>;
  close(): Promise<void>;
}

export async function startEnvironment(
  options: { loopbackPorts?: number; extraRedirectUris?: string[] } & Partial<IdentityDomainStandInOptions> = {},
): Promise<TestEnvironment> {
  const ports = await Promise.all(Array.from({ length: options.loopbackPorts ?? 1 }, () => freePort()));
  const redirectUris = ports.map((port) => `http://127.0.0.1:${port}/callback`);
  const idp = await startIdentityDomain({
    ...options,
    redirectUris: [...redirectUris, ...(options.extraRedirectUris ?? [])],
  });
  const oic = await startIntegrationServer({ jwks: idp.jwks });
  const browser = await launchBrowser();
  const temps: string[] = [];
  return {
    idp,
    oic,
    browser,
    redirectUris,
    async tempDir() {
      const dir = await mkdtemp(join(tmpdir(), "oic-runtime-test-"));
      temps.push(dir);
      return dir;
    },
    domainOptions: () => ({
      domainUrl: idp.url,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowInsecureRequests: true,
      timeoutMs: 5000,
    }),
    signInAs: (user, seen) => browserSignIn(browser, user, idp.users[user]!, seen),
    async close() {
      await browser.close().catch(() => undefined);
      await oic.close();
      await idp.close();
      await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

/** A port that was free a moment ago (for redirect URLs, which must be registered before listening). */
/**
 * A port that is free now, for a server that starts later (a registered redirect URL, a replica). It is taken
 * from below the system's ephemeral range: servers started meanwhile on port 0 (every other test) draw from
 * that range, so they cannot take it in between.
 */
export async function freePort(): Promise<number> {
  const [low] = ephemeralRange();
  const top = Math.max(2_000, low - 1);
  const bottom = Math.max(1_024, top - 20_000);
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = bottom + Math.floor(Math.random() * (top - bottom));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${bottom} and ${top}`);
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: the IANA range
  }
  return [49_152, 65_535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Functions in exactly the shape the generator emits.
export interface Order {
  orderId: string;
  status: string;
  calledBy: string;
}
const getOrder$: OperationDescriptor = {
  method: "GET",
  path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders/{orderId}",
  accept: "application/json",
  responseAs: "json",
};
export function getOrder(client: OicClient, options: { path: { orderId: string } } & CallOptions): Promise<Order> {
  return invoke(client, getOrder$, options) as Promise<Order>;
}
const createOrder$: OperationDescriptor = {
  method: "POST",
  path: "/ic/api/integration/v1/flows/rest/ORDERS/1.0/orders",
  requestType: "application/json",
  accept: "application/json",
  responseAs: "json",
};
export function createOrder(
  client: OicClient,
  options: { body: Record<string, unknown> } & CallOptions,
): Promise<{ received: unknown; calledBy: string }> {
  return invoke(client, createOrder$, options) as Promise<{ received: unknown; calledBy: string }>;
}
