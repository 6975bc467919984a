import { realpath } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { openConfinedFile } from '../../src/workspace/confined-open'
import { FileError } from '../../src/workspace/file-error'
// No `electron` import here: the specs and the renderer-location logic load
// this without Electron.

/**
 * The built page is served from `app://gatehouse/`, not from `file://`.
 *
 * Why: a `file://` page has an opaque origin ("null"). Chromium refuses to
 * start a worker from it ("Script at 'file:///…/editor.worker.js' cannot be
 * accessed from origin 'null'") and the HTML spec does not allow module
 * scripts from a null origin (electron/electron#12011, monaco-editor#3);
 * Electron lets both through only because it grants `file:` extra privileges,
 * which Electron now recommends switching off (the
 * GrantFileProtocolExtraPrivileges fuse; security checklist item 18: "prefer
 * custom protocols"). And `'self'` in the CSP means little for an opaque
 * origin. A standard + secure scheme gives the page a real origin,
 * `app://gatehouse`: Monaco's module workers start under `worker-src 'self'`,
 * `script-src 'self'` means exactly the app's files, and the page cannot
 * read any other file on disk.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'gatehouse'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`

/**
 * The policy sent as a header with the page, on top of the page's own
 * `<meta>` (both apply, so the stricter wins). The same as the meta, minus
 * the browser edition's WebSocket: the desktop window talks to the main
 * process through the preload only, so it may connect nowhere.
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
  })
}

/**
 * Answers one `app://` request from the files under `root` (out/renderer)
 * and nothing else: another host, a method other than GET/HEAD, a path that
 * leaves `root` (`..`, encoded or not; a symlink out) or is not a file gets
 * an error status. Exported for the tests; Electron calls it through
 * {@link setupAppProtocol}.
 */
export async function serveAppRequest(
  root: string,
  request: { url: string; method: string },
): Promise<Response> {
  let url: URL
  try {
    url = new URL(request.url)
  } catch {
    return plain(400, 'Bad request')
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found')
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed')

  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return plain(400, 'Bad request')
  }
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  if (pathname.includes('\0') || pathname.includes('\\')) return plain(400, 'Bad request')
  const file = resolve(root, `.${pathname}`)
  if (!isInside(root, file)) return plain(403, 'Forbidden')

  let body: Buffer
  try {
    // Opened first, then checked where it really is: a symlink out is refused.
    const opened = await openConfinedFile(file, {
      root: await realpath(root),
      followLinks: true,
      refuseHardLinks: false,
      shownAs: pathname,
    })
    try {
      body = await opened.handle.readFile()
    } finally {
      await opened.handle.close()
    }
  } catch (error) {
    if (error instanceof FileError && error.type === 'PathError') return plain(403, 'Forbidden')
    return plain(404, 'Not found')
  }

  const extension = extname(file).toLowerCase()
  const headers: Record<string, string> = {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  }
  if (extension === '.html') {
    headers['content-security-policy'] = APP_CONTENT_SECURITY_POLICY
    headers['referrer-policy'] = 'no-referrer'
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers,
  })
}
