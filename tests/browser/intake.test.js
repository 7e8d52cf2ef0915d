// Bulk intake, as the finance bureau's reviewer receives a county's forms: many files picked at
// once, a folder, a dropped folder, .zip archives (names in UTF-8 and in GBK) holding exports and
// office documents; one list of each file's outcome, one confirmation.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { openApp, useApp } = require('./harness');
const { storedEvaluations, until } = require('./stored');
const { zipOf } = require('./zip');

const suite = useApp({ tmp: true });
const ROOT = path.resolve(__dirname, '..', '..');
const INTAKE = path.join(ROOT, 'tests', 'fixtures', 'intake');
const OFFICE = process.env.ZIPING_OFFICE_FIXTURES || path.join(ROOT, 'office', 'tests', 'fixtures');
const SEED = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'v1', 'seed_samples.json'), 'utf8'));

/** An export of some of the seed's forms, as a department's copy of ziping writes it. */
function exportOf(evaluations, departments = []) {
  return Buffer.from(JSON.stringify({ ...SEED, evaluations, departments }), 'utf8');
}

const lines = (page) => page.$$eval('[data-testid="intake-files"] li', (els) => els.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

test('many files at once: archives (UTF-8 and GBK names), an Excel form, refusals; one list, one confirmation', async () => {
  const dir = path.join(suite.tmp, 'many');
  fs.mkdirSync(dir, { recursive: true });
  const files = {
    'bogus.pdf': Buffer.from('%PDF-1.4'),
    'broken.json': Buffer.from('{"type": "ziping-export", '),
    'gbk-names.zip': fs.readFileSync(path.join(INTAKE, 'gbk-names.zip')),
    'infozip.zip': fs.readFileSync(path.join(INTAKE, 'infozip.zip')),
    'mof-standard.xlsx': fs.readFileSync(path.join(OFFICE, 'mof-standard.xlsx')),
  };
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), data);
  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  await page.setInputFiles('[data-testid="import-file"]', Object.keys(files).map((n) => path.join(dir, n)));
  await page.waitForSelector('[data-testid="import-preview"]', { timeout: 60000 });
  const got = await lines(page);
  assert.equal(got.length, 8, got.join('\n'));
  assert.ok(!got.some((l) => l.includes('__MACOSX')), 'clutter is never listed');
  assert.match(got[0], /^bogus\.pdf 未导入：.*PDF/);
  assert.match(got[1], /^broken\.json 未导入：/);
  // GBK names decoded; both documents are in infozip.zip too, edited as late or later there
  assert.match(got[2], /^gbk-names\.zip\/商务局\/招商引资\.json 1份表：另有1份以本批中较新的为准$/);
  assert.match(got[3], /^gbk-names\.zip\/商务局\/部门整体\.json 1份表：另有1份以本批中较新的为准$/);
  assert.match(got[4], /^infozip\.zip\/衡山县各部门\/说明\.txt 未导入：/);
  assert.match(got[5], /^infozip\.zip\/衡山县各部门\/商务和粮食局\/第一次\.json 3份表：新增 2，另有1份以本批中较新的为准$/);
  assert.match(got[6], /^infozip\.zip\/衡山县各部门\/商务和粮食局\/补报\/第二次\.json 3份表：新增 3$/);
  assert.match(got[7], /^mof-standard\.xlsx 1份表：新增 1$/);
  assert.match(await page.textContent('[data-testid="import-preview"]'), /“8个文件”中有 6 份表/);
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  assert.match(await page.textContent('[data-testid="import-done"]'), /已从“8个文件”导入 6 份/);
  const stored = await until(async () => {
    const s = await storedEvaluations(page);
    return s.length === 5 && s;
  });
  assert.equal(stored.find((e) => e.id === 'sample-zhaoshang').note, '第二次报送');
  assert.ok(stored.some((e) => e.project_name === '基层农技推广体系改革与建设补助项目'));
  assert.equal(await page.locator('a.open-dept').count(), 1);

  // the same archive again: everything is already here, nothing is proposed
  await page.setInputFiles('[data-testid="import-file"]', path.join(dir, 'infozip.zip'));
  await page.waitForSelector('[data-testid="import-preview"]');
  const again = await lines(page);
  assert.match(again[1], /3份表：与本机相同 2，另有1份以本批中较新的为准/);
  assert.match(again[2], /3份表：与本机相同 3/);
  assert.equal(await page.locator('.conflict-choice').evaluateAll((s) => s.filter((x) => x.value !== 'skip').length), 0);
  await page.click('.import-preview button:has-text("取消")');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a folder picked or dropped: its files read in path order, a later submission replaces the stored one', async () => {
  const root = path.join(suite.tmp, '各部门报送');
  const later = SEED.evaluations.slice(1, 2).map((e) => ({ ...e, updated_at: 1800000000000, note: '补报' }));
  fs.mkdirSync(path.join(root, '商务和粮食局', '补报'), { recursive: true });
  fs.writeFileSync(path.join(root, '商务和粮食局', '全部.json'), exportOf(SEED.evaluations.slice(0, 2), SEED.departments));
  fs.writeFileSync(path.join(root, '商务和粮食局', '补报', '招商引资.json'), exportOf(later));
  fs.writeFileSync(path.join(root, 'Thumbs.db'), Buffer.from([0, 1, 2]));
  fs.writeFileSync(path.join(root, '~$草稿.xlsx'), Buffer.from([0, 1, 2]));

  const { page, ctx, problems } = await openApp(suite.browser, suite.srv.url);
  // the folder picker (webkitdirectory): every file of the folder, lock files and thumbnails left out
  await page.setInputFiles('[data-testid="import-folder"]', root);
  await page.waitForSelector('[data-testid="import-preview"]');
  const got = await lines(page);
  assert.equal(got.length, 2, got.join('\n'));
  assert.match(got[0], /^各部门报送\/商务和粮食局\/全部\.json 3份表：新增 2，另有1份以本批中较新的为准$/);
  assert.match(got[1], /^各部门报送\/商务和粮食局\/补报\/招商引资\.json 1份表：新增 1$/);
  await page.click('[data-testid="confirm-import"]');
  await until(async () => (await storedEvaluations(page)).length === 2);

  // a drop of several files (a zip among them): the newer copy is proposed as a replacement
  const newest = exportOf(SEED.evaluations.slice(1, 2).map((e) => ({ ...e, updated_at: 1900000000000, note: '第三次' })));
  const zip = zipOf({ '社零/社零.json': exportOf(SEED.evaluations.slice(0, 1)) });
  await page.evaluate(
    ([a, b]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(a)], '招商引资第三次.json'));
      dt.items.add(new File([new Uint8Array(b)], '社零.zip'));
      const target = document.querySelector('.import');
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    [[...newest], [...zip]],
  );
  await page.waitForSelector('[data-testid="import-preview"]');
  const dropped = await lines(page);
  assert.deepEqual(dropped, ['招商引资第三次.json 1份表：较本机新 1', '社零.zip/社零/社零.json 1份表：与本机相同 1']);
  assert.equal(await page.locator('li[data-id="sample-zhaoshang"] select').inputValue(), 'replace');
  assert.equal(await page.locator('li[data-id="sample-sheling"] select').inputValue(), 'skip');
  await page.click('[data-testid="confirm-import"]');
  await until(async () => (await storedEvaluations(page)).some((e) => e.note === '第三次'));
  assert.equal((await storedEvaluations(page)).length, 2);
  assert.deepEqual(problems, []);
  await ctx.close();
});
