/**
 * Where to send the browser after a sign-in: a path of this app, never another site. An open redirect would
 * let a link send signed-in users anywhere. The check is the browser's own: resolve against the app's URL,
 * then compare origins. Before that, control characters (browsers drop tabs and newlines, so `/\t/evil.com`
 * is `//evil.com`) and backslashes (read as `/`) are refused outright; after it, a path that resolved to
 * `//...` (`/.//evil.com`) is refused, as a browser would read it as another host.
 */
export function safeReturnTo(value: string | null, publicUrl: string): string {
  if (!value?.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  const app = new URL(publicUrl);
  let url: URL;
  try {
    url = new URL(value, app);
  } catch {
    return "/";
  }
  if (url.origin !== app.origin) return "/";
  const local = `${url.pathname}${url.search}`;
  return local.startsWith("/") && !local.startsWith("//") ? local : "/";
}
