import type { ZodError } from 'zod'
import type { ChannelRequest, Reply } from './api'
import { CHANNELS } from './api'
import type { Channel } from './channel-names'
import { METHOD_CHANNELS } from './channel-names'

/**
 * How every edition reads a request from the window, so that the same bad
 * request gets the same answer whichever bridge carried it (the Electron
 * preload or the browser edition's WebSocket):
 *
 * - a request that does not fit its channel's schema (shape, sizes) is a
 *   `ValidationError` whose message names the field;
 * - a message that is not a request at all (not JSON, no id, an unknown
 *   channel) is a `ValidationError` starting "Malformed message:";
 * - a handler that throws instead of replying is an `InternalError`
 *   "CHANNEL failed: MESSAGE", never a crash of the process that answers.
 */
export const REQUEST_ERRORS = {
  validation: 'ValidationError',
  internal: 'InternalError',
  /** A request from a sender that may not ask (Electron: not one of the app's windows). */
  forbidden: 'ForbiddenError',
} as const

const KNOWN_CHANNELS: ReadonlySet<string> = new Set(Object.values(METHOD_CHANNELS))

/** True when `channel` is one of the API's channels. */
export function isChannel(channel: unknown): channel is Channel {
  return typeof channel === 'string' && KNOWN_CHANNELS.has(channel)
}

/** A failed Reply. */
export function errorReply(type: string, message: string): Reply<never> {
  return { ok: false, error: { type, message } }
}

/** The first problem of a failed parse, said as one sentence. */
export function describeZodError(error: ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'Invalid request'
  if (issue.code === 'unrecognized_keys')
    return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
  const path = issue.path.join('.')
  // Custom messages already name their field.
  if (path && !issue.message.startsWith(String(issue.path.at(-1))))
    return `${path}: ${issue.message}`
  return issue.message
}

/** Validates `payload` against the channel's schema: the parsed request, or the error Reply. */
export function parseChannelRequest<C extends Channel>(
  channel: C,
  payload: unknown,
): { ok: true; request: ChannelRequest<C> } | { ok: false; reply: Reply<never> } {
  const parsed = CHANNELS[channel].request.safeParse(payload ?? {})
  if (parsed.success) return { ok: true, request: parsed.data as ChannelRequest<C> }
  return {
    ok: false,
    reply: errorReply(REQUEST_ERRORS.validation, describeZodError(parsed.error)),
  }
}

/** A message as the browser edition's client sends it. */
export interface ClientRequest {
  id: number
  channel: Channel
  payload: unknown
}

/**
 * Reads one WebSocket message: `{ id, channel, payload }` with a numeric id
 * and a known channel. The payload is left to the channel's handler (see
 * parseChannelRequest). A failure keeps whatever id could be read, so the
 * client can match the error to its request.
 */
export function parseClientMessage(
  text: string,
): { ok: true; message: ClientRequest } | { ok: false; id: number | null; reply: Reply<never> } {
  let message: unknown
  try {
    message = JSON.parse(text)
  } catch {
    return { ok: false, id: null, reply: malformed('not JSON') }
  }
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, id: null, reply: malformed('a message must be a JSON object') }
  }
  const { id, channel, payload } = message as Record<string, unknown>
  if (typeof id !== 'number' || !Number.isFinite(id)) {
    return { ok: false, id: null, reply: malformed('a message needs a numeric id') }
  }
  if (!isChannel(channel)) {
    return {
      ok: false,
      id,
      reply: malformed(`unknown channel ${JSON.stringify(channel) ?? 'undefined'}`),
    }
  }
  return { ok: true, message: { id, channel, payload } }
}

function malformed(detail: string): Reply<never> {
  return errorReply(REQUEST_ERRORS.validation, `Malformed message: ${detail}`)
}

/**
 * Calls the handler of one request and returns its Reply; a handler that
 * throws (or rejects) becomes an InternalError Reply that names the channel.
 */
export async function answerRequest(
  channel: Channel,
  handle: () => Promise<Reply<unknown>> | Reply<unknown>,
): Promise<Reply<unknown>> {
  try {
    return await handle()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return errorReply(REQUEST_ERRORS.internal, `${channel} failed: ${message}`)
  }
}
