// Writes the single-file build, dist-single/soudan-workbench.html: one HTML file with
// everything inside, for opening straight from disk (file://), e.g. from a USB stick.
//
// Opened from file://, Chromium fetches nothing: no .wasm, no JS module, no samples
// (toolchain.md §6). So this takes the same compiled wasm trunk used (the cargo target dir
// of scripts/env.sh's wasm_run), and:
//   1. wasm-bindgen --target no-modules (the pinned one on PATH): the JS glue as a classic
//      script defining `wasm_bindgen`;
//   2. wasm-opt with index.html's data-wasm-opt level and data-wasm-opt-params, as trunk does;
//   3. writes index.html's page (without the service worker's registration, sw-register.js:
//      nothing to cache from file://) with the CSS inlined in <style>, the wasm as base64 in a
//      data block (<script type="application/octet-stream">, never executed), the glue and
//      a small boot script (decode, `wasm_bindgen.initSync({ module: bytes })`, which runs
//      the crate's `main` = `ui::mount()` like trunk's loader does), and the sample files
//      and the training files (public/training/) as data blocks
//      `<script type="application/json" id="embedded:samples/…">` that src/ui/training and
//      src/ui/caseload/samples.rs read instead of fetching;
//   4. the CSP of index.html, for a page that loads nothing: every 'self' dropped (an empty
//      directive becomes 'none'), script-src = 'wasm-unsafe-eval' + the sha256 of each
//      inline executable script, style-src = the sha256 of the <style>. No 'unsafe-inline'.
//
// Usage: node scripts/single.mjs --wasm TARGET/…/soudan-workbench.wasm [--out FILE]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripRelocs } from './strip-relocs.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const wasmIn = opt('--wasm');
const out = path.resolve(ROOT, opt('--out', 'dist-single/soudan-workbench.html'));
const fail = (msg) => {
  console.error(`[single] error: ${msg}`);
  process.exit(1);
};
if (!wasmIn) fail('usage: node scripts/single.mjs --wasm FILE.wasm [--out FILE.html]');
if (!fs.existsSync(wasmIn)) fail(`${wasmIn}: no such file`);

const template = fs.readFileSync(path.join(ROOT, 'index.html'), 'utf8').replace(/\r\n?/g, '\n');
const NAME = 'soudan-workbench';

// ------------------------------------------------------------------ wasm-bindgen, wasm-opt
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'soudan-single-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true })); // also after fail()
{
  const run = (cmd, argv) => {
    try {
      execFileSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'] });
    } catch (err) {
      fail(`${cmd} ${argv.join(' ')}: ${err.code === 'ENOENT' ? 'not found (PATH: source scripts/env.sh; tools: scripts/setup)' : `exit ${err.status}`}`);
    }
  };
  // Without the linker's relocations (scripts/strip-relocs.mjs): this module is not split.
  const plain = path.join(tmp, 'input.wasm');
  fs.writeFileSync(plain, stripRelocs(fs.readFileSync(wasmIn)));
  run('wasm-bindgen', ['--target', 'no-modules', '--no-typescript', '--out-dir', tmp, '--out-name', NAME, plain]);
  if (fs.existsSync(path.join(tmp, 'snippets'))) fail('wasm-bindgen wrote snippets/: --target no-modules cannot inline them');

  const rustLink = /<link\b(?=[^>]*\bdata-trunk\b)(?=[^>]*\brel="rust")[^>]*>/.exec(template)?.[0];
  if (!rustLink) fail('index.html has no <link data-trunk rel="rust">');
  const level = /data-wasm-opt="([^"]*)"/.exec(rustLink)?.[1];
  const params = (/data-wasm-opt-params="([^"]*)"/.exec(rustLink)?.[1] ?? '').split(/\s+/).filter(Boolean);
  const bgIn = path.join(tmp, `${NAME}_bg.wasm`);
  const bgOut = path.join(tmp, `${NAME}_bg.opt.wasm`);
  if (level && level !== '0') {
    run('wasm-opt', [`-O${level}`, ...params, '--output', bgOut, bgIn]);
  } else {
    fs.copyFileSync(bgIn, bgOut);
  }
  var wasm = fs.readFileSync(bgOut);
  var glue = fs.readFileSync(path.join(tmp, `${NAME}.js`), 'utf8');
}

// ------------------------------------------------------------------ the page
// Text inside <script>/<style> ends at the first "</script" / "</style": refuse rather than break.
const guard = (what, text, tag) => {
  if (new RegExp(`</${tag}`, 'i').test(text) || /<!--/.test(text)) fail(`${what} contains </${tag} or <!--`);
  return text;
};
// JSON inside a data block: "<" only occurs inside strings, where \u003c means the same.
const jsonBlock = (text) => JSON.stringify(JSON.parse(text)).replace(/</g, '\\u003c');
const attr = (s) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const cssLink = /<link\b(?=[^>]*\bdata-trunk\b)(?=[^>]*\brel="css")[^>]*\bhref="([^"]+)"[^>]*>/.exec(template);
if (!cssLink) fail('index.html has no <link data-trunk rel="css">');
const css = guard('the CSS', fs.readFileSync(path.join(ROOT, cssLink[1]), 'utf8'), 'style');
if (/url\(\s*['"]?(?!data:)/i.test(css)) fail('the CSS refers to a file (url(…)): it would not load from file://');

// The sample cases (public/samples/index.json and the files it lists), as data blocks.
const samplesDir = path.join(ROOT, 'public', 'samples');
const indexText = fs.readFileSync(path.join(samplesDir, 'index.json'), 'utf8');
const sampleFiles = JSON.parse(indexText).samples.map((s) => s.file);
// 研修モード's training cases likewise (public/training/index.json, each case's draft and
// model): src/ui/training reads them through the same embedded-first fetch.
const trainingDir = path.join(ROOT, 'public', 'training');
const trainingIndex = fs.readFileSync(path.join(trainingDir, 'index.json'), 'utf8');
const trainingFiles = JSON.parse(trainingIndex).cases.flatMap((c) => [c.draft, c.model]);
const dataBlocks = [
  ['samples/index.json', indexText],
  ...sampleFiles.map((f) => [`samples/${f}`, fs.readFileSync(path.join(samplesDir, f), 'utf8')]),
  ['training/index.json', trainingIndex],
  ...trainingFiles.map((f) => [`training/${f}`, fs.readFileSync(path.join(trainingDir, f), 'utf8')]),
]
  .map(([p, text]) => `<script type="application/json" id="embedded:${attr(p)}">${jsonBlock(text)}</script>`)
  .join('\n    ');

// The boot script: what trunk's module loader does, synchronously. The glue's `main`
// (`__wbindgen_start`) runs inside initSync and mounts the app on <body>, so all of this
// sits at the end of <body>.
const boot = `
(function () {
  var b64 = document.getElementById('wasm-base64').textContent.replace(/\\s+/g, '');
  var bytes;
  if (typeof Uint8Array.fromBase64 === 'function') {
    bytes = Uint8Array.fromBase64(b64);
  } else {
    var bin = atob(b64);
    bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  }
  var wasm = wasm_bindgen.initSync({ module: bytes });
  window.wasmBindings = wasm_bindgen;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
})();
`;

let html = template;
// Trunk directives: the CSS becomes a <style>, the copy-dirs go (their data is inside), the
// rust link goes (the scripts are appended to <body>).
html = html.replace(cssLink[0], () => `<style>\n${css}</style>`);
html = html.replace(/[ \t]*<!--(?:(?!-->)[^])*-->\n(?=\s*<link\b[^>]*data-trunk[^>]*rel="copy-dir")/g, '');
html = html.replace(/[ \t]*<link\b[^>]*\bdata-trunk\b[^>]*rel="copy-dir"[^>]*>\n?/g, '');
html = html.replace(/[ \t]*<link\b(?=[^>]*\bdata-trunk\b)(?=[^>]*\brel="rust")[^>]*>\n?/, '');
// The service worker's registration (offline use over http) has no place in a file:// page.
html = html.replace(/[ \t]*<!--(?:(?!-->)[^])*-->\n(?=\s*<link\b[^>]*data-trunk[^>]*href="public\/sw-register\.js")/, '');
html = html.replace(/[ \t]*<link\b[^>]*\bdata-trunk\b[^>]*rel="copy-file"[^>]*href="public\/sw-register\.js"[^>]*>\n?/, '');
html = html.replace(/[ \t]*<script\b[^>]*\bsrc="sw-register\.js"[^>]*><\/script>\n?/, '');
if (/data-trunk/.test(html)) fail('index.html has a data-trunk element this script does not know');
html = html.replace(
  /([ \t]*)<!-- Strict CSP[^]*?-->\n/,
  (_, ind) => `${ind}<!-- Single-file build (scripts/single.mjs): everything is in this file and nothing is
${ind}     loaded, so the policy allows no source but this page's own hashed inline script and
${ind}     style, and WebAssembly. -->\n`,
);
const b64 = wasm.toString('base64').replace(/.{1,16384}/g, '$&\n');
html = html.replace(
  /([ \t]*)<\/body>/,
  (_, ind) => `    ${dataBlocks}
    <script type="application/octet-stream" id="wasm-base64">
${b64}</script>
    <script>${guard('the wasm-bindgen glue', glue, 'script')}</script>
    <script>${boot}</script>
${ind}</body>`,
);

// ------------------------------------------------------------------ CSP
const metaRe = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi;
const metas = html.match(metaRe) ?? [];
if (metas.length !== 1) fail(`expected one CSP <meta> in index.html, found ${metas.length}`);
const meta = metas[0];
const sha = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const scriptHashes = [];
for (const m of html.matchAll(/<script\b([^>]*)>([^]*?)<\/script\s*>/gi)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/i.test(attrs)) fail('a <script src> would not load from file://');
  const type = /\btype\s*=\s*"([^"]*)"/i.exec(attrs)?.[1]?.trim().toLowerCase();
  if (type && type !== 'text/javascript' && type !== 'module') continue; // a data block: never run
  if (m.index < html.indexOf(meta)) fail('an inline <script> comes before the CSP <meta>');
  const h = sha(body);
  if (!scriptHashes.includes(h)) scriptHashes.push(h);
}
const styleHashes = [...html.matchAll(/<style\b[^>]*>([^]*?)<\/style\s*>/gi)].map((m) => sha(m[1]));
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) fail("inline style= attribute: blocked by the CSP");
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) fail('inline event handler attribute: blocked by the CSP');

const policy = /content="([^"]*)"/.exec(meta)[1];
const directives = policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
  let [name, ...values] = d.split(/\s+/);
  values = values.filter((v) => v !== "'self'" && v !== '__INLINE_SCRIPT_HASHES__');
  if (values.includes("'unsafe-inline'")) fail(`index.html's ${name} has 'unsafe-inline'`);
  if (name === 'script-src') values.push(...scriptHashes);
  if (name === 'style-src') values.push(...styleHashes);
  if (values.length === 0) values = ["'none'"];
  return [name, ...values].join(' ');
});
if (!directives.some((d) => d.startsWith('script-src ') && d.includes("'wasm-unsafe-eval'"))) fail("script-src has no 'wasm-unsafe-eval'");
const newMeta = meta.replace(/content="[^"]*"/, () => `content="${directives.join('; ')}"`);
html = html.replace(meta, () => newMeta);

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, html);
const gz = (await import('node:zlib')).gzipSync(html, { level: 9 }).length;
console.log(`[single] ${path.relative(ROOT, out)}: ${html.length} chars, ${Buffer.byteLength(html)} bytes (gzip -9 ${gz}); wasm ${wasm.length} bytes; samples ${sampleFiles.length}; training files ${trainingFiles.length + 1}`);
console.log(`[single] script-src hashes ${scriptHashes.join(' ')}; style-src ${styleHashes.join(' ')}`);
