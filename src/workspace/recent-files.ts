import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { RecentFile } from '../protocol/files'
import { FILE_LIMITS } from '../protocol/files'
import { writeFileAtomic } from './atomic-write'
import { readJsonFile } from './json-state-file'
import { SerialQueue } from './serial-queue'

const RECENT_FILES_VERSION = 1
/** Far more than the list ever holds; a bigger file is not ours. */
const MAX_RECENT_FILE_BYTES = 1024 * 1024

interface StoredEntry {
  path: string
  usedAt: number
}

function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path
}

function parseEntries(value: unknown): StoredEntry[] {
  if (typeof value !== 'object' || value === null) return []
  const files = (value as { files?: unknown }).files
  if (!Array.isArray(files)) return []
  const entries: StoredEntry[] = []
  for (const item of files as unknown[]) {
    if (typeof item !== 'object' || item === null) continue
    const { path, usedAt } = item as { path?: unknown; usedAt?: unknown }
    if (typeof path === 'string' && path !== '' && typeof usedAt === 'number') {
      entries.push({ path, usedAt })
    }
  }
  return entries.slice(0, FILE_LIMITS.maxRecentFiles)
}

/**
 * The recently opened and saved scripts, newest first, kept in one JSON file
 * (`recent-files.json` in the desktop app's user data folder, or in the
 * workspace's `.gatehouse/`). A missing or unreadable file is an empty list.
 */
export class RecentFiles {
  private readonly queue = new SerialQueue()

  constructor(
    readonly file: string,
    /** Whether a listed path still exists; missing ones are left out of `list()`. */
    private readonly exists: (path: string) => Promise<boolean>,
    private readonly now: () => number = Date.now,
    /** The workspace's real path: the list must really be inside it (browser edition). */
    private readonly root: string | null = null,
  ) {}

  /** The stored entries as they are, missing files included. */
  async entries(): Promise<StoredEntry[]> {
    const read = await readJsonFile(this.file, MAX_RECENT_FILE_BYTES, { root: this.root })
    return read.status === 'ok' ? parseEntries(read.value) : []
  }

  /** The entries whose files still exist, newest first. */
  async list(): Promise<RecentFile[]> {
    const entries = await this.entries()
    const present = await Promise.all(entries.map((entry) => this.exists(entry.path)))
    return entries
      .filter((_, index) => present[index])
      .map((entry) => ({ path: entry.path, name: fileName(entry.path), usedAt: entry.usedAt }))
  }

  /** Puts `path` first (once), drops the oldest beyond the limit, and saves. */
  add(path: string): Promise<void> {
    return this.queue.run(async () => {
      const entries = (await this.entries()).filter((entry) => entry.path !== path)
      entries.unshift({ path, usedAt: this.now() })
      await this.write(entries.slice(0, FILE_LIMITS.maxRecentFiles))
    })
  }

  private async write(files: StoredEntry[]): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true })
    const text = `${JSON.stringify({ version: RECENT_FILES_VERSION, files }, null, 2)}\n`
    await writeFileAtomic(this.file, text, { root: this.root })
  }
}
