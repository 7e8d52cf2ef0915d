// Cold start on a real Chromium 86.0.4240 (360极速浏览器 13's engine) with `count` stored forms of
// 30 indicators: from the start of navigation (Chromium 86 then moves to legacy.html, whose
// module is built for it) to the first interactive screen and to the full list. Prints figures;
// asserts nothing (docs/BENCHMARKS.md).
//
//   node tests/bench/cold86.js [count]
'use strict';
const { serve, open86 } = require('../chromium86/harness');
const { storageEntries } = require('./workspace');

const COUNT = Number(process.argv[2] || 1000);

(async () => {
  const srv = await serve();
  const { ctx, page, problems } = await open86(srv.url);
  await page.evaluate((e) => {
    localStorage.clear();
    for (const [k, v] of Object.entries(e)) localStorage.setItem(k, v);
  }, storageEntries(COUNT, 30));
  const interactive = [];
  const fullList = [];
  for (let i = 0; i < 3; i++) {
    await page.goto('about:blank');
    const t0 = Date.now();
    await page.goto(srv.url + '#/', { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('[data-testid="new-evaluation"]', { timeout: 120000 });
    interactive.push(Date.now() - t0);
    await page.waitForFunction(
      (n) => document.querySelectorAll('table.eval-list tbody tr').length === n,
      { timeout: 120000, polling: 10 },
      COUNT,
    );
    fullList.push(Date.now() - t0);
  }
  const browser = await page.browser().version();
  console.log(
    JSON.stringify(
      {
        browser,
        stored_forms: COUNT,
        url: page.url(),
        navigation_to_interactive_ms: interactive,
        navigation_to_full_list_ms: fullList,
        page_problems: problems,
      },
      null,
      2,
    ),
  );
  await ctx.close();
  await srv.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
