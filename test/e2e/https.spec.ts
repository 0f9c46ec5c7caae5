// HTTPS from the console: download the local CA (its fingerprint shown), turn HTTPS on while serving, and the
// endpoint the console shows and copies is the https:// URL that a client trusting that CA reaches.
import crypto from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import { expect, test } from './server-fixture';

const getStatus = (url: string, ca: string): Promise<number> =>
  new Promise((resolve, reject) => https.get(url, { ca, agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on('error', reject));

test('Global Management: download the CA certificate, switch HTTPS on and off on the same port', async ({ server, context, page }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(server.consoleUrl).origin });
  await page.goto(server.consoleUrl);
  await page.evaluate(() => { window.location.hash = '#/settings/global'; });
  await expect(page.getByTestId('https-serving')).toHaveText('Serving plain HTTP');
  await expect(page.getByText('No local CA yet')).toBeVisible();

  // The CA file arrives as a download, and the fingerprint shown is that file's.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download CA certificate' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('cloudsso-local-ca.pem');
  const pem = fs.readFileSync((await download.path())!, 'utf8');
  const certificate = new crypto.X509Certificate(pem);
  expect(certificate.subject).toContain('CN=CloudSSO Local Development CA');
  await expect(page.getByTestId('ca-fingerprint')).toHaveText(certificate.fingerprint256);

  // HTTPS on, live: the same port now speaks TLS, with a certificate the downloaded CA verifies.
  const port = new URL(server.scimEndpoint).port;
  await page.getByRole('switch', { name: 'HTTPS' }).click();
  await expect(page.getByText('HTTPS on: the endpoints now start with https://.')).toBeVisible();
  await expect(page.getByTestId('https-serving')).toHaveText('Serving HTTPS (TLS 1.2 and 1.3)');
  const httpsEndpoint = `https://127.0.0.1:${port}/scim/v2`;
  await expect(page.getByTestId('global-scim-endpoint')).toHaveText(httpsEndpoint);
  await expect(page.getByText(/Server certificate valid until/)).toBeVisible();
  expect(await getStatus(`${httpsEndpoint}/ServiceProviderConfig`, pem)).toBe(200);
  expect((await fetch(`http://127.0.0.1:${port}/scim/v2/ServiceProviderConfig`)).status).toBe(400);

  // User Settings shows and copies the https URL an IdP needs.
  await page.getByRole('tab', { name: 'User Settings' }).click();
  await expect(page.getByTestId('scim-endpoint')).toHaveText(httpsEndpoint);
  await page.getByRole('button', { name: 'Copy SCIM Endpoint', exact: true }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(httpsEndpoint);

  // Off again: plain HTTP on the same port.
  await page.getByRole('tab', { name: 'Global Management' }).click();
  await page.getByRole('switch', { name: 'HTTPS' }).click();
  await expect(page.getByTestId('https-serving')).toHaveText('Serving plain HTTP');
  await expect(page.getByTestId('global-scim-endpoint')).toHaveText(`http://127.0.0.1:${port}/scim/v2`);
  expect((await fetch(`http://127.0.0.1:${port}/scim/v2/ServiceProviderConfig`)).status).toBe(200);
});
