import { describeZodError } from '../protocol/channel-request'
import type { ResolvedLimits } from '../protocol/host-messages'
import type { RunRequest } from '../protocol/request'
import { runRequestSchema } from '../protocol/request'
import type { Settings } from '../protocol/settings'

export type Validated =
  | {
      ok: true
      request: RunRequest
      limits: ResolvedLimits
      /** The input is too large to parse here without stalling: check it off this thread. */
      inputUnchecked?: true
    }
  | { ok: false; id: string; message: string }

/** Inputs up to this size are parsed here (well under a millisecond); larger ones off the main thread. */
export const INLINE_INPUT_CHECK_BYTES = 64 * 1024

export { describeZodError }

/**
 * Checks a run request from an untrusted client: its shape, the sizes of code
 * and input, that the input is JSON, and that its limits fit the gate's.
 */
export function validateRunRequest(payload: unknown, settings: Settings): Validated {
  const fallbackId =
    payload && typeof payload === 'object' && typeof (payload as { id?: unknown }).id === 'string'
      ? (payload as { id: string }).id.slice(0, 64) || 'invalid'
      : 'invalid'
  const fail = (message: string): Validated => ({ ok: false, id: fallbackId, message })

  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    return fail('The request must be an object with id and code')
  }
  const parsed = runRequestSchema.safeParse(payload)
  if (!parsed.success) return fail(describeZodError(parsed.error))
  const request = parsed.data

  // The schema has already refused code and input over their byte limits.
  let unchecked = false
  if (request.input !== undefined) {
    if (request.input.length > INLINE_INPUT_CHECK_BYTES) {
      unchecked = true
    } else if (request.input.trim() !== '') {
      try {
        JSON.parse(request.input)
      } catch (error) {
        return fail(`input is not valid JSON: ${(error as Error).message}`)
      }
    }
  }
  const limits: ResolvedLimits = {
    runTimeoutMs: request.limits?.runTimeoutMs ?? settings.runTimeoutMs,
    memoryMb: request.limits?.memoryMb ?? settings.memoryMb,
    stackKb: request.limits?.stackKb ?? settings.stackKb,
  }
  // A run may ask for less than the gate allows, never more.
  if (limits.memoryMb > settings.memoryMb) {
    return fail(
      `limits.memoryMb is ${limits.memoryMb}; lanes are capped at ${settings.memoryMb} MB (raise the memoryMb setting)`,
    )
  }
  if (limits.runTimeoutMs > settings.runTimeoutMs) {
    return fail(
      `limits.runTimeoutMs is ${limits.runTimeoutMs}; the gate allows at most ${settings.runTimeoutMs} ms (raise the runTimeoutMs setting)`,
    )
  }
  if (limits.stackKb > settings.stackKb) {
    return fail(
      `limits.stackKb is ${limits.stackKb}; the gate allows at most ${settings.stackKb} KB (raise the stackKb setting)`,
    )
  }
  return unchecked
    ? { ok: true, request, limits, inputUnchecked: true }
    : { ok: true, request, limits }
}
