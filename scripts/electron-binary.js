'use strict'
// Finds an Electron binary that is already on disk, without downloading one.
//
// `require('electron')` cannot be used for this: since Electron 42 that call
// downloads the binary when it is missing, and the download fails on machines
// that cannot reach GitHub. This module only looks at what Electron's own
// launcher (node_modules/electron/index.js) would look at, and never runs it.

const fs = require('node:fs')
const path = require('node:path')

const PROJECT_ROOT = path.resolve(__dirname, '..')

/** The executable's path inside an unpacked Electron dist folder, per platform. */
function platformExecutable(platform) {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'win32':
      return 'electron.exe'
    default:
      return 'electron'
  }
}

function isExecutableFile(file, platform) {
  try {
    if (!fs.statSync(file).isFile()) return false
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** node_modules/electron as Node would resolve it from the project, or null. */
function electronPackageDir(root) {
  try {
    // Resolving package.json reads no code: electron's index.js never runs.
    return path.dirname(require.resolve('electron/package.json', { paths: [root] }))
  } catch {
    const local = path.join(root, 'node_modules', 'electron')
    return fs.existsSync(path.join(local, 'package.json')) ? local : null
  }
}

/** The executable's relative path recorded by Electron's installer, or null. */
function readPathTxt(packageDir) {
  if (!packageDir) return null
  try {
    const text = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim()
    return text === '' ? null : text
  } catch {
    return null
  }
}

/**
 * Returns the absolute path of a usable Electron binary, or null when none is
 * installed. Checks, in order:
 * 1. ELECTRON_OVERRIDE_DIST_PATH: an unpacked Electron dist folder (or the
 *    executable itself), as Electron's launcher honours it;
 * 2. ELECTRON_EXEC_PATH: the path of an Electron executable;
 * 3. node_modules/electron/path.txt and node_modules/electron/dist/<path.txt>.
 * A variable that points at nothing usable is skipped, not trusted.
 *
 * @param {{ root?: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} [options]
 * @returns {string | null}
 */
function findElectronBinary(options = {}) {
  const root = options.root ?? PROJECT_ROOT
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const packageDir = electronPackageDir(root)
  const recordedPath = readPathTxt(packageDir)

  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH
  if (overrideDist) {
    const candidates = [
      path.join(overrideDist, recordedPath ?? platformExecutable(platform)),
      path.join(overrideDist, platformExecutable(platform)),
      overrideDist,
    ]
    const found = candidates.find((file) => isExecutableFile(file, platform))
    if (found) return path.resolve(found)
  }

  const execPath = env.ELECTRON_EXEC_PATH
  if (execPath && isExecutableFile(execPath, platform)) return path.resolve(execPath)

  if (packageDir && recordedPath) {
    const installed = path.join(packageDir, 'dist', recordedPath)
    if (isExecutableFile(installed, platform)) return installed
  }
  return null
}

module.exports = { findElectronBinary, platformExecutable }
