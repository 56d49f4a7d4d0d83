// Writes the final Content-Security-Policy into a built HTML file (dist/index.html).
//
// index.html carries a CSP <meta> whose script-src holds the placeholder
// __INLINE_SCRIPT_HASHES__. Trunk replaces <link data-trunk rel="rust"> with an inline
// <script type="module"> that imports the hashed JS/wasm names, so its text changes with
// every build: this computes the sha256 of every inline <script> after the build and puts
// those hashes in place of the placeholder. The browser hashes the script's text exactly
// as it appears between the tags (UTF-8), which is what is hashed here.
//
// Usage: node scripts/csp.mjs dist/index.html
import fs from 'node:fs';
import crypto from 'node:crypto';

const PLACEHOLDER = '__INLINE_SCRIPT_HASHES__';
const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/csp.mjs FILE.html');
  process.exit(2);
}
const fail = (msg) => {
  console.error(`[csp] error: ${file}: ${msg}`);
  process.exit(1);
};

let html = fs.readFileSync(file, 'utf8');
if (html.includes('\r')) html = html.replace(/\r\n?/g, '\n'); // what the HTML parser sees

const metaRe = /<meta\b[^>]*http-equiv=["']?Content-Security-Policy["']?[^>]*>/gi;
const metas = html.match(metaRe) ?? [];
if (metas.length !== 1) fail(`expected one CSP <meta>, found ${metas.length}`);
const meta = metas[0];
if (!meta.includes(PLACEHOLDER)) fail(`the CSP <meta> has no ${PLACEHOLDER} (already processed?)`);

const hashes = [];
const scriptRe = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
for (const m of html.matchAll(scriptRe)) {
  const [, attrs, body] = m;
  if (/\bsrc\s*=/i.test(attrs)) continue;
  if (m.index < html.indexOf(meta)) fail('an inline <script> comes before the CSP <meta>');
  const h = `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`;
  if (!hashes.includes(h)) hashes.push(h);
}
if (hashes.length === 0) fail('no inline script found (trunk did not inject its loader?)');

// Inline styles would be blocked by style-src 'self': say so now rather than in the browser.
if (/<style\b/i.test(html)) fail("inline <style> element: blocked by style-src 'self'");
if (/<[a-z][^>]*\sstyle\s*=/i.test(html)) fail("inline style= attribute: blocked by style-src 'self'");
if (/<[a-z][^>]*\son[a-z]+\s*=/i.test(html)) fail('inline event handler attribute: blocked by the CSP');

const newMeta = meta.replace(PLACEHOLDER, () => hashes.join(' '));
html = html.replace(meta, () => newMeta);
fs.writeFileSync(file, html);
console.log(`[csp] ${file}: script-src hashes ${hashes.join(' ')}`);
