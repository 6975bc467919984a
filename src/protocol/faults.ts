import { z } from 'zod'

const lane = z
  .number({ error: 'lane must be a number' })
  .int({ error: 'lane must be a whole number' })
  .min(0, { error: 'lane must be 0 or more' })

/** The faults a user can inject to watch the gate and the lanes recover. */
export const faultRequestSchema = z.discriminatedUnion(
  'kind',
  [
    /** End a lane's thread, as a crash would: its run ends as PanicError and the lane is replaced. */
    z.object({ kind: z.literal('kill-lane'), lane }).strict(),
    /** Make a lane's thread stop answering: it shows as unresponsive, takes no runs, and is replaced. */
    z.object({ kind: z.literal('hang-lane'), lane }).strict(),
    /** SIGKILL the sandbox host: every run it held ends as PanicError and a new host starts. */
    z.object({ kind: z.literal('kill-host') }).strict(),
    /** The next `count` runs fail at once with an injected ScriptError. */
    z
      .object({
        kind: z.literal('throw-next'),
        count: z
          .number({ error: 'count must be a number' })
          .int({ error: 'count must be a whole number' })
          .min(1, { error: 'count must be at least 1' })
          .max(10_000, { error: 'count must be at most 10000' }),
      })
      .strict(),
  ],
  { error: 'kind must be kill-lane, hang-lane, kill-host or throw-next' },
)

export type FaultRequest = z.infer<typeof faultRequestSchema>
