import { z } from 'zod'
import type { Language } from './request'
import type { RunLimits } from './settings'
import { LIMITS, runLimitsSchema } from './settings'
import { boundedText } from './text-size'

/**
 * Scripts as files: what the window sends and gets back for New, Open, Save,
 * Save As, recent files and the crash-recovery draft. The same contract
 * serves both editions: the desktop app answers with native dialogs and any
 * file the user picked; the browser edition answers inside the workspace
 * folder it was started on. Zod schemas for the handlers, plain types for the
 * window; no Node import (the renderer's typecheck includes this file).
 */

/** The extensions a script file may have; `.ts` is TypeScript. */
export const SCRIPT_EXTENSIONS = ['.js', '.ts'] as const

/**
 * A script's input JSON and limits live beside it in a sidecar named after
 * the whole file name (`sum.js` -> `sum.js.gatehouse.json`), so the script
 * stays a plain file any editor or `gatehouse run` can use, and `sum.js` and
 * `sum.ts` in one folder never share (and overwrite) one sidecar.
 */
export const SIDECAR_SUFFIX = '.gatehouse.json'

/** The sidecar format version written by this Gatehouse. */
export const SIDECAR_VERSION = 1

export const FILE_LIMITS = {
  /** Largest script file opened or saved (a run is further limited to LIMITS.maxCodeBytes). */
  maxScriptBytes: 1024 * 1024,
  /** Largest sidecar read: the largest input with room for limits and indentation. */
  maxSidecarBytes: LIMITS.maxInputBytes * 2,
  /** Drafts offered back at most (the newest); a window rarely has this many unsaved tabs. */
  maxDrafts: 64,
  /** Entries kept in the recent files list. */
  maxRecentFiles: 10,
  /** Files listed from a workspace at most; `truncated` says when there were more. */
  maxListedFiles: 2000,
  /** Longest path accepted in a request. */
  maxPathLength: 4096,
} as const

/**
 * The `type` of a failed file reply (and the `name` of the Error a bridge
 * rejects with), so the window can react without parsing messages.
 */
export const FILE_ERROR_TYPES = [
  /** The request itself is malformed: a missing field, content too large. */
  'ValidationError',
  /** The path is not acceptable: outside the workspace, `..`, not .js/.ts, a symlink out. */
  'PathError',
  'NotFoundError',
  /** Save As onto an existing file without `overwrite: true` (browser edition). */
  'FileExistsError',
  /** The file on disk is larger than Gatehouse opens. */
  'TooLargeError',
  /** The desktop app opens and saves only files the user picked in a dialog. */
  'ForbiddenError',
  /** The operation needs something this edition does not have (a path, a dialog). */
  'NotSupportedError',
  /** The file system refused: permissions, disk full, a directory in the way. */
  'FileSystemError',
] as const

export type FileErrorType = (typeof FILE_ERROR_TYPES)[number]

export { describeBytes, utf8ByteLength } from './text-size'

const pathSchema = z
  .string({ error: 'path must be a string' })
  .min(1, { error: 'path must not be empty' })
  .max(FILE_LIMITS.maxPathLength, {
    error: `path must be at most ${FILE_LIMITS.maxPathLength} characters`,
  })
  .refine((path) => !path.includes('\0'), { error: 'path must not contain a NUL character' })

/** What a script file holds, as the window edits it. */
export const scriptDocumentSchema = z
  .object({
    /** The script's code. */
    content: boundedText('content', FILE_LIMITS.maxScriptBytes, 'the script text'),
    /** The `input` JSON as text (kept even when it does not parse yet). */
    input: boundedText('input', LIMITS.maxInputBytes).optional(),
    /** Limits this script runs with, over the gate's settings. */
    limits: runLimitsSchema.optional(),
  })
  .strict()

export type ScriptDocument = z.infer<typeof scriptDocumentSchema>

export const openFileRequestSchema = z
  .object({
    /**
     * Desktop: omit to show the Open dialog; give a path from the recent list
     * to reopen it. Browser edition: required, relative to the workspace
     * (from `listFiles` or `recentFiles`).
     */
    path: pathSchema.optional(),
  })
  .strict()

export const saveFileRequestSchema = scriptDocumentSchema
  .extend({
    /** The file being saved: the `path` that open or an earlier save answered with. */
    path: pathSchema,
  })
  .strict()

export const saveFileAsRequestSchema = scriptDocumentSchema
  .extend({
    /**
     * Desktop: the name or path the Save dialog suggests (optional).
     * Browser edition: required, the new path relative to the workspace.
     */
    path: pathSchema.optional(),
    /** Browser edition: replace an existing file (ask the user first). */
    overwrite: z.boolean({ error: 'overwrite must be true or false' }).optional(),
  })
  .strict()

/** How a tab names its draft: letters, digits, `-` and `_` (it becomes a file name). */
export const DRAFT_TAB_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/

const tabIdSchema = z
  .string({ error: 'tabId must be a string' })
  .regex(DRAFT_TAB_ID_PATTERN, { error: 'tabId must be 1 to 64 letters, digits, "-" or "_"' })

/**
 * The crash-recovery copy of one tab, saved while it has unsaved changes.
 * Each tab has its own, named by its `tabId`; a save replaces that tab's.
 */
export const draftSchema = scriptDocumentSchema
  .extend({
    tabId: tabIdSchema,
    /** The file the draft belongs to, or null for an untitled script. */
    path: pathSchema.nullable().optional(),
    language: z.enum(['js', 'ts'], { error: 'language must be "js" or "ts"' }).optional(),
  })
  .strict()

export type DraftDocument = z.infer<typeof draftSchema>

/** Removes one tab's draft, or every draft when `tabId` is left out. */
export const clearDraftRequestSchema = z.object({ tabId: tabIdSchema.optional() }).strict()

export const setDirtyRequestSchema = z
  .object({ dirty: z.boolean({ error: 'dirty must be true or false' }) })
  .strict()

export const emptyRequestSchema = z.object({}).strict()

/** The sidecar file (`NAME.js.gatehouse.json`) as stored. Unknown fields are ignored. */
export const sidecarSchema = z.object({
  gatehouse: z.literal(SIDECAR_VERSION, {
    error: `"gatehouse" must be ${SIDECAR_VERSION} (the sidecar format version)`,
  }),
  /** The input, as JSON. */
  input: z.unknown().optional(),
  /** The input as text, used instead of `input` when the text was not valid JSON. */
  inputText: z.string({ error: 'inputText must be a string' }).optional(),
  limits: runLimitsSchema.optional(),
})

export type Sidecar = z.infer<typeof sidecarSchema>

/** One script in a workspace listing. */
export interface ScriptFileEntry {
  /** Relative to the workspace, with `/` separators. */
  path: string
  name: string
  sizeBytes: number
  /** Epoch milliseconds. */
  modifiedAt: number
}

export interface FileListing {
  /** The workspace folder (browser edition), or null when files come from dialogs (desktop). */
  root: string | null
  files: ScriptFileEntry[]
  /** True when the workspace had more scripts than FILE_LIMITS.maxListedFiles. */
  truncated: boolean
  /** True in the desktop app: open and save-as show native dialogs, no picker needed. */
  nativeDialogs: boolean
}

/** A script as opened or saved. */
export interface ScriptFile {
  /** Pass this back to save: absolute (desktop) or workspace-relative (browser edition). */
  path: string
  /** The file name, for a title or a tab. */
  name: string
  language: Language
  content: string
  /** The input JSON text from the sidecar, pretty-printed; absent without one. */
  input?: string
  limits?: RunLimits
  /** Why the sidecar's input or limits were not (all) loaded; the script itself was. */
  sidecarError?: string
  /** Epoch milliseconds of the script file. */
  modifiedAt: number
}

export type OpenFileResult = { status: 'opened'; file: ScriptFile } | { status: 'cancelled' }

export type SaveFileResult =
  | { status: 'saved'; file: Omit<ScriptFile, 'content' | 'input' | 'limits' | 'sidecarError'> }
  | { status: 'cancelled' }

export interface RecentFile {
  /** As for {@link ScriptFile.path}. */
  path: string
  name: string
  /** Epoch milliseconds of the last open or save. */
  usedAt: number
}

export interface StoredDraft extends DraftDocument {
  /** Epoch milliseconds. */
  savedAt: number
}

export type OpenFileRequest = z.infer<typeof openFileRequestSchema>
export type SaveFileRequest = z.infer<typeof saveFileRequestSchema>
export type SaveFileAsRequest = z.infer<typeof saveFileAsRequestSchema>
export type ClearDraftRequest = z.infer<typeof clearDraftRequestSchema>

/** The language of a script path, from its extension; null when it is not a script. */
export function scriptLanguage(path: string): Language | null {
  const lower = path.toLowerCase()
  if (lower.endsWith('.js')) return 'js'
  if (lower.endsWith('.ts')) return 'ts'
  return null
}

/** `dir/sum.js` -> `dir/sum.js.gatehouse.json`. */
export function sidecarPathFor(scriptPath: string): string {
  return `${scriptPath}${SIDECAR_SUFFIX}`
}
