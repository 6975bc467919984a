import type { Settings } from '../../../../src/protocol/settings'
import { SETTING_RANGES } from '../../../../src/protocol/settings'

export type SettingName = keyof Settings

/** The Settings dialog's fields, in order, with what each one does. */
export const SETTING_FIELDS: readonly {
  name: SettingName
  label: string
  unit?: string
  help: string
  /** Changing it starts a new sandbox host. */
  restartsHost?: boolean
}[] = [
  {
    name: 'permits',
    label: 'Permits',
    help: 'How many runs may hold a permit, and so run, at once.',
  },
  {
    name: 'waitTimeoutMs',
    label: 'Wait timeout',
    unit: 'ms',
    help: 'How long a run waits for a permit before it fails with ConcurrencyError. 0 fails at once when the gate is full.',
  },
  {
    name: 'lanes',
    label: 'Lanes',
    help: 'Worker threads that run scripts, one run each at a time.',
    restartsHost: true,
  },
  {
    name: 'runTimeoutMs',
    label: 'Run timeout',
    unit: 'ms',
    help: 'How long a run may take once it starts, unless it sets its own limit.',
  },
  {
    name: 'memoryMb',
    label: 'Memory per run',
    unit: 'MB',
    help: 'The most memory a run may use; also each lane’s hard cap, which no run may exceed.',
    restartsHost: true,
  },
  {
    name: 'stackKb',
    label: 'Stack per run',
    unit: 'KB',
    help: 'The deepest a run’s call stack may grow.',
  },
]

export type SettingsDraft = Record<SettingName, string>

export function draftFromSettings(settings: Settings): SettingsDraft {
  return {
    permits: String(settings.permits),
    waitTimeoutMs: String(settings.waitTimeoutMs),
    lanes: String(settings.lanes),
    runTimeoutMs: String(settings.runTimeoutMs),
    memoryMb: String(settings.memoryMb),
    stackKb: String(settings.stackKb),
  }
}

export interface SettingsFormResult {
  /** Only the settings that differ from the current ones. */
  changes: Partial<Settings>
  errors: Partial<Record<SettingName, string>>
}

/** Checks the dialog's fields against SETTING_RANGES and keeps what changed. */
export function readSettingsDraft(draft: SettingsDraft, current: Settings): SettingsFormResult {
  const changes: Partial<Settings> = {}
  const errors: SettingsFormResult['errors'] = {}
  for (const { name, label } of SETTING_FIELDS) {
    const text = draft[name].trim()
    const { min, max } = SETTING_RANGES[name]
    const value = Number(text)
    if (text === '' || !Number.isInteger(value)) errors[name] = `${label} must be a whole number`
    else if (value < min || value > max) errors[name] = `${label} must be from ${min} to ${max}`
    else if (value !== current[name]) changes[name] = value
  }
  return { changes, errors }
}
