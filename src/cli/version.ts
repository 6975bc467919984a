import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Gatehouse's version, from package.json: two folders up both from the
 * bundle (out/main/cli.js) and from the source (src/cli/version.ts).
 */
export function gatehouseVersion(): string {
  const manifest = JSON.parse(
    readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'),
  ) as { version?: unknown }
  if (typeof manifest.version !== 'string') throw new Error('package.json has no version')
  return manifest.version
}
