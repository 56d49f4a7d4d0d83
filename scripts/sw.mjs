// Writes DIR/sw.js (default dist/sw.js), the service worker that keeps the app for offline
// use, from scripts/sw-template.js: FILES = every file under DIR except sw.js itself, each
// with the sha256 the worker checks when it caches it; VERSION = a sha256 over the
// template and every file's path and content, so any change to the build gives a new
// version (and a new cache). Run by scripts/build after scripts/csp.mjs (index.html must
// be final: its bytes are hashed here).
//
// Usage: node scripts/sw.mjs [DIR]
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(process.argv[2] ?? 'dist');
const fail = (msg) => {
  console.error(`[sw] error: ${dir}: ${msg}`);
  process.exit(1);
};

const index = path.join(dir, 'index.html');
if (!fs.existsSync(index)) fail('no index.html (build first)');
if (fs.readFileSync(index, 'utf8').includes('__INLINE_SCRIPT_HASHES__')) fail('index.html has no final CSP yet: run scripts/csp.mjs first');

/** Every file under `d`, as paths relative to `dir` with "/" separators, sorted. */
function walk(d) {
  return fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(d, e.name);
    if (e.isDirectory()) return walk(p);
    if (!e.isFile()) fail(`${p}: neither a file nor a directory`);
    return [path.relative(dir, p).split(path.sep).join('/')];
  });
}
const files = walk(dir).filter((f) => f !== 'sw.js').sort();
if (!files.includes('sw-register.js')) fail('no sw-register.js (index.html copies it from public/)');

const template = fs.readFileSync(path.join(HERE, 'sw-template.js'), 'utf8');
const version = crypto.createHash('sha256');
version.update(template);
const list = files.map((f) => {
  const body = fs.readFileSync(path.join(dir, f));
  // Length-prefixed, so no two different builds feed the same bytes.
  version.update(`${Buffer.byteLength(f)}:${f}:${body.length}:`);
  version.update(body);
  return [f, `sha256-${crypto.createHash('sha256').update(body).digest('base64')}`];
});
const VERSION = version.digest('hex').slice(0, 16);

for (const ph of ['__VERSION__', '__FILES__']) {
  if (template.split(ph).length !== 2) fail(`scripts/sw-template.js must hold ${ph} exactly once`);
}
const body = template
  .replace('__VERSION__', () => VERSION)
  .replace('__FILES__', () => `[\n${list.map((e) => `  ${JSON.stringify(e)},`).join('\n')}\n]`);
fs.writeFileSync(path.join(dir, 'sw.js'), body);
console.log(`[sw] ${path.join(dir, 'sw.js')}: version ${VERSION}, ${files.length} files`);
