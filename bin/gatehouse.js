#!/usr/bin/env node
'use strict'
// The `gatehouse` command. The CLI is TypeScript, built by electron-vite into
// out/main/cli.js; build it first when it is missing or older than the sources.
const { buildIfStale } = require('../scripts/build-if-stale.js')

try {
  buildIfStale()
} catch (error) {
  process.stderr.write(`gatehouse: ${error.message}\n`)
  process.exit(1)
}
require('../out/main/cli.js')
