/** True for `localhost`, 127.0.0.0/8 and `[::1]`: the only hosts plain http is accepted for by default. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || hostname === "::1" || /^127(\.\d{1,3}){3}$/.test(hostname);
}
