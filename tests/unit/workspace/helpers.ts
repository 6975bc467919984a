import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

/** A fresh temporary folder (real path) and a function to write files into it. */
export function tempFolder(prefix = 'gatehouse-test-') {
  const root = realpathSync(mkdtempSync(join(tmpdir(), prefix)))
  return {
    root,
    path: (...parts: string[]) => join(root, ...parts),
    write(relative: string, text: string): string {
      const file = join(root, relative)
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, text)
      return file
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  }
}
