import { readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Core } from '../../../src/engine/core-api'
import { parseStressReport } from '../../../src/engine/stress/report-file'
import { METHOD_CHANNELS } from '../../../src/protocol/channel-names'
import type { StressReportFull } from '../../../src/protocol/stress'
import {
  WorkspaceSavedRuns,
  defaultSavedRunName,
  withSavedRuns,
} from '../../../src/workspace/saved-runs'
import { Workspace } from '../../../src/workspace/workspace'
import { sampleReport } from '../engine/stress-report-fixture'
import { tempFolder } from './helpers'

let folder: ReturnType<typeof tempFolder>
let outside: ReturnType<typeof tempFolder>
let api: Core
const reports = new Map<string, StressReportFull>()

/** A core that knows a few stress reports and nothing else: the saved runs ask it for one. */
const fakeCore: Core = {
  async handle(channel, payload) {
    if (channel !== METHOD_CHANNELS.stressReport) throw new Error(`unexpected ${channel}`)
    const report = reports.get((payload as { stressId: string }).stressId)
    if (!report) return { ok: false, error: { type: 'ValidationError', message: 'No stress run' } }
    return { ok: true, value: report } as never
  },
  onTelemetry: () => () => undefined,
  shutdown: async () => undefined,
}

const call = (channel: string, payload: unknown) => api.handle(channel as never, payload)

beforeEach(async () => {
  folder = tempFolder('gatehouse-runs-')
  outside = tempFolder('gatehouse-outside-')
  reports.clear()
  reports.set('stress1', sampleReport())
  reports.set('stress2', sampleReport({ stressId: 'stress2', state: 'running' }))
  api = withSavedRuns(fakeCore, new WorkspaceSavedRuns(await Workspace.open(folder.root)))
})
afterEach(() => {
  folder.remove()
  outside.remove()
})

describe('saved runs in the workspace', () => {
  it('saves a finished stress as its report in .gatehouse/runs/, lists it, and opens it as written', async () => {
    expect(await call(METHOD_CHANNELS.listSavedRuns, {})).toMatchObject({
      ok: true,
      value: { nativeDialogs: false, runs: [] },
    })
    const saved = await call(METHOD_CHANNELS.saveRun, { stressId: 'stress1' })
    const name = defaultSavedRunName(sampleReport())
    expect(name).toBe('gatehouse-stress1-20261202-071503.json')
    expect(saved).toEqual({
      ok: true,
      value: { status: 'saved', name, path: folder.path('.gatehouse', 'runs', name) },
    })
    const text = readFileSync(folder.path('.gatehouse', 'runs', name), 'utf8')
    expect(parseStressReport(text)).toEqual({ ok: true, report: sampleReport() })
    const listing = await call(METHOD_CHANNELS.listSavedRuns, {})
    expect(listing).toMatchObject({ ok: true, value: { runs: [{ name }] } })
    expect(await call(METHOD_CHANNELS.openSavedRun, { name })).toEqual({
      ok: true,
      value: { status: 'opened', name, path: folder.path('.gatehouse', 'runs', name), text },
    })
  })

  it('refuses to replace a saved run unless asked, and to save a stress still running', async () => {
    await call(METHOD_CHANNELS.saveRun, { stressId: 'stress1', name: 'mine.json' })
    expect(await call(METHOD_CHANNELS.saveRun, { stressId: 'stress1', name: 'mine.json' })).toEqual(
      {
        ok: false,
        error: {
          type: 'FileExistsError',
          message: 'A saved run named mine.json already exists: choose another name or replace it',
        },
      },
    )
    expect(
      await call(METHOD_CHANNELS.saveRun, {
        stressId: 'stress1',
        name: 'mine.json',
        overwrite: true,
      }),
    ).toMatchObject({ ok: true })
    expect(await call(METHOD_CHANNELS.saveRun, { stressId: 'stress2' })).toMatchObject({
      ok: false,
      error: { message: 'stress2 is still running: save it once it is done or cancelled' },
    })
    expect(await call(METHOD_CHANNELS.saveRun, { stressId: 'stress9' })).toMatchObject({
      ok: false,
      error: { type: 'NotFoundError', message: 'No stress run' },
    })
  })

  it('takes only plain .json names: no folders, no way out of the runs folder', async () => {
    for (const name of ['../escape.json', 'a/b.json', '/tmp/x.json', 'run.js', '.hidden.json']) {
      const reply = await call(METHOD_CHANNELS.saveRun, { stressId: 'stress1', name })
      expect(reply, name).toMatchObject({
        ok: false,
        error: { type: 'ValidationError', message: expect.stringMatching(/plain file name/) },
      })
      expect(await call(METHOD_CHANNELS.openSavedRun, { name })).toMatchObject({ ok: false })
    }
  })

  it('opens a damaged file as text and leaves it as it was; refuses a symbolic link', async () => {
    folder.write('.gatehouse/runs/broken.json', '{"format": "gatehouse-stress-report", "ver')
    const reply = await call(METHOD_CHANNELS.openSavedRun, { name: 'broken.json' })
    expect(reply).toMatchObject({ ok: true, value: { status: 'opened' } })
    const text = (reply as { value: { text: string } }).value.text
    expect(parseStressReport(text)).toMatchObject({ ok: false, reason: /^not JSON/ })
    expect(readFileSync(folder.path('.gatehouse/runs/broken.json'), 'utf8')).toBe(text)

    writeFileSync(outside.path('secret.json'), '{}')
    symlinkSync(outside.path('secret.json'), folder.path('.gatehouse/runs/link.json'))
    expect(await call(METHOD_CHANNELS.openSavedRun, { name: 'link.json' })).toMatchObject({
      ok: false,
      error: { type: 'PathError' },
    })
    expect(await call(METHOD_CHANNELS.openSavedRun, { name: 'missing.json' })).toMatchObject({
      ok: false,
      error: { type: 'NotFoundError' },
    })
  })
})
