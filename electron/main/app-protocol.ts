import { protocol } from 'electron'
import { APP_SCHEME, serveAppRequest } from './app-scheme'

/**
 * Registers `app:` (see app-scheme.ts for why the page is not a file://) as a privileged scheme: standard (a real origin, relative
 * URLs), secure (like https: a secure context), fetch API support. Must run
 * before the app is ready, and only once.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ])
}

/** Serves `app://gatehouse/` from `root`. Call after `app.whenReady()`. */
export function setupAppProtocol(root: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request))
}
