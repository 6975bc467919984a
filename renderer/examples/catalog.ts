import type { Example } from './types'

/**
 * The Examples menu, as data. Each one shows one thing the sandbox or the gate
 * does; together they cover every way a run can end.
 */
export const EXAMPLES: readonly Example[] = [
  {
    id: 'sync',
    title: 'Sum the input',
    summary: 'Synchronous code on the pool: reads input, logs, returns an object.',
    language: 'js',
    code: `// A script is the body of a function that receives \`input\`.
const { items } = input
const total = items.reduce((sum, n) => sum + n, 0)
console.log('summing', items.length, 'items')
return { total, average: total / items.length }
`,
    input: `{
  "items": [3, 5, 8, 13, 21]
}
`,
  },
  {
    id: 'async',
    title: 'Async and await',
    summary: 'await at the top level: the analyzer routes it to the event loop.',
    language: 'js',
    code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

async function fetchUser(id) {
  await sleep(50) // a pretend network call
  return { id, name: \`user-\${id}\` }
}

const users = await Promise.all(input.ids.map(fetchUser))
return users
`,
    input: `{ "ids": [1, 2, 3] }
`,
  },
  {
    id: 'timers',
    title: 'Timers',
    summary: 'setInterval ticks, clearInterval stops it, setTimeout settles the run.',
    language: 'js',
    code: `let ticks = 0
const started = Date.now()

const id = setInterval(() => {
  ticks++
  console.log(\`tick \${ticks} at +\${Date.now() - started} ms\`)
  if (ticks === 5) clearInterval(id)
}, 40)

await new Promise((resolve) => setTimeout(resolve, 300))
return { ticks, elapsedMs: Date.now() - started }
`,
    input: '',
  },
  {
    id: 'thrown-error',
    title: 'Thrown error',
    summary: 'A TypeError on line 4: click its location in the Result to jump there.',
    language: 'js',
    code: `function parsePrice(text) {
  const value = Number(text)
  if (Number.isNaN(value)) {
    throw new TypeError(\`not a price: \${JSON.stringify(text)}\`)
  }
  return value
}

return input.prices.map(parsePrice)
`,
    input: `{ "prices": ["9.99", "12", "free"] }
`,
  },
  {
    id: 'timeout',
    title: 'Infinite loop (timeout)',
    summary:
      'while (true) runs into a 1 s limit and is interrupted: TimeoutError, cause interrupt.',
    language: 'js',
    code: `let spins = 0
while (true) {
  spins++
}
`,
    input: '',
    limits: { runTimeoutMs: 1000 },
  },
  {
    id: 'memory-bomb',
    title: 'Memory bomb',
    summary: 'Allocates until the per-run memory limit stops it: MemoryLimitError.',
    language: 'js',
    code: `const hoard = []
while (true) {
  hoard.push(new Array(100_000).fill('x'))
}
`,
    input: '',
  },
  {
    id: 'big-allocation',
    title: 'A big allocation (needs 256 MB)',
    summary:
      'A 100 MB string is legitimate work, but more than the default 64 MB a run may use: raise memoryMb and it runs.',
    language: 'js',
    code: `// Not a bomb: one 100 MB string, built on purpose. With the default limit
// (64 MB per run) it ends as MemoryLimitError; with memoryMb at 256 it runs.
const text = 'x'.repeat(100 * 1024 * 1024)
return { megabytes: text.length / 1024 / 1024 }
`,
    input: '',
    requires: {
      atLeast: { memoryMb: 256 },
      apply: { memoryMb: 256 },
      reason:
        'It needs more than the default 64 MB per run: with less it ends as MemoryLimitError.',
    },
  },
  {
    id: 'deep-recursion',
    title: 'Deep recursion',
    summary: 'Unbounded recursion hits the stack limit: StackOverflowError, not a crash.',
    language: 'js',
    code: `function depth(n) {
  return depth(n + 1) + 1
}
return depth(0)
`,
    input: '',
  },
  {
    id: 'console',
    title: 'Console output',
    summary: 'Every console level, with objects shown as JSON; filter them in the Console.',
    language: 'js',
    code: `console.log('log: plain text and', { a: 1, list: [1, 2, 3] })
console.info('info: the input is', input)
console.warn('warn: something looks odd')
console.error('error: something failed', new Error('boom'))
console.debug('debug: details for later')

for (let i = 1; i <= 5; i++) console.log(\`line \${i} of 5\`)
return 'see the Console'
`,
    input: `{ "user": "ada" }
`,
  },
  {
    id: 'large-result',
    title: 'Large result',
    summary: '10,000 rows: the tree shows them a hundred at a time.',
    language: 'js',
    code: `const rows = []
for (let i = 0; i < 10_000; i++) {
  rows.push({ id: i, square: i * i, even: i % 2 === 0, label: \`row \${i}\` })
}
return { count: rows.length, rows }
`,
    input: '',
  },
  {
    id: 'special-values',
    title: 'Special values',
    summary:
      'What JSON cannot hold, as the sandbox shows it: Map, Set, BigInt, undefined, cycles, functions.',
    language: 'js',
    code: `const node = { name: 'root', children: [] }
node.self = node // a cycle

return {
  big: 2n ** 70n,
  nothing: undefined,
  notANumber: NaN,
  when: new Date(0),
  greet: function greet() {},
  lookup: new Map([['a', 1], ['b', { nested: true }]]),
  tags: new Set(['x', 'y']),
  bytes: new Uint8Array([1, 2, 3]),
  failure: new RangeError('out of range'),
  node,
}
`,
    input: '',
  },
  {
    id: 'typescript',
    title: 'TypeScript',
    summary: 'Types are stripped before the run; lines stay where you wrote them.',
    language: 'ts',
    code: `interface Order {
  id: number
  items: { sku: string; qty: number; price: number }[]
}

function totalOf(order: Order): number {
  return order.items.reduce((sum, item) => sum + item.qty * item.price, 0)
}

const orders: Order[] = input.orders
const totals = orders.map((order) => ({ id: order.id, total: totalOf(order) }))
return totals.sort((a, b) => b.total - a.total)
`,
    input: `{
  "orders": [
    { "id": 1, "items": [{ "sku": "pen", "qty": 3, "price": 1.5 }] },
    { "id": 2, "items": [{ "sku": "ink", "qty": 1, "price": 12 }, { "sku": "pad", "qty": 2, "price": 4 }] }
  ]
}
`,
  },
  {
    id: 'stuck-builtin',
    title: 'Stuck in a built-in (watchdog)',
    summary:
      'indexOf over four billion slots never checks for interrupts: the watchdog replaces the lane (TimeoutError, cause watchdog).',
    language: 'js',
    code: `// One built-in call that loops inside the engine for seconds: indexOf walks
// four billion empty slots and never polls the interrupt handler, so only the
// watchdog can stop it: it ends the lane's thread and starts a new one.
// The Gate's event log shows the lane being replaced.
return Array.prototype.indexOf.call({ length: 2 ** 32 - 1 }, 'needle')
`,
    input: '',
    limits: { runTimeoutMs: 300 },
  },
  {
    id: 'isolation',
    title: 'Isolation between runs',
    summary:
      'Tries to leave globals, prototypes and timers behind; run it twice: nothing survives.',
    language: 'js',
    code: `// What an earlier run of this script left behind, if anything could survive:
const seen = {
  global: globalThis.leftBehind ?? null,
  prototype: Array.prototype.leftBehind ?? null,
}

// Now try to leave something for the next run.
globalThis.leftBehind = 'a global from an earlier run'
Array.prototype.leftBehind = 'a patched prototype'
setTimeout(() => console.log('a timer from an earlier run'), 10_000)

return { seenFromEarlierRuns: seen, isolated: seen.global === null && seen.prototype === null }
`,
    input: '',
  },
  {
    id: 'hold-permit',
    title: 'Hold a permit (watch the gate)',
    summary: 'Sleeps 3 s while holding a permit: press Run several times and watch runs queue.',
    language: 'js',
    code: `// Each run holds a permit for 3 seconds. Press Run (Ctrl+Enter) several times
// quickly: once every permit is taken, the next runs wait in the Gate panel,
// each with a countdown to its wait timeout.
await new Promise((resolve) => setTimeout(resolve, 3000))
return 'held a permit for 3 s'
`,
    input: '',
  },
]

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((example) => example.id === id)
}
