// The CLI's process entry (bundled to out/main/cli.js); bin/gatehouse.js loads it.
import { main } from './cli'

void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code
})
