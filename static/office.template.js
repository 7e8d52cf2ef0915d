// ziping's office client (a classic ES2019 script; Chromium 86 runs it), loaded by the page's
// stub on first use. It starts the office worker — a second WebAssembly module with the
// .xlsx/.xls/.docx readers — so none of it is in the page's first download, and it reads HTML (a
// paste from Word, Excel or WPS, an .html file) with the browser's own parser into paragraphs and
// tables of spanning cells.
// scripts/trunk-post-build.js and scripts/single-file.js fill in where the worker comes from.
(function () {
  'use strict';
  var CONFIG = __ZIPING_OFFICE_CONFIG__;
  // a file that takes longer is abandoned (the worker is stopped; the page never waits on it)
  var TIMEOUT_MS = 90000;
  var worker = null;
  var ready = null;
  var seq = 0;
  var waiting = {};

  function stop(why) {
    var w = worker;
    worker = null;
    ready = null;
    if (w) {
      try {
        w.terminate();
      } catch (e) {
        // already gone
      }
    }
    Object.keys(waiting).forEach(function (id) {
      var job = waiting[id];
      delete waiting[id];
      clearTimeout(job.timer);
      job.reject(new Error(why));
    });
  }

  function send(op, args, transfer, onProgress) {
    return new Promise(function (resolve, reject) {
      seq += 1;
      var id = seq;
      var timer = setTimeout(function () {
        stop('timeout');
      }, TIMEOUT_MS);
      waiting[id] = { resolve: resolve, reject: reject, timer: timer, progress: onProgress };
      worker.postMessage({ id: id, op: op, args: args }, transfer || []);
    });
  }

  function start() {
    if (ready) return ready;
    try {
      if (CONFIG.workerSource) {
        // the single-file edition: the worker's script and module are in this page
        var url = URL.createObjectURL(new Blob([CONFIG.workerSource()], { type: 'text/javascript' }));
        worker = new Worker(url);
      } else {
        worker = new Worker(CONFIG.worker);
      }
    } catch (e) {
      worker = null;
      return Promise.reject(new Error('worker: ' + (e && e.message)));
    }
    worker.onmessage = function (ev) {
      var m = ev.data || {};
      var job = waiting[m.id];
      if (!job) return;
      if (m.progress) {
        // a long export is still going: its time limit starts again
        clearTimeout(job.timer);
        job.timer = setTimeout(function () {
          stop('timeout');
        }, TIMEOUT_MS);
        if (job.progress) job.progress(m.progress[0], m.progress[1]);
        return;
      }
      delete waiting[m.id];
      clearTimeout(job.timer);
      if (m.fatal) stop(m.error || 'failed');
      if (m.error) job.reject(new Error(m.error));
      else job.resolve(m.result);
    };
    worker.onerror = function (ev) {
      if (ev && ev.preventDefault) ev.preventDefault();
      stop(String((ev && ev.message) || 'worker error'));
    };
    var wasm = CONFIG.wasmBytes ? CONFIG.wasmBytes() : null;
    ready = send('init', { wasm: wasm }, wasm ? [wasm.buffer] : []);
    ready.catch(function () {
      ready = null;
    });
    return ready;
  }

  function call(op, args, transfer, onProgress) {
    return start().then(function () {
      return send(op, args, transfer, onProgress);
    });
  }

  // ---- HTML → paragraphs and tables ---------------------------------------------------------

  var BLOCK = /^(P|DIV|LI|H[1-6]|TR|TABLE|UL|OL|BLOCKQUOTE|PRE|SECTION|ARTICLE|DT|DD)$/;

  // Office HTML is full of <style> blocks and style attributes. Parsed as they are, the page's
  // Content-Security-Policy reports every one of them (a parsed document shares its policy), so
  // the blocks are dropped and the attributes renamed before parsing; they are read as data.
  function inert(html) {
    return html
      .replace(/<style[\s\S]*?<\/style\s*>/gi, '')
      .replace(/(<[a-zA-Z][^>]*?\s)style(\s*=)/g, '$1data-zs$2');
  }

  function styleOf(el) {
    return (el.getAttribute && el.getAttribute('data-zs')) || '';
  }

  function hidden(el) {
    return /display\s*:\s*none/i.test(styleOf(el));
  }

  // The text of a node as it reads: <br> and paragraph ends are line breaks, the line wrapping
  // of Office's HTML source is not, a nested table's rows are lines.
  function textOf(node, out) {
    var kids = node.childNodes;
    for (var i = 0; i < kids.length; i += 1) {
      var n = kids[i];
      if (n.nodeType === 3) {
        out.push(n.data.replace(/[\r\n\t ]+/g, ' '));
      } else if (n.nodeType === 1) {
        var tag = n.tagName.toUpperCase();
        if (tag === 'STYLE' || tag === 'SCRIPT' || tag === 'HEAD' || hidden(n)) continue;
        if (tag === 'BR') {
          out.push('\n');
        } else if (tag === 'TABLE') {
          out.push('\n');
          var rows = n.rows || [];
          for (var r = 0; r < rows.length; r += 1) {
            var parts = [];
            for (var c = 0; c < rows[r].cells.length; c += 1) parts.push(cellText(rows[r].cells[c]));
            out.push(parts.filter(Boolean).join(' '));
            out.push('\n');
          }
        } else if (BLOCK.test(tag)) {
          out.push('\n');
          textOf(n, out);
          out.push('\n');
        } else {
          textOf(n, out);
        }
      }
    }
    return out;
  }

  function clean(text) {
    var lines = text.split('\n').map(function (l) {
      return l.replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000]+$/g, '');
    });
    while (lines.length && !lines[0]) lines.shift();
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    var out = [];
    for (var i = 0; i < lines.length; i += 1) {
      // one empty paragraph between lines is kept, runs of them are one
      if (!lines[i] && !lines[i - 1]) continue;
      out.push(lines[i]);
    }
    return out.join('\n');
  }

  // A General number a narrow column drew as 4E+05 or ####: the value attribute Excel
  // (x:num), WPS (x:num) or LibreOffice (sdval) writes beside it.
  function drawn(t) {
    return /^#+$/.test(t) || /^-?\d+(\.\d+)?E[+-]\d+$/i.test(t);
  }

  function cellText(cell) {
    var t = clean(textOf(cell, []).join(''));
    if (drawn(t)) {
      var v = cell.getAttribute('x:num') || cell.getAttribute('sdval');
      if (v && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v)) {
        var n = Number(v);
        if (isFinite(n) && Math.abs(n) < 1e15) t = String(n);
      }
    }
    return t;
  }

  function span(el, name) {
    var n = parseInt(el.getAttribute(name) || '1', 10);
    return isFinite(n) && n > 0 ? Math.min(n, 1000) : 1;
  }

  function tableRows(table) {
    var rows = [];
    var trs = table.rows || [];
    for (var r = 0; r < trs.length; r += 1) {
      var tr = trs[r];
      var cells = [];
      var any = false;
      for (var c = 0; c < tr.cells.length; c += 1) {
        var cell = tr.cells[c];
        var style = styleOf(cell);
        var text = cellText(cell);
        if (text) any = true;
        // Excel writes text overflowing into empty neighbours as colspan with mso-ignore
        if (/mso-ignore\s*:\s*colspan/i.test(style)) {
          cells.push({ t: text, r: span(cell, 'rowspan'), c: 1 });
          for (var k = 1; k < span(cell, 'colspan'); k += 1) cells.push({ t: '', r: 1, c: 1 });
        } else {
          cells.push({ t: text, r: span(cell, 'rowspan'), c: span(cell, 'colspan') });
        }
      }
      // Word's row of zero height that only carries column widths
      if (!any && tr.getAttribute('height') === '0') continue;
      rows.push(cells);
    }
    return rows;
  }

  function walk(node, blocks) {
    var kids = node.childNodes;
    var para = [];
    function flush() {
      var t = clean(para.join(''));
      para = [];
      if (t) blocks.push({ p: t });
    }
    for (var i = 0; i < kids.length; i += 1) {
      var n = kids[i];
      if (n.nodeType === 1) {
        var tag = n.tagName.toUpperCase();
        if (tag === 'STYLE' || tag === 'SCRIPT' || tag === 'HEAD' || hidden(n)) continue;
        if (tag === 'TABLE') {
          flush();
          blocks.push({ rows: tableRows(n) });
          continue;
        }
        if (n.querySelector && n.querySelector('table')) {
          flush();
          walk(n, blocks);
          continue;
        }
        if (BLOCK.test(tag)) {
          flush();
          para = textOf(n, []);
          flush();
          continue;
        }
        textOf({ childNodes: [n] }, para);
      } else if (n.nodeType === 3) {
        para.push(n.data.replace(/[\r\n\t ]+/g, ' '));
      }
    }
    flush();
  }

  // SpreadsheetML 2003 (XML saved by Excel, and what many systems send as ".xls")
  function spreadsheetMl(xml) {
    var docs = [];
    var sheets = xml.getElementsByTagNameNS('*', 'Worksheet');
    for (var s = 0; s < sheets.length; s += 1) {
      var name = sheets[s].getAttribute('ss:Name') || sheets[s].getAttribute('Name') || '';
      var tables = sheets[s].getElementsByTagNameNS('*', 'Table');
      var blocks = [];
      for (var t = 0; t < tables.length; t += 1) {
        var rows = [];
        var xrows = tables[t].getElementsByTagNameNS('*', 'Row');
        for (var r = 0; r < xrows.length; r += 1) {
          var cells = [];
          var col = 0;
          var xcells = xrows[r].getElementsByTagNameNS('*', 'Cell');
          for (var c = 0; c < xcells.length; c += 1) {
            var x = xcells[c];
            var index = parseInt(x.getAttribute('ss:Index') || '0', 10);
            // a cell may name its column: the ones skipped are empty
            while (index > 0 && col < index - 1 && col < 1000) {
              cells.push({ t: '', r: 1, c: 1 });
              col += 1;
            }
            var across = parseInt(x.getAttribute('ss:MergeAcross') || '0', 10) || 0;
            var down = parseInt(x.getAttribute('ss:MergeDown') || '0', 10) || 0;
            var data = x.getElementsByTagNameNS('*', 'Data')[0];
            cells.push({ t: data ? clean(data.textContent || '') : '', r: down + 1, c: across + 1 });
            col += across + 1;
          }
          rows.push(cells);
        }
        blocks.push({ rows: rows });
      }
      docs.push({ name: name, blocks: blocks });
    }
    return docs;
  }

  function htmlDocuments(html) {
    var dom = new DOMParser().parseFromString(inert(html), 'text/html');
    var blocks = [];
    walk(dom.body || dom.documentElement, blocks);
    return [{ name: '', blocks: blocks }];
  }

  function decodeMarkup(bytes) {
    var head = '';
    for (var i = 0; i < Math.min(bytes.length, 2048); i += 1) head += String.fromCharCode(bytes[i]);
    var m = /charset\s*=\s*["']?([\w-]+)/i.exec(head) || /encoding\s*=\s*["']([\w-]+)/i.exec(head);
    var label = m ? m[1].toLowerCase() : 'utf-8';
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = 'utf-8';
    if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
    try {
      return new TextDecoder(label).decode(bytes);
    } catch (e) {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }

  function isMarkup(bytes) {
    for (var i = 0; i < Math.min(bytes.length, 512); i += 1) {
      var b = bytes[i];
      if (b === 0xef || b === 0xbb || b === 0xbf || b === 0xff || b === 0xfe || b === 0) continue;
      if (b === 32 || b === 9 || b === 10 || b === 13) continue;
      return b === 60; // '<'
    }
    return false;
  }

  function documentsOfMarkup(text) {
    if (/urn:schemas-microsoft-com:office:spreadsheet/.test(text.slice(0, 4096)) && /<Workbook/.test(text)) {
      var xml = new DOMParser().parseFromString(text, 'application/xml');
      if (!xml.getElementsByTagName('parsererror').length) return spreadsheetMl(xml);
    }
    return htmlDocuments(text);
  }

  var api = {
    // The forms in a picked or dropped file: JSON text, {"ok": outcome} or {"error": …}.
    readFile: function (name, bytes) {
      if (isMarkup(bytes)) {
        var docs = documentsOfMarkup(decodeMarkup(bytes));
        return call('spanned', { documents: JSON.stringify(docs), plain: '' });
      }
      var copy = bytes.slice();
      return call('file', { name: name, bytes: copy }, [copy.buffer]);
    },
    // The forms in a paste: the clipboard's HTML (with its plain text), or the text alone.
    readClipboard: function (html, plain) {
      var docs = html ? htmlDocuments(html) : [];
      return call('spanned', { documents: JSON.stringify(docs), plain: plain || '' });
    },
    // An export's bytes (a Uint8Array), or its error's JSON text ({"error": …}); onProgress is
    // told (done, total) after each form.
    exportFile: function (kind, bundleJson, onProgress) {
      return call('export', { kind: kind, bundle: bundleJson }, [], function (done, total) {
        if (onProgress) onProgress(done, total);
      });
    },
    // whether the module has been started (for tests and the benchmark)
    started: function () {
      return !!worker;
    }
  };
  // the page's stub (static/office-stub.template.js) loaded this script and calls it; in the
  // single-file edition there is no stub and this is the office interface itself
  window.zipingOfficeClient = api;
  if (!window.zipingOffice) window.zipingOffice = api;
}());
