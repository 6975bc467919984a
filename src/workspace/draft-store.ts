import { mkdir } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import type { DraftDocument, StoredDraft } from '../protocol/files'
import { draftSchema } from '../protocol/files'
import { removeInFolder, writeFileAtomic } from './atomic-write'
import { errorCode } from './file-error'
import { readJsonFile } from './json-state-file'
import { SerialQueue } from './serial-queue'
import { withVerifiedFolder } from './verified-folder'

const DRAFT_VERSION = 1
/** A script and an input at their limits, JSON-escaped, fit well within this. */
const MAX_DRAFT_FILE_BYTES = 32 * 1024 * 1024

/**
 * The editor's crash-recovery copy: one draft, replaced on every save and
 * removed when the script is saved or its changes are discarded. Kept in
 * `draft.json` (user data folder, or the workspace's `.gatehouse/`).
 */
export class DraftStore {
  private readonly queue = new SerialQueue()

  constructor(
    readonly file: string,
    private readonly now: () => number = Date.now,
    /** The workspace's real path: the draft must really be inside it (browser edition). */
    private readonly root: string | null = null,
  ) {}

  /** Replaces the draft atomically; returns when it was saved. */
  save(draft: DraftDocument): Promise<{ savedAt: number }> {
    return this.queue.run(async () => {
      const savedAt = this.now()
      await mkdir(dirname(this.file), { recursive: true })
      await writeFileAtomic(
        this.file,
        `${JSON.stringify({ version: DRAFT_VERSION, savedAt, draft })}\n`,
        { root: this.root },
      )
      return { savedAt }
    })
  }

  /** The stored draft, or null when there is none or it cannot be used. */
  load(): Promise<StoredDraft | null> {
    return this.queue.run(async () => {
      const read = await readJsonFile(this.file, MAX_DRAFT_FILE_BYTES, { root: this.root })
      if (read.status !== 'ok') {
        if (read.status !== 'missing')
          console.warn(`Gatehouse: ignoring the draft ${this.file}: ${read.reason}`)
        return null
      }
      const stored = read.value as { version?: unknown; savedAt?: unknown; draft?: unknown } | null
      if (stored?.version !== DRAFT_VERSION || typeof stored.savedAt !== 'number') return null
      const draft = draftSchema.safeParse(stored.draft)
      if (!draft.success) {
        console.warn(`Gatehouse: ignoring the draft ${this.file}: it does not hold a valid draft`)
        return null
      }
      return { ...draft.data, savedAt: stored.savedAt }
    })
  }

  /** Removes the draft; true when there was one. */
  clear(): Promise<boolean> {
    return this.queue.run(async () => {
      try {
        return await withVerifiedFolder(dirname(this.file), this.root, (folder) =>
          removeInFolder(folder, basename(this.file)),
        )
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return false
        throw error
      }
    })
  }
}
