/**
 * The sandbox's globals besides the language built-ins, as a declaration file
 * for Monaco's JavaScript and TypeScript services: completion and hover show
 * exactly what a script can use (src/sandbox/prelude.ts), and nothing of the
 * DOM or Node.
 */
export const SANDBOX_GLOBALS_DTS = `
/**
 * The run's input: the Input panel's JSON, parsed. \`undefined\` when the panel is empty.
 * @example const { a, b } = input
 */
declare const input: any

/** The sandbox's console: every line goes to the Console panel with its level and time. Objects are shown as JSON. */
interface SandboxConsole {
  /** Writes a line at level "log". */
  log(...data: unknown[]): void
  /** Writes a line at level "info". */
  info(...data: unknown[]): void
  /** Writes a line at level "warn"; the Console marks it. */
  warn(...data: unknown[]): void
  /** Writes a line at level "error"; the Console marks it. */
  error(...data: unknown[]): void
  /** Writes a line at level "debug". */
  debug(...data: unknown[]): void
}

/** Captured per run: at most 1000 lines and 256 KiB; the excess is dropped and counted. */
declare const console: SandboxConsole

/** Calls \`callback\` once after \`ms\` milliseconds (the run's event loop waits for it). Returns an id for clearTimeout. */
declare function setTimeout<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): number
/** Calls \`callback\` every \`ms\` milliseconds until clearInterval. Returns an id for clearInterval. */
declare function setInterval<A extends unknown[]>(callback: (...args: A) => void, ms?: number, ...args: A): number
/** Cancels a timer made by setTimeout. */
declare function clearTimeout(id: number | undefined): void
/** Cancels a timer made by setInterval. */
declare function clearInterval(id: number | undefined): void
/** Runs \`callback\` after the current job, before any timer. */
declare function queueMicrotask(callback: () => void): void
`
