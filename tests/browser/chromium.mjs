// Debian's Chromium, headless, as the browser checks launch it. The machine has no outside network: Chromium's
// background calls home would fail and fill the log, so they are switched off.
import puppeteer from 'puppeteer-core';

export function launchChromium() {
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // A desktop window: narrower ones fold sidebars into menus.
    defaultViewport: { width: 1440, height: 1000 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}
