// Cold start with `count` stored forms of 30 indicators: from the start of navigation to the
// first interactive screen and to the list shown (every row, or every group's head when the list
// is folded), 3 runs. On Playwright's Chromium, or with `--chromium86` on a real Chromium
// 86.0.4240 (360极速浏览器 13's engine; it moves to legacy.html, whose module is built for it).
// The clerk's edition, which a first visit loads; with `--full` the full edition, which a browser
// keeps once it has opened the reviewer's pages (src/ui/edition.rs).
// Prints figures; asserts nothing (docs/BENCHMARKS.md).
//
//   node tests/bench/cold.js [count] [--chromium86] [--full]
'use strict';
const { storageEntries, listShown, seed } = require('./workspace');

const COUNT = Number(process.argv.find((a) => /^\d+$/.test(a)) || 1000);
const OLD = process.argv.includes('--chromium86');
const FULL = process.argv.includes('--full');

/** The page on the chosen browser, and how to close it. */
async function open() {
  if (OLD) {
    const { serve, open86 } = require('../chromium86/harness');
    const srv = await serve();
    const { ctx, page, problems } = await open86(srv.url);
    const browser = await page.browser().version();
    return { srv, page, browser, problems, close: () => ctx.close() };
  }
  const { serve, launch } = require('../browser/harness');
  const srv = await serve();
  const chromium = await launch();
  const page = await (await chromium.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  return { srv, page, browser: chromium.version(), problems, close: () => chromium.close() };
}

(async () => {
  const { srv, page, browser, problems, close } = await open();
  const entries = storageEntries(COUNT, 30);
  if (FULL) entries['ziping:edition'] = 'full';
  await seed(page, entries);
  const shown = `(${listShown})(${COUNT})`;
  const interactive = [];
  const list = [];
  for (let i = 0; i < 3; i++) {
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(srv.url + '#/', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="new-evaluation"]', { timeout: 120000 });
    interactive.push(Date.now() - t0);
    // a string expression: Puppeteer 5 and Playwright both take one (their options differ)
    if (OLD) await page.waitForFunction(shown, { timeout: 120000, polling: 10 });
    else await page.waitForFunction(shown, null, { timeout: 120000, polling: 10 });
    list.push(Date.now() - t0);
  }
  console.log(
    JSON.stringify(
      {
        browser,
        stored_forms: COUNT,
        url: page.url(),
        edition: await page.evaluate(() => document.documentElement.getAttribute('data-edition')),
        navigation_to_interactive_ms: interactive,
        navigation_to_list_ms: list,
        page_problems: problems,
      },
      null,
      2,
    ),
  );
  await close();
  await srv.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
