import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize } from 'node:path'
import type { ConfinedFile } from '../workspace/confined-open'
import { openConfinedFile } from '../workspace/confined-open'
import { FileError } from '../workspace/file-error'
import { isInside } from '../workspace/verified-folder'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
}

/**
 * Serves a file from `root` (a real path) for a URL path; never anything
 * outside `root`: the path may not climb out, and the file it names must
 * really (after symlinks) be inside too, so a symlink in the folder that
 * leads out is refused. Unknown paths fall back to index.html (the app has
 * one page). Every response carries `headers` (the security headers).
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
  headers: Record<string, string> = {},
): Promise<void> {
  const fail = (status: number, text: string) =>
    res.writeHead(status, { ...headers, 'content-type': 'text/plain' }).end(text)
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    fail(400, 'Bad path')
    return
  }
  if (decoded.includes('\0')) {
    fail(400, 'Bad path')
    return
  }
  const relativePath = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(root, relativePath === '' ? 'index.html' : relativePath)
  if (!isInside(root, file)) {
    fail(403, 'Forbidden')
    return
  }
  let target = file
  try {
    const info = await stat(file)
    if (info.isDirectory()) target = join(file, 'index.html')
  } catch {
    if (extname(file) !== '') {
      fail(404, 'Not found')
      return
    }
    target = join(root, 'index.html')
  }
  // Opened first, then checked where it really is: a symlink in the renderer
  // folder may not lead out of it (see openConfinedFile).
  let opened: ConfinedFile
  try {
    opened = await openConfinedFile(target, {
      root,
      followLinks: true,
      refuseHardLinks: false,
      shownAs: urlPath,
    })
  } catch (error) {
    if (error instanceof FileError && error.type === 'PathError') fail(403, 'Forbidden')
    else fail(404, 'Not found')
    return
  }
  res.writeHead(200, {
    ...headers,
    'content-type': MIME[extname(opened.real)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  opened.handle
    .createReadStream()
    .on('error', () => res.destroy())
    .pipe(res)
}
