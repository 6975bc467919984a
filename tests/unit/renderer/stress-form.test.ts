import { describe, expect, it } from 'vitest'
import type { Settings } from '../../../src/protocol/settings'
import { stressPlanSchema } from '../../../src/protocol/stress'
import type { StressFormDraft } from '../../../renderer/store/slices/stress/stress-form'
import {
  defaultStressForm,
  gateChanges,
  readFaults,
  readStressForm,
} from '../../../renderer/store/slices/stress/stress-form'
import {
  STRESS_SCRIPT_CHOICES,
  STRESS_WORKLOAD,
  resolveStressScript,
} from '../../../renderer/store/slices/stress/stress-scripts'

const SETTINGS: Settings = {
  permits: 4,
  waitTimeoutMs: 10_000,
  lanes: 2,
  runTimeoutMs: 5000,
  memoryMb: 64,
  stackKb: 1024,
}
const SCRIPT = { code: 'return input.i', language: 'js' as const }

const form = (changes: Partial<StressFormDraft> = {}): StressFormDraft => ({
  ...defaultStressForm(SETTINGS),
  ...changes,
})

describe('the stress form', () => {
  it('starts from the gate settings and builds a plan the core accepts', () => {
    const draft = form({ runs: '2000', runTimeoutMs: '100' })
    expect(draft.permits).toBe('4')
    const result = readStressForm(draft, SCRIPT)
    if (!result.ok) throw new Error(JSON.stringify(result.errors))
    expect(result.plan).toEqual({
      code: 'return input.i',
      language: 'js',
      runs: 2000,
      arrival: { pattern: 'burst' },
      faults: {},
      runTimeoutMs: 100,
    })
    expect(result.gate).toEqual({ permits: 4, lanes: 2, waitTimeoutMs: 10_000 })
    expect(stressPlanSchema.safeParse(result.plan).success).toBe(true)
  })

  it('says what is wrong with each field before anything is sent', () => {
    const result = readStressForm(
      form({
        runs: '100001',
        permits: '0',
        lanes: '2.5',
        waitTimeoutMs: '',
        runTimeoutMs: '5',
      }),
      SCRIPT,
    )
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors).toEqual({
      runs: 'Runs must be at most 100000',
      permits: 'Permits must be at least 1',
      lanes: 'Lanes must be a whole number from 1 to 16',
      waitTimeoutMs: 'Wait timeout must be a whole number from 0 to 600000 ms',
      runTimeoutMs: 'Run timeout must be at least 10 ms',
    })
  })

  it('checks the arrival pattern it uses, and only that one', () => {
    const ramp = readStressForm(form({ arrival: 'ramp', rampOverMs: '2500' }), SCRIPT)
    expect(ramp.ok && ramp.plan.arrival).toEqual({ pattern: 'ramp', overMs: 2500 })
    const rate = readStressForm(form({ arrival: 'rate', ratePerSecond: '0.5' }), SCRIPT)
    expect(rate.ok && rate.plan.arrival).toEqual({ pattern: 'rate', perSecond: 0.5 })
    const badRate = readStressForm(form({ arrival: 'rate', ratePerSecond: '0' }), SCRIPT)
    expect(!badRate.ok && badRate.errors.ratePerSecond).toBe(
      'The rate must be from 0.1 to 100000 runs a second',
    )
    const badRamp = readStressForm(form({ arrival: 'ramp', rampOverMs: 'x' }), SCRIPT)
    expect(!badRamp.ok && badRamp.errors.rampOverMs).toMatch(/^The ramp must be a whole number/)
    // A bad ramp does not matter while the pattern is burst.
    expect(readStressForm(form({ rampOverMs: 'x' }), SCRIPT).ok).toBe(true)
  })

  it('adds up the fault mix and refuses more than 100 percent', () => {
    const faults = { throw: '5', loop: '2.5', memory: '', stuck: '0', crash: '1' }
    expect(readFaults(faults)).toEqual({
      values: { throw: 5, loop: 2.5, crash: 1 },
      total: 8.5,
      errors: {},
    })
    const result = readStressForm(form({ faults }), SCRIPT)
    expect(result.ok && result.plan.faults).toEqual({ throw: 5, loop: 2.5, crash: 1 })

    const over = readStressForm(
      form({ faults: { throw: '60', loop: '50', memory: '0', stuck: '0', crash: '0' } }),
      SCRIPT,
    )
    expect(!over.ok && over.errors.faultTotal).toBe(
      'The faults add up to 110%: at most 100% of runs can fail',
    )
    const bad = readFaults({ throw: '-1', loop: 'abc', memory: '101', stuck: '0', crash: '0' })
    expect(bad.errors).toEqual({
      'fault.throw': 'Throw must be from 0 to 100 percent',
      'fault.loop': 'Loop forever: enter a percentage',
      'fault.memory': 'Allocate without bound must be from 0 to 100 percent',
    })
    expect(readFaults({ throw: '0.1', loop: '0.2', memory: '', stuck: '', crash: '' }).total).toBe(
      0.3,
    )
  })

  it('needs a script that is not empty and fits a run', () => {
    expect(readStressForm(form(), null)).toEqual({
      ok: false,
      errors: { script: 'Choose a script to stress' },
    })
    const empty = readStressForm(form(), { code: '  \n', language: 'js' })
    expect(!empty.ok && empty.errors.script).toMatch(/^The script is empty/)
    const huge = readStressForm(form(), { code: 'x'.repeat(70_000), language: 'js' })
    expect(!huge.ok && huge.errors.script).toBe(
      'The script is 70000 bytes; a run takes at most 65535',
    )
  })

  it('applies only the gate settings that differ', () => {
    expect(gateChanges({ permits: 4, lanes: 2, waitTimeoutMs: 10_000 }, SETTINGS)).toEqual({})
    expect(gateChanges({ permits: 8, lanes: 2, waitTimeoutMs: 0 }, SETTINGS)).toEqual({
      permits: 8,
      waitTimeoutMs: 0,
    })
    expect(gateChanges({ permits: 4, lanes: 2, waitTimeoutMs: 1 }, null)).toEqual({
      permits: 4,
      lanes: 2,
      waitTimeoutMs: 1,
    })
  })

  it('offers the workload, the editor and every example as the script', () => {
    const editor = { code: 'return 1', language: 'ts' as const }
    expect(resolveStressScript('workload', editor)).toEqual({
      code: STRESS_WORKLOAD,
      language: 'js',
    })
    expect(resolveStressScript('editor', editor)).toEqual(editor)
    expect(resolveStressScript('sync', editor)?.code).toContain('reduce')
    expect(resolveStressScript('no-such-example', editor)).toBeNull()
    expect(STRESS_SCRIPT_CHOICES.slice(0, 2).map((c) => c.id)).toEqual(['workload', 'editor'])
    for (const choice of STRESS_SCRIPT_CHOICES)
      expect(resolveStressScript(choice.id, editor)).not.toBeNull()
  })
})
