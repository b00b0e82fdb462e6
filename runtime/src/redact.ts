/**
 * Keeps texts from servers (OAuth error descriptions, OIC fault titles, `WWW-Authenticate` details) short and
 * free of anything shaped like a token before they go into an error message.
 */
export function redact(text: string, max = 300): string {
  const cleaned = text.replace(/[A-Za-z0-9_\-.~+/=]{24,}/g, (run) => (/^https?:\/\//.test(run) ? run : "[redacted]"));
  return cleaned.length > max ? `${cleaned.slice(0, max)}...` : cleaned;
}
