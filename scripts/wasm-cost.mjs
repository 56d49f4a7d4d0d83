// The wasm's cost per screen and per crate: a table of code bytes by where they come from, so a
// size decision (what to split off, what to slim) is made on figures.
//
// Usage:  node scripts/wasm-cost.mjs [path/to/soudan-workbench.wasm] [--json]
// Default input: the cargo build's wasm before wasm-bindgen and wasm-opt (it still has its name
// section): target/wasm-debian/wasm32-unknown-unknown/release/soudan-workbench.wasm, else
// target/wasm32-unknown-unknown/release/soudan-workbench.wasm.
//
// How bytes are attributed (like twiggy's "shallow size", grouped): every function body's size
// goes to the first path of *this* crate its (v0-mangled) name mentions — so a leptos generic
// instantiated for a closure of `ui::planning::draft` counts for that screen, which is what
// splitting the screen off would move — and otherwise to the crate that defines it (std, leptos,
// serde, ...). Data segments are listed as one row. The figures are of the unoptimised module
// (wasm-opt -Oz shrinks the whole by about a third), so read them as shares, not final bytes.

import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { leb } from './strip-relocs.mjs';

/** Sections of a wasm module: function body sizes, function names, imported function count, data bytes. */
export function parseWasm(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  let pos = 8;
  let importedFunctions = 0;
  const bodies = [];
  const names = new Map();
  let dataBytes = 0;
  while (pos < buf.length) {
    const id = buf[pos++];
    let size;
    [size, pos] = leb(buf, pos);
    const end = pos + size;
    if (id === 2) {
      // imports: count the functions among them (they take the first function indices)
      let n;
      let p = pos;
      [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        let len;
        [len, p] = leb(buf, p);
        p += len;
        [len, p] = leb(buf, p);
        p += len;
        const kind = buf[p++];
        if (kind === 0) {
          [, p] = leb(buf, p);
          importedFunctions++;
        } else if (kind === 1) {
          p++; // reftype
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 2) {
          const flags = buf[p++];
          [, p] = leb(buf, p);
          if (flags & 1) [, p] = leb(buf, p);
        } else if (kind === 3) {
          p += 2;
        } else if (kind === 4) {
          p++;
          [, p] = leb(buf, p);
        }
      }
    } else if (id === 10) {
      let n;
      let p = pos;
      [n, p] = leb(buf, p);
      for (let i = 0; i < n; i++) {
        const start = p;
        let len;
        [len, p] = leb(buf, p);
        p += len;
        bodies.push(p - start);
      }
    } else if (id === 11) {
      dataBytes += size;
    } else if (id === 0) {
      let len;
      let p = pos;
      [len, p] = leb(buf, p);
      const name = buf.toString('utf8', p, p + len);
      p += len;
      if (name === 'name') {
        while (p < end) {
          const sub = buf[p++];
          let subSize;
          [subSize, p] = leb(buf, p);
          const subEnd = p + subSize;
          if (sub === 1) {
            let n;
            let q = p;
            [n, q] = leb(buf, q);
            for (let i = 0; i < n; i++) {
              let idx;
              let l;
              [idx, q] = leb(buf, q);
              [l, q] = leb(buf, q);
              names.set(idx, buf.toString('utf8', q, q + l));
              q += l;
            }
          }
          p = subEnd;
        }
      }
    }
    pos = end;
  }
  return { importedFunctions, bodies, names, dataBytes };
}

const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Every path a Rust v0 (`_R...`) mangled name mentions, outermost first, each as
 * { crate, idents } (e.g. { crate: 'soudan_workbench', idents: ['ui', 'planning', 'draft'] }).
 * A small parser of the v0 grammar (rustc's symbol-mangling-v0 RFC), backrefs included; the
 * instantiating-crate suffix is not a mention. Legacy `_ZN...E` names give their one path.
 * Returns [] for names it cannot read.
 */
export function mentionedPaths(mangled) {
  if (mangled.startsWith('_ZN')) {
    const idents = [];
    const re = /(\d+)/g;
    let m;
    while ((m = re.exec(mangled))) {
      const start = m.index + m[0].length;
      idents.push(mangled.slice(start, start + Number(m[1])));
      re.lastIndex = start + Number(m[1]);
    }
    return idents.length ? [{ crate: idents[0], idents: idents.slice(1) }] : [];
  }
  if (!mangled.startsWith('_R')) return [];
  const s = mangled.slice(2);
  const found = [];
  let depth = 0;
  const base62 = (st) => {
    if (s[st.i] === '_') {
      st.i++;
      return 0;
    }
    let n = 0;
    while (s[st.i] !== '_') {
      const d = BASE62.indexOf(s[st.i++]);
      if (d < 0) throw new Error('base62');
      n = n * 62 + d;
    }
    st.i++;
    return n + 1;
  };
  const disamb = (st) => {
    if (s[st.i] === 's') {
      st.i++;
      base62(st);
    }
  };
  const ident = (st) => {
    disamb(st);
    if (s[st.i] === 'u') st.i++;
    // decimal: "0" or a number without leading zeros (closures' idents are empty: "0").
    let num = '';
    if (s[st.i] === '0') num = s[st.i++];
    else while (/[0-9]/.test(s[st.i])) num += s[st.i++];
    if (!num) throw new Error('ident');
    if (num !== '0' && s[st.i] === '_') st.i++;
    const out = s.slice(st.i, st.i + Number(num));
    st.i += Number(num);
    return out;
  };
  const backref = (st, f) => {
    const at = base62(st);
    if (++depth > 50) throw new Error('deep');
    const r = f({ i: at });
    depth--;
    return r;
  };
  // path: returns { crate, idents } of the path itself (generic args are recorded as found).
  const path = (st) => {
    const c = s[st.i++];
    switch (c) {
      case 'C':
        return { crate: ident(st), idents: [] };
      case 'M': {
        disamb(st);
        const p = path(st);
        type(st);
        return p;
      }
      case 'X': {
        disamb(st);
        path(st);
        type(st);
        return path(st);
      }
      case 'Y':
        type(st);
        return path(st);
      case 'N': {
        st.i++; // namespace
        const p = path(st);
        const id = ident(st);
        return { crate: p.crate, idents: [...p.idents, id] };
      }
      case 'I': {
        const p = path(st);
        found.push(p);
        while (s[st.i] !== 'E') genericArg(st);
        st.i++;
        return p;
      }
      case 'B':
        return backref(st, path);
      default:
        throw new Error('path ' + c);
    }
  };
  const lifetime = (st) => base62(st);
  const genericArg = (st) => {
    if (s[st.i] === 'L') {
      st.i++;
      lifetime(st);
    } else if (s[st.i] === 'K') {
      st.i++;
      constant(st);
    } else type(st);
  };
  const constant = (st) => {
    if (s[st.i] === 'p') {
      st.i++;
      return;
    }
    if (s[st.i] === 'B') {
      st.i++;
      backref(st, constant);
      return;
    }
    type(st);
    if (s[st.i] === 'n') st.i++;
    while (s[st.i] !== '_') st.i++;
    st.i++;
  };
  const binder = (st) => {
    if (s[st.i] === 'G') {
      st.i++;
      base62(st);
    }
  };
  const type = (st) => {
    const c = s[st.i];
    if ('abcdefhijlmnopstuvxyz'.includes(c)) {
      st.i++;
      return;
    }
    if ('CMXYNI'.includes(c)) {
      found.push(path(st));
      return;
    }
    st.i++;
    switch (c) {
      case 'B':
        backref(st, type);
        return;
      case 'A':
        type(st);
        constant(st);
        return;
      case 'S':
      case 'P':
      case 'O':
        type(st);
        return;
      case 'R':
      case 'Q':
        if (s[st.i] === 'L') {
          st.i++;
          lifetime(st);
        }
        type(st);
        return;
      case 'T':
        while (s[st.i] !== 'E') type(st);
        st.i++;
        return;
      case 'F':
        binder(st);
        if (s[st.i] === 'U') st.i++;
        if (s[st.i] === 'K') {
          st.i++;
          if (s[st.i] === 'C') st.i++;
          else ident(st);
        }
        while (s[st.i] !== 'E') type(st);
        st.i++;
        type(st);
        return;
      case 'D':
        binder(st);
        while (s[st.i] !== 'E') {
          found.push(path(st));
          while (s[st.i] === 'p') {
            st.i++;
            ident(st);
            type(st);
          }
        }
        st.i++;
        lifetime(st.i < s.length && s[st.i] === 'L' ? (st.i++, st) : st);
        return;
      default:
        throw new Error('type ' + c);
    }
  };
  try {
    const st = { i: 0 };
    while (/[0-9]/.test(s[st.i])) st.i++; // encoding version
    const top = path(st);
    return [top, ...found.filter((p) => p !== top)];
  } catch {
    return found;
  }
}

/** The crate's module paths from its source files: `ui::planning::draft` for src/ui/planning/draft.rs. */
export function sourceModules(srcDir) {
  const out = new Set();
  const walk = (dir, prefix) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`, [...prefix, e.name]);
      else if (e.name.endsWith('.rs')) {
        const m = e.name.slice(0, -3);
        const path = m === 'mod' || m === 'lib' || m === 'main' ? prefix : [...prefix, m];
        if (path.length) out.add(path.join('::'));
      }
    }
  };
  walk(srcDir, []);
  return out;
}

/**
 * The row a function's bytes go to: the source file of the first path of this crate its name
 * mentions (`ui::planning::draft`, `domain::check`), else the crate that defines it (`tachys`,
 * `core`, `serde_json`...). `modules` (from `sourceModules`) says which idents are files.
 */
export function owner(mangled, ownCrate = 'soudan_workbench', modules = null) {
  const paths = mentionedPaths(mangled);
  const own = paths.find((p) => p.crate === ownCrate && p.idents.some((x) => !x.startsWith('_')));
  if (own) {
    // The longest leading run of idents that is a source file; a component, type, function or
    // inline module folds into its file's row.
    let best = '(crate root)';
    const path = [];
    for (const x of own.idents) {
      path.push(x);
      const key = path.join('::');
      if (modules ? modules.has(key) : path.length <= 2) best = key;
      else break;
    }
    return best;
  }
  if (paths.length) return paths[0].crate;
  // wasm-bindgen's descriptor functions: read by wasm-bindgen, not in the shipped module.
  if (mangled.startsWith('__wbindgen_describe')) return '(wasm-bindgen descriptors, removed)';
  return mangled.startsWith('_') ? '(other)' : mangled.split(/[.:<$]/)[0] || '(other)';
}

/** The table: rows of { owner, bytes, functions, share }, biggest first. */
export function costTable(buf, ownCrate = 'soudan_workbench', modules = null) {
  const { importedFunctions, bodies, names, dataBytes } = parseWasm(buf);
  const rows = new Map();
  let total = 0;
  bodies.forEach((size, i) => {
    const name = names.get(importedFunctions + i) ?? '(unnamed)';
    const key = owner(name, ownCrate, modules);
    const row = rows.get(key) ?? { owner: key, bytes: 0, functions: 0 };
    row.bytes += size;
    row.functions += 1;
    rows.set(key, row);
    total += size;
  });
  rows.set('(data segments)', { owner: '(data segments)', bytes: dataBytes, functions: 0 });
  total += dataBytes;
  const list = [...rows.values()].sort((a, b) => b.bytes - a.bytes);
  for (const r of list) r.share = Math.round((r.bytes / total) * 1000) / 10;
  return { total, rows: list };
}

export function defaultWasm(repo) {
  for (const dir of ['target/wasm-debian', 'target']) {
    const p = `${repo}/${dir}/wasm32-unknown-unknown/release/soudan-workbench.wasm`;
    if (existsSync(p)) return p;
  }
  return null;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repo = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const file = args.find((a) => !a.startsWith('--')) ?? defaultWasm(repo);
  if (!file) {
    console.error('wasm-cost: no wasm found; run scripts/build first');
    process.exit(1);
  }
  const table = costTable(readFileSync(file), 'soudan_workbench', sourceModules(`${repo}/src`));
  if (json) {
    console.log(JSON.stringify(table));
  } else {
    console.log(`code and data of ${file} (before wasm-opt): ${table.total} bytes`);
    for (const r of table.rows.slice(0, 40)) {
      console.log(`${String(r.bytes).padStart(10)} ${String(r.share).padStart(5)}%  ${String(r.functions).padStart(5)} fn  ${r.owner}`);
    }
  }
}
