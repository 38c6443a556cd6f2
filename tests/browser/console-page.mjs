// Drives the pipeline console (/console) in headless Chromium as an operator would, while the test sends events:
// signs in with HTTP basic (the operator token as the password), waits for the silos, for the accepted count to move,
// for a row of the live tail, then replays the first dead letter with its own button and waits for the page to say so.
// Usage: node console-page.mjs <base-url> <operator-token> [<screenshot.png>]
// Prints one JSON line: which steps were seen, what the counter read before and after, failed requests, console errors.
import { launchChromium } from './chromium.mjs';

const [base, token, screenshot] = process.argv.slice(2);
const deadline = Number(process.env.PAGE_TIMEOUT_MS ?? 45000);

const browser = await launchChromium();
const report = { steps: {}, accepted: [], failed: [], consoleErrors: [], status: null, title: null };

async function step(name, action) {
  try {
    await action();
    report.steps[name] = true;
  } catch (error) {
    report.steps[name] = false;
    report.failed.push(`${name}: ${error.message}`);
  }
}

const text = (page, selector) => page.$eval(selector, element => element.textContent.trim());

try {
  const page = await browser.newPage();
  await page.authenticate({ username: 'operator', password: token });
  page.on('requestfailed', request => {
    // The page's own stream is cut when the browser closes; anything else failing is a finding.
    if (!request.url().includes('/console/stream')) report.failed.push(`${request.url()}: ${request.failure()?.errorText}`);
  });
  page.on('response', response => {
    // 401 is the challenge that page.authenticate answers.
    if (response.status() >= 400 && response.status() !== 401) report.failed.push(`${response.url()}: ${response.status()}`);
  });
  page.on('console', message => {
    if (message.type() === 'error') report.consoleErrors.push(message.text());
  });

  await page.goto(new URL('/console', base).toString(), { waitUntil: 'domcontentloaded', timeout: deadline });
  report.title = await page.title();
  const options = { timeout: deadline };

  await step('live', () => page.waitForFunction(() => document.getElementById('connection').textContent === 'live', options));
  await step('silos', () => page.waitForFunction(() => [...document.querySelectorAll('#silos tbody tr')].some(r => r.textContent.includes('Active')), options));
  await step('lag', () => page.waitForSelector('#lag tbody tr', options));
  await step('moving', async () => {
    await page.waitForFunction(() => /\d/.test(document.getElementById('total-accepted').textContent), options);
    report.accepted.push(await text(page, '#total-accepted'));
    await page.waitForFunction(before => document.getElementById('total-accepted').textContent.trim() !== before, options, report.accepted[0]);
    report.accepted.push(await text(page, '#total-accepted'));
    await page.waitForFunction(() => Number(document.getElementById('rate-accepted').textContent.replace(/,/g, '')) > 0, options);
  });
  await step('tail', () => page.waitForSelector('#tail tbody tr', options));
  await step('replayed', async () => {
    try {
      await page.waitForSelector('#dead-letters button.replay', options);
      await page.click('#dead-letters button.replay');
      await page.waitForFunction(() => document.getElementById('dlq-status').textContent.startsWith('Replayed 1 '), options);
    } finally {
      // What the page said, also when the wait failed: the reason is usually there.
      report.status = await text(page, '#dlq-status');
      report.deadLetters = await page.$$eval('#dead-letters tbody tr', rows => rows.length);
    }
  });
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true });
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
