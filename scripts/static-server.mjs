// A tiny static file server for dist/ (used by scripts/serve, the browser tests and the
// benchmark). Node's standard library only, loopback only.
//
// CLI:     node scripts/static-server.mjs DIR [PORT]
// Module:  const { url, close } = await startServer(dir, port)   (port 0 = any free port)
//          startServer(dir, port, host, { production: true }): as a deployed server would
//          answer (the benchmark's first and repeat visits): gzip -9 bodies when the request
//          accepts gzip (not for images), and an ETag with 304 for a matching If-None-Match,
//          so a revalidation costs a round trip, not the body. Off by default: the tests and
//          scripts/serve send plain bodies, always.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = /^(?:text\/|application\/(?:wasm|json|manifest\+json)|image\/svg)/;

export function startServer(dir, port = 0, host = '127.0.0.1', { production = false } = {}) {
  const root = path.resolve(dir);
  // path -> { mtimeMs, etag, gz }: gzip -9 of a 1 MB wasm takes a while; once per file.
  const prepared = new Map();
  const server = http.createServer((req, res) => {
    let p;
    try {
      p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (p.endsWith('/')) p += 'index.html';
    const file = path.join(root, p);
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
      if (!production) {
        res.writeHead(200, { 'content-type': type, 'cache-control': 'no-cache' });
        res.end(body);
        return;
      }
      let prep = prepared.get(file);
      if (!prep || prep.size !== body.length || !prep.body.equals(body)) {
        prep = {
          size: body.length,
          body,
          etag: '"' + crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22) + '"',
          gz: COMPRESSIBLE.test(type) ? zlib.gzipSync(body, { level: 9 }) : null,
        };
        prepared.set(file, prep);
      }
      const headers = { 'content-type': type, 'cache-control': 'no-cache', etag: prep.etag, vary: 'accept-encoding' };
      if (req.headers['if-none-match'] === prep.etag) {
        res.writeHead(304, headers).end();
        return;
      }
      if (prep.gz && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
        res.writeHead(200, { ...headers, 'content-encoding': 'gzip', 'content-length': prep.gz.length });
        res.end(prep.gz);
      } else {
        res.writeHead(200, { ...headers, 'content-length': body.length });
        res.end(body);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://${host}:${actual}/`,
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'dist';
  const port = Number(process.argv[3] ?? 8080);
  const { url } = await startServer(dir, port);
  console.log(`相談支援ワークベンチ: ${url}  (Ctrl+C で終了)`);
}
