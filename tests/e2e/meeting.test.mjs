// 担当者会議 (issue 14 part 1): a サービス担当者会議 recorded with the keyboard only (errors in
// Japanese in a focused summary, what was typed kept, nothing stored), attendees as a list of
// rows (本人 absent with the reason, a row added, a blank row dropped), listed with 和暦, printed
// as a 会議録 on one A4 portrait page (pdftotext: header, attendees, items, conclusion); IME
// typing survives rows added and removed; a correction is a new record and the old one stays
// as 訂正前; the plan check's finding leads to the screen; axe on each screen. What is typed is a
// draft kept with the case: it survives going to another step and a reload, a refused record
// keeps it, a record clears it; 「下書きを消す」 and a correction over typing ask first.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  setupSuite, appTest, assert, gotoRoute, reloadApp, eventually, textOf, tabTo, isFocused, assertNoAxeViolations,
  waitForStored, readCaseRecord, storeEnvelopes, sampleEnvelope, imeType, checkPanel, casePage,
  setPassphrase, unlock, lockHeading,
} from './helpers.mjs';

setupSuite();

const TOKYO = { timezoneId: 'Asia/Tokyo' };

function pdfText(buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'meeting-pdf-'));
  const file = path.join(dir, 'meeting.pdf');
  fs.writeFileSync(file, buffer);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(info)[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(info);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true });
  return { pages, width: Number(size[1]), height: Number(size[2]), all: text.replace(/\s+/g, '') };
}

/** A sample stored as the app stores it, then the 担当者会議 step opened. */
async function openStep(page, envelope) {
  await storeEnvelopes(page, [envelope]);
  await gotoRoute(page, `#/case/${envelope.case.id}/team-meeting`);
  await reloadApp(page);
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
}

const row = (page, n) => page.getByRole('group', { name: `出席者${n}`, exact: true });
const field = (page, label) => page.getByRole('textbox', { name: label, exact: true });

appTest('担当者会議：キーボードだけで記録でき（誤りはまとめて日本語で、入力は残る）、一覧に和暦で出て、会議録が A4 縦 1 ページに印刷される', async ({ page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json');
  const id = env.case.id;
  await openStep(page, env);
  assert.match(await textOf(page.getByText(/ここで記録する会議は/)), /今の「計画案（第1版）」を話し合った会議として記録します/);
  assert.equal(await textOf(page.locator('.empty')), 'まだ記録していません。');
  // The planner's row starts from the plan's header.
  assert.equal(await row(page, 4).getByRole('textbox', { name: '氏名', exact: true }).inputValue(), '相談員 中村（架空）');

  // Bad input: one focused summary with every reason; the typed date stays; nothing stored.
  const heldOn = field(page, '開催日');
  await tabTo(page, heldOn);
  await page.keyboard.type('12月5日');
  await tabTo(page, page.getByRole('button', { name: '会議を記録する', exact: true }));
  await page.keyboard.press('Enter');
  const summary = page.locator('#meeting-errors');
  await eventually(async () => assert.ok(await isFocused(summary), 'エラーのまとめにフォーカスがありません'));
  const said = await textOf(summary);
  for (const words of ['開催日は「2027年4月10日」や「R9.4.10」のように入力してください。', '開催場所を入力してください', '検討した項目を入力してください。', '結論を入力してください。']) {
    assert.ok(said.includes(words), `「${words}」がありません: ${said}`);
  }
  assert.equal(await heldOn.inputValue(), '12月5日');
  assert.equal(await heldOn.getAttribute('aria-invalid'), 'true');
  assert.equal((await readCaseRecord(page, id)).case.team_meetings, undefined, '誤りのある記録が保存されています');
  await assertNoAxeViolations(page, '担当者会議（誤りあり）');

  // Fixed, by keyboard: 本人 absent with the reason, the father, a doctor added as a new row.
  await tabTo(page, heldOn);
  await page.keyboard.press('Control+A');
  await page.keyboard.type('R8.12.5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('10:00〜11:00');
  await page.keyboard.press('Tab');
  await page.keyboard.type('本人の自宅');
  await tabTo(page, row(page, 1).getByRole('checkbox', { name: '出席した' }));
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await page.keyboard.type('体調を崩して欠席。前日に電話で本人の意向を聞いた');
  await tabTo(page, row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }));
  await page.keyboard.type('父');
  await page.keyboard.press('Tab');
  await page.keyboard.type('森下 ひろし（架空）');
  await tabTo(page, page.getByRole('button', { name: '出席者を追加', exact: true }));
  await page.keyboard.press('Enter');
  const role5 = row(page, 5).getByRole('combobox', { name: '立場' });
  await eventually(async () => assert.ok(await isFocused(role5), '追加した行の「立場」にフォーカスがありません'));
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowDown');
  assert.equal(await role5.inputValue(), 'medical');
  await page.keyboard.press('Tab');
  await page.keyboard.type('みなと診療所（架空） 医師');
  await page.keyboard.press('Tab');
  await page.keyboard.type('岡田（架空）');
  await tabTo(page, field(page, '検討した項目'));
  await page.keyboard.type('就労移行支援を使うかどうか');
  await tabTo(page, field(page, '結論'));
  await page.keyboard.type('計画案のとおり、1月から就労移行支援に通う。');
  await page.keyboard.press('Tab');
  await page.keyboard.type('通勤の練習にだれが付き添うか');
  await tabTo(page, page.getByRole('button', { name: '会議を記録する', exact: true }));
  await page.keyboard.press('Enter');

  const done = page.locator('#meeting-done');
  await eventually(async () => assert.ok(await isFocused(done), '記録したことの知らせにフォーカスがありません'));
  assert.match(await textOf(done), /R8\.12\.5の会議を記録しました/);
  await waitForStored(page, id, (c) => {
    assert.equal(c.stage, 'team_meeting');
    assert.equal(c.team_meetings.length, 1);
    const m = c.team_meetings[0];
    assert.deepEqual([m.id, m.plan_version, m.on_draft, m.held_on, m.time, m.place], [1, 1, true, '2026-12-05', '10:00〜11:00', '本人の自宅']);
    assert.deepEqual(m.attendees, [
      { role: 'person', present: false, absence_note: '体調を崩して欠席。前日に電話で本人の意向を聞いた' },
      { role: 'family', affiliation: '父', name: '森下 ひろし（架空）', present: true },
      { role: 'planner', affiliation: '相談支援センターあおば（架空）', name: '相談員 中村（架空）', present: true },
      { role: 'medical', affiliation: 'みなと診療所（架空） 医師', name: '岡田（架空）', present: true },
    ], '空の「サービス事業所」の行は記録されない');
    assert.equal(m.remaining_issues, '通勤の練習にだれが付き添うか');
  });
  // Listed in 和暦 and 西暦; the form is empty again for the next one.
  const record = page.locator('#meeting-1');
  assert.match(await textOf(record), /令和8年12月5日（2026年12月5日）の会議 第1回 計画案（第1版）/);
  assert.match(await textOf(record), /本人（森下 ゆうと（仮名））（欠席）/);
  assert.equal(await heldOn.inputValue(), '');
  await assertNoAxeViolations(page, '担当者会議（記録後）');

  // Printed, reached by keyboard: one A4 portrait page with the header, attendees and items.
  await tabTo(page, page.getByRole('link', { name: '令和8年12月5日の会議録を印刷する' }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: '会議録の印刷' }).waitFor();
  assert.match(page.url(), new RegExp(`#/case/${id}/print/meeting/1$`));
  await assertNoAxeViolations(page, '会議録の印刷');
  const pdf = pdfText(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
  assert.equal(pdf.pages, 1, `会議録が ${pdf.pages} ページです`);
  assert.ok(Math.abs(pdf.width - 595) < 2 && Math.abs(pdf.height - 842) < 2, `A4 縦ではありません: ${pdf.width}x${pdf.height}`);
  for (const expected of [
    'サービス担当者会議の要点', '利用者名', '森下ゆうと（仮名）', '計画作成担当者', '相談員中村（架空）', '開催日', '令和8年12月5日',
    '開催場所', '本人の自宅', '開催時間', '10:00〜11:00', '開催回数', '第1回', '計画案（第1版）', '会議出席者', '欠席',
    '体調を崩して欠席。前日に電話で本人の意向を聞いた', '父（家族）', '森下ひろし（架空）', 'みなと診療所（架空）医師（医療）',
    '検討した項目', '就労移行支援を使うかどうか', '結論', '計画案のとおり、1月から就労移行支援に通う。', '残された課題', '通勤の練習にだれが付き添うか',
  ]) {
    assert.ok(pdf.all.includes(expected.replace(/\s+/g, '')), `PDF に「${expected}」がありません`);
  }
  for (const absent of ['担当者会議の画面に戻る', '印刷する', 'ケース一覧']) {
    assert.ok(!pdf.all.includes(absent), `PDF に画面用の「${absent}」が印刷されています`);
  }
}, { contextOptions: TOKYO });

appTest('担当者会議：IME で打った字は、出席者の行を足しても消しても残り、そのまま記録される', async ({ context, page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json');
  await openStep(page, env);
  const cdp = await context.newCDPSession(page);
  await field(page, '開催日').fill('2026-12-05');
  await field(page, '開催場所').focus();
  await imeType(cdp, 'じむしょ', '事務所', { pauseMs: 500 });
  await row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }).focus();
  await imeType(cdp, 'はは', '母');
  await page.getByRole('button', { name: '出席者を追加', exact: true }).click();
  await row(page, 5).getByRole('combobox', { name: '立場' }).selectOption({ label: '行政（市町村）' });
  await row(page, 5).getByRole('textbox', { name: '所属（職種）・続柄' }).focus();
  await imeType(cdp, 'しやくしょ', '市役所');
  // The empty サービス事業所 row removed: the rows after it move up, their text with them.
  await page.getByRole('button', { name: '出席者3を削除' }).click();
  assert.equal(await row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), '母');
  assert.equal(await row(page, 4).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), '市役所');
  assert.equal(await field(page, '開催場所').inputValue(), '事務所');
  await field(page, '検討した項目').focus();
  await imeType(cdp, 'けいかくあん', '計画案');
  await field(page, '結論').focus();
  await imeType(cdp, 'りょうしょう', '了承', { pauseMs: 500 });
  await page.getByRole('button', { name: '会議を記録する', exact: true }).click();
  await waitForStored(page, env.case.id, (c) => {
    const m = c.team_meetings[0];
    assert.deepEqual([m.place, m.items, m.conclusion], ['事務所', '計画案', '了承']);
    assert.deepEqual(m.attendees.map((a) => [a.role, a.affiliation ?? '']), [['person', ''], ['family', '母'], ['planner', '相談支援センターあおば（架空）'], ['municipality', '市役所']]);
  });
}, { contextOptions: TOKYO });

appTest('担当者会議：記録は変えられず、訂正は元の記録を埋めた新しい記録になり、元の記録は「訂正前」で残る（サンプル3）', async ({ page }) => {
  const env = sampleEnvelope('sample-3-shintai.json');
  const id = env.case.id;
  await openStep(page, env);
  const first = page.locator('#meeting-1');
  assert.match(await textOf(first), /令和8年6月7日（2026年6月7日）の会議 第1回 計画案（第1版）/);
  assert.match(await textOf(page.locator('form .hint').first()), /記録した会議録は後から変えられません/);
  await tabTo(page, page.getByRole('button', { name: '令和8年6月7日の記録を訂正する' }));
  await page.keyboard.press('Enter');
  const heading = page.getByRole('heading', { name: '会議の記録を訂正する' });
  await eventually(async () => assert.ok(await isFocused(heading), '訂正の見出しにフォーカスがありません'));
  assert.equal(await field(page, '開催日').inputValue(), '令和8年6月7日');
  assert.equal(await field(page, '開催場所').inputValue(), '本人の自宅（居間）');
  assert.equal(await row(page, 6).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), '市 障害福祉課（架空）　ケースワーカー');
  assert.equal(await row(page, 6).getByRole('checkbox', { name: '出席した' }).isChecked(), false);
  assert.equal(await page.getByRole('combobox', { name: '訂正する記録' }).inputValue(), '1');
  await field(page, '開催時間（任意）').fill('14:00〜15:30');
  await page.getByRole('button', { name: '訂正を記録する', exact: true }).click();
  await waitForStored(page, id, (c) => {
    assert.equal(c.team_meetings.length, 2);
    assert.equal(c.team_meetings[0].time, '14:00〜15:10', '元の記録はそのまま');
    assert.deepEqual([c.team_meetings[1].corrects, c.team_meetings[1].time, c.team_meetings[1].attendees.length], [1, '14:00〜15:30', 7]);
  });
  await eventually(async () => assert.match(await textOf(first), /訂正前（新しい記録があります）/));
  assert.equal(await first.getByRole('button').count(), 0, '訂正前の記録に「訂正する」ボタンがあります');
  assert.match(await textOf(page.locator('#meeting-2')), /第1回 計画案（第1版） 令和8年6月7日の記録の訂正/);
  await assertNoAxeViolations(page, '担当者会議（訂正後）');
}, { contextOptions: TOKYO });

appTest('計画チェック：段階が「担当者会議」で会議の記録がない計画案は指摘され、その指摘から担当者会議の画面へ移れる。計画案の段階では指摘しない', async ({ page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json', (c) => { c.plan.needs[2].goal = '1年後までに、短期入所で月2回泊まり、自分で荷物を準備できる。'; });
  const id = env.case.id;
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, `#/case/${id}/planning`);
  await reloadApp(page);
  await checkPanel(page).waitFor();
  assert.ok(!(await textOf(checkPanel(page))).includes('会議の記録'), '計画案の段階で会議の指摘が出ています');
  env.case.stage = 'team_meeting';
  await storeEnvelopes(page, [env]);
  await gotoRoute(page, `#/case/${id}/planning`);
  await reloadApp(page);
  const link = checkPanel(page).getByRole('link', { name: /この計画案について話し合った会議の記録がまだありません/ });
  await tabTo(page, page.getByRole('link', { name: '計画チェックへ移動' }));
  await page.keyboard.press('Enter');
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(page.url(), new RegExp(`#/case/${id}/team-meeting$`)));
  await eventually(async () => assert.ok(await isFocused(page.locator('#meeting-list-heading')), '「記録した会議」の見出しにフォーカスがありません'));
}, { contextOptions: TOKYO });

appTest('担当者会議：書きかけの会議録は下書きとして残り、ほかの段階に移って戻っても、再読み込みしても元どおり。記録すると空になり、一覧に出る', async ({ context, page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json');
  const id = env.case.id;
  await openStep(page, env);
  const cdp = await context.newCDPSession(page);
  // Half a meeting: a date not yet finished being typed is kept as typed; 場所 through the IME.
  await tabTo(page, field(page, '開催日'));
  await page.keyboard.type('R8.12.');
  await field(page, '開催場所').focus();
  await imeType(cdp, 'じたく', '自宅');
  await row(page, 1).getByRole('checkbox', { name: '出席した' }).uncheck();
  await row(page, 1).getByRole('textbox', { name: /欠席のとき/ }).fill('入院中のため欠席');
  await row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }).fill('父');
  await page.getByRole('button', { name: '出席者を追加', exact: true }).click();
  await row(page, 5).getByRole('combobox', { name: '立場' }).selectOption({ label: '医療' });
  await row(page, 5).getByRole('textbox', { name: '所属（職種）・続柄' }).fill('みなと診療所（架空） 医師');
  await field(page, '検討した項目').fill('就労移行支援を使うかどうか');

  const typed = async (why) => {
    assert.equal(await field(page, '開催日').inputValue(), 'R8.12.', why);
    assert.equal(await field(page, '開催場所').inputValue(), '自宅', why);
    assert.equal(await row(page, 1).getByRole('checkbox', { name: '出席した' }).isChecked(), false, why);
    assert.equal(await row(page, 1).getByRole('textbox', { name: /欠席のとき/ }).inputValue(), '入院中のため欠席', why);
    assert.equal(await row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), '父', why);
    assert.equal(await row(page, 4).getByRole('textbox', { name: '氏名', exact: true }).inputValue(), '相談員 中村（架空）', why);
    assert.equal(await row(page, 5).getByRole('combobox', { name: '立場' }).inputValue(), 'medical', why);
    assert.equal(await row(page, 5).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), 'みなと診療所（架空） 医師', why);
    assert.equal(await field(page, '検討した項目').inputValue(), '就労移行支援を使うかどうか', why);
    assert.equal(await field(page, '結論').inputValue(), '', why);
  };
  // Another step and back: everything is there.
  const nav = casePage(page).stepNav;
  await nav.getByRole('link', { name: 'アセスメント', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'アセスメント' }).waitFor();
  await nav.getByRole('link', { name: '担当者会議', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
  await typed('ほかの段階から戻ったとき');
  await waitForStored(page, id, (c) => {
    assert.equal(c.meeting_draft?.held_on, 'R8.12.');
    assert.equal(c.meeting_draft.place, '自宅');
    assert.equal(c.team_meetings, undefined, '下書きが会議として保存されています');
  });
  // Reloaded: still there, and the draft is not a meeting held (nothing listed).
  await reloadApp(page);
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
  await typed('再読み込みのあと');
  assert.equal(await textOf(page.locator('.empty')), 'まだ記録していません。');
  await assertNoAxeViolations(page, '担当者会議（下書きあり）');

  // Refused (no 結論, the date unfinished): the draft stays as typed.
  await page.getByRole('button', { name: '会議を記録する', exact: true }).click();
  await page.locator('#meeting-errors').waitFor();
  await reloadApp(page);
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
  await typed('記録できなかったあと');

  await field(page, '開催日').fill('R8.12.5');
  await field(page, '結論').focus();
  await imeType(cdp, 'りょうしょう', '了承');
  await page.getByRole('button', { name: '会議を記録する', exact: true }).click();
  await eventually(async () => assert.ok(await isFocused(page.locator('#meeting-done'))));
  await waitForStored(page, id, (c) => {
    assert.equal(c.meeting_draft, undefined, '記録したのに下書きが残っています');
    assert.deepEqual([c.team_meetings.length, c.team_meetings[0].place, c.team_meetings[0].conclusion], [1, '自宅', '了承']);
    assert.deepEqual(c.team_meetings[0].attendees.map((a) => a.role), ['person', 'family', 'planner', 'medical']);
  });
  assert.match(await textOf(page.locator('#meeting-1')), /令和8年12月5日（2026年12月5日）の会議 第1回/);
  for (const label of ['開催日', '開催場所', '検討した項目', '結論']) assert.equal(await field(page, label).inputValue(), '', `${label}が空になっていません`);
  assert.equal(await page.getByRole('button', { name: '下書きを消す' }).count(), 0);
  await reloadApp(page);
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
  assert.equal(await field(page, '開催場所').inputValue(), '');
  assert.equal(await row(page, 2).getByRole('textbox', { name: '所属（職種）・続柄' }).inputValue(), '');
}, { contextOptions: TOKYO });

appTest('担当者会議：「下書きを消す」と、書きかけがあるときの「この記録を訂正する」は、消す前に画面の中で確かめる（サンプル3）', async ({ page }) => {
  const env = sampleEnvelope('sample-3-shintai.json');
  const id = env.case.id;
  await openStep(page, env);
  assert.equal(await page.getByRole('button', { name: '下書きを消す' }).count(), 0, '下書きがないのに「下書きを消す」があります');
  await field(page, '開催場所').fill('相談支援事業所');

  // A correction over typing: asked first; 「やめる」 keeps the typing.
  const correct = page.getByRole('button', { name: '令和8年6月7日の記録を訂正する' });
  await correct.click();
  const ask = page.locator('#meeting-ask');
  await eventually(async () => assert.ok(await isFocused(ask), '確かめる知らせにフォーカスがありません'));
  assert.match(await textOf(ask), /書きかけの下書きがあります.*令和8年6月7日の記録の訂正を始めると、今の下書きは/);
  await assertNoAxeViolations(page, '担当者会議（訂正の確認）');
  await ask.getByRole('button', { name: 'やめる' }).click();
  assert.equal(await ask.count(), 0);
  assert.equal(await field(page, '開催場所').inputValue(), '相談支援事業所');
  await correct.click();
  await ask.getByRole('button', { name: '下書きを置き換えて訂正する' }).click();
  await page.getByRole('heading', { name: '会議の記録を訂正する' }).waitFor();
  assert.equal(await field(page, '開催場所').inputValue(), '本人の自宅（居間）');
  await waitForStored(page, id, (c) => assert.deepEqual([c.meeting_draft?.corrects, c.meeting_draft?.held_on], [1, '令和8年6月7日']));

  // 「下書きを消す」 by keyboard, confirmed: a new, empty form; nothing stored.
  await tabTo(page, page.getByRole('button', { name: '下書きを消す', exact: true }));
  await page.keyboard.press('Enter');
  await eventually(async () => assert.ok(await isFocused(ask)));
  assert.match(await textOf(ask), /下書きを消しますか/);
  await tabTo(page, ask.getByRole('button', { name: '下書きを消す', exact: true }));
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: '担当者会議を記録する' }).waitFor();
  assert.equal(await field(page, '開催場所').inputValue(), '');
  assert.match(await textOf(page.locator('#meeting-done')), /下書きを消しました/);
  await waitForStored(page, id, (c) => {
    assert.equal(c.meeting_draft, undefined);
    assert.equal(c.team_meetings.length, 1, '記録は消えていません');
  });
}, { contextOptions: TOKYO });

appTest('担当者会議：書きかけのままロックしても、開き直すと下書きが残っている', async ({ context, page }) => {
  const env = sampleEnvelope('sample-1-chiteki.json');
  await storeEnvelopes(page, [env]);
  await reloadApp(page);
  await setPassphrase(page, 'meeting-draft-pass-19');
  await page.locator('#passphrase-done').filter({ hasText: 'すべてのデータを暗号化しました' }).waitFor({ timeout: 15_000 });
  // By hash: a reload would lock.
  await page.evaluate((id) => { location.hash = `#/case/${id}/team-meeting`; }, env.case.id);
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor();
  const cdp = await context.newCDPSession(page);
  await field(page, '検討した項目').focus();
  await imeType(cdp, 'かよいかた', '通い方');
  // Locked at once, before the autosave pause.
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await lockHeading(page).waitFor();
  await unlock(page, 'meeting-draft-pass-19');
  await page.getByRole('heading', { level: 2, name: '担当者会議' }).waitFor({ timeout: 15_000 });
  await eventually(async () => assert.equal(await field(page, '検討した項目').inputValue(), '通い方'));
}, { contextOptions: TOKYO });
