// Integration tests need out/main (sandbox host, lane worker, CLI): build it
// first when it is missing or older than the sources.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { buildIfStale } = require('../scripts/build-if-stale.js') as {
  buildIfStale: (options?: { log?: (line: string) => void }) => { built: boolean }
}

export default function setup(): void {
  // GATEHOUSE_SKIP_BUILD=1 runs the tests against out/ as it is (while
  // iterating on one part with another part's build broken).
  if (process.env.GATEHOUSE_SKIP_BUILD !== '1') buildIfStale()
}
