import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const REPO_ROOT = resolve(__dirname, '../..')
const CLI = resolve(REPO_ROOT, 'bin/gatehouse.js')
const URL_PATTERN = /http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+/
// Generous: bin/gatehouse.js rebuilds out/ first when the sources are newer.
const START_TIMEOUT_MS = 120_000
const STOP_GRACE_MS = 5_000

/** A running `gatehouse serve`, started for the tests. */
export interface GatehouseServer {
  /** The URL it printed, token included: `http://127.0.0.1:<port>/?token=<hex>`. */
  url: string
  /** The same server without the token. */
  origin: string
  /** Its workspace folder (saved runs go to its .gatehouse/runs/). */
  workspace: string
  pid: number
  /** Everything it wrote so far, for failure messages. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts `node bin/gatehouse.js serve --port 0` on a fresh workspace folder
 * (the browser edition keeps its settings there: tests must never change the
 * project's own) and waits for the URL it prints.
 */
export async function startGatehouseServer(): Promise<GatehouseServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first (npx electron-vite build)`)
  const workspace = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'))
  const removeWorkspace = () => rmSync(workspace, { recursive: true, force: true })
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--workspace', workspace], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.pid === undefined) throw new Error('gatehouse serve did not start')
  const pid = child.pid

  let output = ''
  child.stdout.setEncoding('utf8')
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => (output += chunk))

  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => {
      fail(`gatehouse serve printed no URL within ${START_TIMEOUT_MS} ms`)
    }, START_TIMEOUT_MS)
    const onExit = (code: number | null, signal: string | null) => {
      fail(`gatehouse serve exited (code ${code}, signal ${signal}) before printing its URL`)
    }
    const fail = (reason: string) => {
      cleanup()
      child.kill('SIGKILL')
      removeWorkspace()
      reject(new Error(`${reason}\n--- output ---\n${output}`))
    }
    const onData = (chunk: string) => {
      output += chunk
      const match = URL_PATTERN.exec(output)
      if (!match) return
      cleanup()
      resolveUrl(match[0])
    }
    const cleanup = () => {
      clearTimeout(timer)
      child.stdout.off('data', onData)
      child.off('exit', onExit)
    }
    child.stdout.on('data', onData)
    child.on('exit', onExit)
  })
  // Keep draining stdout so the server never blocks on a full pipe.
  child.stdout.on('data', (chunk: string) => (output += chunk))

  return {
    url,
    origin: new URL(url).origin,
    workspace,
    pid,
    output: () => output,
    stop: async () => {
      await stopProcess(child)
      removeWorkspace()
    },
  }
}

/** SIGTERM, so the server can end its sandbox host; SIGKILL if it takes too long. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS)
  await exited
  clearTimeout(timer)
}
