// @vitest-environment node
import { electronFake, resetElectronFake } from '../../setup-electron-mock'
import { symlinkSync } from 'node:fs'
import { beforeEach, afterEach, describe, expect, it } from 'vitest'
import { registerAppScheme, setupAppProtocol } from '../../../electron/main/app-protocol'
import { APP_CONTENT_SECURITY_POLICY, serveAppRequest } from '../../../electron/main/app-scheme'
import { isAppUrl, resolveRendererLocation } from '../../../electron/main/renderer-location'
import { tempFolder } from '../workspace/helpers'

let root: ReturnType<typeof tempFolder>
let outside: ReturnType<typeof tempFolder>
beforeEach(() => {
  resetElectronFake()
  root = tempFolder('gatehouse-renderer-')
  outside = tempFolder('gatehouse-outside-')
  root.write('index.html', '<!doctype html><title>Gatehouse</title>')
  root.write('assets/index-abc.js', 'console.log(1)')
  root.write('assets/editor.worker-def.js', 'self.onmessage = () => {}')
  root.write('assets/index-abc.css', 'body{}')
  root.write('assets/codicon.ttf', 'ttf')
  outside.write('secret.txt', 'secret')
})
afterEach(() => {
  root.remove()
  outside.remove()
})

const get = (url: string, method = 'GET') => serveAppRequest(root.root, { url, method })

describe('the app:// scheme', () => {
  it('is registered as standard, secure and fetch-capable', () => {
    registerAppScheme()
    expect(electronFake.protocol.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ])
  })

  it('serves the page with the CSP header, and the assets with their types', async () => {
    const page = await get('app://gatehouse/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(APP_CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>Gatehouse</title>')
    expect((await get('app://gatehouse/')).status).toBe(200)

    const script = await get('app://gatehouse/assets/index-abc.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(script.headers.get('x-content-type-options')).toBe('nosniff')
    expect(script.headers.get('content-security-policy')).toBeNull()
    expect((await get('app://gatehouse/assets/editor.worker-def.js')).status).toBe(200)
    expect(
      (await get('app://gatehouse/assets/index-abc.css')).headers.get('content-type'),
    ).toContain('text/css')
    expect((await get('app://gatehouse/assets/codicon.ttf')).headers.get('content-type')).toBe(
      'font/ttf',
    )
    const head = await get('app://gatehouse/index.html', 'HEAD')
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it('serves nothing outside its folder, however the path is spelled', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      `/${encodeURIComponent(outside.path('secret.txt'))}`,
      '/..%5csecret.txt',
      '/%00index.html',
    ]) {
      const response = await get(`app://gatehouse${path}`)
      expect([400, 403, 404], path).toContain(response.status)
      expect(await response.text(), path).not.toContain('secret')
    }
  })

  it.skipIf(process.platform === 'win32')(
    'does not follow a symlink out of its folder',
    async () => {
      symlinkSync(outside.path('secret.txt'), root.path('assets', 'link.js'))
      const response = await get('app://gatehouse/assets/link.js')
      expect(response.status).toBe(403)
    },
  )

  it('refuses another host, other methods, missing files and malformed URLs', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404)
    expect((await get('app://gatehouse/index.html', 'POST')).status).toBe(405)
    expect((await get('app://gatehouse/missing.js')).status).toBe(404)
    expect((await get('app://gatehouse/assets')).status).toBe(404)
    expect((await get('app://gatehouse/%E0%A4%A')).status).toBe(400)
    expect((await get('not a url')).status).toBe(400)
  })

  it('is handled by serveAppRequest once set up', async () => {
    setupAppProtocol(root.root)
    const handler = electronFake.protocol.handlers.get('app') as unknown as (request: {
      url: string
      method: string
    }) => Promise<Response>
    expect((await handler({ url: 'app://gatehouse/index.html', method: 'GET' })).status).toBe(200)
  })
})

describe('isAppUrl for the built page', () => {
  const location = resolveRendererLocation({ mainDir: '/app/out/main', isPackaged: true })

  it('is the app:// page and nothing else', () => {
    expect(location).toEqual({
      kind: 'app',
      url: 'app://gatehouse/index.html',
      root: expect.stringContaining('renderer') as unknown,
    })
    expect(isAppUrl('app://gatehouse/index.html', location)).toBe(true)
    expect(isAppUrl('app://gatehouse/index.html?x=1#y', location)).toBe(true)
    for (const url of [
      'app://gatehouse/assets/index.js',
      'app://other/index.html',
      'app://user@gatehouse/index.html',
      'file:///app/out/renderer/index.html',
      'https://gatehouse/index.html',
      'about:blank',
      'nonsense',
    ]) {
      expect(isAppUrl(url, location), url).toBe(false)
    }
  })
})
