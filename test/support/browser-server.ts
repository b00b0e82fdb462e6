/**
 * Vitest global setup: one headless Chromium for the whole run, which the test files connect to
 * (test/support/browser.ts) instead of each launching its own: a launch costs most of a second of CPU, and
 * sixteen files sign users in. Each file still works in its own browser contexts, which closing its connection
 * closes. The server listens on loopback, on a free port, at the unguessable path playwright gives it.
 *
 * A machine without Chromium still runs the tests that need none: the launch error is handed to the files that
 * ask for a browser, which fail with it.
 */
import { chromium } from "playwright-core";
import type { TestProject } from "vitest/node";
import { CHROMIUM_LAUNCH_OPTIONS } from "../../scripts/chromium.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** The shared Chromium's WebSocket endpoint, or why it could not start. */
    chromium: { endpoint: string } | { error: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  try {
    const server = await chromium.launchServer({ ...CHROMIUM_LAUNCH_OPTIONS, host: "127.0.0.1", port: 0 });
    project.provide("chromium", { endpoint: server.wsEndpoint() });
    return () => server.close();
  } catch (error) {
    project.provide("chromium", { error: error instanceof Error ? error.message : String(error) });
    return async () => undefined;
  }
}
