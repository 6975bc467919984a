import type { Language } from '../protocol/request'
import type { RouteDecision } from './analyzer'
import { analyze, isParseFailure } from './analyzer'
import { stripTypes, typeScriptErrorPosition } from './transpile'

/** A script ready for a lane: plain JavaScript and its route, or why it cannot run. */
export type PreparedScript =
  | { ok: true; code: string; decision: RouteDecision }
  | { ok: false; message: string; line?: number; column?: number }

/** Scripts remembered: a stress run or a user pressing Run again sends the same text. */
const CACHE_ENTRIES = 256

/**
 * Strips TypeScript types and analyzes the route, remembering the last few
 * hundred scripts: parsing is the main process's largest cost per run, and
 * most runs repeat a script seen a moment ago.
 */
export class ScriptPreparer {
  readonly #cache = new Map<string, PreparedScript>()

  prepare(code: string, language: Language = 'js'): PreparedScript {
    const key = `${language}\u0000${code}`
    const cached = this.#cache.get(key)
    if (cached) {
      // Map order is insertion order: re-inserting keeps the most recent last.
      this.#cache.delete(key)
      this.#cache.set(key, cached)
      return cached
    }
    const prepared = prepareUncached(code, language)
    this.#cache.set(key, prepared)
    if (this.#cache.size > CACHE_ENTRIES)
      this.#cache.delete(this.#cache.keys().next().value as string)
    return prepared
  }
}

function prepareUncached(source: string, language: Language): PreparedScript {
  let code = source
  if (language === 'ts') {
    try {
      code = stripTypes(source)
    } catch (error) {
      const message = (error as Error).message
      return { ok: false, message, ...typeScriptErrorPosition(message) }
    }
  }
  const decision = analyze(code)
  if (isParseFailure(decision)) {
    return { ok: false, message: decision.message, line: decision.line, column: decision.column }
  }
  return { ok: true, code, decision }
}
