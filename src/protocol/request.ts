import { z } from 'zod'
import { LIMITS, runLimitsSchema } from './settings'

export const LANGUAGES = ['js', 'ts'] as const
export type Language = (typeof LANGUAGES)[number]

/**
 * A run as a client submits it. `input` travels as JSON text so that its size
 * can be checked before anything parses it.
 */
export const runRequestSchema = z
  .object({
    id: z.string({ error: 'id must be a string' }).regex(/^[A-Za-z0-9_.:-]{1,64}$/, {
      error: 'id must be 1 to 64 letters, digits or _.:-',
    }),
    code: z.string({
      error: (issue) => (issue.input === undefined ? 'code is required' : 'code must be a string'),
    }),
    input: z.string({ error: 'input must be JSON text' }).optional(),
    language: z.enum(LANGUAGES, { error: 'language must be "js" or "ts"' }).optional(),
    limits: runLimitsSchema.optional(),
  })
  .strict()

export type RunRequest = z.infer<typeof runRequestSchema>

export const stopRequestSchema = z
  .object({ id: z.string({ error: 'id must be a string' }) })
  .strict()
export type StopRequest = z.infer<typeof stopRequestSchema>

export { LIMITS }
