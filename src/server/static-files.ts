import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, normalize, sep } from 'node:path'

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
 * Serves a file from `root` for a URL path; never anything outside `root`.
 * Unknown paths fall back to index.html (the app has one page).
 */
export async function serveStatic(
  root: string,
  urlPath: string,
  res: ServerResponse,
): Promise<void> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    res.writeHead(400).end('Bad path')
    return
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const file = join(root, relative === '' ? 'index.html' : relative)
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end('Forbidden')
    return
  }
  let target = file
  try {
    const info = await stat(file)
    if (info.isDirectory()) target = join(file, 'index.html')
  } catch {
    if (extname(file) !== '') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found')
      return
    }
    target = join(root, 'index.html')
  }
  res.writeHead(200, {
    'content-type': MIME[extname(target)] ?? 'application/octet-stream',
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
  })
  createReadStream(target)
    .on('error', () => res.destroy())
    .pipe(res)
}
