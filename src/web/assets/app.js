/*
 * Warkop Indah dashboard: the only script (the Content-Security-Policy allows no inline code).
 * - Sign-in page: submits the one-time link's form (link previews do not run scripts, so they cannot spend it).
 * - Inside Telegram (Mini App): reads initData from the URL fragment (#tgWebAppData=…, as Telegram
 *   documents), keeps it for this tab only, sends it in a header on every request (the server checks
 *   its signature each time), and applies Telegram's theme colours.
 */
(function () {
  'use strict';
  var KEY = 'warkop-init-data';
  var THEME = 'warkop-theme';
  var initData = null;

  function store(key, value) {
    try { sessionStorage.setItem(key, value); } catch (e) { /* private mode */ }
  }
  function read(key) {
    try { return sessionStorage.getItem(key); } catch (e) { return null; }
  }
  function applyTheme(json) {
    if (!json) return;
    try {
      var theme = JSON.parse(json);
      var root = document.documentElement;
      Object.keys(theme).forEach(function (k) {
        if (/^[a-z_]+$/.test(k) && /^#[0-9a-fA-F]{3,8}$/.test(String(theme[k]))) root.style.setProperty('--tg-theme-' + k.replace(/_/g, '-'), theme[k]);
      });
      root.classList.add('in-telegram');
    } catch (e) { /* not JSON: keep the defaults */ }
  }

  var hash = location.hash.slice(1);
  if (hash.indexOf('tgWebAppData=') !== -1) {
    var params = new URLSearchParams(hash);
    initData = params.get('tgWebAppData');
    if (initData) store(KEY, initData);
    var theme = params.get('tgWebAppThemeParams');
    if (theme) store(THEME, theme);
    // The signed data stays out of the address bar (and out of any link copied from it).
    history.replaceState(null, '', location.pathname + location.search);
  } else {
    initData = read(KEY);
  }
  applyTheme(read(THEME));

  function show(url, push) {
    fetch(url, { headers: { 'X-Telegram-Init-Data': initData }, credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (text) {
        var doc = new DOMParser().parseFromString(text, 'text/html');
        document.title = doc.title;
        document.body.replaceWith(document.adoptNode(doc.body));
        if (push) history.pushState(null, '', url);
        window.scrollTo(0, 0);
      });
  }
  function download(url) {
    fetch(url, { headers: { 'X-Telegram-Init-Data': initData }, credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) return show(url, false);
      var name = (/filename="([^"]+)"/.exec(r.headers.get('content-disposition') || '') || [])[1] || 'draf.docx';
      return r.blob().then(function (blob) {
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = name;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
      });
    });
  }
  function inDashboard(url) {
    return url.origin === location.origin && url.pathname.indexOf('/dasbor') === 0;
  }

  document.addEventListener('DOMContentLoaded', function () {
    var auto = document.querySelector('form[data-autosubmit]');
    if (auto) { auto.submit(); return; }
    if (initData && document.body.getAttribute('data-auth') === 'none') show(location.pathname + location.search, false);
  });

  if (!initData) return;
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href]');
    if (!a) return;
    var url = new URL(a.href, location.href);
    if (!inDashboard(url)) return;
    e.preventDefault();
    if (a.hasAttribute('download')) download(url.pathname + url.search);
    else show(url.pathname + url.search, true);
  });
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if ((form.getAttribute('method') || 'get').toLowerCase() !== 'get') return;
    e.preventDefault();
    var url = new URL(form.getAttribute('action') || location.pathname, location.href);
    url.search = new URLSearchParams(new FormData(form)).toString();
    show(url.pathname + url.search, true);
  });
  window.addEventListener('popstate', function () { show(location.pathname + location.search, false); });
})();
