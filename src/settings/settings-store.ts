import { copyFile, mkdir } from 'node:fs/promises'
import { totalmem } from 'node:os'
import { dirname } from 'node:path'
import type { MemoryBudget, Settings } from '../protocol/settings'
import {
  SETTING_RANGES,
  memoryBudgetFor,
  memoryBudgetProblem,
  settingsSchema,
} from '../protocol/settings'
import type { SettingsNotice, SettingsStatus } from '../protocol/settings-status'
import { describeZodError } from '../engine/validation'
import { writeFileAtomic } from '../workspace/atomic-write'
import { readJsonFile } from '../workspace/json-state-file'
import { SerialQueue } from '../workspace/serial-queue'

/** The settings file format version written by this Gatehouse. */
export const SETTINGS_FILE_VERSION = 1
/** A settings file is a few hundred bytes; anything this big is not one. */
const MAX_SETTINGS_FILE_BYTES = 64 * 1024

type SettingName = keyof Settings
const SETTING_NAMES = Object.keys(SETTING_RANGES) as SettingName[]

export interface LoadedSettings {
  settings: Settings
  status: SettingsStatus
}

export interface SettingsStoreOptions {
  /** The workspace's real path: the file must really be inside it (browser edition). */
  root?: string | null
  /** What lanes x lane memory may add up to (see memoryBudgetFor); the machine's by default. */
  memoryBudget?: MemoryBudget
}

/**
 * The gate and limit settings on disk, as
 * `{ "version": 1, "settings": { "permits": 4, ... } }` in `settings.json`
 * (the desktop app's user data folder, or the browser edition's workspace
 * `.gatehouse/`). Loading never fails: a missing file means defaults; a
 * corrupt or invalid one falls back to defaults (per setting, keeping the
 * valid ones) with a notice, after copying the bad file aside so that the
 * next save does not destroy what the user had. Settings whose lanes and
 * memory do not fit the machine's memory budget fall back the same way (see
 * fitBudget). Saves are atomic.
 */
export class SettingsStore {
  private readonly queue = new SerialQueue()
  private readonly root: string | null
  private readonly memoryBudget: MemoryBudget

  constructor(
    readonly path: string,
    private readonly defaults: Settings,
    private readonly now: () => number = Date.now,
    options: SettingsStoreOptions = {},
  ) {
    this.root = options.root ?? null
    this.memoryBudget = options.memoryBudget ?? memoryBudgetFor(totalmem())
  }

  async load(): Promise<LoadedSettings> {
    const read = await readJsonFile(this.path, MAX_SETTINGS_FILE_BYTES, { root: this.root })
    switch (read.status) {
      case 'missing':
        return {
          settings: { ...this.defaults },
          status: { path: this.path, loadedFrom: 'defaults' },
        }
      case 'unreadable':
        return this.fallBack(
          'unreadable',
          `Gatehouse could not read ${this.path} (${read.reason}).`,
        )
      case 'corrupt':
        return this.fallBack('corrupt', `${this.path} is damaged: ${read.reason}.`)
      case 'ok':
        return this.interpret(read.value)
    }
  }

  /** Writes `settings` atomically. */
  save(settings: Settings): Promise<void> {
    return this.queue.run(async () => {
      const valid = settingsSchema.parse(settings)
      await mkdir(dirname(this.path), { recursive: true })
      const text = `${JSON.stringify({ version: SETTINGS_FILE_VERSION, settings: valid }, null, 2)}\n`
      await writeFileAtomic(this.path, text, { root: this.root })
    })
  }

  private async interpret(value: unknown): Promise<LoadedSettings> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return this.fallBack('invalid', `${this.path} does not hold a settings object.`)
    }
    const file = value as { version?: unknown; settings?: unknown }
    if (file.version !== SETTINGS_FILE_VERSION) {
      const newer = typeof file.version === 'number' && file.version > SETTINGS_FILE_VERSION
      return this.fallBack(
        'invalid',
        newer
          ? `${this.path} was written by a newer Gatehouse (format ${file.version}).`
          : `${this.path} has no "version": ${SETTINGS_FILE_VERSION} field.`,
      )
    }
    const stored = file.settings
    if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) {
      return this.fallBack('invalid', `${this.path} has no "settings" object.`)
    }

    // Each setting on its own: one bad value does not cost the others.
    const settings: Settings = { ...this.defaults }
    const problems: string[] = []
    const record = stored as Record<string, unknown>
    for (const name of SETTING_NAMES) {
      if (!(name in record)) continue
      const parsed = settingsSchema.shape[name].safeParse(record[name])
      if (parsed.success) settings[name] = parsed.data
      else {
        const reason = describeZodError(parsed.error)
        problems.push(
          `${reason.startsWith(name) ? reason : `${name}: ${reason}`} (got ${JSON.stringify(record[name])}); using the default ${this.defaults[name]}`,
        )
      }
    }
    for (const name of Object.keys(record)) {
      if (!SETTING_NAMES.includes(name as SettingName))
        problems.push(`unknown setting "${name}" ignored`)
    }
    const overBudget = memoryBudgetProblem(settings, this.memoryBudget)
    if (overBudget) {
      const fitted = this.fitBudget(settings)
      problems.push(
        `${overBudget}; using lanes ${fitted.lanes} and memoryMb ${fitted.memoryMb} instead`,
      )
      settings.lanes = fitted.lanes
      settings.memoryMb = fitted.memoryMb
    }
    if (problems.length === 0) {
      return { settings, status: { path: this.path, loadedFrom: 'file' } }
    }
    const notice = await this.notice(
      'invalid',
      `Some settings in ${this.path} were not valid: ${problems.join('; ')}.`,
    )
    return { settings, status: { path: this.path, loadedFrom: 'file', notice } }
  }

  /**
   * Lanes and memory that fit the budget: the defaults', with fewer lanes if
   * even those do not fit (a machine with many cores and little memory).
   */
  private fitBudget(settings: Settings): Pick<Settings, 'lanes' | 'memoryMb'> {
    const memoryMb = Math.min(settings.memoryMb, this.defaults.memoryMb)
    let lanes = this.defaults.lanes
    while (lanes > 1 && memoryBudgetProblem({ lanes, memoryMb }, this.memoryBudget)) lanes--
    return { lanes, memoryMb }
  }

  private async fallBack(kind: SettingsNotice['kind'], reason: string): Promise<LoadedSettings> {
    const notice = await this.notice(kind, `${reason} Gatehouse started with the default settings.`)
    return {
      settings: { ...this.defaults },
      status: { path: this.path, loadedFrom: 'defaults', notice },
    }
  }

  /** Builds the notice, copying the bad file aside (best effort) so a later save keeps it. */
  private async notice(kind: SettingsNotice['kind'], message: string): Promise<SettingsNotice> {
    const at = this.now()
    const notice: SettingsNotice = { kind, message, at }
    if (kind === 'unreadable') return notice
    const backupPath = `${this.path}.bad-${at}`
    try {
      await copyFile(this.path, backupPath)
      notice.backupPath = backupPath
      notice.message += ` The file was copied to ${backupPath}.`
    } catch {
      // Nothing to keep, or nowhere to keep it: the notice still says what happened.
    }
    return notice
  }
}
