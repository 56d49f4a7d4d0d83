// style/main.css is one file that several changes edit at once: its blocks must close where
// they open. A lost `}` after an `@media print` block once put every rule after it (the
// エコマップ's) under print only, and nothing else failed.
import { test } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { assert, ROOT } from './helpers.mjs';

/** Lines where a block opens that is still open at the end, and where a `}` closes nothing. */
export function unbalanced(css) {
  const open = [];
  const stray = [];
  let line = 1;
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  for (const ch of text) {
    if (ch === '\n') line++;
    else if (ch === '{') open.push(line);
    else if (ch === '}') {
      if (!open.length) stray.push(line);
      else open.pop();
    }
  }
  return { open, stray };
}

test('style/main.css: どのブロックも閉じている（閉じ忘れの } がない）', () => {
  const css = fs.readFileSync(path.join(ROOT, 'style/main.css'), 'utf8');
  const { open, stray } = unbalanced(css);
  assert.deepEqual(open, [], `閉じていないブロック（開いた行）: ${open.join(', ')}`);
  assert.deepEqual(stray, [], `対応のない } の行: ${stray.join(', ')}`);
});

test('閉じ忘れを見つける', () => {
  assert.deepEqual(unbalanced('a { x: 1; }\n@media print {\n  b { y: 2; }\nc { z: 3; }\n'), { open: [2], stray: [] });
  assert.deepEqual(unbalanced('/* { */ a { }\n}\n'), { open: [], stray: [2] });
});
