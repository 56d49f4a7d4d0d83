// Drops the linker's `linking` and `reloc.*` custom sections from a wasm module. The wasm32
// build links with --emit-relocs (wasm-split-cli needs them, scripts/split.mjs), and neither
// wasm-bindgen nor wasm-opt removes them: a module that is not split (the single file) would
// carry ~3 MB of them. Everything else is copied byte for byte.

/** Unsigned LEB128 at `pos`: [value, next position] (also scripts/wasm-cost.mjs'). */
export function leb(buf, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++];
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
  }
}

/** The module without its `linking` and `reloc.*` sections. */
export function stripRelocs(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error('not a wasm module');
  const parts = [buf.subarray(0, 8)];
  let pos = 8;
  while (pos < buf.length) {
    const start = pos;
    const id = buf[pos++];
    const [len, body] = leb(buf, pos);
    const end = body + len;
    let drop = false;
    if (id === 0) {
      const [nameLen, nameAt] = leb(buf, body);
      const name = buf.subarray(nameAt, nameAt + nameLen).toString('utf8');
      drop = name === 'linking' || name.startsWith('reloc.');
    }
    if (!drop) parts.push(buf.subarray(start, end));
    pos = end;
  }
  return Buffer.concat(parts);
}
