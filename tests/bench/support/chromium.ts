import type { Browser, BrowserContext } from 'playwright-core';

/** The system Chromium the browser workloads drive through playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** A desktop office screen. */
export const VIEWPORT = { width: 1440, height: 900 };

/** A fresh browser context (nothing cached) signed in through the API, as a user who just logged in. */
export async function signedInContext(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale: 'zh-CN' });
  const login = await context.request.post(`${baseUrl}/api/auth/login`, {
    data: { username, password },
    headers: { origin: baseUrl },
  });
  if (login.status() !== 200) {
    await context.close();
    throw new Error(`sign-in of ${username} refused: ${login.status()}`);
  }
  return context;
}
