/**
 * The headers every HTTP response of the browser edition carries. The page's
 * policy matches what the app needs and nothing more: its own scripts,
 * styles (Monaco sets inline styles), fonts and images, workers from blobs
 * (Monaco's), and connections only back to this very server: its origin
 * and, for the API, the WebSocket on the same host and port.
 *
 * @param hostHeader the request's Host header, already checked to be this server's
 */
export function securityHeaders(hostHeader: string): Record<string, string> {
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self' ws://${hostHeader}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    // No other page may frame this one (clickjacking the Run button, the token in the URL).
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    'content-security-policy': policy,
    // The URL may carry the token: never send it along to another page.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
  }
}
