/**
 * Headless Debian Chromium driven by playwright-core, doing the sign-in at the identity-domain stand-in
 * the way a user would: open the authorization URL, fill in the form, follow the redirect to the callback.
 */
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { inject } from "vitest";
import { CHROMIUM_PATH } from "../../scripts/chromium.mjs";
import type {} from "./browser-server.js";

export { CHROMIUM_PATH };

/**
 * A connection to the run's shared Chromium (started by test/support/browser-server.ts). Closing it closes the
 * contexts this file opened and leaves the browser to the other files.
 */
export async function launchBrowser(): Promise<Browser> {
  const shared = inject("chromium");
  if (!shared)
    throw new Error(
      "no Chromium in this file's project: files that sign in are not for SHARED_WORKER_FILES (vitest.config.ts)",
    );
  if ("error" in shared) throw new Error(`Chromium did not start for this run (see .ci/run): ${shared.error}`);
  return chromium.connect(shared.endpoint);
}

/** Fills in the stand-in's sign-in form on `page` (already showing it) and waits for `landing`. */
export async function fillSignIn(
  page: Page,
  user: string,
  password: string,
  landing: string | RegExp | ((url: URL) => boolean),
): Promise<void> {
  await page.locator("#username").fill(user);
  await page.locator("#password").fill(password);
  await Promise.all([page.waitForURL(landing, { waitUntil: "load" }), page.locator("#sign-in").click()]);
}

/**
 * An `openBrowser` for loopback logins: signs `user` in, in a fresh browser context, and waits until the
 * browser shows the loopback listener's page. Resolves that page's text.
 */
export function browserSignIn(
  browser: Browser,
  user: string,
  password: string,
  seen?: { pageText?: string },
): (url: URL) => Promise<void> {
  return async (url: URL) => {
    const context: BrowserContext = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(url.href);
      await fillSignIn(page, user, password, (u) => u.hostname === "127.0.0.1" && u.pathname === "/callback");
      if (seen) seen.pageText = await page.locator("body").innerText();
    } finally {
      await context.close();
    }
  };
}

/**
 * Enters a device login's user code at its verification page the way a user would on another device:
 * type the code, confirm it (or deny it), sign in, and wait for the page saying the device is signed in.
 */
export async function enterDeviceCode(
  browser: Browser,
  prompt: { verificationUri: string; userCode: string },
  user: string,
  password: string,
  options: { deny?: boolean } = {},
): Promise<void> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(prompt.verificationUri);
    await page.locator("#user-code").fill(prompt.userCode);
    await Promise.all([page.waitForSelector("#confirm"), page.locator("#continue").click()]);
    if (options.deny) {
      await Promise.all([page.waitForLoadState("load"), page.locator("#deny").click()]);
      return;
    }
    await Promise.all([page.waitForSelector("#username"), page.locator("#confirm").click()]);
    await page.locator("#username").fill(user);
    await page.locator("#password").fill(password);
    await Promise.all([page.waitForSelector("#done"), page.locator("#sign-in").click()]);
  } finally {
    await context.close();
  }
}
