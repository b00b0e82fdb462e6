// How this project launches Debian's headless Chromium through playwright-core (never a downloaded browser):
// shared by `npm run demo` and the tests (test/support/browser.ts).

/** The browser binary: `$CHROMIUM_PATH`, else Debian's `chromium` package. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Options for `chromium.launch()`: no sandbox (CI runs as root), and no background traffic or updates. */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: CHROMIUM_PATH,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
