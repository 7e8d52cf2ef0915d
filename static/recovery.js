// ziping recovery: plain JavaScript (ES2019, no modules, no wasm) so it still works when the
// WebAssembly part has crashed or cannot start. It shows what happened and offers the user's data
// as a file — read straight from localStorage, which a crash does not touch.
(function () {
  'use strict';

  // Stored entries are packed (src/store/packed.rs): the mark 'Z', two characters holding the
  // byte length, then zlib bytes, 15 bits per character from U+0800. Entries of the first layout
  // are plain JSON and are read as they are.
  function unpackBytes(stored) {
    var v = [];
    for (var i = 1; i < stored.length; i++) {
      var c = stored.charCodeAt(i) - 0x800;
      if (c < 0 || c > 0x7fff) throw new Error('damaged entry');
      v.push(c);
    }
    if (v.length < 2) throw new Error('damaged entry');
    var len = v[0] * 32768 + v[1];
    var bytes = new Uint8Array(len);
    var acc = 0;
    var bits = 0;
    var n = 0;
    for (var j = 2; j < v.length && n < len; j++) {
      acc = acc * 32768 + v[j];
      bits += 15;
      while (bits >= 8 && n < len) {
        bits -= 8;
        bytes[n++] = Math.floor(acc / Math.pow(2, bits)) & 255;
      }
      acc = acc % Math.pow(2, bits);
    }
    if (n !== len) throw new Error('damaged entry');
    return bytes;
  }

  // The text of a stored value, as a promise (inflating is asynchronous in the browser).
  function textOf(stored) {
    if (stored.charAt(0) !== 'Z') return Promise.resolve(stored);
    try {
      var bytes = unpackBytes(stored);
      // DecompressionStream: Chromium 80 and later
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate'));
      return new Response(stream).text();
    } catch (e) {
      return Promise.reject(e);
    }
  }

  function readStore() {
    var evaluations = [];
    var departments = [];
    var raw = {};
    var reads = [];
    for (var i = 0; i < localStorage.length; i++) {
      var key = localStorage.key(i);
      if (!key || key.indexOf('ziping:') !== 0) continue;
      reads.push(read(key, localStorage.getItem(key)));
    }
    function read(key, stored) {
      return textOf(stored).then(
        function (text) {
          // the raw dump holds the text, unpacked where it could be
          raw[key] = text;
          var doc = JSON.parse(text);
          if (key.indexOf('ziping:eval:') === 0 && doc && doc.evaluation) evaluations.push(doc.evaluation);
          if (key.indexOf('ziping:trash:') === 0 && doc && doc.trashed) evaluations.push(doc.trashed.evaluation);
          if (key.indexOf('ziping:dept:') === 0 && doc && doc.department) departments.push(doc.department);
        },
        function () {
          // unreadable entries stay in the raw dump as they are stored
          raw[key] = stored;
        }
      ).catch(function () {});
    }
    return Promise.all(reads).then(function () {
      return { evaluations: evaluations, departments: departments, raw: raw };
    });
  }

  function download(name, text) {
    var blob = new Blob([text], { type: 'application/json' });
    var url = URL.createObjectURL(blob);
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 5000);
  }

  function stamp() {
    var d = new Date();
    function two(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + two(d.getMonth() + 1) + two(d.getDate()) + '_' + two(d.getHours()) + two(d.getMinutes());
  }

  function exportAll() {
    readStore().then(function (s) {
      var envelope = {
        type: 'ziping-export',
        format_version: 1,
        app_version: 'recovery',
        exported_at: Date.now(),
        evaluations: s.evaluations,
        departments: s.departments
      };
      download('绩效自评_全部数据_' + stamp() + '.json', JSON.stringify(envelope, null, 2));
    });
  }

  function exportRaw() {
    readStore().then(function (s) {
      download('绩效自评_原始存储_' + stamp() + '.json', JSON.stringify(s.raw, null, 2));
    });
  }

  function button(label, id, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('data-testid', id);
    b.addEventListener('click', onClick);
    return b;
  }

  function showOverlay(title, detail) {
    if (document.getElementById('ziping-recovery')) return;
    var box = document.createElement('div');
    box.id = 'ziping-recovery';
    box.setAttribute('role', 'alertdialog');
    var h = document.createElement('h2');
    h.textContent = title;
    var p = document.createElement('p');
    p.textContent = '已保存在本浏览器中的数据没有受到影响。请先导出数据，再重新加载页面；如问题反复出现，请把下面的错误信息发给维护人员。';
    var actions = document.createElement('div');
    actions.className = 'recovery-actions';
    actions.appendChild(button('导出我的数据（可重新导入）', 'recovery-export', exportAll));
    actions.appendChild(button('导出原始存储内容', 'recovery-raw', exportRaw));
    actions.appendChild(button('重新加载页面', 'recovery-reload', function () { location.reload(); }));
    var pre = document.createElement('pre');
    pre.setAttribute('data-testid', 'recovery-detail');
    pre.textContent = detail || '';
    box.appendChild(h);
    box.appendChild(p);
    box.appendChild(actions);
    box.appendChild(pre);
    document.body.appendChild(box);
  }

  window.addEventListener('ziping-panic', function (ev) {
    showOverlay('程序出错，已停止运行', ev && ev.detail ? String(ev.detail) : '');
  });

  window.addEventListener('error', function (ev) {
    // a crashed WebAssembly module reports "unreachable"; anything after it is moot
    var msg = ev && ev.message ? String(ev.message) : '';
    if (/unreachable|RuntimeError/.test(msg)) showOverlay('程序出错，已停止运行', msg);
  });

  // offline after the first load (dist/sw.js); not on file:// where workers are unavailable.
  // Registered once the page's module has started (the boot script says so): its caching then
  // does not compete with the module's download.
  if ('serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
    window.addEventListener('ziping-started', function () {
      navigator.serviceWorker.register('./sw.js').catch(function () {
        // no offline copy (private mode, policy); the app itself still works
      });
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    if (typeof WebAssembly !== 'object' || typeof WebAssembly.instantiate !== 'function') {
      showOverlay('此浏览器不支持 WebAssembly，无法运行本工具',
        '请使用新版 360安全浏览器/360极速浏览器（极速模式）、Chrome、Edge 或 Firefox 打开本页。');
    }
  });
}());
