import { join, resolve } from 'node:path'
import { APP_HOST, APP_INDEX_URL, APP_SCHEME } from './app-scheme'

/**
 * Where the app's own page comes from: the built files, served on the
 * privileged `app://gatehouse/` scheme from `root` (see app-scheme.ts for
 * why not `file://`), or electron-vite's dev server.
 */
export type RendererLocation =
  { kind: 'app'; url: string; root: string } | { kind: 'dev-server'; url: string; origin: string }

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]'])

/**
 * The page a Gatehouse window loads. The dev server (ELECTRON_RENDERER_URL,
 * set by `electron-vite dev`) is honoured only in an unpackaged app and only
 * on a loopback address; anything else loads the built page.
 *
 * @param mainDir the folder of the main bundle (out/main)
 */
export function resolveRendererLocation(options: {
  mainDir: string
  isPackaged: boolean
  devServerUrl?: string | undefined
}): RendererLocation {
  if (!options.isPackaged && options.devServerUrl) {
    const devServer = parseLoopbackUrl(options.devServerUrl)
    if (devServer) return { kind: 'dev-server', url: devServer.href, origin: devServer.origin }
    console.warn(`Gatehouse: ignoring ELECTRON_RENDERER_URL, not a loopback http(s) URL`)
  }
  return { kind: 'app', url: APP_INDEX_URL, root: rendererRoot(options.mainDir) }
}

/** The built renderer's folder: out/main -> out/renderer. */
export function rendererRoot(mainDir: string): string {
  return resolve(join(mainDir, '..', 'renderer'))
}

/** True when `url` is the app's own page (query and hash ignored), nothing else. */
export function isAppUrl(url: string, location: RendererLocation): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (location.kind === 'dev-server') return parsed.origin === location.origin
  // URL.origin is "null" for a custom scheme: compare its parts.
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    (parsed.pathname === '/index.html' || parsed.pathname === '/')
  )
}

function parseLoopbackUrl(text: string): URL | null {
  try {
    const url = new URL(text)
    const isHttp = url.protocol === 'http:' || url.protocol === 'https:'
    return isHttp && LOOPBACK_HOSTS.has(url.hostname) ? url : null
  } catch {
    return null
  }
}
