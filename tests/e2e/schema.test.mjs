// The export file's JSON Schema (public/schema/case.schema.json), checked with ajv (draft
// 2020-12, strict mode, formats): the sample files, the training cases (public/training/),
// a maximal export and a batch of generated exports written by the Rust code validate;
// malformed files are refused, each for the reason it is malformed. No browser, no build: only `cargo test` must have run before
// (tests/it/export_file.rs and tests/it/roundtrip.rs write target/schema-check/).
//
// Run:  cargo test && node --test tests/e2e/schema.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCHEMA_PATH = path.join(ROOT, 'public/schema/case.schema.json');
const CHECK_DIR = path.join(ROOT, 'target/schema-check');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

let compiled = null;
/** The schema compiled once, in strict mode (unknown keywords, loose types … are errors). */
function validator() {
  if (!compiled) {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    compiled = ajv.compile(readJson(SCHEMA_PATH));
  }
  return compiled;
}

/** ajv's errors, one per line, for assertion messages. */
function describe(errors) {
  return (errors ?? []).map((e) => `  ${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`).join('\n');
}

function assertValid(data, what) {
  const validate = validator();
  assert.ok(validate(data), `${what} がスキーマに合いません:\n${describe(validate.errors)}`);
}

/** An export the Rust tests wrote; fails with what to do when `cargo test` has not run. */
function rustExport(name, writer) {
  const file = path.join(CHECK_DIR, name);
  if (!fs.existsSync(file)) {
    assert.fail(`${path.relative(ROOT, file)} がありません。先に \`cargo test\` を実行してください（${writer} が書き出します）。`);
  }
  return readJson(file);
}

/** Every property name the schema defines, anywhere. */
function schemaPropertyNames(node, names = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => schemaPropertyNames(n, names));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'properties') Object.keys(v).forEach((p) => names.add(p));
      schemaPropertyNames(v, names);
    }
  }
  return names;
}

/** Every key present in a JSON document, at any depth. */
function keysIn(node, keys = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => keysIn(n, keys));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      keys.add(k);
      keysIn(v, keys);
    }
  }
  return keys;
}

test('スキーマ: draft 2020-12 として strict モードでコンパイルできる', () => {
  const schema = readJson(SCHEMA_PATH);
  assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.equal(schema.properties.schema_version.const, 9);
  validator();
});

test('サンプル: public/samples/index.json の全ファイルがスキーマに合う（形式 9）', () => {
  const index = readJson(path.join(ROOT, 'public/samples/index.json'));
  assert.ok(index.samples.length > 0);
  for (const s of index.samples) {
    const data = readJson(path.join(ROOT, 'public/samples', s.file));
    assert.equal(data.schema_version, 9, `${s.file} は schema_version ${data.schema_version} です（形式 9 への更新が必要）`);
    assertValid(data, s.file);
  }
});

test('研修ケース: public/training/index.json の下書きと模範の全ファイルがスキーマに合う（形式 9）', () => {
  const index = readJson(path.join(ROOT, 'public/training/index.json'));
  assert.ok(index.cases.length >= 8, `研修ケースが ${index.cases.length} 件しかありません`);
  for (const c of index.cases) {
    for (const file of [c.draft, c.model]) {
      const data = readJson(path.join(ROOT, 'public/training', file));
      assert.equal(data.schema_version, 9, `${file} は schema_version ${data.schema_version} です（形式 9 への更新が必要）`);
      assertValid(data, file);
    }
  }
});

test('Rust の書き出し: すべての欄を埋めたケースの書き出し（export_cases）がスキーマに合い、スキーマの全項目を含む', () => {
  const data = rustExport('full-export.json', 'tests/it/export_file.rs');
  assertValid(data, 'target/schema-check/full-export.json');
  // The export is maximal: every property the schema knows occurs in it at least once.
  const present = keysIn(data);
  const missing = [...schemaPropertyNames(readJson(SCHEMA_PATH))].filter((p) => !present.has(p));
  assert.deepEqual(missing, [], `full-export.json にない項目: ${missing.join(', ')}（tests/it/export_file.rs の maximal_case に加えてください）`);
});

test('Rust の書き出し: 生成した様々なケース（proptest の生成器、固定シード）の書き出しがスキーマに合う', () => {
  const data = rustExport('generated-export.json', 'tests/it/roundtrip.rs');
  assert.ok(data.cases.length >= 10, `ケースが少なすぎます: ${data.cases.length}`);
  assertValid(data, 'target/schema-check/generated-export.json');
});

test('不正なファイル: それぞれ該当する箇所で拒否される', () => {
  const good = rustExport('full-export.json', 'tests/it/export_file.rs');
  const CASE = '/cases/0/case';
  const broken = [
    ['format が違う', (d) => { d.format = 'soudan-workbench-set-aside'; }, '/format', 'const'],
    ['氏名が空', (d) => { d.cases[0].case.name = ''; }, `${CASE}/name`, 'minLength'],
    ['氏名が空白だけ', (d) => { d.cases[0].case.name = '　'; }, `${CASE}/name`, 'pattern'],
    ['氏名の前後に空白', (d) => { d.cases[0].case.name = ' A.K.'; }, `${CASE}/name`, 'pattern'],
    ['氏名が41文字', (d) => { d.cases[0].case.name = 'あ'.repeat(41); }, `${CASE}/name`, 'maxLength'],
    ['知らない段階', (d) => { d.cases[0].case.stage = 'closed'; }, `${CASE}/stage`, 'enum'],
    ['時刻が 25:00', (d) => { d.cases[0].case.plan.schedule.slots[0].start = '25:00'; }, `${CASE}/plan/schedule/slots/0/start`, 'pattern'],
    ['時刻が 09:00（アプリは 9:00 と書く）', (d) => { d.cases[0].case.plan.schedule.slots[0].end = '09:00'; }, `${CASE}/plan/schedule/slots/0/end`, 'pattern'],
    ['ケースの id がない', (d) => { delete d.cases[0].case.id; }, CASE, 'required'],
    ['ケースの id に使えない文字', (d) => { d.cases[0].case.id = 'a/b'; }, `${CASE}/id`, 'pattern'],
    ['障害支援区分が 7', (d) => { d.cases[0].case.support_category = '7'; }, `${CASE}/support_category`, 'enum'],
    ['知らない項目', (d) => { d.cases[0].case.plan.needs[0].priority = 1; }, `${CASE}/plan/needs/0`, 'additionalProperties'],
    ['封筒が形式 4', (d) => { d.cases[0].schema_version = 4; }, '/cases/0/schema_version', 'const'],
    ['確定した計画に同意がない', (d) => { d.cases[0].case.final_plans[0].consent = null; }, `${CASE}/final_plans/0/consent`, 'type'],
    ['計画案に同意がある', (d) => { d.cases[0].case.plan.status = 'draft'; }, `${CASE}/plan/consent`, 'type'],
    ['強みの種類が強み以外の列に', (d) => { d.cases[0].case.assessment.domains[0].person_wishes[0].strength_kind = 'skill'; }, `${CASE}/assessment/domains/0/person_wishes/0`, 'additionalProperties'],
    ['日時にオフセットがない', (d) => { d.cases[0].case.updated_at = '2026-11-27T10:42:00'; }, `${CASE}/updated_at`, 'format'],
    ['1回の時間が 24 を超える', (d) => { d.cases[0].case.plan.needs[0].supports[0].amount.hours = 25; }, `${CASE}/plan/needs/0/supports/0/amount/hours`, 'maximum'],
    ['回数が 93 を超える', (d) => { d.cases[0].case.plan.needs[0].supports[0].amount.times = 94; }, `${CASE}/plan/needs/0/supports/0/amount/times`, 'maximum'],
    ['モニタリング期間が 4 か月', (d) => { d.cases[0].case.plan.monitoring.interval_months = 4; }, `${CASE}/plan/monitoring/interval_months`, 'enum'],
    ['知らない列', (d) => { d.cases[0].case.plan.schedule.slots[0].columns[0] = 'sun'; }, `${CASE}/plan/schedule/slots/0/columns/0`, 'enum'],
    ['ID が 2147483647 を超える', (d) => { d.cases[0].case.plan.needs[0].id = 2147483648; }, `${CASE}/plan/needs/0/id`, 'maximum'],
    ['「該当しない」に理由がない', (d) => { delete d.cases[0].case.final_plans[0].check_marks[0].reason; }, `${CASE}/final_plans/0/check_marks/0`, 'required'],
    ['知らない印', (d) => { d.cases[0].case.plan.check_marks[0].status = 'ignored'; }, `${CASE}/plan/check_marks/0/status`, 'enum'],
    ['封筒が新しい形式 10', (d) => { d.cases[0].schema_version = 10; }, '/cases/0/schema_version', 'const'],
    ['決定したモニタリング期間が 13 か月', (d) => { d.cases[0].case.benefit_decision.monitoring_interval_months = 13; }, `${CASE}/benefit_decision/monitoring_interval_months`, 'maximum'],
    ['開始月が 2027-4（アプリは 2027-04 と書く）', (d) => { d.cases[0].case.benefit_decision.monitoring_start = '2027-4'; }, `${CASE}/benefit_decision/monitoring_start`, 'pattern'],
    ['記録済みのモニタリングに実施日がない', (d) => { delete d.cases[0].case.monitoring_reports[0].held_on; }, `${CASE}/monitoring_reports/0`, 'required'],
    ['担当者会議に開催日がない', (d) => { delete d.cases[0].case.team_meetings[0].held_on; }, `${CASE}/team_meetings/0`, 'required'],
    ['出席者に知らない立場', (d) => { d.cases[0].case.team_meetings[0].attendees[0].role = 'friend'; }, `${CASE}/team_meetings/0/attendees/0/role`, 'enum'],
    ['計画変更の必要性に知らない欄', (d) => { d.cases[0].case.monitoring_reports[1].rows[0].change_needed.time = true; }, `${CASE}/monitoring_reports/1/rows/0/change_needed`, 'additionalProperties'],
  ];
  const validate = validator();
  assert.ok(validate(good), describe(validate.errors));
  for (const [what, spoil, at, keyword] of broken) {
    const data = structuredClone(good);
    spoil(data);
    assert.equal(validate(data), false, `${what}: 拒否されませんでした`);
    assert.ok(
      validate.errors.some((e) => e.instancePath === at && e.keyword === keyword),
      `${what}: ${at} の ${keyword} で拒否されるはずが:\n${describe(validate.errors)}`,
    );
  }
});
