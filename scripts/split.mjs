// Puts the split build into dist/ (issue 17): the lazy screens (src/ui/lazy.rs) in wasm chunks
// fetched when first opened, so the first page carries only what the case list needs.
//
// trunk cannot split (trunk#1022), so scripts/build lets trunk make dist/ as usual (page, CSS,
// copied dirs, the loader script, the one-module wasm) and then runs this on the wasm of a
// second cargo build with `--features split` (linked with --emit-relocs):
//   1. wasm-split-cli: the main module, one module per chunk name of `lazy_screen!`, shared
//      chunks for code two of them use, and __wasm_split.js (loads a chunk on first call);
//   2. wasm-bindgen --target web --keep-lld-exports on the main module (the chunks import the
//      memory, table and shared functions it exports), under trunk's hashed name, so trunk's
//      loader in index.html stays as it is;
//   3. wasm-opt on every module, with index.html's data-wasm-opt level and params (as trunk);
//   4. content-hashed names for the chunks and __wasm_split.js (an old cached chunk can never
//      meet a new main module), trunk's wasm + JS replaced in dist/, and the sha384
//      `integrity` of index.html's preload links recomputed.
// Then scripts/build runs csp.mjs and sw.mjs, so the service worker lists the chunks too.
//
// Usage: node scripts/split.mjs --wasm TARGET/…/soudan-workbench.wasm [--dist dist]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const run = promisify(execFile);
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const fail = (msg) => {
  console.error(`[split] error: ${msg}`);
  process.exit(1);
};
const wasmIn = opt('--wasm');
const dist = path.resolve(opt('--dist', 'dist'));
if (!wasmIn) fail('usage: node scripts/split.mjs --wasm FILE.wasm [--dist DIR]');
if (!fs.existsSync(wasmIn)) fail(`${wasmIn}: no such file`);
const indexFile = path.join(dist, 'index.html');
if (!fs.existsSync(indexFile)) fail(`${indexFile}: no such file (trunk build first)`);
let index = fs.readFileSync(indexFile, 'utf8');

// trunk's hashed stem, e.g. soudan-workbench-fbba646f68bba8ff: its loader imports STEM.js
// and fetches STEM_bg.wasm.
const stem = /import init, \* as bindings from '\.\/([\w.-]+)\.js'/.exec(index)?.[1];
if (!stem) fail('dist/index.html: no trunk loader (import init … from ./NAME.js)');
for (const f of [`${stem}.js`, `${stem}_bg.wasm`]) {
  if (!fs.existsSync(path.join(dist, f))) fail(`dist/${f}: missing`);
}

const rustLink = /<link\b(?=[^>]*\bdata-trunk\b)(?=[^>]*\brel="rust")[^>]*>/.exec(
  fs.readFileSync(path.resolve(dist, '..', 'index.html'), 'utf8'),
)?.[0];
if (!rustLink) fail('index.html has no <link data-trunk rel="rust">');
const level = /data-wasm-opt="([^"]*)"/.exec(rustLink)?.[1] ?? '0';
const params = (/data-wasm-opt-params="([^"]*)"/.exec(rustLink)?.[1] ?? '').split(/\s+/).filter(Boolean);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soudan-split-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const tool = async (cmd, argv) => {
  try {
    await run(cmd, argv, { maxBuffer: 64 << 20 });
  } catch (err) {
    fail(`${cmd} ${argv.join(' ')}: ${err.code === 'ENOENT' ? 'not found (PATH: source scripts/env.sh; tools: scripts/setup)' : `exit ${err.code}\n${err.stderr ?? ''}`}`);
  }
};

// 1. split
const splitDir = path.join(tmp, 'split');
await tool('wasm-split-cli', [wasmIn, splitDir, '--target', 'web', '--out-name', stem]);
const linkJs = path.join(splitDir, '__wasm_split.js');
if (!fs.existsSync(linkJs)) fail('wasm-split-cli wrote no __wasm_split.js: no split points (was the wasm built with --features split?)');
const chunks = fs.readdirSync(splitDir).filter((f) => f.endsWith('.wasm') && f !== `${stem}.wasm`).sort();
if (chunks.length === 0) fail('wasm-split-cli wrote no chunks');

// 2. wasm-bindgen on the main module
const bgDir = path.join(tmp, 'bg');
await tool('wasm-bindgen', ['--target', 'web', '--no-typescript', '--keep-lld-exports', '--out-dir', bgDir, '--out-name', stem, path.join(splitDir, `${stem}.wasm`)]);
if (fs.existsSync(path.join(bgDir, 'snippets'))) fail('wasm-bindgen wrote snippets/: not handled here');

// 3. wasm-opt on every module, two at a time (the machines have 2 cores)
const optDir = path.join(tmp, 'opt');
fs.mkdirSync(optDir);
const jobs = [[path.join(bgDir, `${stem}_bg.wasm`), path.join(optDir, `${stem}_bg.wasm`)], ...chunks.map((c) => [path.join(splitDir, c), path.join(optDir, c)])];
const optimise = async ([from, to]) => {
  if (level && level !== '0') await tool('wasm-opt', [`-O${level}`, ...params, '--output', to, from]);
  else fs.copyFileSync(from, to);
};
const queue = [...jobs];
await Promise.all([0, 1].map(async () => {
  while (queue.length) await optimise(queue.shift());
}));

// 4. hashed names, into dist/
const short = (buf) => crypto.createHash('sha256').update(buf).digest('hex').slice(0, 16);
let link = fs.readFileSync(linkJs, 'utf8');
const written = [];
for (const c of chunks) {
  const body = fs.readFileSync(path.join(optDir, c));
  const name = `${c.replace(/\.wasm$/, '')}-${short(body)}.wasm`;
  const ref = `"./${c}"`;
  if (link.split(ref).length !== 2) fail(`__wasm_split.js names ${ref} ${link.split(ref).length - 1} times, expected once`);
  link = link.replace(ref, JSON.stringify(`./${name}`));
  fs.writeFileSync(path.join(dist, name), body);
  written.push(name);
}
const linkName = `__wasm_split-${short(link)}.js`;
fs.writeFileSync(path.join(dist, linkName), link);
let mainJs = fs.readFileSync(path.join(bgDir, `${stem}.js`), 'utf8');
// Only the module imports: the wasm's own import name (a key of the imports object) stays.
if (!mainJs.includes(' from "./__wasm_split.js"')) fail(`${stem}.js does not import ./__wasm_split.js`);
mainJs = mainJs.replaceAll(' from "./__wasm_split.js"', ` from ${JSON.stringify(`./${linkName}`)}`);
fs.writeFileSync(path.join(dist, `${stem}.js`), mainJs);
fs.copyFileSync(path.join(optDir, `${stem}_bg.wasm`), path.join(dist, `${stem}_bg.wasm`));

// The preload links' integrity (trunk hashed its own, unsplit files).
for (const f of [`${stem}.js`, `${stem}_bg.wasm`]) {
  const sri = `sha384-${crypto.createHash('sha384').update(fs.readFileSync(path.join(dist, f))).digest('base64')}`;
  const re = new RegExp(`(<link\\b[^>]*href="\\./${f.replace(/[.]/g, '\\.')}"[^>]*integrity=")[^"]*(")`);
  if (!re.test(index)) fail(`dist/index.html: no preload link with integrity for ${f}`);
  index = index.replace(re, (_, a, b) => `${a}${sri}${b}`);
}
fs.writeFileSync(indexFile, index);

const size = (f) => {
  const b = fs.readFileSync(path.join(dist, f));
  return `${String(b.length).padStart(9)} ${String(zlib.gzipSync(b, { level: 9 }).length).padStart(8)}`;
};
console.log(`[split] main module and ${written.length} chunks (bytes; gzip -9):`);
for (const f of [`${stem}_bg.wasm`, `${stem}.js`, linkName, ...written]) console.log(`  ${size(f)}  ${f}`);
