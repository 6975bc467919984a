import { openSync, closeSync, fstatSync, readFileSync, realpathSync } from 'node:fs'
import { basename, dirname } from 'node:path'
import { headerLimits } from '../lessons/lesson-file'
import { FILE_LIMITS, sidecarPathFor } from '../protocol/files'
import type { RunLimits } from '../protocol/settings'
import { LIMITS } from '../protocol/settings'
import { describeBytes } from '../protocol/text-size'
import { readJsonFile } from '../workspace/json-state-file'
import { parseSidecar } from '../workspace/sidecar'
import { UsageError } from './usage'

/** Reads the script: a file, or standard input for `-`. */
export function readScriptSource(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8')
  } catch (error) {
    throw new UsageError(
      `cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`,
    )
  }
}

/**
 * Reads `--input-file PATH` (or standard input for `-`). A regular file over
 * the input limit is refused before it is read, so a huge file costs nothing.
 */
export function readInputFile(path: string): string {
  const shown = path === '-' ? 'standard input' : path
  let fd: number | undefined
  try {
    fd = path === '-' ? 0 : openSync(path, 'r')
    const info = fstatSync(fd)
    if (info.isDirectory()) throw new UsageError(`--input-file ${path} is a folder, not a file`)
    if (info.isFile() && info.size > LIMITS.maxInputBytes)
      throw new UsageError(
        `--input-file ${path} is ${describeBytes(info.size)}; the input limit is ${describeBytes(LIMITS.maxInputBytes)}`,
      )
    return readFileSync(fd, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${shown}: ${(error as Error).message}`)
  } finally {
    if (fd !== undefined && fd !== 0) closeSync(fd)
  }
}

/** What a script file brings with it: its sidecar's input and limits, its header's limits. */
export interface ScriptCompanions {
  input?: string
  limits: RunLimits
}

/**
 * The sidecar beside a script file (`FILE.gatehouse.json`, read as the
 * desktop app reads it: a plain file in the script's own folder, no symlink,
 * one link) and the script's `// limits:` header. The sidecar's limits win
 * over the header's. A sidecar that cannot be used is an error that names
 * it and says what to do, never silently skipped.
 */
export async function readCompanions(
  file: string,
  source: string,
  useSidecar: boolean,
): Promise<ScriptCompanions> {
  const companions: ScriptCompanions = { limits: {} }
  let fromHeader: RunLimits | undefined
  try {
    fromHeader = headerLimits(basename(file), source)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  if (fromHeader) companions.limits = { ...fromHeader }
  if (!useSidecar || file === '-') return companions

  const sidecarPath = sidecarPathFor(file)
  const sidecarName = basename(sidecarPath)
  let folder: string
  try {
    folder = dirname(realpathSync(file))
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`)
  }
  const read = await readJsonFile(sidecarPath, FILE_LIMITS.maxSidecarBytes, {
    root: folder,
    followLinks: false,
    refuseHardLinks: true,
    shownAs: sidecarName,
  })
  const refuse = (reason: string): never => {
    throw new UsageError(`${reason}; fix it, or run with --no-sidecar to ignore it`)
  }
  switch (read.status) {
    case 'missing':
      return companions
    case 'unreadable':
      return refuse(`${sidecarName} was not read: ${read.reason}`)
    case 'corrupt':
      return refuse(`${sidecarName}: ${read.reason}`)
    case 'ok': {
      const sidecar = parseSidecar(read.value, sidecarName)
      if (sidecar.error !== undefined) refuse(sidecar.error)
      if (sidecar.input !== undefined) companions.input = sidecar.input
      if (sidecar.limits !== undefined)
        companions.limits = { ...companions.limits, ...sidecar.limits }
      return companions
    }
  }
}
