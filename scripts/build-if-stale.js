'use strict'
// Rebuilds out/ with electron-vite when it is missing or older than the
// sources. Shared by `npm start` (scripts/start.js) and the CLI launcher
// (bin/gatehouse.js), so both always run what the sources say.

const fs = require('node:fs')
const path = require('node:path')
const { spawnSync } = require('node:child_process')

const PROJECT_ROOT = path.resolve(__dirname, '..')

/** Every file the launchers need from the build (see electron.vite.config.ts). */
const BUILD_OUTPUTS = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/main/sandbox-host.js',
  'out/main/lane-worker.js',
  'out/preload/index.js',
  'out/renderer/index.html',
]

/** What the build is made from: a change to any file here makes out/ stale. */
const SOURCE_DIRS = ['src', 'electron', 'renderer']
const SOURCE_FILES = ['electron.vite.config.ts']

function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs
  } catch {
    return null
  }
}

/** The newest file under `dir` as { file, mtimeMs }, or null when there is none. */
function newestFileUnder(dir) {
  let newest = null
  let entries
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch {
    return null
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    const candidate = entry.isDirectory()
      ? newestFileUnder(full)
      : entry.isFile()
        ? { file: full, mtimeMs: mtimeMs(full) ?? 0 }
        : null
    if (candidate && (!newest || candidate.mtimeMs > newest.mtimeMs)) newest = candidate
  }
  return newest
}

/**
 * Why out/ needs a build, or null when it is up to date.
 *
 * @param {string} [root] the project folder
 * @returns {string | null}
 */
function staleReason(root = PROJECT_ROOT) {
  let oldestOutputMs = Infinity
  for (const output of BUILD_OUTPUTS) {
    const outputMs = mtimeMs(path.join(root, output))
    if (outputMs === null) return `${output} is missing`
    oldestOutputMs = Math.min(oldestOutputMs, outputMs)
  }
  const sources = [
    ...SOURCE_DIRS.map((dir) => newestFileUnder(path.join(root, dir))),
    ...SOURCE_FILES.map((file) => {
      const full = path.join(root, file)
      const sourceMs = mtimeMs(full)
      return sourceMs === null ? null : { file: full, mtimeMs: sourceMs }
    }),
  ]
  for (const source of sources) {
    if (source && source.mtimeMs > oldestOutputMs) {
      return `${path.relative(root, source.file)} is newer than the build`
    }
  }
  return null
}

function electronViteCli(root) {
  try {
    const manifestPath = require.resolve('electron-vite/package.json', { paths: [root] })
    const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin['electron-vite']
    return path.join(path.dirname(manifestPath), bin)
  } catch {
    return null
  }
}

/**
 * Runs `electron-vite build` when out/ is missing a file or older than the
 * sources; does nothing otherwise. The build's output goes to stderr so that
 * a command's stdout (for example `gatehouse run --json`) stays clean.
 * Throws an Error with a readable message when the build fails.
 *
 * @param {{ root?: string, log?: (line: string) => void }} [options]
 * @returns {{ built: boolean, reason: string | null }}
 */
function buildIfStale(options = {}) {
  const root = options.root ?? PROJECT_ROOT
  const log = options.log ?? ((line) => process.stderr.write(`${line}\n`))
  const reason = staleReason(root)
  if (reason === null) return { built: false, reason: null }

  const cli = electronViteCli(root)
  if (!cli) {
    throw new Error(
      `Gatehouse needs a build (${reason}), but electron-vite is not installed: run \`npm install\` first.`,
    )
  }
  log(`Building Gatehouse (${reason})...`)
  const result = spawnSync(process.execPath, [cli, 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
    env: process.env,
  })
  if (result.error) throw new Error(`Could not run electron-vite build: ${result.error.message}`)
  if (result.status !== 0) {
    const how = result.signal ? `signal ${result.signal}` : `exit code ${result.status}`
    throw new Error(`electron-vite build failed (${how}); see the output above.`)
  }
  return { built: true, reason }
}

module.exports = { buildIfStale, staleReason, BUILD_OUTPUTS }
