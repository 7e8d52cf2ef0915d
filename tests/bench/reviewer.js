// The finance bureau's reviewer at scale (issue 13), the real built page in headless Chromium.
// Prints figures; asserts nothing about time (docs/BENCHMARKS.md).
//
//   node tests/bench/reviewer.js [departments] [forms per department] [files]
//
// 1. The county view of a year with `departments` departments of `forms` project forms each (30
//    indicators), stored in the browser: from the click to every line shown, a filter, a sort.
// 2. Bulk intake of `files` JSON files at once (one department's form each), then the same files
//    as one .zip: from the pick to the preview, and from the confirmation to everything saved.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { serve, launch } = require('../browser/harness');
const { pack } = require('../browser/stored');
const { evaluation, listShown, seed } = require('./workspace');
const { zipOf } = require('../browser/zip');

const DEPTS = Number(process.argv[2] || 150);
const PER = Number(process.argv[3] || 7);
const FILES = Number(process.argv[4] || 500);

/** Form `i` of the bench workspace, moved to department `d` of year `year`. */
function form(i, d, year) {
  const doc = evaluation(i);
  doc.evaluation.department = `第${d + 1}部门`;
  doc.evaluation.year = year;
  return doc;
}

const compact = (v) => JSON.stringify(v, (k, x) => (x === '' || x === null ? undefined : x));

async function timed(page, action, done, arg = null) {
  const t0 = Date.now();
  await action();
  await page.waitForFunction(done, arg, { timeout: 300000, polling: 10 });
  return Date.now() - t0;
}

(async () => {
  const srv = await serve();
  const browser = await launch();

  // ---- 1. the county view ----
  {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(srv.url);
    await page.waitForSelector('.app-header');
    const entries = {};
    const order = [];
    let i = 0;
    for (let d = 0; d < DEPTS; d++) {
      for (let k = 0; k < PER; k++, i++) {
        const doc = form(i, d, '2022');
        doc.evaluation.id = `c-${i}`;
        doc.evaluation.indicators.forEach((r, n) => (r.id = `c-${i}-r${n}`));
        order.push(doc.evaluation.id);
        entries[`ziping:eval:${doc.evaluation.id}`] = pack(compact(doc));
      }
    }
    entries['ziping:index'] = JSON.stringify({ schema_version: 1, order });
    await seed(page, entries);
    await page.reload();
    await page.waitForSelector('[data-testid="county-link"]');
    await page.waitForFunction(listShown, i, { timeout: 300000 });
    const open = [];
    const filter = [];
    const sort = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(srv.url + '#/');
      await page.waitForSelector('[data-testid="county-link"]');
      open.push(await timed(page, () => page.click('[data-testid="county-link"]'), (n) => document.querySelectorAll('tr.county-line').length === n && document.querySelector('[data-testid="county-forms"]'), DEPTS));
      filter.push(await timed(page, () => page.selectOption('[data-testid="county-filter"]', 'missing-reasons'), () => /列出/.test(document.querySelector('[data-testid="county-count"]').textContent)));
      await page.selectOption('[data-testid="county-filter"]', 'all');
      sort.push(await timed(page, () => page.click('button.sort[data-sort="weighted"]'), () => document.querySelector('button.sort[data-sort="weighted"]').textContent.includes('▼')));
    }
    // the same after the page has been open 3 s (the forms are assessed in the background)
    const settled = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(srv.url + '#/');
      await page.reload();
      await page.waitForFunction(listShown, i, { timeout: 300000 });
      await page.waitForTimeout(3000);
      settled.push(await timed(page, () => page.click('[data-testid="county-link"]'), (n) => document.querySelectorAll('tr.county-line').length === n && document.querySelector('[data-testid="county-forms"]'), DEPTS));
    }
    // a later visit: the figures kept from the last one (store::figures), the view opened at once
    for (let t = 0; t < 600 && !(await page.evaluate(() => localStorage.getItem('ziping:figures'))); t++) {
      await page.waitForTimeout(100);
    }
    const kept = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(srv.url + '#/');
      await page.reload();
      await page.waitForFunction(listShown, i, { timeout: 300000 });
      kept.push(await timed(page, () => page.click('[data-testid="county-link"]'), (n) => document.querySelectorAll('tr.county-line').length === n && document.querySelector('[data-testid="county-forms"]'), DEPTS));
    }
    const first = await page.$$eval('tr.county-line', (r) => r.length);
    console.log(`county view: ${DEPTS} departments × ${PER} forms (${i} forms of 30 indicators), ${first} lines`);
    console.log(`  first visit, list → county view shown (3 runs): ${open.join(', ')} ms (the first run assesses every form)`);
    console.log(`  reload, 3 s, then the county view (3 runs): ${settled.join(', ')} ms`);
    console.log(`  a later visit, the county view at once with the figures kept (3 runs): ${kept.join(', ')} ms`);
    console.log(`  filter "缺偏差原因": ${filter.join(', ')} ms; sort by weighted average: ${sort.join(', ')} ms`);
    await ctx.close();
  }

  // ---- 2. bulk intake ----
  {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-intake-'));
    const names = [];
    const files = {};
    for (let f = 0; f < FILES; f++) {
      const doc = form(f, f % DEPTS, '2023').evaluation;
      doc.id = `in-${f}`;
      doc.indicators.forEach((r, n) => (r.id = `in-${f}-r${n}`));
      const env = { type: 'ziping-export', format_version: 1, app_version: '0.1.0', exported_at: 0, evaluations: [doc], departments: [] };
      const name = `第${(f % DEPTS) + 1}部门_${f}.json`;
      const bytes = Buffer.from(JSON.stringify(env, null, 2));
      fs.writeFileSync(path.join(dir, name), bytes);
      files[`各部门/${name}`] = bytes;
      names.push(path.join(dir, name));
    }
    const zip = path.join(dir, '各部门.zip');
    fs.writeFileSync(zip, zipOf(files));
    for (const [what, pick] of [[`${FILES} files picked at once`, names], [`one .zip of ${FILES} files (${(fs.statSync(zip).size / 1048576).toFixed(1)} MB)`, zip]]) {
      const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await ctx.newPage();
      await page.goto(srv.url);
      await page.waitForSelector('[data-testid="import-file"]');
      const preview = await timed(page, () => page.setInputFiles('[data-testid="import-file"]', pick), () => !!document.querySelector('[data-testid="confirm-import"]'));
      const saved = await timed(
        page,
        () => page.click('[data-testid="confirm-import"]'),
        (n) => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === n && !!document.querySelector('[data-testid="import-done"]'),
        FILES,
      );
      console.log(`bulk intake, ${what}: pick → preview ${preview} ms; confirm → all saved ${saved} ms; total ${preview + saved} ms`);
      await ctx.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await browser.close();
  srv.close();
})();
