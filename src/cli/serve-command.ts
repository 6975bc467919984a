import { parseArgs } from 'node:util'
import { forkHostSpawner } from '../engine/fork-host'
import { startBrowserEdition } from '../server/browser-edition'
import { intOption } from './options'
import { HOST_ENTRY, RENDERER_DIR } from './paths'
import { UsageError } from './usage'

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost'])

/** `gatehouse serve`: the browser edition, until interrupted. */
export async function serveCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      workspace: { type: 'string' },
    },
  })
  if (positionals.length > 0)
    throw new UsageError(`serve takes no arguments, got "${positionals.join(' ')}"`)
  const port = intOption('port', values.port) ?? 0
  if (port < 0 || port > 65535) throw new UsageError(`--port must be from 0 to 65535, got ${port}`)
  const host = values.host ?? '127.0.0.1'

  const edition = await startBrowserEdition({
    workspace: values.workspace ?? process.cwd(),
    spawnHost: forkHostSpawner(HOST_ENTRY),
    rendererDir: RENDERER_DIR,
    host,
    port,
  })
  const { server } = edition
  if (!LOOPBACK.has(host)) {
    process.stderr.write(
      `Warning: listening on ${host}, not loopback: anyone who can reach it and has the URL can run scripts.\n`,
    )
  }
  const notice = edition.settingsStatus.notice
  if (notice) process.stderr.write(`Warning: ${notice.message}\n`)
  process.stdout.write(`Gatehouse browser edition: ${server.url}\n`)
  process.stdout.write(`Workspace: ${edition.workspace.root}\n`)

  // `on`, not `once`: a second Ctrl+C (terminals and npm often deliver two)
  // must not kill the process before the shutdown below has finished.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve())
    process.on('SIGTERM', () => resolve())
  })
  await edition.close()
  return 0
}
