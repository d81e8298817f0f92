/*! Aftercare widget loader. One tag on a vendor's page draws a "Help"
 * button; nothing else (no frame, no wasm) loads until it is opened. See
 * docs/embedding.md. Messages follow contract 5: {aftercare: 1, type, ...},
 * sent to the portal's origin only, and accepted only from the portal's
 * frame. */
(function (w, d) {
  'use strict';
  var script = d.currentScript;
  var old = w.Aftercare;
  if (!script || (old && old.loaded)) return;
  var portal = new URL(script.src).origin;
  var locale = script.getAttribute('data-locale') || '';
  var accent = script.getAttribute('data-accent') || '';
  if (!/^#([\da-f]{3}){1,2}$/i.test(accent)) accent = '#0f766e';
  // Readable text on the accent: black or white, whichever contrasts more.
  var full = accent.length < 5 ? accent.replace(/\w/g, '$&$&') : accent;
  var lum = [1, 3, 5].reduce(function (sum, at, i) {
    var v = parseInt(full.substr(at, 2), 16) / 255;
    v = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    return sum + v * [0.2126, 0.7152, 0.0722][i];
  }, 0);
  var ink = lum > 0.179 ? '#111' : '#fff';
  var words = {
    en: ['Help', 'Close', 'Help center'],
    'zh-CN': ['帮助', '关闭', '帮助中心'],
    'zh-TW': ['幫助', '關閉', '幫助中心']
  };
  var queue = (old && old.q) || [];
  var handlers = {};
  var pending = [];
  var ready = false;
  var shown = false;
  var button, panel, bar, frame;

  function say(i) {
    return (words[locale] || words.en)[i];
  }

  function emit(name, detail) {
    (handlers[name] || []).forEach(function (fn) {
      try {
        fn(detail || {});
      } catch (e) {
        setTimeout(function () { throw e; });
      }
    });
  }

  function post(message) {
    message.aftercare = 1;
    if (ready) frame.contentWindow.postMessage(message, portal);
    else pending.push(message);
  }

  function el(tag, attrs, parent, ns) {
    var node = ns ? d.createElementNS(ns, tag) : d.createElement(tag);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    parent.appendChild(node);
    return node;
  }

  function open() {
    if (shown) return;
    if (!frame) {
      frame = el('iframe', {
        title: say(2),
        src: portal + '/widget?host=' + encodeURIComponent(location.origin) +
          '&locale=' + encodeURIComponent(locale) + '&accent=' + encodeURIComponent(accent)
      }, panel);
    }
    shown = true;
    panel.hidden = false;
    button.setAttribute('aria-expanded', 'true');
    (ready ? frame : bar.lastChild).focus();
    emit('open');
  }

  function close() {
    if (!shown) return;
    shown = false;
    panel.hidden = true;
    button.setAttribute('aria-expanded', 'false');
    button.focus();
    emit('close');
  }

  function api(command, a, b) {
    if (!button) queue.push(arguments);
    else if (command === 'open') open();
    else if (command === 'close') close();
    else if (command === 'on') {
      if (typeof b === 'function') (handlers[a] = handlers[a] || []).push(b);
    } else if (command === 'identify') {
      if (a && typeof a.token === 'string') post({ type: 'identify', token: a.token });
    } else if (command === 'prefill') {
      var fields = {};
      for (var k in a) if (typeof a[k] === 'string') fields[k] = a[k];
      post({ type: 'prefill', fields: fields });
    } else if (command === 'setLocale') {
      if (typeof a === 'string') {
        locale = a;
        post({ type: 'setLocale', locale: a });
      }
    }
  }

  w.addEventListener('message', function (event) {
    var data = event.data;
    if (event.origin !== portal || !frame || event.source !== frame.contentWindow ||
        !data || data.aftercare !== 1) return;
    if (data.type === 'ready') {
      ready = true;
      bar.hidden = true;
      pending.splice(0).forEach(post);
      if (shown) frame.focus();
    } else if (data.type === 'close') close();
    else if (data.type === 'requestCreated' && typeof data.number === 'string' &&
        /^[\w-]{1,64}$/.test(data.number)) {
      emit('requestCreated', { number: data.number });
    } else if (data.type === 'identified') emit('identified');
    else if (data.type === 'error' && typeof data.message === 'string') {
      emit('error', { message: data.message.slice(0, 500) });
    }
  });

  function draw() {
    var host = d.createElement('aftercare-widget');
    var root = host.attachShadow({ mode: 'open' });
    var css = ':host{all:initial}*{box-sizing:border-box}' +
      '.b{position:fixed;right:16px;bottom:16px;z-index:2147483000;display:flex;align-items:center;' +
      'gap:8px;min-height:48px;padding:0 20px 0 14px;border:0;border-radius:24px;background:' + accent +
      ';color:' + ink + ';font:600 16px/1 system-ui,sans-serif;box-shadow:0 2px 10px #0005;' +
      'cursor:pointer;transition:transform .15s}.b:hover{transform:translateY(-2px)}' +
      'button:focus-visible,iframe:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}' +
      '.p{position:fixed;right:16px;bottom:80px;z-index:2147483001;display:flex;flex-direction:column;' +
      'width:400px;height:640px;max-height:calc(100vh - 96px);overflow:hidden;border-radius:12px;' +
      'background:#fff;color:#1b2424;box-shadow:0 8px 40px #0006;animation:f .2s}' +
      '[hidden]{display:none!important}@keyframes f{from{opacity:0;transform:translateY(12px)}}' +
      '.h{display:flex;align-items:center;justify-content:space-between;padding:4px 4px 4px 16px;' +
      'font:600 16px system-ui,sans-serif}.h button{min-width:44px;min-height:44px;border:0;' +
      'background:none;color:inherit;font:24px/1 system-ui,sans-serif;cursor:pointer}' +
      'iframe{flex:1;width:100%;border:0;background:inherit}.h:not([hidden])+iframe{visibility:hidden}' +
      '@media (max-width:479.98px){.p{inset:0;width:auto;height:auto;max-height:none;border-radius:0}}' +
      '@media (prefers-color-scheme:dark){.p{background:#151b1b;color:#e7eeed;' +
      'box-shadow:0 8px 40px #000c,0 0 0 1px #334140}' +
      'button:focus-visible,iframe:focus-visible{outline-color:#93c5fd}}' +
      '@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}';
    if (root.adoptedStyleSheets) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
    } else el('style', {}, root).textContent = css;
    button = el('button', {
      type: 'button', 'class': 'b', 'aria-expanded': 'false', 'aria-controls': 'p'
    }, root);
    var ns = 'http://www.w3.org/2000/svg';
    var icon = el('svg', {
      width: 22, height: 22, viewBox: '0 0 24 24', 'aria-hidden': 'true', fill: 'none',
      stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round'
    }, button, ns);
    el('circle', { cx: 12, cy: 12, r: 10 }, icon, ns);
    el('path', { d: 'M9.2 9a3 3 0 0 1 5.6 1c0 2-2.8 2.6-2.8 4M12 17.5h0' }, icon, ns);
    button.appendChild(d.createTextNode(say(0)));
    panel = el('div', { id: 'p', 'class': 'p', role: 'dialog', 'aria-label': say(2), hidden: '' }, root);
    bar = el('div', { 'class': 'h' }, panel);
    bar.textContent = say(2);
    el('button', { type: 'button', 'aria-label': say(1) }, bar).textContent = '×';
    button.onclick = function () { shown ? close() : open(); };
    bar.lastChild.onclick = close;
    root.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && shown) close();
    });
    d.body.appendChild(host);
    queue.splice(0).forEach(function (args) { api.apply(null, args); });
  }

  api.loaded = true;
  w.Aftercare = api;
  if (d.body) draw();
  else d.addEventListener('DOMContentLoaded', draw);
})(window, document);
