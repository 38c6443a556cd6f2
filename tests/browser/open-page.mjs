// Opens a page in headless Chromium the way a person's browser would and reports, as one JSON line on stdout,
// every request that failed or answered an error, every console error, and whether each expected text appeared.
// Usage: node open-page.mjs <url> <text> [<text>...]   (exit code 0 when the page loaded; the caller judges the rest)
// PAGE_ACTIONS, a JSON list of {"type": selector, "text": ...} and {"click": selector}, is done in order after loading.
import { launchChromium } from './chromium.mjs';

const [url, ...expected] = process.argv.slice(2);
const deadline = Number(process.env.PAGE_TIMEOUT_MS ?? 30000);

const browser = await launchChromium();
const report = { url, failed: [], consoleErrors: [], found: {}, title: null };
try {
  const page = await browser.newPage();
  page.on('requestfailed', request => report.failed.push(`${request.url()}: ${request.failure()?.errorText}`));
  page.on('response', response => {
    if (response.status() >= 400) report.failed.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', message => {
    if (message.type() === 'error') report.consoleErrors.push(message.text());
  });
  await page.goto(url, { waitUntil: 'networkidle0', timeout: deadline });
  for (const action of JSON.parse(process.env.PAGE_ACTIONS ?? '[]')) {
    if (action.type) await page.type(action.type, action.text);
    if (action.click) await page.click(action.click);
  }
  for (const text of expected) {
    try {
      await page.waitForFunction(t => document.body?.innerText.includes(t), { timeout: deadline }, text);
      report.found[text] = true;
    } catch {
      report.found[text] = false;
    }
  }
  report.title = await page.title();
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
