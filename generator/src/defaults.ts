/** The loopback redirect URL `oic-gen login` listens on unless configured, and the sandbox always registers. */
export const DEFAULT_REDIRECT_URI = "http://127.0.0.1:8765/callback";
