// Opens the real desktop app and runs a script in it. Skipped, with the
// reason, where no Electron binary is installed (it cannot be downloaded on
// machines without network access) or no display is available.
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { ElectronApplication } from '@playwright/test'
import { _electron as electron, expect, test } from '@playwright/test'
import { regions, runButton, setScript } from '../e2e/playground'

const PROJECT_ROOT = resolve(__dirname, '../..')
const require = createRequire(__filename)
const { findElectronBinary } = require(join(PROJECT_ROOT, 'scripts', 'electron-binary.js')) as {
  findElectronBinary(options?: { root?: string }): string | null
}

const binary = findElectronBinary({ root: PROJECT_ROOT })
const display =
  process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)

test.skip(
  binary === null,
  'No Electron binary is installed (node_modules/electron has no dist/, and neither ELECTRON_OVERRIDE_DIST_PATH nor ELECTRON_EXEC_PATH points at one); run `npx electron .` once with network access, or set ELECTRON_OVERRIDE_DIST_PATH.',
)
test.skip(
  !display,
  'No display: run under `xvfb-run -a npx playwright test -c playwright.electron.config.ts`.',
)

let app: ElectronApplication | undefined
let userData: string | undefined

test.afterEach(async () => {
  await app?.close()
  app = undefined
  if (userData) rmSync(userData, { recursive: true, force: true })
})

test('opens the app from app://, runs a script, and exposes only the bridge', async () => {
  userData = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-electron-'))
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [PROJECT_ROOT, ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, GATEHOUSE_USER_DATA_DIR: userData, ELECTRON_RENDERER_URL: '' },
  })
  const page = await app.firstWindow()
  const workerProblems: string[] = []
  page.on('console', (message) => {
    if (/web worker|Refused to create a worker|Content Security Policy/i.test(message.text())) {
      workerProblems.push(message.text())
    }
  })
  await expect(regions(page).editor.locator('.monaco-editor .view-lines')).toBeVisible()
  expect(page.url()).toBe('app://gatehouse/index.html')

  // The page is sandboxed: no Node, only the named bridge.
  const globals = await page.evaluate(() => ({
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
    bridge: Object.keys((globalThis as { gatehouse?: object }).gatehouse ?? {}).sort(),
  }))
  expect(globals.require).toBe('undefined')
  expect(globals.process).toBe('undefined')
  expect(globals.bridge).toContain('run')
  expect(globals.bridge).toContain('openFile')
  expect(globals.bridge).not.toContain('invoke')

  await setScript(page, ['return input === undefined ? 6 * 7 : input'])
  await runButton(page).click()
  await expect(regions(page).result).toContainText('42')
  // Monaco's workers started under the CSP: app:// gives the page a real origin.
  expect(workerProblems).toEqual([])

  // The main process refuses to navigate the window away.
  await page.evaluate(() => {
    window.location.href = 'https://example.com/'
  })
  await page.waitForTimeout(500)
  expect(page.url()).toBe('app://gatehouse/index.html')
})
