// The heavy CRM page of the benchmark: a Salesforce-Lightning-like Opportunity record page with
// thousands of fields in nested open shadow roots, plus a churn driver that the page itself runs
// (fields re-rendered, sections expanded and collapsed, SPA navigations by history.pushState).
// The same page and the same script are served with and without the extension, so any
// difference in the page's main-thread time is the extension's.
//
// Markup follows the Lightning conventions the fixtures use (tests/fixtures/crm/salesforce):
// records-lwc-record-layout > records-record-layout-section > records-record-layout-row >
// records-record-layout-item[field-label][data-target-selection-name] > lightning-formatted-text,
// each component rendering into its own open shadow root (styles adopted, as LWC does).

export const HEAVY_HOST = 'bench.lightning.force.com';
export const HEAVY_RECORD_ID = '006000000000001AAA';
export const HEAVY_PATH = `/lightning/r/Opportunity/${HEAVY_RECORD_ID}/view`;
export const HEAVY_URL = `https://${HEAVY_HOST}${HEAVY_PATH}`;

/** The page's churn tick: every tick re-renders fields, toggles a section or navigates (PAGE_SCRIPT). */
export const HEAVY_TICK_MS = 50;

/**
 * A side-by-side window's length in the heavy page's ticks (HEAVY_TICK_MS each): both
 * variants churn the same ticks, so the same fields, toggles and navigations, however long each
 * takes. Windows of fixed time did not: the slower page did fewer ticks, so less work, and a
 * round's two sides often held different numbers of navigations (4 against 5, each a whole new
 * record page to build), which moved its ratio by several per cent either way.
 */
export function windowTicks(windowMs) {
  return Math.max(1, Math.round(windowMs / HEAVY_TICK_MS));
}

/**
 * The uncounted warm-up before the side-by-side windows: half a window, so that every counted
 * window has its navigation (every 60 ticks) in its middle rather than in its last tick.
 */
export function warmupTicks(windowMs) {
  return Math.max(1, Math.round(windowTicks(windowMs) / 2));
}

/** Fields every generated record has first: the starter pack's tip and nudge target these. */
export const KEY_FIELDS = [
  { api: 'OwnerId', label: 'Opportunity Owner', value: 'Alex Rivera' },
  { api: 'Name', label: 'Opportunity Name', value: 'Bench Deal', required: true },
  { api: 'AccountId', label: 'Account Name', value: 'Bench Account' },
  { api: 'CloseDate', label: 'Close Date', value: '', required: true },
  { api: 'StageName', label: 'Stage', value: 'Prospecting', required: true },
  { api: 'Amount', label: 'Amount', value: '' },
  { api: 'NextStep', label: 'Next Step', value: '' },
  { api: 'Probability', label: 'Probability (%)', value: '10%' },
  { api: 'Type', label: 'Type', value: 'New Customer' },
  { api: 'LeadSource', label: 'Lead Source', value: 'Web' },
];

/**
 * Field definitions for one record: the key fields, then custom fields up to `count`.
 * Pure; the page script builds the same list in the browser (see PAGE_SCRIPT).
 */
export function fieldDefs(count) {
  const out = KEY_FIELDS.slice(0, Math.min(count, KEY_FIELDS.length)).map((f) => ({ required: false, ...f }));
  for (let i = out.length; i < count; i++) {
    out.push({ api: `Bench_Field_${i}__c`, label: `Bench Field ${i}`, value: i % 7 === 0 ? '' : `Value ${i}`, required: false });
  }
  return out;
}

/** Options the page reads from window.BENCH_PAGE. */
export function pageOptions({ fields = 2000, sectionSize = 50, seed = 1 } = {}) {
  return { fields, sectionSize, seed, keyFields: KEY_FIELDS, recordId: HEAVY_RECORD_ID, tickMs: HEAVY_TICK_MS };
}

// The page's own application script. Plain ES5-ish JS, DOM calls only (no innerHTML).
// window.__crmBench exposes: ready (Promise), churn(ms) -> stats, navigate(count, gapMs, maxMs) -> stats,
// counts() -> DOM sizes. Long tasks and frame times are recorded by the page in both variants.
const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var O = window.BENCH_PAGE;
  var seed = O.seed >>> 0;
  function rand() { seed = (seed * 1664525 + 1013904223) >>> 0; return seed / 4294967296; }
  var sheet = new CSSStyleSheet();
  sheet.replaceSync([
    ':host{display:block}',
    '.slds-section:not(.slds-is-open) > .slds-section__content{display:none}',
    '.slds-form__row{display:flex;gap:16px}',
    '.slds-form__item{flex:1;padding:2px 0;border-bottom:1px solid #ddd}',
    '.slds-form-element__label{color:#444;font-size:12px;display:block}',
    '.slds-required{color:#ba0517}',
    '.slds-section__title button{background:#f3f3f3;border:0;width:100%;text-align:left;padding:4px}',
  ].join('\n'));
  function h(tag, attrs, kids) {
    var el = document.createElement(tag);
    if (attrs) for (var k in attrs) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) continue;
      if (k === 'text') el.textContent = v; else el.setAttribute(k, v === true ? '' : String(v));
    }
    if (kids) for (var i = 0; i < kids.length; i++) if (kids[i]) el.appendChild(typeof kids[i] === 'string' ? document.createTextNode(kids[i]) : kids[i]);
    return el;
  }
  function cmp(tag, attrs, kids) {
    var host = h(tag, attrs);
    var root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [sheet];
    if (kids) for (var i = 0; i < kids.length; i++) if (kids[i]) root.appendChild(typeof kids[i] === 'string' ? document.createTextNode(kids[i]) : kids[i]);
    return host;
  }
  function fieldDefs(count) {
    var out = [];
    for (var i = 0; i < O.keyFields.length && i < count; i++) {
      var k = O.keyFields[i];
      out.push({ api: k.api, label: k.label, value: k.value, required: !!k.required });
    }
    for (var j = out.length; j < count; j++) out.push({ api: 'Bench_Field_' + j + '__c', label: 'Bench Field ' + j, value: j % 7 === 0 ? '' : 'Value ' + j, required: false });
    return out;
  }
  var FIELDS = fieldDefs(O.fields);
  var version = 0;

  function item(f) {
    var value = f.value === '' ? null : cmp('lightning-formatted-text', null, [f.value + (version && f.api.indexOf('Bench_') === 0 ? ' #' + version : '')]);
    return cmp('records-record-layout-item', {
      'field-label': f.label, 'data-target-selection-name': 'sfdc:RecordField.Opportunity.' + f.api, 'class': 'slds-form__item',
    }, [
      h('div', { 'class': 'slds-form-element slds-form-element_readonly slds-form-element_horizontal' }, [
        h('div', { 'class': 'slds-form-element__label' }, [
          f.required ? h('abbr', { 'class': 'slds-required', title: 'required', text: '*' }) : null,
          h('span', { 'class': 'test-id__field-label', text: f.label }),
        ]),
        h('div', { 'class': 'slds-form-element__control' }, [
          h('span', { 'class': 'test-id__field-value slds-form-element__static slds-grow' }, [value]),
          h('button', { 'class': 'slds-button test-id__inline-edit-trigger', title: 'Edit ' + f.label, type: 'button' }),
        ]),
      ]),
    ]);
  }

  var sections = []; // { wrap, toggle, content, items: [host], fields: [f] }
  function section(title, fields, open) {
    var rows = [];
    var items = [];
    for (var i = 0; i < fields.length; i += 2) {
      var pair = [];
      for (var j = i; j < i + 2 && j < fields.length; j++) { var it = item(fields[j]); items.push(it); pair.push(it); }
      rows.push(cmp('records-record-layout-row', null, [h('div', { 'class': 'slds-form__row' }, pair)]));
    }
    var wrap = h('div', { 'class': 'slds-section' + (open ? ' slds-is-open' : '') });
    var content = h('div', { 'class': 'slds-section__content', 'aria-hidden': open ? 'false' : 'true' }, rows);
    var toggle = h('button', { type: 'button', 'class': 'slds-button slds-section__title-action', 'aria-expanded': String(open) }, [h('span', { 'class': 'slds-truncate', text: title })]);
    wrap.appendChild(h('h3', { 'class': 'slds-section__title test-id__section-header-container' }, [toggle]));
    wrap.appendChild(content);
    var s = { wrap: wrap, toggle: toggle, content: content, items: items, fields: fields, open: open };
    toggle.addEventListener('click', function () { setOpen(s, !s.open); });
    sections.push(s);
    return cmp('records-record-layout-section', { 'data-section-title': title }, [wrap]);
  }
  function setOpen(s, open) {
    s.open = open;
    s.wrap.classList.toggle('slds-is-open', open);
    s.toggle.setAttribute('aria-expanded', String(open));
    s.content.setAttribute('aria-hidden', String(!open));
  }

  var pageHost, current = null, stale = null;
  function recordPage() {
    sections = [];
    var blocks = [];
    for (var i = 0; i < FIELDS.length; i += O.sectionSize) {
      var n = i / O.sectionSize;
      blocks.push(section(n === 0 ? 'Opportunity Information' : 'Section ' + n, FIELDS.slice(i, i + O.sectionSize), n < 4));
    }
    var layout = cmp('records-lwc-record-layout', { 'data-mode': 'view', 'record-layout-mode': 'view' }, [
      cmp('forcegenerated-detailpanel_opportunity___012000000000000aaa___full___view___recordlayout2', null, [cmp('records-record-layout-block', null, blocks)]),
    ]);
    return h('div', { 'class': 'oneContent windowViewMode-normal active slds-show', 'data-object': 'Opportunity' }, [
      cmp('one-record-home-flexipage2', null, [
        cmp('records-lwc-highlights-panel', null, [h('div', { 'class': 'slds-page-header' }, [
          h('div', { 'class': 'entityNameTitle', text: 'Opportunity' }),
          h('h1', null, [cmp('lightning-formatted-text', { slot: 'primaryField' }, ['Bench Deal ' + version])]),
        ])]),
        cmp('records-lwc-detail-panel', null, [cmp('records-base-record-form', null, [layout])]),
      ]),
    ]);
  }
  function render() {
    // Lightning keeps the previous page in the DOM, hidden; we keep one stale page.
    if (stale) stale.remove();
    if (current) { current.classList.remove('active', 'slds-show'); current.classList.add('slds-hide'); }
    stale = current;
    current = recordPage();
    pageHost.appendChild(current);
  }
  var recordSeq = 1;
  function recordPath(n) { var id = String(n); while (id.length < 12) id = '0' + id; return '/lightning/r/Opportunity/006' + id + 'AAA/view'; }
  function navigate() {
    recordSeq += 1;
    version += 1;
    history.pushState({}, '', recordPath(recordSeq));
    render();
  }
  function rerenderField() {
    // Re-render one non-key field in place (a new component replaces the old one).
    if (!sections.length) return;
    var s = sections[Math.floor(rand() * sections.length)];
    var i = Math.floor(rand() * s.items.length);
    var f = s.fields[i];
    if (f.api.indexOf('Bench_') !== 0) return;
    version += 1;
    var next = item(f);
    s.items[i].replaceWith(next);
    s.items[i] = next;
  }
  function toggleSection() {
    if (sections.length < 2) return;
    var s = sections[1 + Math.floor(rand() * (sections.length - 1))];
    setOpen(s, !s.open);
  }

  // Observers the page keeps in both variants: long tasks and frame times.
  var longTasks = [];
  try {
    new PerformanceObserver(function (list) { list.getEntries().forEach(function (e) { longTasks.push({ start: e.startTime, duration: e.duration }); }); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { /* not supported */ }
  function frames(running, out) {
    var last = null;
    function f(t) { if (last !== null) out.push(t - last); last = t; if (running()) requestAnimationFrame(f); }
    requestAnimationFrame(f);
  }
  function summary(t0, t1, frameTimes, extra) {
    var lt = longTasks.filter(function (e) { return e.start >= t0 && e.start < t1; });
    var r = { t0: t0, t1: t1, frames: frameTimes, longTasks: lt };
    for (var k in extra) r[k] = extra[k];
    return r;
  }

  // The churn's schedule carries on from one call to the next: churning in short windows (the
  // bench's side-by-side turns) navigates, toggles and re-renders at the same rates as one long call.
  // opts.ticks: exactly that many ticks instead of \`ms\`, so that two pages churned in turns do the
  // same work (same ticks, same seeded choices) however long each takes: in windows of fixed time a
  // slower page did fewer ticks, and a round's two pages often held different numbers of navigations.
  var churnTick = 0;
  function churn(ms, opts) {
    opts = opts || {};
    var tickMs = opts.tickMs || O.tickMs, perTick = opts.fieldsPerTick || 5;
    var toggleEvery = opts.toggleEvery || 10, navEvery = opts.navEvery || 60, tick;
    var ticks = opts.ticks || 0, done = 0, stopped = false;
    return new Promise(function (resolve) {
      var t0 = performance.now(), until = t0 + ms, ops = { fields: 0, toggles: 0, navigations: 0 };
      var frameTimes = [];
      frames(function () { return !stopped; }, frameTimes);
      function step() {
        if (ticks ? done >= ticks : performance.now() >= until) {
          stopped = true;
          var t1 = ticks ? performance.now() : until;
          // Let the last frame and any observer callbacks run before summarising.
          return setTimeout(function () { resolve(summary(t0, t1, frameTimes, { ops: ops })); }, 100);
        }
        done += 1;
        tick = churnTick += 1;
        if (tick % navEvery === 0) { navigate(); ops.navigations += 1; }
        else {
          for (var i = 0; i < perTick; i++) { rerenderField(); ops.fields += 1; }
          if (tick % toggleEvery === 0) { toggleSection(); ops.toggles += 1; }
        }
        setTimeout(step, tickMs);
      }
      setTimeout(step, tickMs);
    });
  }
  function navigateMany(count, gapMs, maxMs) {
    return new Promise(function (resolve) {
      var done = 0, t0 = performance.now();
      function step() {
        if (done >= count || (maxMs && performance.now() - t0 > maxMs)) return resolve({ navigations: done, ms: performance.now() - t0 });
        navigate(); done += 1;
        // Two frames and a gap: time for any per-frame batching to run after each navigation.
        requestAnimationFrame(function () { requestAnimationFrame(function () { setTimeout(step, gapMs || 0); }); });
      }
      step();
    });
  }
  function counts() {
    var n = 0, roots = 0;
    (function walk(root) {
      var all = root.querySelectorAll('*');
      n += all.length;
      for (var i = 0; i < all.length; i++) if (all[i].shadowRoot) { roots += 1; walk(all[i].shadowRoot); }
    })(document);
    var items = 0;
    if (current) (function walk(root) {
      var all = root.querySelectorAll('*');
      for (var i = 0; i < all.length; i++) { if (all[i].localName === 'records-record-layout-item') items += 1; if (all[i].shadowRoot) walk(all[i].shadowRoot); }
    })(current);
    return { elements: n, shadowRoots: roots, fieldsOnPage: items };
  }

  pageHost = h('div', { 'class': 'center oneCenterStage' });
  document.body.appendChild(h('div', { 'class': 'desktop container oneOne oneAppLayoutHost' }, [
    h('one-app-nav-bar', null, [h('nav', { role: 'navigation', 'aria-label': 'Global' }, [h('a', { href: '/lightning/page/home', text: 'Home' })])]),
    pageHost,
  ]));
  var ready = new Promise(function (resolve) {
    // Lightning renders after its framework boots: on the next frame.
    requestAnimationFrame(function () { render(); requestAnimationFrame(function () { resolve(true); }); });
  });
  window.__crmBench = { ready: ready, churn: churn, navigate: navigateMany, counts: counts };
})();
`;

/** The complete HTML of the heavy page. */
export function heavyPageHtml(options = {}) {
  const opts = pageOptions(options);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Opportunity | Salesforce</title>
<style>body{font-family:system-ui,sans-serif;margin:0}.slds-hide{display:none !important}.oneAppLayoutHost{padding:8px 16px}</style>
</head>
<body class="desktop">
<script>window.BENCH_PAGE = ${JSON.stringify(opts)};</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}

/**
 * Serves the heavy page on a harness server (tests/e2e/server.mjs) under `path` (default the
 * record URL). Returns the URL. Any path registered this way answers with the same page.
 */
export function serveHeavyPage(server, options = {}, path = HEAVY_PATH) {
  const html = heavyPageHtml(options);
  server.extra.set(`${HEAVY_HOST}${path}`, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  return `https://${HEAVY_HOST}${path}`;
}
