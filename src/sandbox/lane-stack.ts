import { SETTING_RANGES } from '../protocol/settings'

/**
 * Native stack a lane's thread needs per KiB of QuickJS stack. QuickJS's limit
 * (`setMaxStackSize`) counts only the C stack in WebAssembly memory; its
 * parser and JSON.stringify take up to ~30 times as much of V8's own stack
 * for each byte of it (measured: nested eval at stackKb 4096 needs more than
 * 96 MB and less than 128 MB). 40 leaves a margin.
 */
export const NATIVE_STACK_PER_QUICKJS_STACK = 40

/**
 * The `resourceLimits.stackSizeMb` for a lane's Worker, so that QuickJS's own
 * stack limit always trips before the thread's: at least 8 MB, and 40 times
 * the largest allowed `stackKb` (160 MB for 4096 KiB; address space, touched
 * only as deep as a run goes).
 */
export function laneStackSizeMb(maxStackKb: number = SETTING_RANGES.stackKb.max): number {
  return Math.max(8, Math.ceil((maxStackKb * NATIVE_STACK_PER_QUICKJS_STACK) / 1024))
}
