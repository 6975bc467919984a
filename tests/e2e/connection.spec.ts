import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

// Monaco keeps its own (empty) live regions with role="alert": pick the app's banner.
const connectionAlert = (page: Page) =>
  page.getByRole('alert').filter({ hasText: 'Not connected to the Gatehouse core' })

test('without the token the page says it has no access and Run is disabled', async ({
  page,
  server,
}) => {
  await page.goto(`${server.origin}/`)
  const alert = connectionAlert(page)
  await expect(alert).toContainText('no access token')
  await expect(page.getByText('Disconnected', { exact: true })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled()
})

test('a wrong token is refused and the page says so', async ({ page, server }) => {
  const wrongToken = '0'.repeat(32)
  await page.goto(`${server.origin}/?token=${wrongToken}`)
  await expect(connectionAlert(page)).toContainText('refused the connection')
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled()
})

test('the token leaves the address bar once the page has it, and a reload still connects', async ({
  page,
  server,
}) => {
  await page.goto(server.url)
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled()
  await expect.poll(() => page.url()).toBe(`${server.origin}/`)
  expect(await page.evaluate(() => sessionStorage.getItem('gatehouse.token'))).toBe(
    new URL(server.url).searchParams.get('token'),
  )
  await page.reload()
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeEnabled()
  await expect(connectionAlert(page)).toHaveCount(0)
  expect(page.url()).toBe(`${server.origin}/`)
})

test('the page is served with its security headers and a CSP that only reaches this server', async ({
  page,
  server,
}) => {
  const response = await page.goto(server.url)
  const headers = response?.headers() ?? {}
  const port = new URL(server.origin).port
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
  expect(headers['content-security-policy']).toContain(`connect-src 'self' ws://127.0.0.1:${port}`)
  expect(headers['referrer-policy']).toBe('no-referrer')
  expect(headers['x-content-type-options']).toBe('nosniff')
  // The page's own policy stops a socket to any other local port.
  const otherPort = Number(port) === 65535 ? 65534 : Number(port) + 1
  const blocked = await page.evaluate(async (target) => {
    return await new Promise<string>((resolve) => {
      document.addEventListener('securitypolicyviolation', (event) =>
        resolve(event.violatedDirective),
      )
      try {
        new WebSocket(target)
      } catch (error) {
        resolve(String(error))
      }
    })
  }, `ws://127.0.0.1:${otherPort}/api`)
  expect(blocked).toMatch(/connect-src|SecurityError/)
})
