// Part of scripts/bench.mjs: keystroke-to-paint in the plan screen.
//
// keystroke       (runs last) Typing into the plan screen (計画案, #/case/<id>/planning) of a
//                 case with a filled assessment and a plan of 20 needs (planCaseEnvelope:
//                 fictional, realistic Japanese in every need/goal/role/notes, 1-2 supports
//                 each; written by hand as a schema_version 4 record, which the current and
//                 the next build both read), seeded with the 20 list cases from a blank
//                 same-origin page into a fresh context. The page loads unthrottled; then
//                 the 10th need's 支援目標 textarea (found by role and label inside the list
//                 item headed 「優先順位 10」, not by its id) is focused (which scrolls it into
//                 view, as a click would), the caret put at the end, CDP
//                 Emulation.setCPUThrottlingRate applied, and after 1 s of quiet the keys are
//                 sent one at a time with CDP: 4 warm-up keys (reported under `warmup_ms`: first
//                 use of the input path), then BENCH_KEYS measured ones (TYPING, 60 keys:
//                 、月に一度面談で振り返る（2027年3月）。). Japanese is typed as with an IME in romaji:
//                 keydown "Process" (keyCode 229) plus Input.imeSetComposition with the
//                 composition after that key (ｔ → ｔｓ → つ → …), Space converts (another
//                 composition update), Enter commits (Input.insertText); of the 60 keys, 53
//                 are IME keys and 7 direct key presses (digits, a Backspace). Every key
//                 makes exactly one `input` event (checked).
//                 The text, field value and stored record are checked afterwards.
//
//   How a key is timed: an init script (installKeyProbe) records, for every `input` event
//   (capture listener on document, so before the app's own handler), the timeStamp of the
//   keydown before it and the input event's timeStamp, then calls requestAnimationFrame;
//   the rAF callback posts a MessageChannel message, whose handler runs once that frame's
//   style, layout, paint and commit are done, and takes performance.now(). All three are on
//   the page's clock (performance.now()). Reported per key: `ms` = painted - keydown
//   timeStamp (the figures p50/p95/max use it; p95 is nearest-rank: the 114th of the
//   120 pooled keys of two runs, the 57th of one run's 60).
//   Why the keydown: for a key sent with CDP Input.dispatchKeyEvent, the keydown's timeStamp
//   is when the browser created the event, so it includes the time the key waited for a
//   busy main thread; the input event (and every event of an IME composition) is stamped
//   when the main thread gets to it, which leaves that wait out (tried here: a key sent
//   during a 300 ms busy loop had keydown.timeStamp at the send and input.timeStamp after
//   the loop). `from_input_event` is the same from the input event's timeStamp, and
//   `queued_ms` the difference. (Playwright's keyboard.press was not used: its keydown
//   carried the time the main thread handled it, not the time it was sent.) For IME keys
//   the keydown and the composition are sent together, so no round trip to node comes
//   between them (they reached the page in order in every trial; each input event must
//   find a keydown before it, or the run fails).
//   The page tells node about each key with a console message sent after the timestamps are
//   taken; the next key goes only after that (keys never queue behind each other) and after
//   the typist's pause (typingActions): 100-199 ms between keys, 200-299 before Space,
//   350-549 before Enter, 700-999 before a new word. When a key takes longer than its pause
//   the next one follows right after its paint, so the real pace is the slower of the two
//   (`gap_ms`): a typist faster than the app would queue keys and see more delay than this.
//
//   Autosave: the app saves 400 ms after the last edit (AUTOSAVE_DELAY, src/ui/state/mod.rs),
//   so it runs in the pauses before a new word and can meet a key after a pause before
//   Enter. The probe wraps window.setTimeout, LockManager.prototype.request (the autosave
//   runs in a Web Locks callback: src/ui/shell/save_lock.rs) and Storage.prototype.setItem (only in this
//   run) and records each timer callback that writes a case record, from its start to the
//   end of the microtasks it queued (clone, revision check, JSON, setItem, the reactive
//   update of 「保存しました」; the repaint of that line is in the next frame, not in it).
//   Reported: `autosaves` (from the first warm-up key to the last save), `autosave_ms`,
//   and `keys_meeting_autosave`: measured keys whose keydown..painted window overlaps one
//   (summed/pooled over the measured app runs).
//
//   Baseline (`keystroke.baseline`, `ratio_p95`, `ratio_p50`): as for startup, the same
//   typing is measured in the same run on a static copy of the same screen, so that the
//   figure can be read as a ratio against what the browser itself needs. The copy is made
//   like the case list's (staticCopy: the app's DOM as outerHTML, every <script> and
//   modulepreload/preload link removed, the same CSS file and CSP meta, served from the same
//   server as /_bench/static/plan.html) from an unthrottled load of the plan screen in a
//   fresh context with the same seeds, once the 20 needs are shown and the network is idle,
//   before anything is focused. Form state the app set through properties is written back as
//   markup first, or the copy would differ: each textarea's value becomes its only text (the
//   app leaves a framework comment marker inside textareas, which the parser would turn into
//   text "<!---->"), and the 40 ticked boxes of 「根拠にするアセスメント」 (2 per need) get
//   their `checked` attribute. The copy is opened exactly like the app (fresh context, the
//   same seeds, the same init-script probe, the same locator for the field, focus, caret at
//   the end, the same throttling, 1 s of quiet, the same warm-up and measured keys with the
//   same pauses and timing); only the autosave check is left out, as there is no app to
//   save. It is checked to be the same field on the same page: the same id (need-10-goal),
//   10th of 20 li.need, 20 「優先順位」 headings, the same count of body elements, form
//   controls, textareas and body text characters as the app's screen; afterwards the typed text must be in that field (read by
//   the same locator) and still focused, with one input event per key. So the baseline is
//   the browser's own floor for a key in that page: IME composition and editing in the
//   textarea, style/layout/paint/commit of the same DOM under the same CSS, and the probe.
//   Runs: BENCH_KEYSTROKE_WARMUP discarded rounds, then BENCH_KEYSTROKE_RUNS rounds, each one
//   app run and one static run in a fresh context, in ABBA order (app first in even rounds
//   counting the warm-up, static first in odd ones). p50/p95/max (app) and baseline.* are
//   over the pooled keys of the measured runs (120 keys each by default); `rounds` gives
//   each round's own figures and ratios, `warmup` the discarded ones. Caveats: the CSS has
//   `.need { content-visibility: auto; contain-intrinsic-size: auto 60rem }`, which applies
//   to both pages alike: needs off screen are skipped in both, and the focus scrolls to the
//   same place (`scroll_y` per run; normally the same in every run, e.g. 12275 px; once in
//   a trial the first app run was 1552 px further down, the difference between a need's
//   real height and the placeholder's: probably one more need above the field had been
//   rendered once during the load and kept its real height; the same content is in view;
//   such a difference is logged, not an error).
//   The static page has no app JS at all, so no wasm heap and no
//   garbage collection; the app's autosave and its timer exist only in the app. Under CDP
//   CPU throttling on Linux the renderer's main thread is stopped by a signal every 200 µs
//   and spins 3x as long as it ran (Blink's ThreadCPUThrottler), whatever it was doing, so
//   throttled durations in a trace are about 4x and spread over every kind of work.
//
//   Limits: `painted` is when the renderer's main thread has produced the frame, not when
//   the compositor and display have shown it (no GPU here: --disable-gpu; on a real screen
//   add up to a frame or so); headless frames are not tied to a display's vsync. The rAF
//   is requested before the app's handler runs; the app updates the DOM in that task and
//   its microtasks, so the frame after it contains the update, but work the app would
//   defer to a later timer or frame would not be counted. CDP input skips the OS and the
//   browser's own input handling of a real keyboard and IME. One field, one case size; the
//   numbers vary from run to run with the machine's load like the startup times (compare
//   the ratio, and each round's ratio in `rounds`).
// ---------------------------------------------------------------------------------------
// The case of the keystroke run: a filled assessment (7 domains, 34 entries) and a plan of
// PLAN_NEEDS needs, each with need/goal/persons_role/notes and 1-2 supports (25 in all),
// resting on two entries. Written by hand in schema_version 4 (docs/data-format.md; the
// shape of tests/fixtures/store/v4/plan-draft.json), which every build since the plan
// screen reads.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { CASE_KEY_PREFIX, KEYS, KEYSTROKE_GOAL_MS, KEY_SIGNAL, KS_RUNS, KS_WARMUP, PLAN_NEEDS, RUN_TIMEOUT_MS, THROTTLE, TRACE_CATEGORIES, TRACE_DIR, TYPED_NEED, calibrate, log, median, newContext, percentile, ratio, round1, round1All, seed, sleep, staticCopy } from './shared.mjs';


export const PLAN_CASE_ID = crypto.createHash('sha256').update('soudan-bench-plan').digest('hex').slice(0, 32);
export const PLAN_SCHEMA_VERSION = 4;

export const ASSESSMENT = [
  ['daily_living', {
    current: ['アパートで一人暮らし。掃除は週1回ヘルパーと一緒に行っている', '食事はコンビニの弁当が多く、野菜が少ない'],
    person_wishes: ['自分で簡単な料理を作れるようになりたい', 'いまの部屋に住み続けたい'],
    family_wishes: ['火の始末が心配なので、調理は見守りがあると安心'],
    strengths: [['決めた手順は毎日きちんと守れる', 'character'], ['電子レンジの操作ができる', 'skill']],
  }],
  ['finances', {
    current: ['障害基礎年金2級と作業所の工賃で生活。月末にお金が足りなくなることがある'],
    person_wishes: ['好きなものを買うお金を自分で貯めたい'],
    family_wishes: ['金銭管理は日常生活自立支援事業も考えてほしい'],
    strengths: [['レシートを取っておく習慣がある', 'skill']],
  }],
  ['work_learning', {
    current: ['就労継続支援B型に週3日通所。軽作業（袋詰め）を担当'],
    person_wishes: ['パソコンの仕事に挑戦してみたい', '通う日を週4日に増やしたい'],
    family_wishes: [],
    strengths: [['細かい作業を丁寧に続けられる', 'skill'], ['職員から「休まずに通っている」と評価されている', 'environment']],
  }],
  ['relationships', {
    current: ['母親（70代）が隣の市に住み、週末に電話で話している', '作業所に話せる友人が一人いる'],
    person_wishes: ['友だちと休みの日に出かけたい'],
    family_wishes: ['母親が高齢になり、これからの支え手が心配'],
    strengths: [['人にあいさつを欠かさない', 'character']],
  }],
  ['health', {
    current: ['てんかんの服薬あり（朝・夕）。月1回精神科に通院', '夜ふかしが続くと発作が出やすい'],
    person_wishes: ['薬を飲み忘れないようにしたい'],
    family_wishes: ['通院に付き添えなくなってきた'],
    strengths: [['主治医とは長い付き合いで信頼している', 'environment']],
  }],
  ['leisure', {
    current: ['休日は自室で動画を見て過ごすことが多い'],
    person_wishes: ['月に一度はカラオケに行きたい', '電車に乗って海を見に行きたい'],
    family_wishes: [],
    strengths: [['歌が好きで歌詞をよく覚えている', 'interest'], ['鉄道の時刻表を読むのが得意', 'interest']],
  }],
  ['meaning', {
    current: ['地域の夏祭りの準備に毎年参加している'],
    person_wishes: ['祭りの手伝いを続けたい'],
    family_wishes: [],
    strengths: [['町内会の人に顔を覚えられている', 'environment']],
  }],
];

// [need, goal, persons_role, notes, supports: [formality, kind, content, times, per, hours]]
export const NEEDS = [
  ['自分で簡単な料理を作れるようになりたい', '週2回、ヘルパーと一緒に夕食を作り、3品の手順を覚える', '作る献立を前の日に決めてヘルパーに伝える', '火を使う時はヘルパーが見守る',
    [['formal', '居宅介護（家事援助）', '調理の手順を一緒に確認しながら夕食を作る', 2, 'week', 1.5]]],
  ['部屋をきれいに保って、いまのアパートに住み続けたい', '週1回の掃除とごみ出しを自分の当番として続ける', 'ごみの日のカレンダーを冷蔵庫に貼り、前の晩に袋をまとめる', '',
    [['formal', '居宅介護（家事援助）', '掃除機かけと水回りの掃除を一緒に行う', 1, 'week', 1.0], ['informal', '大家さん', 'ごみ出しの日に声をかけてもらう', null, 'week', null]]],
  ['月末にお金が足りなくならないようにしたい', '1週間ごとの予算を決め、月末まで生活費が残る月を3か月続ける', '毎週月曜に財布の中身とレシートを確認する', '日常生活自立支援事業の利用を本人と一緒に検討する',
    [['formal', '日常生活自立支援事業', '生活費を週ごとに受け取り、使い方を一緒に振り返る', 1, 'week', 0.5]]],
  ['好きなものを買うためにお金を貯めたい', '毎月3,000円ずつ貯金し、半年後にゲーム機を買う', '貯金額をノートに記録する', '',
    [['informal', '母親', '月に一度、貯金ノートを一緒に見てほめる', 1, 'month', null]]],
  ['作業所に休まず通い続けたい', '週3日の通所を続け、体調の悪い日は自分で連絡できる', '休む時は朝9時までに自分で電話する', '',
    [['formal', '就労継続支援B型', '袋詰めなどの軽作業と昼食の提供', 3, 'week', 5.0], ['formal', '同行援護', '通所の道順に慣れるまで付き添う', 2, 'month', 1.0]]],
  ['パソコンの仕事に挑戦してみたい', '作業所のパソコン作業を月2回体験し、入力作業ができるか本人と確かめる', '体験した感想を職員に伝える', '就労移行支援の見学も検討する',
    [['formal', '就労継続支援B型', 'データ入力の作業体験', 2, 'month', 2.0]]],
  ['通う日を週4日に増やしたい', '3か月後に体調と疲れ具合を振り返り、週4日にするか決める', '疲れた日を手帳に書いておく', '',
    [['formal', '就労継続支援B型', '通所日数の調整と体調の確認', null, 'week', null]]],
  ['休みの日に友だちと出かけたい', '月1回、作業所の友人と外出する計画を自分で立てる', '行き先と集合時間を自分で決めて友人に伝える', '',
    [['formal', '移動支援', '外出先までの付き添い', 1, 'month', 4.0], ['informal', '作業所の友人', '一緒に出かける', 1, 'month', null]]],
  ['母親に心配をかけずに暮らしたい', '週1回、母親に電話で近況を伝える習慣を続ける', '日曜の夜に自分から電話をかける', '母親の体調の変化にも気をつける',
    [['informal', '母親', '電話で近況を聞き、困りごとを相談員に伝える', 1, 'week', null]]],
  ['これから困った時に相談できる人を増やしたい', '地域の相談窓口と作業所の職員に、困りごとを自分の言葉で話せるようになる', '困ったことをメモに書いて相談の時に見せる', '母親の高齢化に備え、支え手を少しずつ増やす',
    [['formal', '計画相談支援', '困りごとの整理と関係機関との連絡調整', 1, 'month', 1.0]]],
  ['薬を飲み忘れないようにしたい', '服薬カレンダーを使い、飲み忘れを月1回以下にする', '朝食と夕食の後にカレンダーの薬を飲み、印をつける', '飲み忘れが続く時は主治医に相談する',
    [['formal', '訪問看護', '服薬状況の確認と体調の相談', 1, 'week', 0.5], ['informal', '母親', '電話で薬のことを声かけする', 1, 'week', null]]],
  ['発作が起きないように生活のリズムを整えたい', '夜11時までに寝る日を週5日以上にする', '寝る前の1時間は動画を見ないようにする', '',
    [['formal', '訪問看護', '睡眠の記録を一緒に振り返る', 1, 'week', 0.5]]],
  ['一人で通院できるようになりたい', '月1回の精神科通院を、半年後には一人で行けるようにする', '診察で話したいことを前の日にメモする', '',
    [['formal', '移動支援', '通院の付き添い（慣れるまで）', 1, 'month', 3.0]]],
  ['月に一度はカラオケに行きたい', '月に一度、移動支援でカラオケ店に行く', '行きたい日を前の週に伝える', '',
    [['formal', '移動支援', 'カラオケ店への外出の付き添い', 1, 'month', 3.0]]],
  ['電車に乗って海を見に行きたい', '夏までに電車の乗り換えを練習し、海まで出かける', '時刻表を調べて行き方を自分で決める', '',
    [['formal', '移動支援', '電車での外出の練習に付き添う', 2, 'month', 5.0]]],
  ['夏祭りの手伝いを続けたい', '町内会の準備の日に参加し、受付の係を担当する', '準備の日程を町内会の人に自分で確認する', '',
    [['informal', '町内会', '準備の日程を知らせ、当日の係を一緒に行う', null, 'month', null]]],
  ['体力をつけて疲れにくくなりたい', '週2回、近所の公園を20分歩く', '歩いた日をカレンダーに記録する', '',
    [['informal', '近所の公園', '散歩コースとして使う', 2, 'week', 0.5]]],
  ['栄養のバランスのよい食事をとりたい', '野菜を使った料理を週3回以上食べる', 'スーパーで野菜を1品選んで買う', '',
    [['formal', '居宅介護（家事援助）', '買い物の付き添いと献立の相談', 1, 'week', 1.0], ['formal', '訪問看護', '体重と食事の記録を確認する', 1, 'month', 0.5]]],
  ['災害の時にどうしたらよいか知っておきたい', '避難場所と連絡先を書いたカードを作り、年1回避難訓練に参加する', 'カードを財布に入れて持ち歩く', '個別避難計画の作成を市と相談する',
    [['formal', '計画相談支援', '避難先と連絡方法の確認', null, 'month', null]]],
  ['ひとりで暮らしを続けたい', '半年後も今の生活の形を続け、困りごとを早めに相談できる', '困ったら相談員に電話する', '',
    [['formal', '自立生活援助', '定期的な訪問と困りごとの相談', 2, 'month', 1.0]]],
];

export function planCaseEnvelope(appVersion) {
  let nextEntry = 1;
  const domains = ASSESSMENT.map(([domain, cols]) => {
    const entry = (text, speaker, kind) => {
      const e = { id: nextEntry++, text, own_words: speaker === 'person', speaker };
      if (kind) e.strength_kind = kind;
      return e;
    };
    return {
      domain,
      hidden: false,
      current: cols.current.map((t) => entry(t, 'supporter')),
      person_wishes: cols.person_wishes.map((t) => entry(t, 'person')),
      family_wishes: cols.family_wishes.map((t) => entry(t, 'family')),
      strengths: cols.strengths.map(([t, k]) => entry(t, 'supporter', k)),
    };
  });
  const wishIds = domains.flatMap((d) => d.person_wishes.map((e) => e.id));
  const strengthIds = domains.flatMap((d) => d.strengths.map((e) => e.id));
  if (NEEDS.length !== PLAN_NEEDS) throw new Error(`NEEDS has ${NEEDS.length} rows, PLAN_NEEDS is ${PLAN_NEEDS}`);
  const needs = NEEDS.map(([need, goal, role, notes, supports], i) => ({
    id: i + 1,
    need,
    goal,
    target_date: i % 3 === 0 ? '令和9年5月' : '令和9年2月',
    supports: supports.map(([formality, kind, content, times, per, hours]) => ({
      formality, kind, content, amount: { times, per, hours }, provider: formality === 'formal' ? '（未定）' : '', corporation: '',
    })),
    persons_role: role,
    review_date: '令和9年2月',
    notes,
    rests_on: [wishIds[i % wishIds.length], strengthIds[(i * 3) % strengthIds.length]],
  }));
  const c = {
    id: PLAN_CASE_ID,
    name: 'H.T.（ニーズ20件）',
    certificate_no: '1234500020',
    support_category: '3',
    for_child: false,
    stage: 'planning',
    archived: false,
    created_at: '2026-10-01T10:00:00.000+09:00',
    updated_at: '2026-11-27T10:00:00.000+09:00',
    intake: {
      referral: '母親の高齢化に伴い、一人暮らしを続けるための支援について作業所から紹介',
      family: '母親（70代）が隣の市に在住。父親は他界',
      housing: 'アパートの2階で一人暮らし',
      handbooks: '療育手帳B',
      pension: '障害基礎年金2級',
      medical: 'てんかん。月1回精神科に通院、朝夕服薬',
      daily_routine_person: '7時起床、9時に作業所へ、16時帰宅、23時ごろ就寝',
    },
    assessment: {
      domains,
      next_entry_id: nextEntry,
      decision_support: {
        participation: '本人が面談に参加し、自分の言葉で希望を話した',
        supports_used: '絵カードと写真で選択肢を示した',
        estimated: false,
        estimated_by: '',
        estimation_reason: '',
      },
    },
    plan: {
      status: 'draft',
      header: {
        office_name: '相談支援センターみなと（架空）', planner: '相談員A', burden_cap: '0円',
        regional_certificate_no: '', day_service_certificate_no: '', drafted_on: '2026-11-27', monitoring_start: '令和8年12月',
      },
      person_wishes: '「いまのアパートでひとりで暮らしを続けたい」「パソコンの仕事をしてみたい」',
      family_wishes: '母親：自分が元気なうちに、頼れる人や仕組みを増やしておいてほしい',
      support_policy: '本人の「ひとりで暮らしたい」という思いを大切にし、家事・金銭管理・服薬を少しずつ自分でできるよう支える。母親の負担を減らし、地域の支え手を増やす。',
      long_term_goal: '今のアパートで、作業所に通いながら安心して一人暮らしを続ける',
      short_term_goal: '調理と服薬の習慣を身につけ、月末までお金をやりくりできる',
      needs,
      next_need_id: needs.length + 1,
      monitoring: { interval_months: 3, reason: '新しいサービスの利用開始と、一人暮らしの生活の変化を確かめるため' },
    },
  };
  return {
    schema_version: PLAN_SCHEMA_VERSION,
    written_at: '2026-11-27T10:00:00.000+09:00',
    app_version: appVersion,
    revision: 3,
    case: c,
  };
}

// ---------------------------------------------------------------------------------------
// What the keystroke run types at the end of one need's 支援目標: 、月に一度面談で振り返る（2027年3月）。
// Japanese goes through the IME as a user types it in romaji: one composition update per
// key (ｔ → ｔｓ → つ → つｋ → …), Space converts (つきにいちど → 月に一度), Enter commits. Digits and
// a typo fix are direct key presses. Every action below makes exactly one `input` event.
//   ['ime', romaji, [composition after each romaji key], converted]  (+ Space + Enter)
//   ['keys', [key, …]]                                                 (direct key presses)
// The warm-up group is typed first and not counted (first use of the input path: wasm
// tier-up, first composition); the measured groups are repeated/truncated to BENCH_KEYS.

export const TYPING_WARMUP = [
  ['keys', ['x', 'Backspace']],
  ['ime', ',', ['、'], null],
];
export const TYPING = [
  ['ime', 'tsukiniichido', ['ｔ', 'ｔｓ', 'つ', 'つｋ', 'つき', 'つきｎ', 'つきに', 'つきにい', 'つきにいｃ', 'つきにいｃｈ', 'つきにいち', 'つきにいちｄ', 'つきにいちど'], '月に一度'],
  ['ime', 'mendande', ['ｍ', 'め', 'めｎ', 'めんｄ', 'めんだ', 'めんだｎ', 'めんだんｄ', 'めんだんで'], '面談で'],
  ['ime', 'furikaeru', ['ｆ', 'ふ', 'ふｒ', 'ふり', 'ふりｋ', 'ふりか', 'ふりかえ', 'ふりかえｒ', 'ふりかえる'], '振り返る'],
  ['ime', '(', ['（'], null],
  ['keys', ['2', '0', '2', '6', 'Backspace', '7']],
  ['ime', 'nen', ['ｎ', 'ね', 'ねｎ'], '年'],
  ['keys', ['3']],
  ['ime', 'gatsu)', ['ｇ', 'が', 'がｔ', 'がｔｓ', 'がつ', 'がつ）'], '月）'],
  ['ime', '.', ['。'], null],
];

/** The physical key of a romaji/ASCII character (KeyboardEvent.code on a JIS/US layout). */
export function keyCode(ch) {
  if (/^[a-z]$/i.test(ch)) return { code: `Key${ch.toUpperCase()}`, vk: ch.toUpperCase().charCodeAt(0) };
  if (/^[0-9]$/.test(ch)) return { code: `Digit${ch}`, vk: ch.charCodeAt(0) };
  const named = {
    ' ': ['Space', 32], Enter: ['Enter', 13], Backspace: ['Backspace', 8], ',': ['Comma', 188], '.': ['Period', 190],
    '(': ['Digit8', 56], ')': ['Digit9', 57],
  }[ch];
  if (!named) throw new Error(`keyCode: no key for ${JSON.stringify(ch)}`);
  return { code: named[0], vk: named[1] };
}

/**
 * The actions of a list of groups, each with the pause a typist makes before it (ms after
 * the previous action was sent): 700-999 before a new word, 100-199 between keys, 200-299
 * before converting, 350-549 before committing. Autosave runs 400 ms after the last edit,
 * so it fires in every pause before a word and in some of the pauses before a commit, where
 * it can meet the next key (that is the point: see the header comment).
 */
export function typingActions(groups) {
  const actions = [];
  let rnd = 0x2f6b;
  const pick = (lo, hi) => {
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    return lo + (rnd % (hi - lo + 1));
  };
  for (const [kind, ...g] of groups) {
    let first = true;
    const gap = (lo, hi) => (first ? ((first = false), pick(700, 999)) : pick(lo, hi));
    if (kind === 'keys') {
      for (const key of g[0]) {
        const k = keyCode(key);
        actions.push({ kind: 'key', key, text: key.length === 1 ? key : null, ...k, gap: gap(100, 199) });
      }
    } else {
      const [romaji, steps, converted] = g;
      if ([...romaji].length !== steps.length) throw new Error(`typing: ${romaji} has ${steps.length} steps`);
      [...romaji].forEach((ch, i) => actions.push({ kind: 'compose', key: ch, ...keyCode(ch), text: steps[i], gap: gap(100, 199) }));
      const last = converted ?? steps[steps.length - 1];
      if (converted) actions.push({ kind: 'compose', key: ' ', ...keyCode(' '), text: converted, gap: gap(200, 299) });
      actions.push({ kind: 'commit', key: 'Enter', ...keyCode('Enter'), text: last, gap: gap(350, 549) });
    }
  }
  return actions;
}

/** BENCH_KEYS measured actions (TYPING repeated as needed), after the warm-up ones. */
export function typingPlan(n) {
  const warmup = typingActions(TYPING_WARMUP);
  let measured = [];
  while (measured.length < n) measured = measured.concat(typingActions(TYPING));
  measured = measured.slice(0, n);
  // Cut inside a word: commit what is composed (one more, measured, action).
  let composing = null;
  for (const a of measured) composing = a.kind === 'compose' ? a.text : null;
  if (composing !== null) measured.push({ kind: 'commit', key: 'Enter', ...keyCode('Enter'), text: composing, gap: 400 });
  return { warmup, measured };
}

/** What the field should hold after `actions` (what the user sees after the last commit). */
export function typedText(before, actions) {
  let text = before;
  for (const a of actions) {
    if (a.kind === 'commit') text += a.text;
    else if (a.kind === 'key') text = a.key === 'Backspace' ? [...text].slice(0, -1).join('') : text + a.text;
  }
  return text;
}

export function installKeyProbe({ signal, prefix }) {
  if (location.pathname.endsWith('/seed.html')) return;
  const probe = { armed: false, keydown: null, inputs: 0, saves: [] };
  Object.defineProperty(window, '__soudanKeyBench', { value: probe });
  document.addEventListener(
    'keydown',
    (e) => {
      probe.keydown = e.timeStamp;
    },
    true,
  );
  document.addEventListener(
    'input',
    (e) => {
      const rec = { n: ++probe.inputs, keydown: probe.keydown, input: e.timeStamp, type: e.inputType, painted: null };
      probe.keydown = null;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => {
          rec.painted = performance.now();
          console.debug(signal + JSON.stringify(rec));
        };
        ch.port2.postMessage(0);
      });
    },
    true,
  );
  let timer = null; // the timer (or lock) callback running now
  // Runs `fn` as a timed callback: when it writes a case record, a save is recorded from its
  // start to the end of the microtasks it queued.
  const timed = (fn, self, args) => {
    const outer = timer;
    const t = (timer = { start: performance.now(), chars: null });
    try {
      return fn.apply(self, args);
    } finally {
      timer = outer;
      if (t.chars !== null) {
        // The end: after the microtasks the save queued (the app's reactive updates, such
        // as the 「保存しました」 line), which run before this one.
        const rec = { start: t.start, end: null, chars: t.chars };
        probe.saves.push(rec);
        queueMicrotask(() => {
          rec.end = performance.now();
        });
      }
    }
  };
  const { setTimeout: realSetTimeout } = window;
  window.setTimeout = function setTimeout(fn, ...rest) {
    if (typeof fn !== 'function') return realSetTimeout.call(window, fn, ...rest);
    return realSetTimeout.call(window, function (...args) { return timed(fn, this, args); }, ...rest);
  };
  // The autosave runs in a Web Locks callback (src/ui/shell/save_lock.rs), in a task after
  // its timer's: time that callback too, or only the setItem of the save would be seen.
  if (window.LockManager && LockManager.prototype.request) {
    const { request } = LockManager.prototype;
    LockManager.prototype.request = function (name, ...rest) {
      const i = rest.length - 1;
      if (i >= 0 && typeof rest[i] === 'function') {
        const cb = rest[i];
        rest[i] = function (...args) { return timed(cb, this, args); };
      }
      return request.call(this, name, ...rest);
    };
  }
  const { setItem } = Storage.prototype;
  Storage.prototype.setItem = function (key, value) {
    if (!probe.armed || !String(key).startsWith(prefix)) return setItem.call(this, key, value);
    if (timer) {
      timer.chars = (timer.chars ?? 0) + String(value).length;
      return setItem.call(this, key, value);
    }
    const start = performance.now(); // a save outside a timer: the write alone
    try {
      return setItem.call(this, key, value);
    } finally {
      probe.saves.push({ start, end: performance.now(), chars: String(value).length, outside_timer: true });
    }
  };
}



/** Sends one action's keydown (and its composition or commit) as a real keyboard/IME would. */
export async function sendKeyDown(cdp, a) {
  if (a.kind === 'key') {
    const text = a.text ? { text: a.text, unmodifiedText: a.text } : {};
    await cdp.send('Input.dispatchKeyEvent', {
      type: a.text ? 'keyDown' : 'rawKeyDown', key: a.key, code: a.code, windowsVirtualKeyCode: a.vk, nativeVirtualKeyCode: a.vk, ...text,
    });
    return;
  }
  // With an IME the page sees keydown "Process" (keyCode 229), then the composition. Both
  // are sent at once (they reach the page in order, over the same input channel), so no
  // round trip to node comes between them.
  await Promise.all([
    cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown', key: 'Process', code: a.code, windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229,
    }),
    a.kind === 'compose'
      ? cdp.send('Input.imeSetComposition', { text: a.text, selectionStart: a.text.length, selectionEnd: a.text.length })
      : cdp.send('Input.insertText', { text: a.text }),
  ]);
}

/** The seeds of the keystroke runs: the list cases and the 20-need plan. */
export function planSeeds(listItems, appVersion) {
  const envelope = planCaseEnvelope(appVersion);
  return { envelope, key: CASE_KEY_PREFIX + PLAN_CASE_ID, items: [...listItems, [CASE_KEY_PREFIX + PLAN_CASE_ID, JSON.stringify(envelope)]] };
}

export const KEY_PROBE = [installKeyProbe, { signal: KEY_SIGNAL, prefix: CASE_KEY_PREFIX }];
export const priorityHeading = (page, k) => page.getByRole('heading', { level: 4, name: `優先順位 ${k}`, exact: true });
/** The typed field, found the same way in the app and in its static copy. */
export const typedField = (page) =>
  page.getByRole('main').getByRole('listitem').filter({ has: priorityHeading(page, TYPED_NEED) })
    .getByRole('textbox', { name: '支援目標', exact: true });
/**
 * The size of the page; all but `elements` must be the same in the app and its static copy
 * (`elements` counts the app's loader too: its <script> and two preload links).
 */
export const pageShape = () => ({
  elements: document.getElementsByTagName('*').length,
  body_elements: document.body.getElementsByTagName('*').length,
  form_controls: document.querySelectorAll('input, textarea, select, button').length,
  textareas: document.querySelectorAll('textarea').length,
  body_text_chars: document.body.textContent.length,
});

/**
 * The static copy of the plan screen: an unthrottled load of the app in a fresh context
 * (seeded like the keystroke runs), then staticCopy() once all PLAN_NEEDS needs are shown
 * and the network is idle, before anything is focused or typed.
 */
export async function planStaticCopy(browser, base, appPath, seeds) {
  const { context, page, errors } = await newContext(browser, KEY_PROBE);
  try {
    await seed(page, base, seeds.items);
    await page.goto(`${base}${appPath}#/case/${PLAN_CASE_ID}/planning`);
    await priorityHeading(page, PLAN_NEEDS).waitFor();
    await page.waitForLoadState('networkidle');
    await sleep(500); // let any timer the screen starts on mount run first
    const copy = await page.evaluate(staticCopy);
    const shape = await page.evaluate(pageShape);
    if (errors.length) throw new Error(`keystroke static copy: ブラウザのエラー:\n  ${errors.join('\n  ')}`);
    if (copy.style_attributes) {
      throw new Error(`keystroke static copy: style 属性が ${copy.style_attributes} 個（CSP により静的コピーでは効きません）`);
    }
    return { ...copy, shape };
  } finally {
    await context.close().catch(() => {});
  }
}

/**
 * One keystroke run: typing into the 10th need's 支援目標 of a 20-need plan under CPU
 * throttling, in the app (`isApp`) or in its static copy (same seeds, locator, throttling,
 * keys, pacing and probe; no autosave to wait for). Returns the raw per-key records.
 */
export async function keystrokeRun(browser, base, { url, seeds, isApp, label, tracePath = null }) {
  const { context, page, errors } = await newContext(browser, KEY_PROBE);
  const records = [];
  let wake = null;
  page.on('console', (msg) => {
    const text = msg.text();
    if (!text.startsWith(KEY_SIGNAL)) return;
    records.push(JSON.parse(text.slice(KEY_SIGNAL.length)));
    wake?.();
  });
  const fail = (msg) => new Error(`keystroke ${label}: ${msg}`);
  const waitForRecords = async (n, what) => {
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (records.length < n) {
      if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);
      const left = deadline - Date.now();
      if (left <= 0) throw fail(`${what}: input イベントの後の描画が測れません（${records.length}/${n}）`);
      await new Promise((r) => {
        wake = r;
        setTimeout(r, Math.min(left, 1000));
      });
      wake = null;
    }
  };
  let tracing = false;
  try {
    const { envelope, key } = seeds;
    await seed(page, base, seeds.items);
    await page.goto(url);
    const main = page.getByRole('main');
    await priorityHeading(page, PLAN_NEEDS).waitFor().catch((e) => {
      throw fail(`計画案の画面に ${PLAN_NEEDS} 件のニーズが出ません: ${e.message}\n${errors.join('\n')}`);
    });
    const shown = await main.getByRole('heading', { level: 4, name: /^優先順位 \d+$/ }).count();
    if (shown !== PLAN_NEEDS) throw fail(`ニーズが ${shown} 件（期待 ${PLAN_NEEDS}）`);
    const field = typedField(page);
    const fieldId = await field.getAttribute('id');
    // Which need the field is in, counted in the DOM (its list item among the needs).
    const position = await field.evaluate((el) => {
      const li = el.closest('li.need');
      return li ? { index: [...li.parentElement.children].indexOf(li) + 1, of: li.parentElement.children.length } : null;
    });
    const before = await field.inputValue();
    const seeded = envelope.case.plan.needs[TYPED_NEED - 1].goal;
    if (before !== seeded) throw fail(`優先順位 ${TYPED_NEED} の支援目標が「${before}」（期待「${seeded}」）`);
    const shape = await page.evaluate(pageShape);
    // Focus scrolls the field into view, as a click would; the caret goes to the end.
    await field.focus();
    await field.evaluate((el) => el.setSelectionRange(el.value.length, el.value.length));
    const scrollY = await page.evaluate(() => Math.round(window.scrollY));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: THROTTLE });
    await page.evaluate(() => {
      window.__soudanKeyBench.armed = true;
    });
    if (tracePath) {
      // No sampling profiler (it would add far more to the app's JS than to the static page).
      await browser.startTracing(page, { path: tracePath, screenshots: false, categories: TRACE_CATEGORIES });
      tracing = true;
    }
    await sleep(1000);

    const { warmup, measured } = typingPlan(KEYS);
    const actions = warmup.concat(measured);
    const gaps = [];
    let lastSent = null;
    for (let i = 0; i < actions.length; i++) {
      const a = actions[i];
      if (lastSent !== null) {
        const wait = a.gap - (performance.now() - lastSent);
        if (wait > 0) await sleep(wait);
      }
      const now = performance.now();
      gaps.push(lastSent === null ? null : now - lastSent);
      lastSent = now;
      await sendKeyDown(cdp, a);
      // The next key waits for this one's paint: keys never queue up behind each other.
      await waitForRecords(i + 1, `${i + 1}. キー（${a.kind} ${JSON.stringify(a.text ?? a.key)}）`);
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: a.key, code: a.code, windowsVirtualKeyCode: a.vk, nativeVirtualKeyCode: a.vk });
    }
    if (tracing) {
      await sleep(500); // the last frame and the autosave after it
      await browser.stopTracing();
      tracing = false;
    }
    const calib = await calibrate(page);
    const expected = typedText(before, actions);
    if (isApp) {
      // The last autosave, then: did every key reach the field and the stored case?
      await page
        .waitForFunction(
          ([k, n, text]) => JSON.parse(localStorage.getItem(k) ?? 'null')?.case?.plan?.needs?.[n]?.goal === text,
          [key, TYPED_NEED - 1, expected],
          { timeout: 10_000 },
        )
        .catch(async () => {
          throw fail(`入力した「${expected.slice(before.length)}」が自動保存されません（欄の値「${await field.inputValue()}」）`);
        });
    }
    // Read by the same locator again: the text is in the field that was found before typing.
    const after = await field.inputValue();
    if (after !== expected) throw fail(`欄の値が「${after}」（期待「${expected}」）`);
    if ((await field.getAttribute('id')) !== fieldId) throw fail('入力後に欄の id が変わりました');
    const focusedId = await page.evaluate(() => document.activeElement?.id ?? null);
    if (focusedId !== fieldId) throw fail(`入力後のフォーカスが ${focusedId}（期待 ${fieldId}）`);
    const probe = await page.evaluate(() => ({ inputs: window.__soudanKeyBench.inputs, saves: window.__soudanKeyBench.saves }));
    if (probe.inputs !== actions.length) throw fail(`input イベントが ${probe.inputs} 回（キーは ${actions.length} 回）`);
    const noKeydown = records.filter((r) => r.keydown === null).length;
    if (noKeydown) throw fail(`${noKeydown} 回の input の前に keydown がありません`);
    if (errors.length) throw fail(`ブラウザのエラー:\n  ${errors.join('\n  ')}`);

    const timed = records.slice(warmup.length).map((r, i) => ({
      ...r,
      ms: r.painted - r.keydown,
      from_input_ms: r.painted - r.input,
      queued_ms: r.input - r.keydown,
      gap_ms: gaps[warmup.length + i],
      kind: measured[i].kind,
    }));
    const meets = (r) => probe.saves.some((s) => s.end > r.keydown && s.start < r.painted);
    return {
      label,
      timed,
      warmup_ms: records.slice(0, warmup.length).map((r) => r.painted - r.keydown),
      saves: probe.saves,
      meeting: timed.filter(meets).map((r) => r.ms),
      field: fieldId,
      field_position: position,
      scroll_y: scrollY,
      needs_shown: shown,
      typed: expected.slice(before.length),
      shape,
      calib,
    };
  } finally {
    if (tracing) await browser.stopTracing().catch(() => {});
    await context.close().catch(() => {});
  }
}

/** p50/p95/max of keystroke-to-paint (and from the input event) over a list of runs' keys. */
export function keyFigures(runs) {
  const timed = runs.flatMap((r) => r.timed);
  const ms = timed.map((r) => r.ms);
  const fromInput = timed.map((r) => r.from_input_ms);
  return {
    keys: timed.length,
    p50_ms: round1(median(ms)),
    p95_ms: round1(percentile(ms, 95)),
    max_ms: round1(Math.max(...ms)),
    from_input_event: {
      p50_ms: round1(median(fromInput)),
      p95_ms: round1(percentile(fromInput, 95)),
      max_ms: round1(Math.max(...fromInput)),
    },
    queued_ms: { median: round1(median(timed.map((r) => r.queued_ms))), max: round1(Math.max(...timed.map((r) => r.queued_ms))) },
    gap_ms: {
      min: round1(Math.min(...timed.map((r) => r.gap_ms))),
      median: round1(median(timed.map((r) => r.gap_ms))),
      max: round1(Math.max(...timed.map((r) => r.gap_ms))),
    },
    keys_ms: round1All(ms),
    warmup_ms: round1All(runs.flatMap((r) => r.warmup_ms)),
    calibration_loop_ms: round1(median(runs.map((r) => r.calib))),
  };
}
export const brief = (runs) => {
  const f = keyFigures(runs);
  return { p50_ms: f.p50_ms, p95_ms: f.p95_ms, max_ms: f.max_ms };
};

/**
 * The keystroke part: the static copy of the plan screen, then KS_WARMUP + KS_RUNS rounds
 * of one app run and one static run (ABBA order; the warm-up rounds are discarded), and
 * with BENCH_TRACE one more traced pair (not counted).
 */
export async function keystrokeAll(browser, base, appPath, benchDir, listItems, appVersion) {
  const seeds = planSeeds(listItems, appVersion);
  const copy = await planStaticCopy(browser, base, appPath, seeds);
  fs.writeFileSync(path.join(benchDir, 'static', 'plan.html'), copy.html);
  log(`keystroke: static copy of the plan screen, ${copy.html.length} chars (${JSON.stringify(copy.synced)} form values written as markup)`);
  const appUrl = `${base}${appPath}#/case/${PLAN_CASE_ID}/planning`;
  const staticUrl = `${base}_bench/static/plan.html`;
  const run = (isApp, tag, tracePath) =>
    keystrokeRun(browser, base, { url: isApp ? appUrl : staticUrl, seeds, isApp, label: `${isApp ? 'app' : 'static'} ${tag}`, tracePath });
  const app = [];
  const stat = [];
  const all = [];
  const rounds = [];
  const warmRounds = [];
  for (let i = 0; i < KS_WARMUP + KS_RUNS; i++) {
    const warmup = i < KS_WARMUP;
    const tag = warmup ? `warm-up ${i + 1}` : `round ${i - KS_WARMUP + 1}/${KS_RUNS}`;
    const order = i % 2 === 0 ? ['app', 'static'] : ['static', 'app'];
    const got = {};
    for (const which of order) got[which] = await run(which === 'app', tag);
    all.push(got.app, got.static);
    const a = brief([got.app]);
    const s = brief([got.static]);
    (warmup ? warmRounds : rounds).push({
      order: order.join(','),
      app: a,
      static: s,
      ratio_p95: ratio(a.p95_ms, s.p95_ms),
      ratio_p50: ratio(a.p50_ms, s.p50_ms),
      scroll_y: { app: got.app.scroll_y, static: got.static.scroll_y },
    });
    if (!warmup) app.push(got.app), stat.push(got.static);
    log(`keystroke ${tag}: app p50 ${a.p50_ms} / p95 ${a.p95_ms} ms, static p50 ${s.p50_ms} / p95 ${s.p95_ms} ms`);
  }
  // The static copy's field must be the app's field: same id, same place among as many
  // needs, same page (elements, controls, text), same text typed and found in it.
  const ref = app[0];
  for (const r of all) {
    const same =
      r.field === ref.field && r.needs_shown === ref.needs_shown && r.typed === ref.typed &&
      JSON.stringify(r.field_position) === JSON.stringify(ref.field_position) &&
      JSON.stringify({ ...r.shape, elements: 0 }) === JSON.stringify({ ...copy.shape, elements: 0 });
    if (!same) {
      throw new Error(
        `keystroke: ${r.label} is not the same field/page as the app's: ` +
          JSON.stringify({ field: r.field, position: r.field_position, scroll_y: r.scroll_y, needs: r.needs_shown, shape: r.shape }) +
          ' vs ' +
          JSON.stringify({ field: ref.field, position: ref.field_position, scroll_y: ref.scroll_y, needs: ref.needs_shown, shape: copy.shape }),
      );
    }
  }
  // Not a failure: see the header comment (a need above the field rendered once keeps its
  // real height instead of the placeholder's, which moves the scroll position by the
  // difference; the viewport shows the same content).
  const scrolls = [...new Set(all.map((r) => r.scroll_y))];
  if (scrolls.length > 1) log(`keystroke: scroll positions after the focus differ between runs: ${all.map((r) => `${r.label} ${r.scroll_y}`).join(', ')}`);
  let traces = null;
  if (TRACE_DIR) {
    fs.mkdirSync(TRACE_DIR, { recursive: true });
    traces = { app: path.join(TRACE_DIR, 'keystroke-app.json'), static: path.join(TRACE_DIR, 'keystroke-static.json') };
    const ta = brief([await run(true, 'traced', traces.app)]);
    const ts = brief([await run(false, 'traced', traces.static)]);
    log(`keystroke traced (not counted): app p95 ${ta.p95_ms} ms, static p95 ${ts.p95_ms} ms → ${TRACE_DIR}`);
    traces.figures = { app: ta, static: ts };
  }

  const fa = keyFigures(app);
  const fs_ = keyFigures(stat);
  const saves = app.flatMap((r) => r.saves);
  const saveMs = saves.map((s) => s.end - s.start);
  const timed = app.flatMap((r) => r.timed);
  return {
    keys: fa.keys,
    p50_ms: fa.p50_ms,
    p95_ms: fa.p95_ms,
    max_ms: fa.max_ms,
    throttle: THROTTLE,
    needs: PLAN_NEEDS,
    goal_p95_ms: KEYSTROKE_GOAL_MS,
    baseline: {
      what: 'static copy of the plan screen (the app\'s rendered DOM, no scripts, same CSS/CSP), same field, keys, pacing, probe and throttling',
      url: '/_bench/static/plan.html',
      html_chars: copy.html.length,
      form_values_written: copy.synced,
      p50_ms: fs_.p50_ms,
      p95_ms: fs_.p95_ms,
      max_ms: fs_.max_ms,
      keys: fs_.keys,
      from_input_event: fs_.from_input_event,
      queued_ms: fs_.queued_ms,
      gap_ms: fs_.gap_ms,
      field: stat[0].field,
      field_position: stat[0].field_position,
      scroll_y: stat.map((r) => r.scroll_y),
      needs_shown: stat[0].needs_shown,
      page: stat[0].shape,
      keys_ms: fs_.keys_ms,
      warmup_ms: fs_.warmup_ms,
      calibration_loop_ms: fs_.calibration_loop_ms,
    },
    ratio_p95: ratio(fa.p95_ms, fs_.p95_ms),
    ratio_p50: ratio(fa.p50_ms, fs_.p50_ms),
    ratio_max: ratio(fa.max_ms, fs_.max_ms),
    ratio_from_input_p95: ratio(fa.from_input_event.p95_ms, fs_.from_input_event.p95_ms),
    runs: KS_RUNS,
    warmup_runs: KS_WARMUP,
    keys_per_run: app[0].timed.length,
    rounds,
    warmup: warmRounds,
    from_input_event: fa.from_input_event,
    queued_ms: fa.queued_ms,
    ime_keys: timed.filter((r) => r.kind !== 'key').length,
    direct_keys: timed.filter((r) => r.kind === 'key').length,
    field: ref.field,
    field_position: ref.field_position,
    scroll_y: app.map((r) => r.scroll_y),
    typed: ref.typed,
    page: ref.shape,
    gap_ms: fa.gap_ms,
    autosaves: saves.length,
    autosave_ms: { median: round1(median(saveMs)), max: round1(saveMs.length ? Math.max(...saveMs) : null) },
    autosave_record_chars: saves.at(-1)?.chars ?? null,
    keys_meeting_autosave: app.reduce((n, r) => n + r.meeting.length, 0),
    keys_meeting_autosave_ms: round1All(app.flatMap((r) => r.meeting)),
    keys_ms: fa.keys_ms,
    warmup_ms: fa.warmup_ms,
    seed_schema_version: seeds.envelope.schema_version,
    calibration_loop_ms: fa.calibration_loop_ms,
    traces,
    method:
      'per run one fresh context; 20 list cases + the 20-need plan seeded; CDP CPU throttling; keys sent with CDP ' +
      '(Input.dispatchKeyEvent; IME: keydown "Process" + Input.imeSetComposition / Input.insertText) one at a time, ' +
      'each after the previous one was painted and its typing gap; ms = keydown event.timeStamp → performance.now() ' +
      'in a message posted from the rAF after the input event (after that frame is rendered); app and static copy ' +
      'alternate (ABBA), warm-up rounds discarded, keys of the measured runs pooled',
  };
}

