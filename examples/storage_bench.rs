//! Stored size of a case with three years of history (issue 14, part 5), natively.
//!
//! Builds fictional 3-year cases from sample 3 (`public/samples/sample-3-shintai.json`, the
//! sample with a final plan and recorded モニタリング): 6 final plan versions, 18 recorded
//! monitoring reports (3 per version) and 6 reviews, each item about the size of the
//! sample's own. From one version to the next about half of the texts are rewritten (a
//! sentence added, the sentences reordered), the rest kept, as a plan revision does; each
//! report and review is varied the same way. `team_meetings` is not part of `Case` yet: the
//! 6 reviews stand in for the 6 meetings (a meeting record of about the same size).
//!
//! Writes each case through the app's own `Store` (plain, and under `seal::Sealed` with a
//! passphrase set), and the same case as one record (`envelope::write`, the format before the
//! split) for comparison. Prints one JSON object on stdout: UTF-16 units per case (keys and
//! values, as localStorage counts them), the units one keystroke's autosave writes, the
//! time of that save, and `records`: the sealed records of `STORAGE_BENCH_VARIANTS` distinct
//! cases before and after the split, which `scripts/bench-parts/storage.mjs` writes into
//! Chromium's localStorage until the quota error.
//!
//! Run: `cargo run --release --example storage_bench` (scripts/bench does, for BENCH_ONLY=storage).

use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};
use soudan_workbench::domain::{Case, CaseId};
use soudan_workbench::store::envelope;
use soudan_workbench::store::history::{self, History};
use soudan_workbench::store::seal::{Kdf, Key, Sealed};
use soudan_workbench::store::{case_key, read_export_file, Backend, BackendError, MemoryBackend, Store};
use std::cell::Cell;
use std::time::Instant;

const VERSIONS: usize = 6;
const REPORTS_PER_VERSION: usize = 3;
const REVIEWS: usize = 6;

/// Sentences added to rewritten texts (fictional, in the samples' register).
const ADDED: [&str; 12] = [
    "本人と相談し、次の半年は回数を増やすことにした。",
    "母の体調が落ち着いたため、夜の介助の一部を母に戻す。",
    "ヘルパー事業所の担当者が替わったので、引き継ぎの場を設けた。",
    "大学の障害学生支援室から、ノートテイクの配慮が決まったと連絡があった。",
    "通院の付き添いは、訪問看護の日に合わせて月2回とする。",
    "本人が自分で予定表をつけ始め、週末の外出が増えた。",
    "短期入所の利用は、母の入院に備えて年2回の体験利用を続ける。",
    "福祉用具の見直しで、車いすのクッションを交換した。",
    "冬の間は体調を崩しやすいため、外出は午後に限る。",
    "本人から「友だちと映画に行きたい」と希望があり、移動支援で対応する。",
    "支給決定の更新に合わせて、サービス量を見直した。",
    "主治医から、夜間の体位交換の回数を減らしてよいと意見があった。",
];

/// splitmix64: deterministic variation, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Rewrites about half of the longer texts in `v`: sentences rotated and one added.
fn vary(v: &mut Value, rng: &mut Rng, tag: usize) {
    match v {
        Value::String(s) if s.chars().count() >= 12 && rng.next().is_multiple_of(2) => {
            let mut parts: Vec<&str> = s.split_inclusive('。').collect();
            let turn = (rng.next() as usize) % parts.len().max(1);
            parts.rotate_left(turn);
            let added = ADDED[(rng.next() as usize + tag) % ADDED.len()];
            *s = format!("{}{added}（{}回目の見直し）", parts.concat(), tag + 1);
        }
        Value::Array(items) => items.iter_mut().for_each(|i| vary(i, rng, tag)),
        Value::Object(map) => map.iter_mut().filter(|(k, _)| !is_code(k)).for_each(|(_, i)| vary(i, rng, tag)),
        _ => {}
    }
}

/// Fields that are codes or dates, not prose.
fn is_code(key: &str) -> bool {
    ["status", "held_on", "drafted_on", "monitoring_start", "agreed_on", "explained_on", "id", "kind", "per"].contains(&key)
}

fn three_year_case(sample: &Value, n: u64) -> Case {
    let mut rng = Rng(n.wrapping_mul(0x1234_5678_9abc_def1));
    let mut case = sample.clone();
    case["id"] = json!(format!("{:032x}", 0x5107_a6e0_0000_0000_0000_0000_0000_0000u128 + u128::from(n)));
    let plan_template = sample["final_plans"][0].clone();
    let report_templates = sample["monitoring_reports"].as_array().expect("sample 3 has reports").clone();
    // Each version rewrites about half of the template's texts (not of the previous
    // version's: a plan does not grow with every revision).
    let mut plans = Vec::new();
    let mut plan = plan_template.clone();
    for version in 0..VERSIONS {
        plan = plan_template.clone();
        vary(&mut plan, &mut rng, version);
        plans.push(plan.clone());
    }
    let mut reports = Vec::new();
    for version in 0..VERSIONS {
        for k in 0..REPORTS_PER_VERSION {
            let mut report = report_templates[k % report_templates.len()].clone();
            vary(&mut report, &mut rng, version * REPORTS_PER_VERSION + k);
            let month = version * 6 + k * 2;
            report["id"] = json!(reports.len() + 1);
            report["plan_version"] = json!(version + 1);
            report["status"] = json!("recorded");
            report["held_on"] = json!(format!("{}-{:02}-15", 2024 + month / 12, month % 12 + 1));
            reports.push(report);
        }
    }
    let reviews: Vec<Value> = (0..REVIEWS)
        .map(|version| {
            let mut review = json!({
                "plan_version": version + 1,
                "reviewer": "主任相談支援専門員 森（架空）",
                "reviewed_on": format!("{}-{:02}-20", 2024 + version / 2, (version % 2) * 6 + 1),
                "overall": "本人の言葉で書かれた希望が計画の中心に置かれ、母の負担を減らす支援との釣り合いもよく考えられています。大学の学び直しについては、見学から受講までの段取りが具体的で、本人が自分で決めたことが分かります。夜間の介助の移行は、母の気持ちにも触れながら、少しずつ進めているところが良い点です。次の見直しでは、体調を崩したときの連絡の流れを、本人にも分かる言葉で一枚にまとめてください。",
                "comments": (0..4).map(|i| json!({
                    "finding": format!("needs[{i}].goal"),
                    "message": "目標に期間と、本人から見て達成が分かる形が書かれているか。",
                    "comment": "半年後の姿が本人の言葉で書けています。達成を誰がどう確かめるかも、モニタリングの項目に合わせて書き足すと、振り返りが楽になります。"
                })).collect::<Vec<_>>(),
            });
            vary(&mut review, &mut rng, version);
            review
        })
        .collect();
    case["final_plans"] = Value::Array(plans);
    case["monitoring_reports"] = Value::Array(reports);
    case["reviews"] = Value::Array(reviews);
    case["plan"] = {
        let mut draft = plan;
        draft["status"] = json!("draft");
        draft.as_object_mut().expect("plan").remove("consent");
        draft
    };
    let file = json!({"format": "soudan-workbench-cases", "cases": [{
        "schema_version": soudan_workbench::store::SCHEMA_VERSION,
        "written_at": "2027-06-01T09:00:00+09:00", "app_version": "bench", "revision": 1, "case": case,
    }]});
    read_export_file(&file.to_string()).expect("the generated case reads").remove(0)
}

/// Counts what is written (UTF-16 units of keys and values).
#[derive(Default)]
struct Counting {
    inner: MemoryBackend,
    written: Cell<usize>,
}

impl Backend for Counting {
    fn get(&self, key: &str) -> Option<String> {
        self.inner.get(key)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), BackendError> {
        self.written.set(self.written.get() + units(key) + units(value));
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &str) {
        self.inner.remove(key)
    }
    fn keys(&self) -> Vec<String> {
        self.inner.keys()
    }
}

fn units(s: &str) -> usize {
    s.encode_utf16().count()
}

fn bench_random(buf: &mut [u8]) {
    static STATE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let mut rng = Rng(STATE.fetch_add(1, std::sync::atomic::Ordering::Relaxed));
    for chunk in buf.chunks_mut(8) {
        chunk.copy_from_slice(&rng.next().to_le_bytes()[..chunk.len()]);
    }
}

fn sealed() -> Sealed<Counting> {
    let mut backend = Sealed::new(Counting::default());
    backend.set_passphrase(&Key::from_bytes([7; 32]), Kdf::new(bench_random), Key::from_bytes([9; 32]), bench_random).unwrap();
    backend
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2027-06-01T09:00:00+09:00").unwrap()
}

/// The case's records as stored (keys and values, sealed when the backend seals).
fn records_of<B: Backend>(backend: &B, id: &CaseId) -> Vec<(String, String)> {
    let key = case_key(id);
    let mut out: Vec<(String, String)> = backend
        .keys()
        .into_iter()
        .filter(|k| *k == key || k.starts_with(&format!("{key}/")))
        .map(|k| {
            let v = backend.get_raw(&k).unwrap();
            (k, v)
        })
        .collect();
    out.sort();
    out
}

fn total(records: &[(String, String)]) -> usize {
    records.iter().map(|(k, v)| units(k) + units(v)).sum()
}

struct Measured {
    before: Vec<(String, String)>,
    after: Vec<(String, String)>,
    keystroke_before: usize,
    keystroke_after: usize,
    save_before_ms: f64,
    save_after_ms: f64,
}

/// One case before (one record) and after (split), on `make()`'s backend.
fn measure<B: Backend>(case: &Case, make: impl Fn() -> B, written: impl Fn(&B) -> usize) -> Measured {
    let mut edited = case.clone();
    edited.plan.person_wishes.push('。');
    let runs = 50;
    // Before: the whole case as one record, rewritten on every save.
    let mut old = make();
    let key = case_key(&case.id);
    old.set(&key, &envelope::write(case, now(), "bench", 1)).unwrap();
    let before = records_of(&old, &case.id);
    let w0 = written(&old);
    let t = Instant::now();
    for r in 0..runs {
        // As the store did: the stored record read back (opened when sealed) to compare.
        std::hint::black_box(old.get(&key));
        old.set(&key, &envelope::write(&edited, now(), "bench", 2 + r)).unwrap();
    }
    let save_before_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let keystroke_before = (written(&old) - w0) / runs as usize;
    // After: through the store.
    let mut store = Store::new(make(), "bench");
    store.save(case, now()).unwrap();
    let after = records_of(store.backend(), &case.id);
    let w0 = written(store.backend());
    let t = Instant::now();
    for r in 0..runs {
        let mut e = edited.clone();
        e.plan.person_wishes.push_str(&"。".repeat(r as usize % 2));
        store.save(&e, now()).unwrap();
    }
    let save_after_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let keystroke_after = (written(store.backend()) - w0) / runs as usize;
    Measured { before, after, keystroke_before, keystroke_after, save_before_ms, save_after_ms }
}

fn main() {
    let variants: u64 = std::env::var("STORAGE_BENCH_VARIANTS").ok().and_then(|v| v.parse().ok()).unwrap_or(6);
    let sample: Value =
        serde_json::from_str(&std::fs::read_to_string("public/samples/sample-3-shintai.json").expect("run from the repository"))
            .expect("sample JSON");
    let sample = &sample["cases"][0]["case"];
    let cases: Vec<Case> = (0..variants).map(|n| three_year_case(sample, n)).collect();
    let whole_units = |c: &Case| units(&envelope::write(c, now(), "bench", 1));

    let plain: Vec<Measured> = cases.iter().map(|c| measure(c, Counting::default, |b| b.written.get())).collect();
    let sealed_m: Vec<Measured> = cases.iter().map(|c| measure(c, sealed, |b| b.inner().written.get())).collect();
    let avg = |xs: &[Measured], f: &dyn Fn(&Measured) -> f64| xs.iter().map(f).sum::<f64>() / xs.len() as f64;
    let round = |x: f64| x.round() as u64;
    let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
    let c0 = &cases[0];
    // The choices, for one case's history (unsealed units of the history record's value):
    // as JSON, deflated as one record (what the store does), and deflated item by item.
    let (_, frozen) = History::split(c0);
    let json = history::to_json(&c0.id, &frozen);
    let mut per_item = 0;
    for plan in &frozen.final_plans {
        per_item += units(&history::pack(&history::to_json(&c0.id, &History { final_plans: vec![plan.clone()], ..History::default() })));
    }
    for report in &frozen.monitoring_reports {
        per_item += units(&history::pack(&history::to_json(&c0.id, &History { monitoring_reports: vec![report.clone()], ..History::default() })));
    }
    for review in &frozen.reviews {
        per_item += units(&history::pack(&history::to_json(&c0.id, &History { reviews: vec![review.clone()], ..History::default() })));
    }
    let history_choices = json!({
        "json": units(&json),
        "deflated_one_record": units(&history::pack(&json)),
        "deflated_per_item": per_item,
    });
    let report = json!({
        "case": {
            "final_plans": c0.final_plans.len(),
            "monitoring_reports": c0.monitoring_reports.len(),
            "reviews": c0.reviews.len(),
            "team_meetings": "not in Case yet: the 6 reviews stand in for them",
            "json_units": round(cases.iter().map(|c| whole_units(c) as f64).sum::<f64>() / cases.len() as f64),
        },
        "bytes_per_case_3y": {
            "unit": "UTF-16 code units of keys and values (as localStorage counts)",
            "before": {
                "plain": round(avg(&plain, &|m| total(&m.before) as f64)),
                "sealed": round(avg(&sealed_m, &|m| total(&m.before) as f64)),
            },
            "after": {
                "plain": round(avg(&plain, &|m| total(&m.after) as f64)),
                "sealed": round(avg(&sealed_m, &|m| total(&m.after) as f64)),
                "sealed_case_record": round(avg(&sealed_m, &|m| total(&m.after[..1]) as f64)),
                "sealed_history_record": round(avg(&sealed_m, &|m| total(&m.after[1..]) as f64)),
            },
        },
        "history_units_by_layout": history_choices,
        "autosave_units_per_keystroke": {
            "before": { "plain": round(avg(&plain, &|m| m.keystroke_before as f64)), "sealed": round(avg(&sealed_m, &|m| m.keystroke_before as f64)) },
            "after": { "plain": round(avg(&plain, &|m| m.keystroke_after as f64)), "sealed": round(avg(&sealed_m, &|m| m.keystroke_after as f64)) },
        },
        "native_save_ms": {
            "note": "one save of the 3-year case after one keystroke, native release build, mean of 50",
            "before": { "plain": r3(avg(&plain, &|m| m.save_before_ms)), "sealed": r3(avg(&sealed_m, &|m| m.save_before_ms)) },
            "after": { "plain": r3(avg(&plain, &|m| m.save_after_ms)), "sealed": r3(avg(&sealed_m, &|m| m.save_after_ms)) },
        },
        "records": {
            "before": sealed_m.iter().map(|m| &m.before).collect::<Vec<_>>(),
            "after": sealed_m.iter().map(|m| &m.after).collect::<Vec<_>>(),
        },
    });
    println!("{report}");
}
