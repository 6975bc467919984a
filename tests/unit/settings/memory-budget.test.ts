import { describe, expect, it } from 'vitest'
import {
  LANE_OVERHEAD_MB,
  memoryBudgetFor,
  memoryBudgetProblem,
} from '../../../src/protocol/settings'

const MiB = 1024 * 1024

describe('the memory budget', () => {
  it('is half of the machine memory', () => {
    expect(memoryBudgetFor(24 * 1024 * MiB)).toEqual({ budgetMb: 12 * 1024, totalMb: 24 * 1024 })
    expect(memoryBudgetFor(1000 * MiB + 123)).toEqual({ budgetMb: 500, totalMb: 1000 })
  })

  it('takes lanes x (memoryMb + the lane overhead) up to the budget, and no further', () => {
    const budget = { budgetMb: 8 * (64 + LANE_OVERHEAD_MB), totalMb: 2048 }
    expect(memoryBudgetProblem({ lanes: 8, memoryMb: 64 }, budget)).toBeNull()
    expect(memoryBudgetProblem({ lanes: 9, memoryMb: 64 }, budget)).toBe(
      "9 lanes x (memoryMb 64 + 32 MB lane overhead) = 864 MB, more than the memory budget of 768 MB (half of this machine's 2048 MB): use at most 8 lanes at memoryMb 64, or a lower memoryMb",
    )
  })

  it('refuses the issue example, 16 lanes of 1 GB, on a machine with 24 GB', () => {
    expect(
      memoryBudgetProblem({ lanes: 16, memoryMb: 1024 }, memoryBudgetFor(24 * 1024 * MiB)),
    ).toBe(
      "16 lanes x (memoryMb 1024 + 32 MB lane overhead) = 16896 MB, more than the memory budget of 12288 MB (half of this machine's 24576 MB): use at most 11 lanes at memoryMb 1024, or a lower memoryMb",
    )
  })

  it('says to lower memoryMb when not even one lane fits', () => {
    expect(
      memoryBudgetProblem({ lanes: 1, memoryMb: 1024 }, { budgetMb: 512, totalMb: 1024 }),
    ).toBe(
      "1 lane x (memoryMb 1024 + 32 MB lane overhead) = 1056 MB, more than the memory budget of 512 MB (half of this machine's 1024 MB): lower memoryMb",
    )
  })
})
