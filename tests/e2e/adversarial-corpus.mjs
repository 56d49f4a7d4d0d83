// The import corpus of the adversarial suite (issue 19): hand-made files a hostile but
// realistic tester would try, generated here from a sample export (public/samples/), never
// committed as files. Each entry says what the app must do with it: refuse it with a
// Japanese message (the patterns), or import it.
//
// `node tests/e2e/adversarial-corpus.mjs DIR` writes the files to DIR, to try by hand.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SAMPLE = path.join(ROOT, 'public/samples/sample-1-chiteki.json');

/** The JSON message every file that is not JSON at all gets. */
const NOT_JSON = /ファイルを読み込めません（JSON の形式ではありません: \d+ 行目）。/;
const FIRST = /1件目のケース（cases\[0\]）を読み込めません。/;

/** A copy of the sample export file with its one case given id `id` and `name`. */
function base(id, name) {
  const file = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));
  file.cases = file.cases.slice(0, 1);
  file.cases[0].case.id = id;
  file.cases[0].case.name = name;
  return file;
}

/** The file after `spoil(file)`, as text. */
function spoiled(spoil) {
  const file = base('corpus-case', 'コーパス 甲');
  spoil(file);
  return JSON.stringify(file);
}

const utf8 = (text) => Buffer.from(text, 'utf8');

/**
 * The corpus: [{ name, what, bytes, refused?: RegExp[], imports?: string[] }]. `refused`:
 * every pattern is in the message and nothing is stored; `imports`: these case names are
 * listed afterwards. `storeChars` (UTF-16 units the browser's store holds) sizes the file
 * that must not fit.
 */
export function importCorpus({ storeChars = 5 * 1024 * 1024 } = {}) {
  const good = JSON.stringify(base('corpus-good', 'コーパス 乙'));
  const corpus = [
    { name: 'truncated.json', what: '途中で切れたファイル', bytes: utf8(good.slice(0, Math.floor(good.length / 2))), refused: [NOT_JSON] },
    { name: 'truncated-1.json', what: '最後の1文字がないファイル', bytes: utf8(good.slice(0, -1)), refused: [NOT_JSON] },
    { name: 'empty.json', what: '空のファイル', bytes: utf8(''), refused: [NOT_JSON] },
    {
      name: 'not-ours.json',
      what: '形の違うファイル（別のアプリの JSON）',
      bytes: utf8(JSON.stringify({ format: 'other-app', items: [1, 2, 3] })),
      refused: [/相談支援ワークベンチで書き出したケースのファイルではありません（format が違います）。/],
    },
    {
      name: 'cases-object.json',
      what: 'cases が一覧でない',
      bytes: utf8(spoiled((f) => { f.cases = { 0: f.cases[0] }; })),
      refused: [/ファイルに cases（ケースの一覧）がありません。/],
    },
    {
      name: 'case-string.json',
      what: 'ケースの代わりに文字列',
      bytes: utf8(spoiled((f) => { f.cases = ['ケース']; })),
      refused: [FIRST],
    },
    {
      name: 'deep-type.json',
      what: '深いところの型違い（本人の言葉かどうかが文字列）',
      bytes: utf8(spoiled((f) => { f.cases[0].case.assessment.domains[0].current[1].own_words = 'はい'; })),
      refused: [FIRST, /case\.assessment\.domains\[0\]\.current\[1\]\.own_words/],
    },
    {
      name: 'deep-type-amount.json',
      what: '深いところの型違い（支援の量が配列）',
      bytes: utf8(spoiled((f) => { f.cases[0].case.plan.needs[0].supports[0].amount = [1, 2]; })),
      // Refused, but the message names no field (「JSON の書き方が正しくありません」): the
      // amount is read through an untagged enum, whose error carries no path.
      refused: [FIRST],
    },
    {
      name: 'future.json',
      what: '未来の schema_version',
      bytes: utf8(spoiled((f) => { f.cases[0].schema_version = 999; })),
      refused: [FIRST, /新しい/],
    },
    {
      name: 'huge-need-id.json',
      what: '大きすぎる番号（2147483648 のニーズ）',
      bytes: utf8(spoiled((f) => { f.cases[0].case.plan.needs[0].id = 2147483648; })),
      // The message names the id but at the wrong path (case.plan.support_policy, where
      // the reader was when the plan's ids were checked).
      refused: [FIRST, /ニーズの番号 2147483648 が大きすぎます（2147483647 まで）/],
    },
    {
      name: 'huge-entry-id.json',
      what: '大きすぎる番号（2^64 のアセスメント項目）',
      bytes: utf8(spoiled((f) => { f.cases[0].case.assessment.domains[0].current[0].id = 1; }).replace('"current":[{"id":1,', '"current":[{"id":18446744073709551616,')),
      refused: [FIRST, /case\.assessment\.domains\[0\]\.current\[0\]\.id/],
    },
    {
      name: 'deep-nesting.json',
      what: '10万段の入れ子',
      bytes: utf8(`{"format":"soudan-workbench-cases","schema_version":6,"cases":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`),
      refused: [NOT_JSON],
    },
    {
      name: 'nan.json',
      what: 'NaN',
      bytes: utf8(good.replace('"revision":', '"revision":NaN,"x":')),
      refused: [NOT_JSON],
    },
    {
      name: 'lone-surrogate.json',
      what: '対になっていないサロゲートのエスケープ（\\ud800）',
      // JSON.stringify writes a lone surrogate as the escape \ud800.
      bytes: utf8(spoiled((f) => { f.cases[0].case.name = 'コーパス\ud800甲'; })),
      refused: [NOT_JSON],
    },
    {
      name: 'trailing.json',
      what: '後ろにごみ',
      bytes: utf8(`${good}\n}{"format":"soudan-workbench-cases"}`),
      refused: [NOT_JSON],
    },
    {
      name: 'same-id.json',
      what: '同じ id のケースが2件',
      bytes: utf8(spoiled((f) => {
        const twin = structuredClone(f.cases[0]);
        twin.case.name = 'コーパス 甲（別の版）';
        f.cases.push(twin);
      })),
      refused: [/1件目と2件目のケース（cases\[0\] と cases\[1\]）が同じ番号（id: corpus-case）です。/],
    },
    {
      name: 'sjis.json',
      what: 'Shift_JIS のファイル',
      bytes: shiftJis(base('corpus-sjis', '@@NAME@@')),
      refused: [/文字コードが UTF-8 ではありません/],
    },
    {
      name: 'bom.json',
      what: 'BOM 付きの UTF-8（読み込む）',
      bytes: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(JSON.stringify(base('corpus-bom', 'コーパス BOM')))]),
      imports: ['コーパス BOM'],
    },
    {
      name: 'bigger-than-store.json',
      what: '保存領域より大きいファイル',
      bytes: utf8(biggerThan(storeChars)),
      refused: [/保存容量が足りないため、何も読み込んでいません。/],
    },
  ];
  return corpus;
}

/** The file with its case name 「あいう」 in Shift_JIS bytes, everything else ASCII. */
function shiftJis(file) {
  const ascii = JSON.stringify(file).replace(/[\u0080-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
  const [head, tail] = ascii.split('@@NAME@@');
  return Buffer.concat([Buffer.from(head, 'ascii'), Buffer.from([0x82, 0xa0, 0x82, 0xa2, 0x82, 0xa4]), Buffer.from(tail, 'ascii')]);
}

/** A valid file of four cases whose text together is longer than `chars`. */
function biggerThan(chars) {
  const file = base('corpus-big-0', 'コーパス 大 0');
  const each = Math.ceil(chars / 4) + 1000;
  file.cases = [0, 1, 2, 3].map((i) => {
    const record = structuredClone(file.cases[0]);
    record.case.id = `corpus-big-${i}`;
    record.case.name = `コーパス 大 ${i}`;
    record.case.plan.person_wishes = 'x'.repeat(each);
    return record;
  });
  return JSON.stringify(file);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node tests/e2e/adversarial-corpus.mjs DIR');
    process.exit(2);
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of importCorpus()) {
    fs.writeFileSync(path.join(dir, entry.name), entry.bytes);
    console.log(`${entry.name}\t${entry.bytes.length} bytes\t${entry.what}`);
  }
}
