// @vitest-environment node
import { resetElectronFake } from '../../setup-electron-mock'
import { readFileSync } from 'node:fs'
import type { BrowserWindow } from 'electron'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { SavedRunDialogs } from '../../../electron/main/desktop-saved-runs'
import { DesktopSavedRuns } from '../../../electron/main/desktop-saved-runs'
import type { Core } from '../../../src/engine/core-api'
import { parseStressReport } from '../../../src/engine/stress/report-file'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import { handleSavedRunRequest } from '../../../src/workspace/saved-runs'
import type { SavedRunChannel } from '../../../src/workspace/saved-runs'
import { sampleReport } from '../engine/stress-report-fixture'
import { tempFolder } from '../workspace/helpers'

let docs: ReturnType<typeof tempFolder>
let dialogs: { showOpen: ReturnType<typeof vi.fn>; showSave: ReturnType<typeof vi.fn> }
let runs: DesktopSavedRuns
const window = { id: 1 } as unknown as BrowserWindow
const core = {
  handle: async () => ({ ok: true, value: sampleReport() }),
} as unknown as Core

const request = (channel: SavedRunChannel, payload: unknown) =>
  handleSavedRunRequest(runs.forWindow(window), core, channel, payload)

beforeEach(() => {
  resetElectronFake()
  docs = tempFolder('gatehouse-docs-')
  dialogs = { showOpen: vi.fn(async () => null), showSave: vi.fn(async () => null) }
  runs = new DesktopSavedRuns(dialogs as unknown as SavedRunDialogs, docs.root)
})
afterEach(() => docs.remove())

describe('saved runs on the desktop', () => {
  it('Save shows the Save dialog with a suggested name, writes the report there, adds .json', async () => {
    dialogs.showSave.mockResolvedValueOnce(docs.path('policy-a'))
    const saved = await request(METHOD_CHANNELS.saveRun, { stressId: 'stress1' })
    expect(dialogs.showSave).toHaveBeenCalledWith(
      window,
      docs.path('gatehouse-stress1-20261202-071503.json'),
    )
    expect(saved).toEqual({
      ok: true,
      value: { status: 'saved', name: 'policy-a.json', path: docs.path('policy-a.json') },
    })
    const text = readFileSync(docs.path('policy-a.json'), 'utf8')
    expect(parseStressReport(text)).toEqual({ ok: true, report: sampleReport() })

    dialogs.showOpen.mockResolvedValueOnce(docs.path('policy-a.json'))
    expect(await request(METHOD_CHANNELS.openSavedRun, {})).toEqual({
      ok: true,
      value: { status: 'opened', name: 'policy-a.json', path: docs.path('policy-a.json'), text },
    })
    expect(dialogs.showOpen).toHaveBeenCalledWith(window, docs.root)
  })

  it('a cancelled dialog is a cancelled reply; the window cannot name a path to open', async () => {
    expect(await request(METHOD_CHANNELS.saveRun, { stressId: 'stress1' })).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(await request(METHOD_CHANNELS.openSavedRun, {})).toEqual({
      ok: true,
      value: { status: 'cancelled' },
    })
    expect(await request(METHOD_CHANNELS.listSavedRuns, {})).toEqual({
      ok: true,
      value: { nativeDialogs: true, folder: null, runs: [] },
    })
    // A name is a plain file name: the dialog still decides where it goes.
    expect(await request(METHOD_CHANNELS.openSavedRun, { name: '../../etc/passwd' })).toMatchObject(
      {
        ok: false,
        error: { type: 'ValidationError' },
      },
    )
  })
})
