// Registers sw.js (scripts/sw.mjs), which keeps the app's files for use without a network,
// and tells the page when a newer version has been fetched and waits (src/ui/offline.rs
// shows the notice). An external file, not inline: the CSP allows scripts from 'self'.
// Only over http(s): the single file (file://) has everything inside and does not load this.
(function () {
  'use strict';
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  var sw = navigator.serviceWorker;
  // If another version takes over while the page is open (「今すぐ更新」 here or in another
  // tab), reload, so that this page never gets files of two versions; autosave writes
  // pending edits on pagehide. The first visit's worker taking control changes no version.
  var controller = sw.controller;
  sw.addEventListener('controllerchange', function () {
    if (controller) location.reload();
    controller = sw.controller;
  });

  function updateReady() {
    // An attribute for the app if it mounts later, an event if it is already there.
    document.documentElement.setAttribute('data-update-ready', '');
    window.dispatchEvent(new CustomEvent('soudan-update-ready'));
  }

  // 「今すぐ更新」 (src/ui/offline.rs): let the waiting version take over now.
  window.addEventListener('soudan-update-now', function () {
    sw.getRegistration().then(function (reg) {
      if (reg && reg.waiting) reg.waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  });

  // After load: the first visit's caching does not compete with starting the app.
  window.addEventListener('load', function () {
    sw.register('./sw.js').then(
      function (reg) {
        // No registration (service workers blocked by policy or by a test harness).
        if (!reg) return;
        // A new worker only counts as an update when a version runs this page.
        var watch = function (w) {
          if (!w) return;
          w.addEventListener('statechange', function () {
            if (w.state === 'installed' && sw.controller) updateReady();
          });
        };
        if (reg.waiting && sw.controller) updateReady();
        // The navigation's own update check may have begun before this script ran.
        watch(reg.installing);
        reg.addEventListener('updatefound', function () {
          watch(reg.installing);
        });
      },
      function () {
        // No offline copy this time (e.g. offline before the first visit): the app works as before.
      },
    );
  });
})();
