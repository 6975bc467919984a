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
