import { describe, expect, it } from 'vitest'
import type { GatehouseApi } from '../../../src/protocol/api'
import { EventLog } from '../../../renderer/event-log/event-log'
import type { PreferenceStorage } from '../../../renderer/persistence/storage'
import {
  STRESS_STORAGE_KEYS,
  parseStressDesign,
  writeLastReport,
} from '../../../renderer/persistence/stress-lab-storage'
import { createAppStore } from '../../../renderer/store'
import { defaultStressForm } from '../../../renderer/store/slices/stress/stress-form'
import { sampleReport } from '../engine/stress-report-fixture'

/** localStorage as a Map; `quotaBytes` makes a write over it throw as the browser does. */
function memoryStorage(quotaBytes = Infinity): PreferenceStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (value.length > quotaBytes) throw new DOMException('quota', 'QuotaExceededError')
      items.set(key, value)
    },
  }
}

const storeOn = (storage: PreferenceStorage) =>
  createAppStore(
    {
      api: {} as GatehouseApi,
      now: () => Date.now(),
      storage,
      eventLog: new EventLog(),
    },
    { status: 'open' },
  )

describe('the stress lab across a reload', () => {
  it('keeps the design as typed and gives it back to the next store', () => {
    const storage = memoryStorage()
    const first = storeOn(storage).getState()
    first.setStressField('runs', '2000')
    first.setStressField('waitTimeoutMs', '30000')
    first.setStressFault('loop', '2')
    first.setStressArrival('rate')
    const next = storeOn(storage).getState()
    expect(next.stressForm.runs).toBe('2000')
    expect(next.stressForm.waitTimeoutMs).toBe('30000')
    expect(next.stressForm.faults.loop).toBe('2')
    expect(next.stressForm.arrival).toBe('rate')
    // Its own numbers stand: the gate's settings do not overwrite them.
    expect(next.stressFormSeeded).toBe(true)
  })

  it('gives back the last finished report, its counts on the gauge', () => {
    const storage = memoryStorage()
    const report = sampleReport()
    expect(writeLastReport(storage, report)).toBe(true)
    const state = storeOn(storage).getState()
    expect(state.stressReport).toEqual(report)
    expect(state.stressReportFinal).toBe(true)
    expect(state.stressId).toBe(report.stressId)
    expect(state.stressLive.gauge.settled).toBe(report.runs.length)
  })

  it('falls back field by field on a stored design that is damaged, and ignores a damaged report', () => {
    const form = parseStressDesign({ runs: 42, permits: '8', arrival: 'sideways', faults: null })
    expect(form?.runs).toBe(defaultStressForm().runs)
    expect(form?.permits).toBe('8')
    expect(form?.arrival).toBe('burst')
    expect(parseStressDesign('nonsense')).toBeNull()
    const storage = memoryStorage()
    storage.items.set(STRESS_STORAGE_KEYS.lastReport, '{"format":"something else"}')
    storage.items.set(STRESS_STORAGE_KEYS.design, '{not json')
    const state = storeOn(storage).getState()
    expect(state.stressReport).toBeNull()
    expect(state.stressForm).toEqual(defaultStressForm())
  })

  it('says when a report is over the browser’s quota, and keeps nothing then', () => {
    const storage = memoryStorage(100)
    expect(writeLastReport(storage, sampleReport())).toBe(false)
    expect(storage.items.has(STRESS_STORAGE_KEYS.lastReport)).toBe(false)
  })
})
