/** Opens pages in Chromium and collects dialogs, Content-Security-Policy violations and script errors. */
import type { Browser } from 'playwright-core';

export interface SecuritySeen {
  dialogs: string[];
  violations: string[];
  errors: string[];
  visited: number;
}

export async function visitForViolations(browser: Browser, origin: string, urls: string[]): Promise<SecuritySeen> {
  const seen: SecuritySeen = { dialogs: [], violations: [], errors: [], visited: 0 };
  const context = await browser.newContext();
  // Reported by the page itself, before any of its scripts run.
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  let current = '';
  page.on('dialog', async (d) => {
    seen.dialogs.push(`${current}: ${d.type()} ${d.message()}`);
    await d.dismiss();
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/securitypolicyviolation|Content Security Policy|Refused to/i.test(text)) seen.violations.push(`${current}: ${text}`);
    else if (m.type() === 'error') seen.errors.push(`${current}: ${text}`);
  });
  page.on('pageerror', (e) => seen.errors.push(`${current}: ${e}`));
  for (const url of urls) {
    current = url;
    await page.goto(`${origin}${url}`, { waitUntil: 'load' });
    // Let late handlers (onerror of images, timers of injected scripts) fire.
    await page.waitForTimeout(50);
    seen.visited++;
  }
  await context.close();
  return seen;
}
