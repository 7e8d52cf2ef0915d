// The page's part of the office interface: a few lines that load the office client
// (static/office.template.js) the first time a file is opened, a table pasted or an Excel or
// Word file exported, so the first visit carries none of it. scripts/trunk-post-build.js fills in
// the client's file name.
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
}());
