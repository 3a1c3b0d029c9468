// Prints what a built script is made of: raw and gzip bytes per package or source folder, from its source map.
// Usage: CRM_COACH_SOURCEMAP=1 npx wxt build && node scripts/bundle-composition.mjs .output/chrome-mv3/content-scripts/content.js
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const dir = process.argv[2];
const map = JSON.parse(readFileSync(dir + '.map', 'utf8'));
const code = readFileSync(dir, 'utf8');
const lines = code.split('\n');
const B64='ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const per = {};
let src=0; const mlines = map.mappings.split(';');
for (let li=0; li<mlines.length; li++){
  let col=0; const segs = mlines[li].split(',').filter(Boolean).map(seg=>{const out=[];let v=0,sh=0;for(const ch of seg){let d=B64.indexOf(ch);v+=(d&31)<<sh;if(d&32){sh+=5}else{out.push(v&1?-(v>>1):v>>1);v=0;sh=0}}return out});
  const line = lines[li]||'';
  const starts=[];
  for (const s of segs){ col+=s[0]; if(s.length>1){src+=s[1]} starts.push([col,src]); }
  for (let i=0;i<starts.length;i++){ const [c,sidx]=starts[i]; const end = i+1<starts.length?starts[i+1][0]:line.length; const name = map.sources[sidx]; per[name]=(per[name]||'')+line.slice(c,end); }
}
const group = {};
for (const [k0,v] of Object.entries(per)){ const k=k0.replace(/.*node_modules\//,'nm:'); const g = k.startsWith('nm:') ? k.split('/').slice(0, k.startsWith('nm:@')?2:1).join('/') : k.replace(/^(\.\.\/)+/,'').split('/').slice(0,2).join('/'); group[g]=(group[g]||'')+v; }
let tot=0;
for (const [g,v] of Object.entries(group).sort((a,b)=>b[1].length-a[1].length).slice(0,25)) { const gz=gzipSync(v).length; tot+=gz; console.log(String(v.length).padStart(8), String(gz).padStart(7), g);}
console.log('sum of separately gzipped groups', tot, 'whole', gzipSync(code).length);
