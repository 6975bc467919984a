import type { Session, WebContents } from 'electron'
import { app, session } from 'electron'

/**
 * Permissions whose *check* the app's page may pass: writing sanitized text to
 * the clipboard (Monaco's Copy). Every permission *request* is still denied.
 */
const ALLOWED_PERMISSION_CHECKS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/**
 * Keeps a page where it is: no navigation away from the loaded page, no new
 * windows, no <webview>. The app is a single page; anything that tries to
 * leave it is a bug or an attack.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** Denies every permission request (camera, notifications, geolocation...). */
export function denyAllPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  target.setPermissionCheckHandler((_contents, permission) =>
    ALLOWED_PERMISSION_CHECKS.has(permission),
  )
  target.setDevicePermissionHandler(() => false)
}

/**
 * App-wide guards, set before any window exists: the default session denies
 * permissions, and every web contents created later (windows, devtools) gets
 * the navigation guards, so a page the app did not anticipate is covered too.
 * Call after `app.whenReady()`.
 */
export function setupSecurity(): void {
  denyAllPermissions(session.defaultSession)
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents))
}
