// インテーク（基本情報）とアセスメント（ストレングス: 生活領域 × 本人の願い / 家族の願い /
// 今の状況 / 強み・資源、意思決定支援の記録）: what the user types stays where they put it —
// across reloads, hiding/showing, adding rows, IME — with the keyboard only, and axe-clean.
import {
  setupSuite, appTest, gotoApp, gotoRoute, reloadApp, assert, eventually, sleep,
  createCase, casePage, openCase, readCaseRecord, tabTo, isFocused, assertNoAxeViolations, listedNames,
  waitForStored, imeType,
} from './helpers.mjs';

setupSuite();

const OWN_WORDS = '言葉をそのまま記録（「」で表示）';
const DOMAINS = ['日常生活・住まい', '経済', '仕事・学び', '人間関係・家族', '健康', '余暇・楽しみ', '信仰・文化・生きがい'];
const COLUMNS = ['本人の願い・希望', '家族の願い・希望', '今の状況', '強み・資源（これまで使ってきた力と資源）'];
const INTAKE = [
  ['referral', '相談に至った経緯'],
  ['guardian', '保護者'],
  ['life_history', '生活歴'],
  ['family', '家族の状況'],
  ['housing', '住居'],
  ['handbooks', '障害者手帳'],
  ['pension', '年金'],
  ['public_assistance', '生活保護'],
  ['medical', '医療・服薬'],
  ['assistive_devices', '補装具'],
  ['daily_routine_person', '一日の流れ（本人）'],
  ['daily_routine_carer', '一日の流れ（介護者）'],
];
const DS = {
  participation: '本人がどのように参加したか',
  supports: '使った支援（説明の工夫、時間、場所、同席者など）',
  estimated: '本人の意思を推定した部分がある',
  by: '推定した人（本人をよく知る人）',
  reason: '推定の根拠',
};

// ---------------------------------------------------------------------------------------
// helpers local to this file


/** Creates a case on the list and opens its インテーク page; returns its id. */
async function newCase(page, name, opts = {}) {
  await gotoApp(page);
  const id = await createCase(page, { name, ...opts });
  await openCase(page, name);
  await casePage(page).name.waitFor();
  return id;
}

async function gotoAssessment(page, id) {
  await gotoRoute(page, `#/case/${encodeURIComponent(id)}/assessment`);
  await assessmentReady(page);
}

async function assessmentReady(page) {
  await page.getByRole('main').getByRole('heading', { level: 2, name: 'アセスメント', exact: true }).waitFor();
  await page.getByRole('heading', { level: 3, name: '意思決定支援の記録', exact: true }).waitFor();
}

function intakeField(page, label) {
  return page.getByRole('main').getByRole('textbox', { name: label, exact: true });
}

/** A domain's section (a region named by its h3). */
function domainSection(page, domain) {
  return page.getByRole('main').getByRole('region', { name: domain, exact: true });
}

/** Labels of the visible domain sections, in screen order (the h3 of each section that has a hide button). */
async function shownDomains(page) {
  return page.getByRole('main').getByRole('button', { name: /^この領域を隠す（/ }).evaluateAll((buttons) =>
    buttons.map((b) => b.closest('section')?.querySelector('h3')?.textContent.trim() ?? '(見出しなし)'));
}

const ADD_PREFIX = { person: '本人の願い', family: '家族の願い', current: '今の状況', strengths: '強み・資源' };
const DELETE_NAME = { person: '本人の願いのこの記入を削除', family: '家族の願いのこの記入を削除', current: '今の状況のこの記入を削除', strengths: '強み・資源のこの記入を削除' };

function addButton(page, column, domain) {
  return page.getByRole('button', { name: `${ADD_PREFIX[column]}を追加（${domain}）`, exact: true });
}

/**
 * Clicks an add button (or presses Enter on it with `viaKeyboard`) and waits until a new
 * entry textarea (label 「内容」, id entry-<n>-text) has focus. Returns locators for it.
 */
async function addEntry(page, column, domain, { viaKeyboard = false } = {}) {
  const button = addButton(page, column, domain);
  const before = await page.locator('textarea[id^="entry-"]').evaluateAll((els) => els.map((e) => e.id));
  if (viaKeyboard) await page.keyboard.press('Enter');
  else await button.click();
  let elId;
  await eventually(async () => {
    elId = await page.evaluate(() => document.activeElement?.id ?? '');
    assert.match(elId, /^entry-\d+-text$/, `「${ADD_PREFIX[column]}を追加（${domain}）」のあと、新しい記入の「内容」にフォーカスが移りません（今: ${elId}）`);
    assert.ok(!before.includes(elId), `フォーカスが新しい記入ではなく既存の記入（${elId}）にあります`);
  });
  return entryById(page, elId);
}

function entryById(page, textareaId) {
  const text = page.locator(`#${textareaId}`);
  const li = text.locator('xpath=ancestor::li[1]');
  return {
    n: Number(/^entry-(\d+)-text$/.exec(textareaId)[1]),
    textareaId,
    text,
    li,
    ownWords: li.getByRole('checkbox', { name: OWN_WORDS, exact: true }),
    speaker: li.getByRole('combobox', { name: '話した人', exact: true }),
    kind: li.getByRole('combobox', { name: '強みの種類', exact: true }),
  };
}

/** The entries' 「内容」 textareas of one column block of one domain. */
function columnTexts(page, domain, columnHeading) {
  // The column block is the h4's parent.
  const block = domainSection(page, domain).getByRole('heading', { level: 4, name: columnHeading, exact: true }).locator('xpath=..');
  return block.getByRole('textbox', { name: '内容', exact: true });
}

async function selectedLabel(select) {
  return select.evaluate((s) => s.selectedOptions[0]?.textContent.trim());
}


function storedDomain(c, key) {
  const d = c.assessment?.domains?.find((x) => JSON.stringify(x.domain) === JSON.stringify(key));
  assert.ok(d, `保存データに領域 ${JSON.stringify(key)} がありません: ${JSON.stringify(c.assessment?.domains?.map((x) => x.domain))}`);
  return d;
}

// ---------------------------------------------------------------------------------------
// 1. インテーク

appTest('インテーク: 基本情報の各欄（入力・キー入力・IME）が保存され再読み込み後も残る。保護者は障害児のときだけ', async ({ context, page }) => {
  const id = await newCase(page, '基本 情報');
  const main = page.getByRole('main');
  await main.getByRole('heading', { level: 3, name: '基本情報', exact: true }).waitFor();

  // Non-child case: every field but 保護者, in the contract's order, each with its hint.
  const expectedLabels = INTAKE.filter(([k]) => k !== 'guardian').map(([, l]) => l);
  const labelsOf = () => main.locator('textarea').evaluateAll((els) =>
    els.map((e) => e.labels?.[0]?.textContent.trim() ?? `(ラベルなし: ${e.id})`));
  assert.deepEqual(await labelsOf(), expectedLabels, 'インテークのテキストエリア（ラベル）が契約どおりではありません');
  assert.equal(await intakeField(page, '保護者').count(), 0, '障害児でないケースに「保護者」欄が出ています');
  for (const label of expectedLabels) {
    const hint = await intakeField(page, label).evaluate((el) =>
      (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
        .map((i) => document.getElementById(i)?.textContent.trim() ?? '').join(' '));
    assert.ok(hint.length > 0, `「${label}」欄にヒント（aria-describedby）がありません`);
  }

  // fill, real key presses (with a newline), and IME composition (an autosave fires mid-composition).
  const values = {
    referral: '母から電話で相談。本人「一人暮らしをしてみたい」',
    life_history: '市内で生まれ、特別支援学校を卒業。',
    housing: '実家（持ち家）に両親と同居。',
    medical: '月1回 ○○クリニック',
  };
  for (const k of Object.keys(values)) await intakeField(page, INTAKE.find(([key]) => key === k)[1]).fill(values[k]);

  const routine = intakeField(page, '一日の流れ（本人）');
  await routine.click();
  await page.keyboard.type('7時 起床\n9時 作業所');
  values.daily_routine_person = '7時 起床\n9時 作業所';
  assert.ok(await isFocused(routine), '入力中に「一日の流れ（本人）」からフォーカスが外れました（欄が作り直されている?）');

  const cdp = await context.newCDPSession(page);
  const family = intakeField(page, '家族の状況');
  await family.click();
  await page.keyboard.type('父・');
  await imeType(cdp, 'はは', '母', { pauseMs: 600 });
  assert.ok(await isFocused(family), 'IME で入力中に「家族の状況」からフォーカスが外れました');
  await imeType(cdp, 'あに', '兄');
  await page.keyboard.type('(別居)');
  values.family = '父・母兄(別居)';
  assert.equal(await family.inputValue(), values.family, 'IME で入力した文字が壊れました（重複・欠落）');

  await waitForStored(page, id, (c) => {
    for (const [k, v] of Object.entries(values)) assert.equal(c.intake?.[k], v, `case.intake.${k} が入力どおりに保存されていません`);
    assert.equal(c.intake.pension, '', '入力していない欄（年金）に値が入っています');
  });

  await reloadApp(page);
  await casePage(page).name.waitFor();
  for (const [k, v] of Object.entries(values)) {
    const label = INTAKE.find(([key]) => key === k)[1];
    assert.equal(await intakeField(page, label).inputValue(), v, `再読み込み後の「${label}」が違います`);
  }
  assert.equal(await intakeField(page, '年金').inputValue(), '');

  // 保護者: shown only after checking the child box; its text survives unchecking/rechecking.
  const cp = casePage(page);
  await cp.child.check();
  const guardian = intakeField(page, '保護者');
  await guardian.waitFor();
  assert.deepEqual(await labelsOf(), INTAKE.map(([, l]) => l), '障害児にしたとき「保護者」が「相談に至った経緯」のすぐ後に出ません');
  assert.equal(await guardian.inputValue(), '');
  await guardian.click();
  await page.keyboard.type('母（保護者）');
  await cp.child.uncheck();
  await eventually(async () => assert.equal(await intakeField(page, '保護者').count(), 0, 'チェックを外しても「保護者」欄が消えません'));
  await cp.child.check();
  await guardian.waitFor();
  assert.equal(await guardian.inputValue(), '母（保護者）', '障害児のチェックを外して付け直すと、保護者欄に入力した内容が出ません');
  // Other fields are untouched by the toggling.
  assert.equal(await intakeField(page, '家族の状況').inputValue(), values.family);
  await waitForStored(page, id, (c) => {
    assert.equal(c.for_child, true);
    assert.equal(c.intake.guardian, '母（保護者）', 'case.intake.guardian が保存されていません');
  });
  await reloadApp(page);
  await intakeField(page, '保護者').waitFor();
  assert.equal(await intakeField(page, '保護者').inputValue(), '母（保護者）', '再読み込み後の「保護者」が違います');
});

// ---------------------------------------------------------------------------------------
// 2. アセスメント: entries

appTest('アセスメント: 本人の願い（言葉そのまま）・家族の願い（話した人=家族）・強み（才能・技能）が正しい列に保存され、削除もできる', async ({ page }) => {
  const id = await newCase(page, '願い W');
  // Reach アセスメント through the step nav.
  const nav = casePage(page).stepNav;
  await nav.getByRole('link', { name: 'アセスメント', exact: true }).click();
  await assessmentReady(page);
  assert.equal(await nav.getByRole('link', { name: 'アセスメント', exact: true }).getAttribute('aria-current'), 'page');

  // The seven default domains, each with the four column blocks and add buttons.
  assert.deepEqual(await shownDomains(page), DOMAINS, '既定の生活領域（7 つ）が順に出ていません');
  for (const d of DOMAINS) {
    const s = domainSection(page, d);
    const h4 = (await s.getByRole('heading', { level: 4 }).allInnerTexts()).map((x) => x.trim());
    assert.deepEqual(h4, COLUMNS, `「${d}」の列見出しが違います`);
    for (const col of Object.keys(ADD_PREFIX)) {
      const b = addButton(page, col, d);
      assert.equal(await b.count(), 1, `「${ADD_PREFIX[col]}を追加（${d}）」ボタンが 1 つではありません`);
    }
  }
  assert.equal(await page.getByRole('textbox', { name: '内容', exact: true }).count(), 0, '最初から記入欄があります');

  const D = '仕事・学び';
  // Person's wish: typed with the keyboard, own words.
  const p = await addEntry(page, 'person', D);
  await page.keyboard.type('パン屋で働きたい');
  assert.equal(await selectedLabel(p.speaker), '本人', '本人の願いの「話した人」の既定が「本人」ではありません');
  assert.equal(await p.ownWords.isChecked(), false);
  await p.ownWords.check();
  const speakerOptions = await p.speaker.evaluate((s) => [...s.options].map((o) => o.textContent.trim()));
  assert.deepEqual(speakerOptions, ['本人', '家族', '支援者', 'その他']);
  assert.equal(await p.kind.count(), 0, '本人の願いに「強みの種類」があります（強み・資源の列だけのはず）');

  // Family's wish: the speaker defaults to 家族.
  const f = await addEntry(page, 'family', D);
  assert.equal(await selectedLabel(f.speaker), '家族', '家族の願いの「話した人」の既定が「家族」ではありません');
  await f.text.fill('近くの事業所に通ってほしい');

  // Strength with kind 才能・技能.
  const s = await addEntry(page, 'strengths', D);
  await page.keyboard.type('パンをこねるのが上手');
  const kindOptions = await s.kind.evaluate((el) => [...el.options].map((o) => o.textContent.trim()));
  assert.deepEqual(kindOptions, ['未選択', '性質・性格', '才能・技能', '関心・願望', '環境']);
  assert.equal(await selectedLabel(s.kind), '未選択');
  await s.kind.selectOption({ label: '才能・技能' });
  assert.equal(await selectedLabel(s.speaker), '本人');

  // Current situation, then removed again.
  const c = await addEntry(page, 'current', D);
  await page.keyboard.type('消す予定の記入');

  const check = (cs) => {
    const d = storedDomain(cs, 'work_learning');
    assert.deepEqual(d.person_wishes.map((e) => [e.text, e.own_words, e.speaker]), [['パン屋で働きたい', true, 'person']],
      '本人の願いが person_wishes に（言葉そのまま・本人として）保存されていません');
    assert.deepEqual(d.family_wishes.map((e) => [e.text, e.own_words, e.speaker]), [['近くの事業所に通ってほしい', false, 'family']],
      '家族の願いが family_wishes に（家族として）保存されていません');
    assert.deepEqual(d.strengths.map((e) => [e.text, e.speaker, e.strength_kind]), [['パンをこねるのが上手', 'person', 'skill']],
      '強みが strengths に（才能・技能として）保存されていません');
    for (const other of ['finances', 'daily_living']) {
      const o = storedDomain(cs, other);
      assert.equal(o.person_wishes.length + o.family_wishes.length + o.current.length + o.strengths.length, 0, `別の領域（${other}）に記入が入りました`);
    }
    return d;
  };
  await waitForStored(page, id, (cs) => {
    check(cs);
    assert.deepEqual(storedDomain(cs, 'work_learning').current.map((e) => e.text), ['消す予定の記入']);
  });

  // Remove the current-situation entry.
  await c.li.getByRole('button', { name: DELETE_NAME.current, exact: true }).click();
  await eventually(async () => assert.equal(await c.text.count(), 0, '削除した記入が画面に残っています'));
  assert.equal(await columnTexts(page, D, '今の状況').count(), 0);
  await waitForStored(page, id, (cs) => {
    assert.deepEqual(storedDomain(cs, 'work_learning').current, [], '削除した記入が保存データに残っています');
    check(cs);
  });
  // The other entries are untouched on screen.
  assert.equal(await p.text.inputValue(), 'パン屋で働きたい');
  assert.equal(await f.text.inputValue(), '近くの事業所に通ってほしい');

  // Reload: everything is where it was put.
  await reloadApp(page);
  await assessmentReady(page);
  const texts = async (col) => columnTexts(page, D, col).evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(await texts('本人の願い・希望'), ['パン屋で働きたい'], '再読み込み後の本人の願いが違います');
  assert.deepEqual(await texts('家族の願い・希望'), ['近くの事業所に通ってほしい'], '再読み込み後の家族の願いが違います');
  assert.deepEqual(await texts('今の状況'), [], '削除した記入が再読み込みで戻りました');
  assert.deepEqual(await texts('強み・資源（これまで使ってきた力と資源）'), ['パンをこねるのが上手']);
  const p2 = entryById(page, p.textareaId);
  assert.equal(await p2.ownWords.isChecked(), true, '再読み込み後「言葉をそのまま記録」のチェックが外れています');
  assert.equal(await selectedLabel(p2.speaker), '本人');
  const f2 = entryById(page, f.textareaId);
  assert.equal(await f2.ownWords.isChecked(), false);
  assert.equal(await selectedLabel(f2.speaker), '家族', '再読み込み後の家族の願いの「話した人」が違います');
  assert.equal(await selectedLabel(entryById(page, s.textareaId).kind), '才能・技能', '再読み込み後の「強みの種類」が違います');
  const rec = await readCaseRecord(page, id);
  assert.ok(rec.schema_version >= 3, `schema_version が 3 以上ではありません: ${rec.schema_version}`);
  check(rec.case);
});

appTest('アセスメント: 入力中に別の記入を追加しても既存の文字は変わらない。IME での入力も壊れない', async ({ context, page }) => {
  const id = await newCase(page, '追加 A');
  await gotoAssessment(page, id);
  const D = '健康';

  // Type into the first entry and add a second one right away (before the autosave).
  const a = await addEntry(page, 'current', D);
  await page.keyboard.type('朝は起きにくい');
  const b = await addEntry(page, 'current', D);
  assert.equal(await a.text.inputValue(), '朝は起きにくい', '別の記入を追加したら、入力中だった記入の文字が変わりました');
  await page.keyboard.type('薬は自分で飲める');
  // Add into another column and another domain while the second one has text and focus.
  const c = await addEntry(page, 'person', '余暇・楽しみ');
  await page.keyboard.type('カラオケ');
  assert.equal(await a.text.inputValue(), '朝は起きにくい');
  assert.equal(await b.text.inputValue(), '薬は自分で飲める', '別の列に追加したら、入力中だった記入の文字が変わりました');
  assert.equal(await c.text.inputValue(), 'カラオケ');
  assert.deepEqual(await columnTexts(page, D, '今の状況').evaluateAll((els) => els.map((e) => e.value)),
    ['朝は起きにくい', '薬は自分で飲める'], '記入の順番が追加した順ではありません');

  // IME into an entry, with an autosave firing mid-composition; then add another entry.
  const cdp = await context.newCDPSession(page);
  const d = await addEntry(page, 'strengths', D);
  await imeType(cdp, 'さんぽ', '散歩', { pauseMs: 600 });
  assert.ok(await isFocused(d.text), 'IME で入力中に記入欄からフォーカスが外れました（欄が作り直されている?）');
  await page.keyboard.type('が');
  await imeType(cdp, 'すき', '好き');
  assert.equal(await d.text.inputValue(), '散歩が好き', 'IME で入力した文字が壊れました（重複・欠落）');
  const e = await addEntry(page, 'strengths', D);
  assert.equal(await d.text.inputValue(), '散歩が好き', '追加で IME 入力した記入の文字が変わりました');
  await imeType(cdp, 'いぬ', '犬');
  assert.equal(await e.text.inputValue(), '犬');

  await waitForStored(page, id, (cs) => {
    const h = storedDomain(cs, 'health');
    assert.deepEqual(h.current.map((x) => x.text), ['朝は起きにくい', '薬は自分で飲める']);
    assert.deepEqual(h.strengths.map((x) => x.text), ['散歩が好き', '犬'], 'IME で入力した強みの保存内容が違います');
    assert.deepEqual(storedDomain(cs, 'leisure').person_wishes.map((x) => x.text), ['カラオケ']);
    const ids = [...h.current, ...h.strengths, ...storedDomain(cs, 'leisure').person_wishes].map((x) => x.id);
    assert.equal(new Set(ids).size, ids.length, `記入の id が重複しています: ${ids}`);
    assert.ok(cs.assessment.next_entry_id > Math.max(...ids), 'next_entry_id が既存の id より大きくありません');
  });
  await reloadApp(page);
  await assessmentReady(page);
  assert.deepEqual(await columnTexts(page, D, '強み・資源（これまで使ってきた力と資源）').evaluateAll((els) => els.map((x) => x.value)),
    ['散歩が好き', '犬']);
});

// ---------------------------------------------------------------------------------------
// 3. Domains

appTest('領域: 隠す → 「隠している領域」に出る → 再表示で内容ごと戻る。独自の領域の追加、空・重複の名前はエラー', async ({ page }) => {
  const id = await newCase(page, '領域 R');
  await gotoAssessment(page, id);
  const hiddenHeading = page.getByRole('heading', { level: 3, name: '隠している領域', exact: true });
  assert.equal(await hiddenHeading.count(), 0, '何も隠していないのに「隠している領域」が出ています');

  const e = await addEntry(page, 'person', '経済');
  await page.keyboard.type('自分でお金を管理したい');
  await page.getByRole('button', { name: 'この領域を隠す（経済）', exact: true }).click();
  await eventually(async () => assert.equal(await domainSection(page, '経済').count(), 0, '隠した「経済」の欄が消えません'));
  assert.deepEqual(await shownDomains(page), DOMAINS.filter((d) => d !== '経済'));
  await hiddenHeading.waitFor();
  const hiddenList = page.getByRole('region', { name: '隠している領域', exact: true });
  assert.deepEqual((await hiddenList.getByRole('listitem').allInnerTexts()).map((t) => t.replace(/\s*再表示\s*$/, '').trim()), ['経済'],
    '「隠している領域」の一覧が違います');
  const reshow = hiddenList.getByRole('button', { name: '再表示（経済）', exact: true });
  await reshow.waitFor();
  await waitForStored(page, id, (c) => {
    const d = storedDomain(c, 'finances');
    assert.equal(d.hidden, true, '隠した領域が hidden: true で保存されていません');
    assert.deepEqual(d.person_wishes.map((x) => x.text), ['自分でお金を管理したい'], '隠したら書いた内容が消えました');
  });
  // Hidden across a reload, too.
  await reloadApp(page);
  await assessmentReady(page);
  assert.equal(await domainSection(page, '経済').count(), 0, '再読み込みで隠した領域が戻りました');
  await reshow.click();
  await domainSection(page, '経済').waitFor();
  assert.equal(await hiddenHeading.count(), 0, '全部再表示したのに「隠している領域」が残っています');
  assert.deepEqual(await shownDomains(page), DOMAINS, '再表示した領域が元の位置に戻りません');
  assert.deepEqual(await columnTexts(page, '経済', '本人の願い・希望').evaluateAll((els) => els.map((x) => x.value)),
    ['自分でお金を管理したい'], '再表示した領域に書いた内容が出ません');
  assert.equal(await entryById(page, e.textareaId).text.count(), 1);
  await waitForStored(page, id, (c) => assert.equal(storedDomain(c, 'finances').hidden, false));

  // Add a custom domain.
  const name = page.getByRole('textbox', { name: '追加する領域の名前', exact: true });
  const submit = page.getByRole('button', { name: '領域を追加', exact: true });
  await name.fill('移動');
  await submit.click();
  await domainSection(page, '移動').waitFor();
  assert.deepEqual(await shownDomains(page), [...DOMAINS, '移動'], '追加した領域が最後に出ません');
  assert.equal(await name.inputValue(), '', '追加したあと名前の欄が空になりません');
  assert.notEqual(await name.getAttribute('aria-invalid'), 'true');
  const m = await addEntry(page, 'strengths', '移動');
  await page.keyboard.type('バスに一人で乗れる');
  await waitForStored(page, id, (c) => {
    const d = storedDomain(c, { custom: '移動' });
    assert.equal(d.hidden, false);
    assert.deepEqual(d.strengths.map((x) => x.text), ['バスに一人で乗れる']);
    assert.equal(c.assessment.domains.length, 8);
  });

  // Errors: empty, duplicate of a default, duplicate of a custom one.
  const errorOf = async () => {
    assert.equal(await name.getAttribute('aria-invalid'), 'true', '名前の欄に aria-invalid="true" がありません');
    return name.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)
      .map((i) => document.getElementById(i)?.textContent.trim() ?? '').join(' '));
  };
  const before = await readCaseRecord(page, id);
  await name.fill('');
  await submit.click();
  await page.getByText('領域の名前を入力してください。', { exact: true }).waitFor();
  assert.match(await errorOf(), /領域の名前を入力してください。/, 'エラーの文が名前の欄に aria-describedby で結びついていません');
  await name.fill('  経済 ');
  await submit.click();
  await page.getByText('同じ名前の領域がすでにあります。', { exact: true }).waitFor();
  assert.match(await errorOf(), /同じ名前の領域がすでにあります。/);
  await name.fill('移動');
  await submit.click();
  await page.getByText('同じ名前の領域がすでにあります。', { exact: true }).waitFor();
  assert.equal(await name.getAttribute('aria-invalid'), 'true');
  assert.equal(await domainSection(page, '移動').count(), 1, '同じ名前の領域が 2 つできました');
  assert.deepEqual(await shownDomains(page), [...DOMAINS, '移動']);
  // A good name clears the error.
  await name.fill('通院');
  await submit.click();
  await domainSection(page, '通院').waitFor();
  await eventually(async () => assert.equal(await page.getByText('同じ名前の領域がすでにあります。', { exact: true }).isVisible(), false, '正しく追加してもエラーの文が消えません'));
  assert.notEqual(await name.getAttribute('aria-invalid'), 'true', '正しく追加しても aria-invalid="true" のままです');

  await reloadApp(page);
  await assessmentReady(page);
  assert.deepEqual(await shownDomains(page), [...DOMAINS, '移動', '通院'], '再読み込み後の領域が違います');
  assert.equal(await entryById(page, m.textareaId).text.inputValue(), 'バスに一人で乗れる');
  const after = await readCaseRecord(page, id);
  assert.deepEqual(after.case.assessment.domains.slice(7).map((d) => d.domain), [{ custom: '移動' }, { custom: '通院' }]);
  // The refused names changed nothing: the only difference is the one good domain.
  assert.deepEqual(before.case.assessment.domains, after.case.assessment.domains.slice(0, 8));
});

appTest('領域: 名前が空・重複で追加できなかったときは、ケースは変更されない（一覧の順と最終更新が変わらない）', async ({ page }) => {
  await gotoApp(page);
  const id = await createCase(page, { name: '古い ケース' });
  await sleep(50);
  await createCase(page, { name: '新しい ケース' });
  assert.deepEqual(await listedNames(page), ['新しい ケース', '古い ケース']);
  const before = await readCaseRecord(page, id);
  await gotoAssessment(page, id);
  const name = page.getByRole('textbox', { name: '追加する領域の名前', exact: true });
  const submit = page.getByRole('button', { name: '領域を追加', exact: true });
  await submit.click();
  await page.getByText('領域の名前を入力してください。', { exact: true }).waitFor();
  await name.fill('健康');
  await submit.click();
  await page.getByText('同じ名前の領域がすでにあります。', { exact: true }).waitFor();
  await sleep(900); // past the 400 ms autosave
  await casePage(page).back.click();
  await page.getByRole('heading', { level: 1, name: 'ケース一覧' }).waitFor();
  const after = await readCaseRecord(page, id);
  assert.deepEqual(after.case.assessment, before.case.assessment, '追加できなかったのにアセスメントの内容が変わりました');
  assert.deepEqual(await listedNames(page), ['新しい ケース', '古い ケース'],
    '領域を追加できなかった（エラー）だけなのに、そのケースが一覧の先頭に来ました（最終更新が変わった）');
  assert.equal(after.case.updated_at, before.case.updated_at,
    `領域を追加できなかったのにケースの最終更新が変わりました: ${before.case.updated_at} → ${after.case.updated_at}`);
});

// ---------------------------------------------------------------------------------------
// 4. 意思決定支援の記録

appTest('意思決定支援: 入力、推定ありで出る 2 欄はチェックを外して付け直しても内容が出る。再読み込み後も残る', async ({ page }) => {
  const id = await newCase(page, '意思 D');
  await gotoAssessment(page, id);
  const part = page.getByRole('textbox', { name: DS.participation, exact: true });
  const sup = page.getByRole('textbox', { name: DS.supports, exact: true });
  const est = page.getByRole('checkbox', { name: DS.estimated, exact: true });
  const by = () => page.getByRole('textbox', { name: DS.by, exact: true });
  const reason = () => page.getByRole('textbox', { name: DS.reason, exact: true });

  assert.equal(await est.isChecked(), false);
  assert.equal(await by().count(), 0, '推定のチェック前から「推定した人」欄が出ています');
  assert.equal(await reason().count(), 0, '推定のチェック前から「推定の根拠」欄が出ています');

  await part.fill('写真カードを見ながら自分で選んだ');
  await sup.click();
  await page.keyboard.type('自宅で、母同席、30分ずつ2回');
  await est.check();
  await by().waitFor();
  await by().click();
  await page.keyboard.type('母（30年一緒に暮らす）');
  await reason().fill('以前、作業所の見学で笑顔だった');

  await est.uncheck();
  await eventually(async () => assert.equal(await by().count() + await reason().count(), 0, 'チェックを外しても推定の欄が消えません'));
  await est.check();
  await by().waitFor();
  assert.equal(await by().inputValue(), '母（30年一緒に暮らす）', 'チェックを外して付け直すと「推定した人」に入力した内容が出ません');
  assert.equal(await reason().inputValue(), '以前、作業所の見学で笑顔だった', 'チェックを外して付け直すと「推定の根拠」に入力した内容が出ません');
  assert.equal(await part.inputValue(), '写真カードを見ながら自分で選んだ');

  const expected = {
    participation: '写真カードを見ながら自分で選んだ',
    supports_used: '自宅で、母同席、30分ずつ2回',
    estimated: true,
    estimated_by: '母（30年一緒に暮らす）',
    estimation_reason: '以前、作業所の見学で笑顔だった',
  };
  await waitForStored(page, id, (c) => assert.deepEqual(c.assessment?.decision_support, expected, '意思決定支援の記録の保存内容が違います'));

  await reloadApp(page);
  await assessmentReady(page);
  assert.equal(await est.isChecked(), true, '再読み込み後「推定した部分がある」のチェックが外れています');
  await by().waitFor();
  assert.equal(await by().inputValue(), expected.estimated_by);
  assert.equal(await reason().inputValue(), expected.estimation_reason);
  assert.equal(await part.inputValue(), expected.participation);
  assert.equal(await sup.inputValue(), expected.supports_used);
});

// ---------------------------------------------------------------------------------------
// 5. Keyboard only

appTest('キーボードだけで: ケース画面からアセスメントへ移り、Enter で記入を追加して入力、保存される', async ({ page }) => {
  const id = await newCase(page, '鍵盤 K');
  const nav = casePage(page).stepNav;
  const link = nav.getByRole('link', { name: 'アセスメント', exact: true });
  await page.locator('body').focus().catch(() => {});
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await assessmentReady(page);
  assert.match(new URL(page.url()).hash, /\/assessment$/, 'Enter でアセスメントの URL になりません');

  const button = addButton(page, 'person', '日常生活・住まい');
  await tabTo(page, button);
  const e = await addEntry(page, 'person', '日常生活・住まい', { viaKeyboard: true });
  await page.keyboard.type('自分の部屋がほしい');
  assert.equal(await e.text.inputValue(), '自分の部屋がほしい');
  // Own words with Space, speaker with the arrow keys.
  await tabTo(page, e.ownWords);
  await page.keyboard.press('Space');
  assert.equal(await e.ownWords.isChecked(), true, 'Space で「言葉をそのまま記録」がオンになりません');
  await tabTo(page, e.speaker);
  assert.equal(await selectedLabel(e.speaker), '本人');
  // A second entry in the strengths column, again with Enter.
  await tabTo(page, addButton(page, 'strengths', '日常生活・住まい'));
  const s = await addEntry(page, 'strengths', '日常生活・住まい', { viaKeyboard: true });
  await page.keyboard.type('掃除が得意');
  await tabTo(page, s.kind);
  await page.keyboard.press('ArrowDown'); // 未選択 → 性質・性格
  await page.keyboard.press('ArrowDown'); // → 才能・技能
  assert.equal(await selectedLabel(s.kind), '才能・技能', '矢印キーで「強みの種類」を選べません');

  await waitForStored(page, id, (c) => {
    const d = storedDomain(c, 'daily_living');
    assert.deepEqual(d.person_wishes.map((x) => [x.text, x.own_words, x.speaker]), [['自分の部屋がほしい', true, 'person']]);
    assert.deepEqual(d.strengths.map((x) => [x.text, x.strength_kind]), [['掃除が得意', 'skill']]);
  });
});

appTest('キーボード・読み上げ: 記入の削除・領域を隠す・再表示のあともフォーカスが画面内に残り、領域名のエラーが伝わる', async ({ page }) => {
  const id = await newCase(page, '焦点 F');
  await gotoAssessment(page, id);
  const problems = [];
  const focusOk = async (what) => {
    // The app moves focus on the next animation frame after re-rendering: allow a few frames.
    let where;
    for (let i = 0; i < 20; i++) {
      where = await page.evaluate(() => {
        const el = document.activeElement;
        const inMain = !!el && !!document.querySelector('main')?.contains(el);
        return { inMain, what: el ? `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` : '(なし)' };
      });
      if (where.inMain) break;
      await page.waitForTimeout(25);
    }
    if (!where.inMain) problems.push(`${what}のあと、フォーカスが <main> の外（${where.what}）に落ちました: キーボードの利用者は位置を失います`);
  };

  const a = await addEntry(page, 'person', '経済');
  await page.keyboard.type('残す');
  const b = await addEntry(page, 'person', '経済');
  await page.keyboard.type('消す');
  await tabTo(page, b.li.getByRole('button', { name: DELETE_NAME.person, exact: true }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await b.text.count(), 0, 'Enter で記入を削除できません'));
  await focusOk('記入の削除（Enter）');
  assert.equal(await a.text.inputValue(), '残す');

  await tabTo(page, page.getByRole('button', { name: 'この領域を隠す（経済）', exact: true }), { max: 100, shift: true });
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await domainSection(page, '経済').count(), 0, 'Enter で領域を隠せません'));
  await focusOk('領域を隠す（Enter）');

  const reshow = page.getByRole('button', { name: '再表示（経済）', exact: true });
  await reshow.focus();
  await page.keyboard.press('Enter');
  await domainSection(page, '経済').waitFor();
  await focusOk('再表示（Enter）');

  // The empty-name error must reach a screen reader: focus moves to the field (whose
  // description is the error) or the message is in a live region.
  const name = page.getByRole('textbox', { name: '追加する領域の名前', exact: true });
  await page.getByRole('button', { name: '領域を追加', exact: true }).focus();
  await page.keyboard.press('Enter');
  const msg = page.getByText('領域の名前を入力してください。', { exact: true });
  await msg.waitFor();
  const announced = await msg.evaluate((el) => !!el.closest('[role="alert"], [role="status"], [aria-live="polite"], [aria-live="assertive"]'));
  if (!(await isFocused(name)) && !announced) {
    const active = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 80));
    problems.push(`領域名が空のエラー: フォーカスは ${active} のまま、エラーの文はライブリージョンにもなく、スクリーンリーダーには何も伝わりません`);
  }
  assert.deepEqual(problems, [], problems.join('\n'));
});

// ---------------------------------------------------------------------------------------
// 6. axe

appTest('axe: インテーク（障害児・保護者欄あり）、アセスメント（4 列に記入・隠した領域・推定の欄・領域名のエラー）', async ({ page }) => {
  const id = await newCase(page, 'アクセス 評価');
  const cp = casePage(page);
  await cp.child.check();
  await intakeField(page, '保護者').fill('父');
  await intakeField(page, '相談に至った経緯').fill('本人から');
  await assertNoAxeViolations(page, 'インテーク（障害児）');

  await cp.stepNav.getByRole('link', { name: 'アセスメント', exact: true }).click();
  await assessmentReady(page);
  for (const [i, col] of Object.keys(ADD_PREFIX).entries()) {
    await addEntry(page, col, '人間関係・家族');
    await page.keyboard.type(`記入 ${i + 1}`);
  }
  await addEntry(page, 'strengths', '健康');
  await page.getByRole('button', { name: 'この領域を隠す（経済）', exact: true }).click();
  await page.getByRole('button', { name: 'この領域を隠す（信仰・文化・生きがい）', exact: true }).click();
  await page.getByRole('heading', { level: 3, name: '隠している領域', exact: true }).waitFor();
  await page.getByRole('checkbox', { name: DS.estimated, exact: true }).check();
  await page.getByRole('textbox', { name: DS.by, exact: true }).waitFor();
  await page.getByRole('textbox', { name: '追加する領域の名前', exact: true }).fill('移動');
  await page.getByRole('button', { name: '領域を追加', exact: true }).click();
  await domainSection(page, '移動').waitFor();
  await assertNoAxeViolations(page, 'アセスメント');

  await page.getByRole('button', { name: '領域を追加', exact: true }).click();
  await page.getByText('領域の名前を入力してください。', { exact: true }).waitFor();
  await assertNoAxeViolations(page, 'アセスメント（領域名のエラー）');
  await waitForStored(page, id, (c) => assert.equal(storedDomain(c, 'relationships').strengths.length, 1));
});
