// Integration tests need out/main (sandbox host, lane worker, CLI): build it
// first when it is missing or older than the sources.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { buildIfStale } = require('../scripts/build-if-stale.js') as {
  buildIfStale: (options?: { log?: (line: string) => void }) => { built: boolean }
}

export default function setup(): void {
  buildIfStale()
}
