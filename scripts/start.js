'use strict'
// `npm start`: builds what is stale, then opens the desktop app when an
// Electron binary is installed, or the browser edition when it is not.
// Extra arguments (`npm start -- ...`) go to whichever edition starts.

const fs = require('node:fs')
const os = require('node:os')
const path = require('node:path')
const { spawn } = require('node:child_process')
const { buildIfStale } = require('./build-if-stale')
const { findElectronBinary } = require('./electron-binary')

const PROJECT_ROOT = path.resolve(__dirname, '..')
const FORWARDED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP']

const NO_ELECTRON_MESSAGE = [
  'Gatehouse: the Electron binary is not installed (node_modules/electron has no',
  'downloaded dist/ and neither ELECTRON_OVERRIDE_DIST_PATH nor ELECTRON_EXEC_PATH',
  'points at one), and it cannot be downloaded here, so this starts the browser',
  'edition instead: the same core and UI, served on 127.0.0.1 at the address printed',
  'below. To get the desktop app, run `npx electron .` once in this folder on a',
  'machine with network access (it downloads the binary into node_modules/electron),',
  'or set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron 45 folder, then run',
  '`npm start` again.',
].join('\n')

/** How often to check whether `npm start` (this script's parent) is gone. */
const ORPHAN_CHECK_MS = 500

/** Copies of one signal closer together than this are one signal, delivered twice. */
const DUPLICATE_SIGNAL_WINDOW_MS = 1000

/**
 * Runs `command` with this terminal, forwards termination signals to it by
 * pid, and exits with its exit code (128 + the signal number if a signal
 * ended it), the way a shell would.
 *
 * A Ctrl-C reaches every process in the terminal's foreground group, and npm
 * forwards it to its script as well: left alone, the edition would get two or
 * three SIGINTs at once. Chromium's handler (Electron's too) and a
 * `process.once('SIGINT')` take only the first as "shut down cleanly" and die
 * on the next. So on POSIX the child gets its own process group and receives
 * each signal from here only, once per burst; a later Ctrl-C goes through.
 */
function runForwardingSignals(command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: PROJECT_ROOT,
    stdio: 'inherit',
    detached: process.platform !== 'win32',
    ...options,
  })
  let childExited = false
  const lastForwardedAtMs = new Map()

  const forward = (signal) => {
    if (childExited || child.pid === undefined) return
    const nowMs = Date.now()
    const lastMs = lastForwardedAtMs.get(signal)
    if (lastMs !== undefined && nowMs - lastMs < DUPLICATE_SIGNAL_WINDOW_MS) return
    lastForwardedAtMs.set(signal, nowMs)
    try {
      process.kill(child.pid, signal)
    } catch {
      // The child is already gone; its 'exit' event follows.
    }
  }
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward)

  // `npm start` stopped with SIGTERM ends npm and its shell but not this
  // script, which would live on (with the server and the sandbox host) as an
  // orphan. No event says the parent is gone (Node has no PR_SET_PDEATHSIG),
  // so look at the parent's pid: when it changes, stop the child as for SIGTERM.
  const parentPid = process.ppid
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parentPid) forward('SIGTERM')
  }, ORPHAN_CHECK_MS)
  orphanWatch.unref()

  child.on('error', (error) => {
    childExited = true
    console.error(`Gatehouse: could not start ${command}: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', (code, signal) => {
    childExited = true
    clearInterval(orphanWatch)
    for (const name of FORWARDED_SIGNALS) process.off(name, forward)
    if (signal) process.exit(128 + (os.constants.signals[signal] ?? 0))
    process.exit(code ?? 1)
  })
}

/**
 * The browser edition's workspace when none is given: a folder of the
 * user's own, never the repository (whose 300 source files Open would list).
 * `GATEHOUSE_WORKSPACE` names another; `npm start -- --workspace DIR` wins.
 */
function defaultWorkspace() {
  return process.env.GATEHOUSE_WORKSPACE || path.join(os.homedir(), 'Gatehouse')
}

function hasWorkspaceOption(args) {
  return args.some((arg) => arg === '--workspace' || arg.startsWith('--workspace='))
}

function main() {
  const args = process.argv.slice(2)
  try {
    buildIfStale({ root: PROJECT_ROOT })
  } catch (error) {
    console.error(`Gatehouse: ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }

  const electronBinary = findElectronBinary({ root: PROJECT_ROOT })
  if (electronBinary) {
    // ELECTRON_RUN_AS_NODE would make the binary behave as plain Node.
    const env = { ...process.env }
    delete env.ELECTRON_RUN_AS_NODE
    runForwardingSignals(electronBinary, ['.', ...args], { env })
    return
  }

  console.error(`${NO_ELECTRON_MESSAGE}\n`)
  const workspaceArgs = []
  if (!hasWorkspaceOption(args)) {
    const workspace = defaultWorkspace()
    fs.mkdirSync(workspace, { recursive: true })
    workspaceArgs.push('--workspace', workspace)
  }
  runForwardingSignals(process.execPath, [
    path.join(PROJECT_ROOT, 'bin', 'gatehouse.js'),
    'serve',
    ...workspaceArgs,
    ...args,
  ])
}

main()
