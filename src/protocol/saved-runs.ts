import { z } from 'zod'

/** The largest saved run Gatehouse opens: 100,000 runs take about 20 MB of JSON. */
export const MAX_SAVED_RUN_BYTES = 64 * 1024 * 1024

/**
 * A saved run's name in the browser edition's `.gatehouse/runs/`: a plain
 * file name ending in .json, no folders (so no way out of that folder).
 */
export const savedRunNameSchema = z
  .string({ error: 'name must be a string' })
  .min(1, { error: 'name must not be empty' })
  .max(200, { error: 'name must be at most 200 characters' })
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*\.json$/, {
    error:
      'name must be a plain file name ending in .json (letters, digits, spaces, dots, dashes, underscores; no folders)',
  })

/** One saved run in a listing. */
export interface SavedRunEntry {
  name: string
  sizeBytes: number
  /** Epoch ms. */
  modifiedAt: number
}

export interface SavedRunListing {
  /** The desktop app opens and saves through dialogs: no listing. */
  nativeDialogs: boolean
  /** Where saved runs go (browser edition), for the window to show; null on the desktop. */
  folder: string | null
  runs: SavedRunEntry[]
}

/** Saves a finished stress of this core, as its report (desktop: the Save dialog picks the file). */
export const saveRunRequestSchema = z
  .object({
    stressId: z.string({ error: 'stressId must be a string' }),
    /** Browser edition: the file name in `.gatehouse/runs/`; desktop: the dialog's suggestion. */
    name: savedRunNameSchema.optional(),
    /** Replace a saved run of the same name (browser edition). */
    overwrite: z.boolean({ error: 'overwrite must be true or false' }).optional(),
  })
  .strict()

export type SaveRunRequest = z.infer<typeof saveRunRequestSchema>

export type SaveRunResult =
  { status: 'saved'; name: string; path: string } | { status: 'cancelled' }

/** Opens a saved run: by name in the browser edition, through the Open dialog on the desktop. */
export const openSavedRunRequestSchema = z.object({ name: savedRunNameSchema.optional() }).strict()

export type OpenSavedRunRequest = z.infer<typeof openSavedRunRequestSchema>

/**
 * The file's text as it is on disk: the window reads it (parseStressReport)
 * and says what is wrong with a damaged or newer one; the file is never
 * changed by opening it.
 */
export type OpenSavedRunResult =
  { status: 'opened'; name: string; path: string; text: string } | { status: 'cancelled' }
