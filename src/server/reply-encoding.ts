import type { Reply } from '../protocol/api'
import type { Channel } from '../protocol/channel-names'
import { METHOD_CHANNELS } from '../protocol/channel-names'
import { REQUEST_ERRORS, errorReply } from '../protocol/channel-request'
import type { RunOutcome } from '../protocol/outcome'
import { failedOutcome } from '../protocol/outcome'

/**
 * The wire text of a reply, which never throws: when the reply cannot be
 * encoded as JSON (a value the checks upstream missed: a cycle, a BigInt, a
 * getter that throws), a run still gets an outcome, a ResultError for that
 * run with its timing, and any other channel an InternalError. Either way
 * the client learns what happened to its request and the server stays up.
 */
export function encodeReply(
  id: number | null,
  channel: Channel | null,
  reply: Reply<unknown>,
): string {
  try {
    return JSON.stringify({ id, reply })
  } catch (error) {
    try {
      const reason = error instanceof Error ? error.message : String(error)
      return JSON.stringify({ id, reply: fallbackReply(channel, reply, reason) })
    } catch {
      return JSON.stringify({
        id,
        reply: errorReply(REQUEST_ERRORS.internal, 'The reply could not be encoded as JSON'),
      })
    }
  }
}

function fallbackReply(
  channel: Channel | null,
  reply: Reply<unknown>,
  reason: string,
): Reply<unknown> {
  if (channel === METHOD_CHANNELS.run && reply.ok) {
    const outcome = reply.value as Partial<RunOutcome> | null
    const failed = failedOutcome(
      typeof outcome?.id === 'string' ? outcome.id : 'unknown',
      {
        type: 'ResultError',
        message: `The outcome could not be sent: it is not representable as JSON (${reason})`,
      },
      safeTiming(outcome?.timing),
    )
    return { ok: true, value: failed }
  }
  return errorReply(
    REQUEST_ERRORS.internal,
    `${channel ?? 'The request'} failed: its reply could not be encoded as JSON (${reason})`,
  )
}

function safeTiming(timing: unknown): RunOutcome['timing'] {
  const read = (name: string): number => {
    const value = (timing as Record<string, unknown> | null | undefined)?.[name]
    return typeof value === 'number' && Number.isFinite(value) ? value : 0
  }
  return { queuedMs: read('queuedMs'), runMs: read('runMs'), totalMs: read('totalMs') }
}
