import { describe, expect, it } from 'vitest'
import { runInSlices } from '../../../renderer/scheduling/run-in-slices'

/** A computation of `steps` steps that records which task each step ran in. */
function* counted(steps: number, taskOf: number[], task: { current: number }) {
  for (let i = 0; i < steps; i++) {
    taskOf.push(task.current)
    yield
  }
  return steps
}

describe('runInSlices', () => {
  it('runs the steps in slices of about the budget, each slice in a task of its own', async () => {
    const task = { current: 0 }
    const taskOf: number[] = []
    // A fake clock: every step costs 1 ms, so a 4 ms budget fits 4 steps.
    let clock = 0
    const now = () => clock++
    const running = runInSlices(counted(10, taskOf, task), new AbortController().signal, 4, now)
    // The first slice ran at once, before anything else got the thread.
    expect(taskOf.length).toBeGreaterThan(0)
    expect(taskOf.length).toBeLessThan(10)
    task.current = 1
    await new Promise((resolve) => setTimeout(resolve, 0))
    task.current = 2
    expect(await running).toBe(10)
    expect(taskOf).toHaveLength(10)
    // Later steps ran in later tasks: other work ran in between.
    expect(new Set(taskOf).size).toBeGreaterThan(1)
  })

  it('stops at the next slice once aborted, and resolves with null', async () => {
    const taskOf: number[] = []
    const abort = new AbortController()
    let clock = 0
    const running = runInSlices(
      counted(100, taskOf, { current: 0 }),
      abort.signal,
      2,
      () => clock++,
    )
    abort.abort()
    expect(await running).toBeNull()
    expect(taskOf.length).toBeLessThan(100)
  })
})
