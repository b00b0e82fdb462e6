/**
 * Vitest global setup: one headless Chromium for the whole run, which the test files connect to
 * (test/support/browser.ts) instead of each launching its own: a launch costs most of a second of CPU, and ten
 * files sign users in. Each file still works in its own browser contexts, which closing its connection closes.
 * The server listens on loopback, on a free port, at the unguessable path playwright gives it.
 */
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_LAUNCH_OPTIONS } from "../../scripts/chromium.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint. */
    chromiumEndpoint: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ ...CHROMIUM_LAUNCH_OPTIONS, host: "127.0.0.1", port: 0 });
  project.provide("chromiumEndpoint", server.wsEndpoint());
  return () => server.close();
}
