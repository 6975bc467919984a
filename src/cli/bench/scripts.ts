/** The two workloads every contender runs. */
export const BENCH_SCRIPTS = {
  trivial: { code: 'return input.a + input.b', input: { a: 2, b: 40 }, expected: 42 },
  cpu: {
    code: 'let sum = 0\nfor (let i = 0; i < 1e6; i++) sum += i\nreturn sum',
    input: {},
    expected: 499999500000,
  },
} as const

export type BenchScript = keyof typeof BENCH_SCRIPTS
