// 复核: the reviewer enters 复核分 and 复核意见 in 复核模式 and sees 自评 / 规则 / 复核 side by
// side, live; the review travels in the JSON (format version 2) and a department that imports
// the reviewed file sees it read-only; it prints as a 复核 column; the county counts 已复核.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { openApp, useApp } = require('./harness');
const { storedDoc, until } = require('./stored');

const suite = useApp({ tmp: true });
const ROOT = path.resolve(__dirname, '..', '..');
const REVIEWED = path.join(ROOT, 'tests', 'fixtures', 'v2', 'reviewed.json');

async function save(page, trigger) {
  const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
  const file = path.join(suite.tmp, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

test('the department sees a review that came with its form read-only, and it prints', async () => {
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  await page.setInputFiles('[data-testid="import-file"]', REVIEWED);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.goto(suite.srv.url + '#/e/sample-zhaoshang');
  await page.waitForSelector('[data-testid="review-block"]');
  assert.equal(await page.isVisible('[data-testid="review-read-only"]'), true);
  // self-assessed 87; the fund score 7 → 10 and 投资总额 10 → 8 give 88
  assert.equal(await page.textContent('[data-testid="total"]'), '87.00');
  assert.equal(await page.textContent('[data-testid="review-total"]'), '88.00');
  assert.equal(await page.textContent('[data-testid="review-grade"]'), '良');
  assert.match(await page.textContent('.summary-bar'), /复核 88\.00（良）/);
  assert.match(await page.textContent('[data-testid="fund-review"]'), /10.*执行率100%/);
  const row = 'tr[data-row="sample-zhaoshang-r2"] td.review-col';
  assert.match(await page.textContent(row), /8.*未附佐证材料/);
  // nothing of the review can be changed here
  assert.equal(await page.locator('td.review-col input, td.review-col textarea, [data-testid="fund-review"] input').count(), 0);
  assert.equal(await page.isDisabled('[data-testid="review-done"]'), true);
  assert.equal(await page.isChecked('[data-testid="review-done"]'), true);
  // forms without a review show no 复核 column
  await page.goto(suite.srv.url + '#/e/sample-sheling');
  await page.waitForSelector('[data-testid="total"]');
  assert.equal(await page.locator('.review-col').count(), 0);
  assert.equal(await page.locator('[data-testid="review-block"]').count(), 0);
  // the printed form has the 复核 column and block
  await page.goto(suite.srv.url + '#/e/sample-zhaoshang');
  await page.waitForSelector('[data-testid="review-block"]');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.isVisible('table.indicator-table th.review-col'), true);
  assert.equal(await page.isVisible(row), true);
  assert.equal(await page.isVisible('[data-testid="review-block"]'), true);
  assert.equal(await page.isVisible('[data-testid="reviewer-mode"]'), false);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('in 复核模式 the reviewer scores, the totals follow live, and the review travels as version 2', async () => {
  const a = await openApp(suite.browser, suite.srv.url);
  const page = a.page;
  await page.click('button[data-sample="sample-sheling"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.check('[data-testid="reviewer-mode"]');
  await page.waitForSelector('[data-testid="review-block"]');
  assert.equal(await page.textContent('[data-testid="review-total"]'), '—');
  // over the weight (50): an error on the 复核分 itself
  await page.fill('#f-i-sample-sheling-r0-ReviewScore', '60');
  await page.waitForFunction(() => /复核分/.test(document.querySelector('tr[data-row="sample-sheling-r0"] td.review-col').textContent));
  await page.fill('#f-i-sample-sheling-r0-ReviewScore', '40');
  // 88 − 5
  await until(async () => (await page.textContent('[data-testid="review-total"]')) === '83.00');
  await page.fill('#f-fund-review', '10');
  await until(async () => (await page.textContent('[data-testid="review-total"]')) === '85.00');
  await page.fill('[data-testid="review-opinion"]', '经复核，数量指标完成情况证据不足。');
  await page.fill('input[aria-label="复核人"]', '李明');
  await page.check('[data-testid="review-done"]');
  assert.equal(await page.textContent('[data-testid="total"]'), '88.00', 'the self-assessment does not move');
  const stored = await until(async () => {
    const doc = await storedDoc(page, 'ziping:eval:sample-sheling');
    return doc && doc.evaluation.review && doc.evaluation.review.done && doc.evaluation;
  });
  assert.equal(stored.indicators[0].review.score, '40');
  assert.equal(stored.review.fund.score, '10');

  // the mode is remembered in this browser
  await page.reload();
  await page.waitForSelector('[data-testid="review-block"]');
  assert.equal(await page.isChecked('[data-testid="reviewer-mode"]'), true);

  // the county counts it as reviewed
  await page.click('[data-testid="county-link"]');
  await page.waitForSelector('[data-testid="county"]');
  assert.equal(await page.textContent('tr.county-line [data-col="reviewed"]'), '1');

  // exported: version 2, and the department's fresh browser shows it read-only
  await page.goto(suite.srv.url + '#/e/sample-sheling');
  await page.waitForSelector('[data-testid="export-json"]');
  const file = await save(page, () => page.click('[data-testid="export-json"]'));
  const env = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.equal(env.format_version, 2);
  assert.equal(env.evaluations[0].review.reviewer, '李明');
  const b = await openApp(suite.browser, suite.srv.url);
  await b.page.setInputFiles('[data-testid="import-file"]', file);
  await b.page.click('[data-testid="confirm-import"]');
  await b.page.waitForSelector('[data-testid="import-done"]');
  await b.page.goto(suite.srv.url + '#/e/sample-sheling');
  await b.page.waitForSelector('[data-testid="review-read-only"]');
  assert.equal(await b.page.textContent('[data-testid="review-total"]'), '85.00');
  assert.equal(await b.page.locator('td.review-col input').count(), 0);
  assert.deepEqual(a.problems, []);
  assert.deepEqual(b.problems, []);
  await a.ctx.close();
  await b.ctx.close();
});
