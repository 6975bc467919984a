import { spawn } from 'node:child_process'
import path from 'node:path'

/** The CLI as a user runs it: `node bin/gatehouse.js ARGS`. */
export const BIN = path.resolve('bin/gatehouse.js')
/** The built CLI itself, without bin's build check (and its notices on stderr). */
export const BUILT_CLI = path.resolve('out/main/cli.js')

export interface CliResult {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs the CLI with `args`, `stdin` on its standard input, and collects what it printed and its exit code. */
export function gatehouse(args: string[], stdin = '', entry = BIN): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
    // A CLI that never reads its input must not fail the write.
    child.stdin.on('error', () => undefined)
    child.stdin.end(stdin)
  })
}
