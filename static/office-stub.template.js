// The page's part of the office interface: a few lines that load the office client
// (static/office.template.js) the first time a file is opened, a table pasted or an Excel or
// Word file exported, so the first visit carries none of it. scripts/trunk-post-build.js fills in
// the client's file name. Also the walk of a dropped folder (the browser's entries API has only
// callbacks; the page reads the files it finds).
(function () {
  'use strict';
  var CLIENT = __ZIPING_OFFICE_CLIENT__;
  var loading = null;

  function load() {
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = CLIENT;
        s.onload = function () {
          if (window.zipingOfficeClient) resolve(window.zipingOfficeClient);
          else reject(new Error('office client'));
        };
        s.onerror = function () {
          loading = null;
          reject(new Error('office client'));
        };
        document.head.appendChild(s);
      });
    }
    return loading;
  }

  window.zipingOffice = {
    readFile: function (name, bytes) {
      // the bytes are a view of the page's module memory: copied before anything else runs
      var copy = bytes.slice();
      return load().then(function (c) {
        return c.readFile(name, copy);
      });
    },
    readClipboard: function (html, plain) {
      return load().then(function (c) {
        return c.readClipboard(html, plain);
      });
    },
    exportFile: function (kind, bundleJson, onProgress) {
      return load().then(function (c) {
        return c.exportFile(kind, bundleJson, onProgress);
      });
    },
    started: function () {
      return !!(window.zipingOfficeClient && window.zipingOfficeClient.started());
    }
  };

  // The files of a drop as [{path, file}], folders walked, sorted by path; a file the browser
  // will not give has file null. The dropped items are only readable during the drop event, so
  // their entries are taken before anything waits.
  function walk(entry, out) {
    if (entry.isFile) {
      return new Promise(function (resolve) {
        var path = String(entry.fullPath || entry.name).replace(/^\//, '');
        entry.file(
          function (f) {
            out.push({ path: path, file: f });
            resolve();
          },
          function () {
            out.push({ path: path, file: null });
            resolve();
          }
        );
      });
    }
    if (!entry.isDirectory) return Promise.resolve();
    var reader = entry.createReader();
    var found = [];
    return new Promise(function (resolve) {
      // a directory reader gives its entries a batch at a time, until an empty batch
      function more() {
        reader.readEntries(
          function (batch) {
            if (!batch.length) {
              resolve(Promise.all(found.map(function (e) { return walk(e, out); })));
              return;
            }
            found = found.concat(Array.prototype.slice.call(batch));
            more();
          },
          function () {
            resolve(Promise.all(found.map(function (e) { return walk(e, out); })));
          }
        );
      }
      more();
    });
  }

  window.zipingFiles = {
    dropped: function (dataTransfer) {
      var entries = [];
      var out = [];
      var items = dataTransfer.items || [];
      for (var i = 0; i < items.length; i++) {
        if (items[i].kind !== 'file') continue;
        var entry = items[i].webkitGetAsEntry ? items[i].webkitGetAsEntry() : null;
        if (entry) {
          entries.push(entry);
        } else {
          var f = items[i].getAsFile();
          if (f) out.push({ path: f.name, file: f });
        }
      }
      if (!entries.length && !out.length && dataTransfer.files) {
        for (var j = 0; j < dataTransfer.files.length; j++) {
          out.push({ path: dataTransfer.files[j].name, file: dataTransfer.files[j] });
        }
      }
      return Promise.all(entries.map(function (e) { return walk(e, out); })).then(function () {
        return out.sort(function (a, b) { return a.path < b.path ? -1 : a.path > b.path ? 1 : 0; });
      });
    }
  };
}());
