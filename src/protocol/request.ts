import { z } from 'zod'
import { LIMITS, runLimitsSchema } from './settings'
import type { DescribeOversize } from './text-size'
import { describeBytes, oversizeProblem } from './text-size'

export const LANGUAGES = ['js', 'ts'] as const
export type Language = (typeof LANGUAGES)[number]

/** The code of a run: at most LIMITS.maxCodeBytes of UTF-8. */
const describeCodeSize: DescribeOversize = (field, bytes, atLeast, maxBytes) =>
  `${field} is ${atLeast ? 'at least ' : ''}${describeBytes(bytes)}; the limit is ${maxBytes} bytes`
/** The input of a run: at most LIMITS.maxInputBytes of UTF-8, said in bytes. */
const describeInputSize: DescribeOversize = (field, bytes, atLeast, maxBytes) =>
  `${field} is ${atLeast ? 'at least ' : ''}${bytes} bytes; the limit is ${maxBytes} bytes (${describeBytes(maxBytes)})`

/**
 * Why a run's `code` or `input` text is over its byte limit, or null when it
 * fits: the very check the schema below makes, for the window to show the
 * same message before it sends anything.
 */
export function runTextProblem(field: 'code' | 'input', text: string): string | null {
  return field === 'code'
    ? oversizeProblem('code', text, LIMITS.maxCodeBytes, describeCodeSize)
    : oversizeProblem('input', text, LIMITS.maxInputBytes, describeInputSize)
}

/**
 * A run as a client submits it. `input` travels as JSON text so that its size
 * can be checked before anything parses it. The byte limits of code and
 * input are part of the schema, so both editions apply the same ones, and
 * the window can say the same (runTextProblem) before it sends anything.
 */
export const runRequestSchema = z
  .object({
    id: z.string({ error: 'id must be a string' }).regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
      error: 'id must be 1 to 64 letters, digits or _.:-',
    }),
    code: z
      .string({
        error: (issue) =>
          issue.input === undefined ? 'code is required' : 'code must be a string',
      })
      .superRefine((code, context) => {
        const problem = runTextProblem('code', code)
        if (problem !== null) context.addIssue({ code: 'custom', message: problem })
      }),
    input: z
      .string({ error: 'input must be JSON text' })
      .superRefine((input, context) => {
        const problem = runTextProblem('input', input)
        if (problem !== null) context.addIssue({ code: 'custom', message: problem })
      })
      .optional(),
    language: z.enum(LANGUAGES, { error: 'language must be "js" or "ts"' }).optional(),
    limits: runLimitsSchema.optional(),
    /** Record the run's event-loop trace into its outcome (protocol/trace.ts). Off by default. */
    trace: z.boolean({ error: 'trace must be true or false' }).optional(),
    /** Stream the run's console lines to the window's telemetry while it runs. */
    liveLogs: z.boolean({ error: 'liveLogs must be true or false' }).optional(),
  })
  .strict()

export type RunRequest = z.infer<typeof runRequestSchema>

export const stopRequestSchema = z
  .object({ id: z.string({ error: 'id must be a string' }) })
  .strict()
export type StopRequest = z.infer<typeof stopRequestSchema>

export { LIMITS }
