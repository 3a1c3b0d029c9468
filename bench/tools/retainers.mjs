// Why is a removed CRM page still in memory? Loads the 200-field heavy page with an extension
// build, runs SPA navigations in rounds (200 navigations, then 3 s to settle) until Blink counts
// more DOM nodes than a threshold (or the rounds run out), takes a heap snapshot and prints the
// shortest retainer chain from a GC root for a few detached field containers.
//
//   node bench/tools/retainers.mjs [extension dir] [node threshold]
//
// Default dir .output/chrome-mv3-bench (npm run bench builds it). For readable names, build it
// unminified: add `build: { minify: false }` to the vite config of bench/wxt.bench.config.ts.
import path from 'node:path';
import { startServer } from '../../tests/e2e/server.mjs';
import { BENCH_EXTENSION_DIR } from '../lib/config.mjs';
import { heapAfterGc, launchVariant, sleep, waitForOverlay } from '../lib/browser.mjs';
import { serveHeavyPage } from '../heavy-page.mjs';

const extDir = path.resolve(process.argv[2] ?? BENCH_EXTENSION_DIR);
const threshold = Number(process.argv[3] ?? 20_000);
const server = await startServer();
const url = serveHeavyPage(server, { fields: 200 }, '/lightning/r/Opportunity/006000000000900AAA/view');
const session = await launchVariant(server, extDir);
try {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => window.__crmBench.ready);
  await waitForOverlay(page);
  for (let round = 0; round < 12; round++) {
    await page.evaluate((n) => window.__crmBench.navigate(n, 5), 200);
    await sleep(3000);
    const { dom } = await heapAfterGc(cdp);
    console.log(`round ${round}: ${dom?.nodes} DOM nodes, ${dom?.jsEventListeners} listeners`);
    if ((dom?.nodes ?? 0) > threshold) break;
  }
  await page.evaluate(() => { performance.clearMarks(); performance.clearMeasures(); });
  const chunks = [];
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push(e.chunk));
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  printChains(JSON.parse(chunks.join('')), 3);
} finally {
  await session.close();
  server.close?.();
}

function printChains(snap, count) {
  const m = snap.snapshot.meta;
  const nf = m.node_fields.length;
  const ef = m.edge_fields.length;
  const field = (name) => m.node_fields.indexOf(name);
  const [iType, iName, iEdges, iDetached] = ['type', 'name', 'edge_count', 'detachedness'].map(field);
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => m.edge_fields.indexOf(f));
  const nodes = snap.nodes.length / nf;
  const type = (n) => m.node_types[0][snap.nodes[n * nf + iType]];
  const name = (n) => snap.strings[snap.nodes[n * nf + iName]];
  const retainers = Array.from({ length: nodes }, () => []);
  for (let n = 0, e = 0; n < nodes; n++) {
    for (let k = snap.nodes[n * nf + iEdges]; k > 0; k--, e += ef) {
      const kind = m.edge_types[0][snap.edges[e + eType]];
      if (kind === 'weak') continue;
      const label = kind === 'element' || kind === 'hidden' ? String(snap.edges[e + eName]) : snap.strings[snap.edges[e + eName]];
      retainers[snap.edges[e + eTo] / nf].push([n, `${kind}:${label}`]);
    }
  }
  const detached = [];
  const byName = new Map();
  for (let n = 0; n < nodes; n++) {
    if (type(n) !== 'native' || snap.nodes[n * nf + iDetached] !== 2 || !name(n).startsWith('<')) continue;
    const tag = name(n).split(/[ >]/)[0];
    byName.set(tag, (byName.get(tag) ?? 0) + 1);
    if (tag === '<records-record-layout-item' || name(n).startsWith('<div class="slds-form-element ')) detached.push(n);
  }
  console.log('detached elements by tag:', [...byName].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([t, c]) => `${t.slice(1)} ${c}`).join(', '));
  console.log(`${detached.length} detached field containers`);
  for (const target of detached.slice(0, count)) {
    const via = new Map([[target, null]]);
    const queue = [target];
    let root = null;
    while (queue.length && root === null) {
      const x = queue.shift();
      for (const [p, label] of retainers[x]) {
        if (via.has(p)) continue;
        via.set(p, [x, label]);
        if (type(p) === 'synthetic') { root = p; break; }
        queue.push(p);
      }
    }
    console.log(`--- ${name(target).slice(0, 60)}`);
    for (let n = root; n !== null && via.get(n); n = via.get(n)[0]) {
      if (type(n) === 'native' && /^<|NodeRareData|ShadowRoot/.test(name(n))) continue; // the page's own tree
      console.log(`  ${type(n)} ${name(n).slice(0, 70)}  --${via.get(n)[1]}-->`);
    }
  }
}
