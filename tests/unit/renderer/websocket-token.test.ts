import { describe, expect, it } from 'vitest'
import type { TokenKeeper } from '../../../renderer/bridge/websocket'
import { TOKEN_STORAGE_KEY, resolveWebSocketTarget } from '../../../renderer/bridge/websocket'

/** A real Map behind the Storage methods the bridge uses, and the URLs it put in the address bar. */
function keeper(initial: Record<string, string> = {}) {
  const stored = new Map(Object.entries(initial))
  const urls: string[] = []
  const value: TokenKeeper = {
    storage: {
      getItem: (key) => stored.get(key) ?? null,
      setItem: (key, item) => void stored.set(key, item),
    },
    replaceUrl: (url) => void urls.push(url),
  }
  return { value, stored, urls }
}

const at = (search: string, hash = '') => ({
  protocol: 'http:',
  host: '127.0.0.1:4000',
  pathname: '/',
  search,
  hash,
})

describe('the browser edition token', () => {
  it('moves from the address bar to the tab, keeping the rest of the URL', () => {
    const tab = keeper()
    expect(resolveWebSocketTarget(at('?token=abc&view=stress', '#x'), tab.value)).toEqual({
      url: 'ws://127.0.0.1:4000/api?token=abc',
    })
    expect(tab.stored.get(TOKEN_STORAGE_KEY)).toBe('abc')
    expect(tab.urls).toEqual(['/?view=stress#x'])
  })

  it('is read back from the tab on a reload, and a new one in the URL wins', () => {
    const tab = keeper({ [TOKEN_STORAGE_KEY]: 'old' })
    expect(resolveWebSocketTarget(at(''), tab.value)).toEqual({
      url: 'ws://127.0.0.1:4000/api?token=old',
    })
    expect(tab.urls).toEqual([])
    expect(resolveWebSocketTarget(at('?token=new'), tab.value)).toEqual({
      url: 'ws://127.0.0.1:4000/api?token=new',
    })
    expect(tab.stored.get(TOKEN_STORAGE_KEY)).toBe('new')
  })

  it('says what is missing when neither the URL nor the tab has one', () => {
    expect(resolveWebSocketTarget(at(''), keeper().value)).toMatchObject({
      error: expect.stringContaining('no access token') as unknown,
    })
  })
})
