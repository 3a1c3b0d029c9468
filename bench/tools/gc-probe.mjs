// What in a content script's world costs the heavy page, part by part? Writes small extensions
// whose content script does one part of what the live index does on each SPA navigation, and
// nothing else of the coach, to run by ab.mjs against a browser without an extension or against
// the real build (16 rounds: one round's ratio varies by about 0.05, bench/README.md):
//   walk     the pruned walk of the new record page (element to element, into shadow roots, a
//            field container tested by its attributes and never entered)
//   map      walk + every left-out container kept in a Map until its page is removed
//   mo       walk + every shadow root entered observed by one MutationObserver per page
//   expando  walk + a Symbol expando on every shadow root entered
//   all      map + mo + expando
//   idle     nothing but the observer that hears navigations (the baseline of the others)
//   node bench/tools/gc-probe.mjs <variant> <out dir>     then
//   node bench/tools/ab.mjs none <out dir> 16     (TRACE=1 for the trace rows)
import { AFTER_SOURCE } from '../lib/page-walk.mjs';
import { writeProbeExtension } from '../lib/probe-extension.mjs';

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

writeProbeExtension(out, `gc-probe-${variant}`, script);
console.log(`${out}: ${variant} (${parts.join(', ') || 'nothing'})`);
