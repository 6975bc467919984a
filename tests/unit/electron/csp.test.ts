// @vitest-environment node
// The Content-Security-Policy the window runs under: the <meta> of the BUILT
// out/renderer/index.html (what ships), and the header app:// adds to it.
// Build first (`npx electron-vite build`); without a build this is skipped.
import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { APP_CONTENT_SECURITY_POLICY } from '../../../electron/main/app-scheme'

const BUILT_PAGE = resolve(__dirname, '../../../out/renderer/index.html')
const built = existsSync(BUILT_PAGE)

type Policy = Map<string, string[]>

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map()
  for (const part of text.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) policy.set(name.toLowerCase(), sources)
  }
  return policy
}

/** The content of every <meta http-equiv="Content-Security-Policy"> in `html`. */
function metaPolicies(html: string): string[] {
  const policies: string[] = []
  for (const [tag] of html.matchAll(/<meta\b[^>]*>/gis)) {
    if (!/http-equiv\s*=\s*["']content-security-policy["']/i.test(tag)) continue
    const content = /content\s*=\s*"([^"]*)"/is.exec(tag) ?? /content\s*=\s*'([^']*)'/is.exec(tag)
    if (content?.[1]) policies.push(content[1].replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&'))
  }
  return policies
}

/** A source that lets code or data come from, or go to, another machine. */
function isRemote(source: string): boolean {
  const lower = source.toLowerCase()
  if (["'self'", "'none'", "'unsafe-inline'", 'data:', 'blob:'].includes(lower)) return false
  // The browser edition's WebSocket back to its own server on loopback.
  if (/^wss?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:(\d+|\*))?$/.test(lower)) return false
  return true
}

function checkStrict(policy: Policy): void {
  expect(policy.get('default-src')).toEqual(["'self'"])
  expect(policy.get('script-src')).toEqual(["'self'"])
  for (const [directive, sources] of policy) {
    for (const source of sources) {
      expect(source.toLowerCase(), `${directive} ${source}`).not.toBe("'unsafe-eval'")
      expect(source.toLowerCase(), `${directive} ${source}`).not.toBe("'wasm-unsafe-eval'")
      expect(isRemote(source), `${directive} allows the remote source ${source}`).toBe(false)
      expect(source, `${directive} ${source}`).not.toBe('*')
    }
  }
  // Inline script would undo script-src 'self'.
  expect(policy.get('script-src')).not.toContain("'unsafe-inline'")
  const workers = policy.get('worker-src') ?? policy.get('script-src') ?? []
  expect(workers).toContain("'self'")
}

describe('Content-Security-Policy', () => {
  it.skipIf(!built)(
    'of the built out/renderer/index.html: no remote origin, no unsafe-eval',
    () => {
      const html = readFileSync(BUILT_PAGE, 'utf8')
      const policies = metaPolicies(html)
      expect(policies).toHaveLength(1)
      checkStrict(parsePolicy(policies[0] ?? ''))
      // Nothing in the page itself comes from elsewhere.
      for (const [, url] of html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/gi)) {
        expect(url, url).toMatch(/^(\.\/|\/(?!\/)|data:|#)/)
      }
      // The meta must come before any script, or it does not cover it.
      const metaAt = html.search(/http-equiv\s*=\s*["']content-security-policy/i)
      const scriptAt = html.search(/<script\b/i)
      expect(metaAt).toBeGreaterThan(-1)
      if (scriptAt > -1) expect(metaAt).toBeLessThan(scriptAt)
    },
  )

  it('sent with the page by app://: as strict, and no connections at all', () => {
    const policy = parsePolicy(APP_CONTENT_SECURITY_POLICY)
    checkStrict(policy)
    expect(policy.get('connect-src')).toEqual(["'self'"])
    expect(policy.get('object-src')).toEqual(["'none'"])
    expect(policy.get('frame-ancestors')).toEqual(["'none'"])
  })

  it.runIf(!built)(
    'is skipped for the built page because out/renderer/index.html is missing: run `npx electron-vite build`',
    () => {
      expect(built).toBe(false)
    },
  )
})
