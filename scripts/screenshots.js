// Takes the 使用说明 screenshots (docs/help/*.png) from the real built page in headless
// Chromium: `bash scripts/screenshots.sh` (after a build). Needs a CJK font for the Chinese
// (Debian: fonts-noto-cjk, which scripts/screenshots.sh installs when missing).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { serve, launch, DIST } = require('../tests/browser/harness');

const OUT = path.join(__dirname, '..', 'docs', 'help');

async function main() {
  fs.mkdirSync(OUT, { recursive: true });
  const srv = await serve(DIST);
  const browser = await launch();
  const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 860 }, acceptDownloads: true });
  const page = await ctx.newPage();
  const shot = async (name, target) => {
    const file = path.join(OUT, name);
    await (target || page).screenshot({ path: file });
    console.log(`screenshots: ${path.relative(process.cwd(), file)}`);
  };
  await page.goto(srv.url);
  await page.waitForSelector('.app-header');
  // the seed's four forms; the last one loaded stays open
  for (const k of ['sample-sheling', 'sample-chubeiliang', 'sample-guanbi', 'sample-zhaoshang']) {
    await page.goto(srv.url + '#/');
    await page.locator(`button[data-sample="${k}"]`).click();
    await page.waitForSelector('[data-testid="total"]');
  }
  // the form as a clerk sees it, with a claim that departs from the rule
  await page.fill('#f-fund-claimed', '10');
  await page.waitForTimeout(900); // past the debounced save: the header says 已保存
  await shot('editor.png');
  await shot('review.png', page.locator('aside.diagnostics'));

  // the 汇总表 of the department-year
  await page.goto(srv.url + '#/');
  await page.waitForSelector('.group');
  await page.locator('.group', { hasText: '衡山县商务和粮食局' }).locator('a.open-summary').first().click();
  await page.waitForSelector('table');
  await page.waitForTimeout(300);
  await shot('summary.png');

  // an import with a form that exists already: the preview
  await page.goto(srv.url + '#/');
  await page.waitForSelector('.group');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid="export-all"]'),
  ]);
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ziping-shots-')), download.suggestedFilename());
  await download.saveAs(tmp);
  await page.setInputFiles('[data-testid="import-file"]', tmp);
  await page.waitForSelector('[data-testid="import-preview"]');
  await page.locator('[data-testid="import-preview"]').scrollIntoViewIfNeeded();
  await shot('import.png', page.locator('.import'));

  // a form made in Excel (the 中江 layout, saved by LibreOffice): the preview of what was read
  await page.goto(srv.url + '#/');
  await page.waitForSelector('[data-testid="import-file"]');
  await page.setInputFiles('[data-testid="import-file"]', path.join(__dirname, '..', 'office', 'tests', 'fixtures', 'mof-zhongjiang.xlsx'));
  await page.waitForSelector('[data-testid="recognised-form"]');
  await page.evaluate(() => document.querySelector('[data-testid="recognised-form"]').setAttribute('open', ''));
  await page.locator('[data-testid="import-preview"]').scrollIntoViewIfNeeded();
  await shot('paste.png', page.locator('.import'));

  // a department's own form beside its figures (the department sample): taken from them
  await page.goto(srv.url + '#/');
  await page.locator('button[data-sample="sample-dept"]').click();
  await page.waitForSelector('[data-testid="dept-forms"]');
  await page.selectOption('[data-testid="dept-form-template"]', 'dept');
  await page.click('[data-testid="new-dept-form"]');
  await page.waitForSelector('[data-testid="dept-link"]');
  await page.fill('#f-fund-Total-AnnualBudget', '2700');
  await page.fill('#f-fund-Basic-Executed', '900');
  await page.waitForSelector('[data-testid="take-dept-figures"]');
  await page.waitForTimeout(900);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('department.png');

  await browser.close();
  await srv.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
