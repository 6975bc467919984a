import { mkdir, readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { DraftDocument, StoredDraft } from '../protocol/files'
import { DRAFT_TAB_ID_PATTERN, FILE_LIMITS, draftSchema } from '../protocol/files'
import { removeInFolder, writeFileAtomic } from './atomic-write'
import { errorCode } from './file-error'
import { readJsonFile } from './json-state-file'
import { SerialQueue } from './serial-queue'
import { withVerifiedFolder } from './verified-folder'

const DRAFT_VERSION = 1
/** A script and an input at their limits, JSON-escaped, fit well within this. */
const MAX_DRAFT_FILE_BYTES = 32 * 1024 * 1024
const DRAFT_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/

/**
 * The crash-recovery copies of the window's tabs: one file per tab with
 * unsaved changes (`drafts/<tabId>.json`, in the user data folder or the
 * workspace's `.gatehouse/`), replaced on every save of that tab's draft and
 * removed when the tab is saved, closed or its changes discarded.
 */
export class DraftStore {
  private readonly queue = new SerialQueue()

  constructor(
    readonly folder: string,
    private readonly now: () => number = Date.now,
    /** The workspace's real path: the drafts must really be inside it (browser edition). */
    private readonly root: string | null = null,
  ) {}

  /** Replaces the tab's draft atomically; returns when it was saved. */
  save(draft: DraftDocument): Promise<{ savedAt: number }> {
    return this.queue.run(async () => {
      const savedAt = this.now()
      await this.ensureFolder()
      await writeFileAtomic(
        this.fileOf(draft.tabId),
        `${JSON.stringify({ version: DRAFT_VERSION, savedAt, draft })}\n`,
        { root: this.root },
      )
      return { savedAt }
    })
  }

  /** The stored drafts, oldest first (the newest FILE_LIMITS.maxDrafts); unusable files are skipped. */
  load(): Promise<StoredDraft[]> {
    return this.queue.run(async () => {
      const drafts: StoredDraft[] = []
      for (const name of await this.draftFileNames()) {
        const draft = await this.read(name)
        if (draft) drafts.push(draft)
      }
      drafts.sort((a, b) => a.savedAt - b.savedAt)
      return drafts.slice(-FILE_LIMITS.maxDrafts)
    })
  }

  /** Removes one tab's draft, or all of them; true when something was removed. */
  clear(tabId?: string): Promise<boolean> {
    return this.queue.run(async () => {
      const names = tabId === undefined ? await this.draftFileNames() : [`${tabId}.json`]
      if (names.length === 0) return false
      try {
        return await withVerifiedFolder(this.folder, this.root, async (folder) => {
          let removed = false
          for (const name of names) if (await removeInFolder(folder, name)) removed = true
          return removed
        })
      } catch (error) {
        if (errorCode(error) === 'ENOENT') return false
        throw error
      }
    })
  }

  /**
   * Creates the drafts folder inside its parent as verified (see
   * VerifiedFolder), so a parent that is a symbolic link out of the
   * workspace gets nothing created through it.
   */
  private async ensureFolder(): Promise<void> {
    await mkdir(dirname(this.folder), { recursive: true })
    await withVerifiedFolder(dirname(this.folder), this.root, async (parent) => {
      try {
        await mkdir(parent.child(basename(this.folder)))
      } catch (error) {
        if (errorCode(error) !== 'EEXIST') throw error
      }
    })
  }

  private fileOf(tabId: string): string {
    // The schema checked it; this keeps a bad id from ever naming another file.
    if (!DRAFT_TAB_ID_PATTERN.test(tabId)) throw new Error(`Not a draft tab id: ${tabId}`)
    return join(this.folder, `${tabId}.json`)
  }

  private async draftFileNames(): Promise<string[]> {
    try {
      return (await readdir(this.folder)).filter((name) => DRAFT_FILE.test(name))
    } catch (error) {
      if (errorCode(error) === 'ENOENT' || errorCode(error) === 'ENOTDIR') return []
      throw error
    }
  }

  private async read(name: string): Promise<StoredDraft | null> {
    const file = join(this.folder, name)
    const read = await readJsonFile(file, MAX_DRAFT_FILE_BYTES, { root: this.root })
    if (read.status !== 'ok') {
      if (read.status !== 'missing')
        console.warn(`Gatehouse: ignoring the draft ${file}: ${read.reason}`)
      return null
    }
    const stored = read.value as { version?: unknown; savedAt?: unknown; draft?: unknown } | null
    if (stored?.version !== DRAFT_VERSION || typeof stored.savedAt !== 'number') return null
    const draft = draftSchema.safeParse(stored.draft)
    // The file's name is the tab's: a draft copied under another name is not that tab's.
    if (!draft.success || `${draft.data.tabId}.json` !== name) {
      console.warn(`Gatehouse: ignoring the draft ${file}: it does not hold a valid draft`)
      return null
    }
    return { ...draft.data, savedAt: stored.savedAt }
  }
}
