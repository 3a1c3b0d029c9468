// What in a content script's world makes Blink's side of a major GC (the trace row
// V8.GC_HEAP_EMBEDDER_TRACING_EPILOGUE) cost more on the heavy page? Writes small extensions whose
// content script does one part of what the live index does on each SPA navigation, so each part
// can be run by ab.mjs against a browser without an extension:
//   walk     the pruned walk of the new record page (element to element, into shadow roots, a
//            field container tested by its attributes and never entered)
//   map      walk + every left-out container kept in a Map until its page is removed
//   mo       walk + every shadow root entered observed by one MutationObserver per page
//   expando  walk + a Symbol expando on every shadow root entered
//   all      map + mo + expando
//   idle     nothing but the observer that hears navigations (the baseline of the others)
//   node bench/tools/gc-probe.mjs <variant> <out dir>     then
//   TRACE=1 TRACE_TOP=40 node bench/tools/ab.mjs none <out dir> 6
import fs from 'node:fs';
import path from 'node:path';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { AFTER_SOURCE } from '../lib/page-walk.mjs';

const [variant, out] = process.argv.slice(2);
const parts = { idle: [], walk: ['walk'], map: ['walk', 'map'], mo: ['walk', 'mo'], expando: ['walk', 'expando'], all: ['walk', 'map', 'mo', 'expando'] }[variant];
if (!parts || !out) {
  console.error('usage: node bench/tools/gc-probe.mjs <idle|walk|map|mo|expando|all> <out dir>');
  process.exit(2);
}

const script = `(() => {
  const PARTS = new Set(${JSON.stringify(parts)});
  const kept = new Map();
  const tag = Symbol('probe');
  const OBSERVE = { childList: true, subtree: true, attributes: true, characterData: true };
  ${AFTER_SOURCE}
  function walk(top) {
    const mo = PARTS.has('mo') ? new MutationObserver(() => {}) : null;
    const trees = [top];
    while (trees.length) {
      const tree = trees.pop();
      for (let el = tree.firstElementChild; el; ) {
        if (el.localName === 'records-record-layout-item') {
          el.getAttribute('data-target-selection-name');
          if (PARTS.has('map')) kept.set(el, top);
          el = after(el, tree);
          continue;
        }
        const sr = el.shadowRoot;
        if (sr) {
          trees.push(sr);
          if (mo) mo.observe(sr, OBSERVE);
          if (PARTS.has('expando')) sr[tag] = true;
        }
        el = el.firstElementChild || after(el, tree);
      }
    }
  }
  const start = () => {
    const mark = document.createElement('crm-coach-overlay');
    mark.hidden = true;
    document.documentElement.appendChild(mark);
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) if (n.nodeType === 1 && n.classList.contains('oneContent') && PARTS.has('walk')) walk(n);
        if (r.removedNodes.length && kept.size) kept.forEach((top, el) => { if (!top.isConnected) kept.delete(el); });
      }
    }).observe(document, { childList: true, subtree: true });
  };
  if (document.documentElement) start();
  else new MutationObserver((_, o) => { if (document.documentElement) { o.disconnect(); start(); } }).observe(document, { childList: true });
})();
`;

const { key } = JSON.parse(fs.readFileSync(path.join(BENCH_EXTENSION_DIR, 'manifest.json'), 'utf8'));
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'manifest.json'), JSON.stringify({
  manifest_version: 3, name: `gc-probe-${variant}`, version: '1', key,
  background: { service_worker: 'worker.js' },
  content_scripts: [{ matches: ['<all_urls>'], js: ['probe.js'], run_at: 'document_start' }],
}));
fs.writeFileSync(path.join(out, 'worker.js'), '');
fs.writeFileSync(path.join(out, 'probe.js'), script);
console.log(`${out}: ${variant} (${parts.join(', ') || 'nothing'})`);
