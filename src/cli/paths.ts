import { join } from 'node:path'

// The CLI is bundled into out/main/cli.js, beside the sandbox host; the
// renderer is built into out/renderer.
export const HOST_ENTRY = join(__dirname, 'sandbox-host.js')
export const RENDERER_DIR = join(__dirname, '..', 'renderer')
