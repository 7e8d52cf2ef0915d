// Forms from Word, Excel, WPS and text in a real browser: paste events carrying the HTML that
// Excel and Word put on the clipboard, files made by LibreOffice picked in the import, the seed
// report's text, and bad input. The office module must not load until it is first needed.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { openApp, useApp } = require('./harness');
const { storedEvaluations } = require('./stored');
const { zipOf } = require('./zip');

const suite = useApp({ tmp: true });
const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = process.env.ZIPING_OFFICE_FIXTURES || path.join(ROOT, 'office', 'tests', 'fixtures');

// ---- clipboard HTML as Excel and Word write it ---------------------------------------------

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A form as rows of cells: a string, or {t, r, c, num, fmt} (rowspan, colspan, the value behind
 * what is shown, its number format class).
 */
const ZHAOSHANG = [
  [{ t: '2022年度预算支出绩效自评表', c: 9 }],
  ['项目名称', { t: '招商引资', c: 8 }],
  ['主管部门', { t: '衡山县商务和粮食局', c: 3 }, '实施单位', { t: '衡山县投资促进事务中心', c: 4 }],
  [{ t: '项目资金\n(万元)', r: 5 }, { t: '', c: 2 }, '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
  [{ t: '年度资金总额', c: 2 }, { t: '400', num: 400 }, { t: '119.34', num: 119.34 }, { t: '119.34', num: 119.34 }, { t: '10', num: 10 }, { t: '100%', num: 1, fmt: 'pct' }, { t: '7', num: 7 }],
  [{ t: '其中：当年财政拨款', c: 2 }, '400', '119.34', '119.34', '', '', ''],
  [{ t: '上年结转资金', c: 2 }, '', '', '', '', '', ''],
  [{ t: '其他资金', c: 2 }, '', '', '', '', '', ''],
  [{ t: '年度总体目标', r: 2 }, { t: '预期目标', c: 4 }, { t: '实际完成情况', c: 4 }],
  [{ t: '引进总投资过千万项目20个，其中总投资过亿项目5个', c: 4 }, { t: '引进总投资过千万项目21个，其中总投资过亿项目4个', c: 4 }],
  [{ t: '绩效指标', r: 7 }, '一级指标', '二级指标', '三级指标', '年度\n指标值', '实际\n完成值', '分值', '得分', '偏差原因\n分析及\n改进措施'],
  [{ t: '产出\n指标\n(50分)', r: 4 }, { t: '数量指标', r: 2 }, '引进总投资过千万项目', '20个', '21个', { t: '20', num: 20 }, { t: '20', num: 20 }, ''],
  ['其中总投资过亿项目', '5个', '4个', { t: '10', num: 10 }, { t: '5', num: 5 }, ''],
  [{ t: '成本指标', r: 2 }, '引进总投资过千万项目投资总额', '100000万元', { t: '2E+05', num: 154500 }, { t: '10', num: 10 }, { t: '10', num: 10 }, ''],
  ['其中总投资过亿项目投资总额', '50000万元', '121000万元', { t: '10', num: 10 }, { t: '10', num: 10 }, ''],
  ['效益\n指标\n(30分)', '生态效益指标', '环保评审合格', '100%', '100%', { t: '30', num: 30 }, { t: '25', num: 25 }, ''],
  ['满意度指标(10分)', '服务对象\n满意度指\n标', '客商及企业满意度', '100%', '100%', { t: '10', num: 10 }, { t: '10', num: 10 }, ''],
  [{ t: '总分', c: 6 }, { t: '100', num: 100 }, { t: '87', num: 87 }, ''],
];

const cellOf = (c) => (typeof c === 'string' ? { t: c } : c);

function excelHtml(rows) {
  const body = rows
    .map((row) => {
      const tds = row
        .map((raw) => {
          const c = cellOf(raw);
          const attrs = [];
          if (c.c > 1) attrs.push(`colspan=${c.c}`);
          if (c.r > 1) attrs.push(`rowspan=${c.r}`);
          attrs.push(`class=${c.fmt === 'pct' ? 'xl66' : c.t.includes('\n') ? 'xl67' : 'xl65'}`);
          if (typeof c.num === 'number') attrs.push(`x:num="${c.num}"`);
          // a line break in a cell is a <br> its style keeps in the same cell; Excel also wraps
          // its source lines with CRLF and indentation
          const text = c.t
            .split('\n')
            .map(esc)
            .join("<br style='mso-data-placement:same-cell' />\r\n  ");
          return `  <td ${attrs.join(' ')}>${text}</td>`;
        })
        .join('\r\n');
      return ` <tr height=20 style='height:15.0pt'>\r\n${tds}\r\n </tr>`;
    })
    .join('\r\n');
  return (
    '<html xmlns:v="urn:schemas-microsoft-com:vml"\r\nxmlns:o="urn:schemas-microsoft-com:office:office"\r\n' +
    'xmlns:x="urn:schemas-microsoft-com:office:excel"\r\nxmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n' +
    '<meta http-equiv=Content-Type content="text/html; charset=utf-8">\r\n<meta name=ProgId content=Excel.Sheet>\r\n' +
    '<meta name=Generator content="Microsoft Excel 15">\r\n<style>\r\n<!--table\r\n\t{mso-displayed-decimal-separator:"\\.";}\r\n' +
    'br\r\n\t{mso-data-placement:same-cell;}\r\n.xl65\r\n\t{mso-number-format:General;}\r\n.xl66\r\n\t{mso-number-format:0%;}\r\n' +
    '.xl67\r\n\t{white-space:normal;}\r\n-->\r\n</style>\r\n</head>\r\n<body link="#467886" vlink="#96607D">\r\n' +
    "<table border=0 cellpadding=0 cellspacing=0 width=900 style='border-collapse:\r\n collapse;width:675pt'>\r\n" +
    "<!--StartFragment-->\r\n <col width=64 span=9 style='width:48pt'>\r\n" +
    body +
    '\r\n<!--EndFragment-->\r\n</table>\r\n</body>\r\n</html>'
  );
}

/** What Excel puts beside it as text: tabs, CRLF, cells with line breaks in quotes. */
function excelText(rows) {
  // a grid with merged positions empty, as Excel writes them
  const grid = [];
  rows.forEach((row, r) => {
    grid[r] = grid[r] || [];
    let c = 0;
    for (const raw of row) {
      const cell = cellOf(raw);
      while (grid[r][c] !== undefined) c += 1;
      for (let dr = 0; dr < (cell.r || 1); dr += 1) {
        grid[r + dr] = grid[r + dr] || [];
        for (let dc = 0; dc < (cell.c || 1); dc += 1) grid[r + dr][c + dc] = dr === 0 && dc === 0 ? cell : { t: '' };
      }
      c += cell.c || 1;
    }
  });
  return (
    grid
      .map((row) =>
        Array.from(row, (cell) => {
          const t = cell ? (typeof cell.num === 'number' && /E\+/.test(cell.t) ? String(cell.num) : cell.t) : '';
          return /[\n\t"]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
        }).join('\t'),
      )
      .join('\r\n') + '\r\n'
  );
}

/** Word's table: MsoTableGrid, every cell a paragraph with <o:p>, empty cells &nbsp;. */
function wordHtml(rows, before = '') {
  const body = rows
    .map((row, i) => {
      const tds = row
        .map((raw) => {
          const c = cellOf(raw);
          const attrs = ['width=80'];
          if (c.c > 1) attrs.push(`colspan=${c.c}`);
          if (c.r > 1) attrs.push(`rowspan=${c.r}`);
          const paras = c.t
            ? c.t
                .split('\n')
                .map((p) => `<p class=MsoNormal><span lang=ZH-CN>${esc(p)}<o:p></o:p></span></p>`)
                .join('\r\n  ')
            : '<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>';
          return `  <td ${attrs.join(' ')} valign=top style='width:60pt;border:solid windowtext 1.0pt;\r\n  padding:0cm 5.4pt 0cm 5.4pt'>\r\n  ${paras}\r\n  </td>`;
        })
        .join('\r\n');
      return ` <tr style='mso-yfti-irow:${i}'>\r\n${tds}\r\n </tr>`;
    })
    .join('\r\n');
  return (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"\r\nxmlns:w="urn:schemas-microsoft-com:office:word"\r\n' +
    'xmlns="http://www.w3.org/TR/REC-html40">\r\n<head>\r\n<meta name=ProgId content=Word.Document>\r\n' +
    '<meta name=Generator content="Microsoft Word 15">\r\n<!--[if gte mso 9]><xml>\r\n <w:WordDocument></w:WordDocument>\r\n</xml><![endif]-->\r\n' +
    "</head>\r\n<body lang=ZH-CN style='tab-interval:21.0pt'>\r\n<!--StartFragment-->\r\n" +
    before +
    "<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0\r\n style='border-collapse:collapse;border:none'>\r\n" +
    body +
    "\r\n <![if !supportMisalignedColumns]>\r\n <tr height=0>\r\n  <td width=80 style='border:none'></td>\r\n </tr>\r\n <![endif]>\r\n" +
    '</table>\r\n<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n<!--EndFragment-->\r\n</body>\r\n</html>'
  );
}

/** A real paste event on the page, carrying `html` and `text` like Ctrl+V does. */
async function paste(page, html, text, selector) {
  await page.evaluate(
    ({ html, text, selector }) => {
      const dt = new DataTransfer();
      if (html) dt.setData('text/html', html);
      if (text) dt.setData('text/plain', text);
      const target = selector ? document.querySelector(selector) : document.body;
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    },
    { html, text, selector },
  );
}

const officeRequests = (page) => {
  const seen = [];
  page.on('request', (r) => {
    if (/(ziping_office|office-worker|office-client)-[0-9a-f]+\.(wasm|js)/.test(r.url())) seen.push(r.url());
  });
  return seen;
};

const stored = storedEvaluations;

async function confirmImport(page, count) {
  await page.click('[data-testid="confirm-import"]');
  await page.waitForSelector('[data-testid="import-done"]');
  await page.waitForFunction(
    (n) => Object.keys(localStorage).filter((k) => k.startsWith('ziping:eval:')).length === n,
    count,
  );
}

// ---- tests -----------------------------------------------------------------------------

test('the office module is not loaded until a paste needs it', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  const office = officeRequests(page);
  await page.reload();
  await page.waitForSelector('.app-header');
  await page.waitForTimeout(500);
  assert.deepEqual(office, [], 'nothing of the office module on the first visit');
  assert.equal(await page.evaluate(() => window.zipingOffice.started()), false);
  await paste(page, excelHtml(ZHAOSHANG), excelText(ZHAOSHANG));
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.equal(office.length, 3, `client, worker script and module: ${office}`);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a form pasted from Excel (mso classes, x:num, same-cell breaks) is previewed, then imported', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await paste(page, excelHtml(ZHAOSHANG), excelText(ZHAOSHANG));
  await page.waitForSelector('[data-testid="import-preview"]');
  const preview = await page.textContent('[data-testid="import-preview"]');
  assert.match(preview, /招商引资 · 2022 · 衡山县商务和粮食局/);
  assert.match(await page.textContent('[data-testid="recognised-totals"]'), /表上总分 87 · 计算总分 87\.00/);
  // nothing stored before the user confirms
  assert.equal((await stored(page)).length, 0);
  await confirmImport(page, 1);
  const [e] = await stored(page);
  assert.equal(e.project_name, '招商引资');
  assert.equal(e.funds.total.annual_budget, '119.34');
  assert.equal(e.funds.claimed_rate, '100%');
  // "2E+05" drawn by a narrow column: x:num has the value
  assert.equal(e.indicators[2].actual, '154500');
  assert.equal(e.indicators.length, 6);
  assert.equal(await page.textContent('[data-testid="list-total"]'), '87.00');
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a form pasted from Word (MsoTableGrid, <o:p>, ghost row) and as plain text', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  const title = '<p class=MsoNormal align=center><b><span>2022年度预算支出绩效自评表<o:p></o:p></span></b></p>\r\n';
  await paste(page, wordHtml(ZHAOSHANG.slice(1), title), '');
  await page.waitForSelector('[data-testid="import-preview"]');
  assert.match(await page.textContent('[data-testid="recognised-totals"]'), /计算总分 87\.00/);
  await confirmImport(page, 1);
  const [e] = await stored(page);
  assert.equal(e.year, '2022');
  assert.equal(e.indicators[0].name, '引进总投资过千万项目');
  assert.equal(e.goal.expected, '引进总投资过千万项目20个，其中总投资过亿项目5个');
  // the same form as text/plain only (tab-separated, as a plain editor gives it)
  await paste(page, '', excelText(ZHAOSHANG));
  await page.waitForSelector('[data-testid="import-preview"]');
  // the same project, year and department: offered as a replacement, not a silent duplicate
  assert.equal(await page.locator('.import-preview .conflict').count(), 1);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('indicator rows pasted inside an open form go into its groups, and undo takes them out', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-guanbi"]');
  await page.waitForSelector('[data-testid="total"]');
  const before = await page.locator('tr.indicator-row').count();
  const rows = [
    ['二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['时效指标', '补助发放及时率', '≥95%', '98%', '0', '0'],
    ['成本指标', '人均补助标准', '≤8000元', '7800元', '0', '0'],
  ];
  await paste(page, excelHtml(rows), excelText(rows));
  await page.waitForSelector('[data-testid="paste-preview"]');
  assert.match(await page.textContent('[data-testid="paste-preview"]'), /2行三级指标/);
  await page.click('[data-testid="confirm-paste"]');
  await page.waitForFunction((n) => document.querySelectorAll('tr.indicator-row').length === n, before + 2);
  const text = await page.evaluate(() =>
    [...document.querySelectorAll('tr.indicator-row input, tr.indicator-row textarea')].map((e) => e.value).join('|'),
  );
  assert.ok(text.includes('补助发放及时率') && text.includes('人均补助标准'), text);
  await page.click('[data-testid="undo"]');
  await page.waitForFunction((n) => document.querySelectorAll('tr.indicator-row').length === n, before);
  // a single value pasted into a field stays the field's own paste
  await page.focus('#f-h-ProjectName');
  await paste(page, '<table><tr><td>新名称</td></tr></table>', '新名称\r\n', '#f-h-ProjectName');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('[data-testid="paste-preview"]').count(), 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});

for (const [file, expected] of [
  ['mof-standard.xlsx', [['基层农技推广体系改革与建设补助项目', '89.41']]],
  ['mof-zhongjiang.docx', [['高标准农田灌溉渠系配套工程', '99.07']]],
  ['yunnan-split.xls', [['卫片执法专项工作经费', '93.50']]],
  ['formats.xlsx', [['社区居家养老服务补助', '96.50'], ['残疾人两项补贴', '100.00']]],
]) {
  test(`a file made by LibreOffice (${file}) imports through the picker`, async () => {
    const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
    await page.setInputFiles('[data-testid="import-file"]', path.join(FIXTURES, file));
    await page.waitForSelector('[data-testid="import-preview"]');
    assert.equal(await page.locator('[data-testid="recognised-form"]').count(), expected.length);
    await confirmImport(page, expected.length);
    const rows = await page.$$eval('table.eval-list tbody tr', (trs) =>
      trs.map((tr) => [tr.querySelector('a.open').textContent, tr.querySelector('[data-testid="list-total"]').textContent]),
    );
    assert.deepEqual(rows.sort(), expected.slice().sort());
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test('the seed report as text gives its four forms: 88, 87, 80, 89', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.setInputFiles('[data-testid="import-file"]', path.join(ROOT, 'tests', 'fixtures', 'seed', 'hengshan-2022-report.txt'));
  await page.waitForSelector('[data-testid="import-preview"]');
  const totals = await page.$$eval('[data-testid="recognised-totals"]', (els) => els.map((e) => e.textContent));
  assert.deepEqual(totals, [
    '表上总分 88 · 计算总分 88.00',
    '表上总分 87 · 计算总分 87.00',
    '表上总分 80 · 计算总分 80.00',
    '表上总分 89 · 计算总分 89.00',
  ]);
  await confirmImport(page, 4);
  // 招商引资's departures, as issue 2 lists them
  await page.click('table.eval-list a.open:has-text("招商引资")');
  await page.waitForSelector('[data-testid="total"]');
  const panel = await page.textContent('aside.diagnostics');
  assert.match(panel, /预算执行率：自评得分7\.00与规则得分10\.00不一致/);
  assert.match(panel, /其中总投资过亿项目：自评得分5\.00与规则得分8\.00不一致/);
  assert.deepEqual(problems, []);
  await ctx.close();
});

/** A zip holding one deflated entry of `data` (its CRC left 0: the reader stops before it). */
/** An OLE (compound) file whose directory names the given stream. */
function oleNaming(stream) {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return Buffer.concat([head, Buffer.alloc(1016), Buffer.from(stream, 'utf16le'), Buffer.alloc(512)]);
}

test('bad files are refused with what to do, and nothing changes', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.click('button[data-sample="sample-zhaoshang"]');
  await page.waitForSelector('[data-testid="total"]');
  await page.goto(suite.srv.url + '#/');
  await page.waitForTimeout(600);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const xlsx = fs.readFileSync(path.join(FIXTURES, 'mof-standard.xlsx'));
  const cases = [
    ['联系人.txt', Buffer.from('姓名\t电话\n张三\t123\n'), /未找到自评表.*姓名/],
    ['损坏.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2)), /损坏|格式与扩展名不符/],
    ['加密.xlsx', oleNaming('EncryptedPackage'), /密码/],
    ['旧版.doc', oleNaming('WordDocument'), /另存为.*\.docx/],
    ['表格.et', oleNaming('Something'), /WPS.*另存为.*\.xlsx/],
    ['扫描件.pdf', Buffer.from('%PDF-1.4\n'), /PDF/],
    ['炸弹.xlsx', zipOf({ 'xl/workbook.xml': Buffer.alloc(300 * 1024 * 1024) }, { crc: false }), /解压后过大/],
  ];
  for (const [name, bytes, re] of cases) {
    const f = path.join(suite.tmp, name);
    fs.writeFileSync(f, bytes);
    await page.setInputFiles('[data-testid="import-file"]', f);
    await page.waitForSelector('[data-testid="import-error"]', { timeout: 60000 });
    assert.match(await page.textContent('[data-testid="import-error"]'), re, name);
    assert.equal(await page.locator('[data-testid="import-preview"]').count(), 0, name);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test('a sheet of 100,000 rows or 1,000 columns: bounded, the page stays responsive, nothing changes', async () => {
  const { ctx, page, problems } = await openApp(suite.browser, suite.srv.url);
  await page.waitForTimeout(300);
  const before = await page.evaluate(() => JSON.stringify(localStorage));
  const tall = path.join(suite.tmp, 'tall.csv');
  fs.writeFileSync(tall, Array.from({ length: 100000 }, (_, i) => `${i},数据${i},${i * 2}`).join('\n'));
  const wide = path.join(suite.tmp, 'wide.csv');
  fs.writeFileSync(wide, Array.from({ length: 20 }, (_, r) => Array.from({ length: 1000 }, (_, c) => r * c).join(',')).join('\n'));
  const profile = fs.mkdtempSync(path.join(suite.tmp, 'lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx', '--outdir', suite.tmp, tall, wide], { stdio: 'ignore' });
  for (const name of ['tall.xlsx', 'wide.xlsx']) {
    await page.setInputFiles('[data-testid="import-file"]', path.join(suite.tmp, name));
    // the page answers while the worker reads
    const t0 = Date.now();
    assert.equal(await page.evaluate(() => 1 + 1), 2);
    assert.ok(Date.now() - t0 < 1000, 'the page answered within a second');
    await page.waitForSelector('[data-testid="import-error"]', { timeout: 60000 });
    assert.match(await page.textContent('[data-testid="import-error"]'), /未找到自评表/, name);
  }
  assert.equal(await page.evaluate(() => JSON.stringify(localStorage)), before);
  assert.deepEqual(problems, []);
  await ctx.close();
});
