//! Native timing of the plan check (issue 5: "Check of a 20-need plan … goal ≤ 2 ms native").
//!
//! Builds one fictional case — a filled assessment of 63 entries over the seven life domains,
//! a plan of 20 needs with realistic Japanese lengths (2–3 supports each, reasons, roles,
//! notes, links to the assessment) and a 週間計画表 placing the weekly supports — reads it
//! through the app's own export reader, then times `check_case` at 主任 (every rule) over many
//! runs. Prints one JSON object on stdout:
//!
//!   {"check_native_median_ms": x, "check_native_p95_ms": y, "runs": n, …}
//!
//! Run: `cargo run --release --example check_bench` (scripts/bench does, with BENCH_ONLY=check
//! for this part alone). Env: CHECK_BENCH_RUNS (default 2000), CHECK_BENCH_WARMUP (default 200).

use serde_json::{json, Value};
use soudan_workbench::domain::check::{check_case, CheckOptions};
use soudan_workbench::domain::role_matrix::Level;
use soudan_workbench::store::read_export_file;
use std::time::Instant;

const NEEDS: usize = 20;

const DOMAINS: [&str; 7] = ["daily_living", "finances", "work_learning", "relationships", "health", "leisure", "meaning"];

/// Texts of realistic length, varied by index so that no two fields are equal.
const CURRENT: [&str; 4] = [
    "朝は母の声かけで7時に起きる。着替えは自分でできるが、天気に合った服を選ぶのは手伝いが要る。",
    "月末の1週間ほどお金が足りなくなり、コンビニのパンで済ませる日がある。家賃は口座引き落とし。",
    "就労継続支援B型で週4日、部品の袋詰めをしている。作業は丁寧で、欠勤はほとんどない。",
    "統合失調症で2週に1回通院。眠れない日が続くと薬を飲み忘れることがある（訪問看護師より）。",
];
const WISH: [&str; 4] = [
    "一人で電車に乗って、隣の町の図書館に行きたい",
    "自分のお給料で、お母さんを温泉に連れて行きたい",
    "料理を少しできるようになりたい。カレーなら昔作れた",
    "人と話すのは疲れる。でも、たまには誰かと話したい",
];
const STRENGTH: [&str; 4] = [
    "一度覚えた手順は毎日きちんと守る。洗濯機の使い方も自分で覚えた",
    "近所の喫茶店のマスターと顔なじみで、週1回ほどコーヒーを飲みに行く",
    "好きな歌手の曲をすべて覚えていて、歌詞カードを見ずに歌える",
    "服薬カレンダーを自分で使い、この1年は飲み忘れがほとんどない",
];
const NEED: [&str; 4] = [
    "一人で電車に乗って、隣の町の図書館に行けるようになりたい。",
    "月末に食べ物が買えなくなるのを何とかしたい。",
    "今の作業所で働き続け、いつかお店でパンを売る係をしたい。",
    "入院しないで、今のアパートで一人暮らしを続けたい。",
];
const GOAL: [&str; 4] = [
    "半年後までに、移動支援で月2回図書館に行き、帰りの電車は一人で乗れる。",
    "3か月後までに、1週間ごとにお金を分けて使い、月末も1日2食は食べられる。",
    "1年後までに、作業所に週5日通いながら、週1回、午後の売り場の係をする。",
    "眠れない日が3日続いたら自分で気づき、訪問看護師か主治医に連絡できる。",
];
const KINDS: [&str; 6] = ["居宅介護", "移動支援", "就労継続支援B型", "短期入所", "地域活動支援センター", "日常生活自立支援事業（社会福祉協議会）"];
const CONTENT: &str = "買い物メモを一緒に作り、調理と片付けを本人と一緒に行う。本人ができることは代わりにしない。";
const REASON: &str = "本人が「料理を一緒にするなら」と決めたため。これまでに身につけた力を生かし、週2回の夕食づくりから始める。";
const ROLE: &str = "作りたいメニューを前の日に決めておく。ごみの日の前の晩に、ごみ袋を玄関に置く。";
const NOTES: &str = "ヘルパーは本人のペースに合わせる。体調の悪い日は無理をせず、訪問看護師に様子を伝える。";

/// The case as an export file (schema 6), so the bench reads it exactly as the app would.
fn case_file() -> String {
    let mut next_entry = 1u32;
    let mut entry = |text: String, kind: Option<&str>| {
        let id = next_entry;
        next_entry += 1;
        let mut e = json!({"id": id, "text": text, "own_words": kind.is_none(), "speaker": if kind.is_none() { "person" } else { "supporter" }});
        if let Some(k) = kind {
            e["strength_kind"] = json!(k);
        }
        (id, e)
    };
    // 7 domains × (3 current + 3 wishes + 3 strengths) = 63 entries.
    let mut domains = Vec::new();
    let mut strengths_ids = Vec::new();
    let mut other_ids = Vec::new();
    for (d, domain) in DOMAINS.iter().enumerate() {
        let mut column = |texts: &[&str], kind: Option<&str>, ids: &mut Vec<u32>| -> Vec<Value> {
            (0..3)
                .map(|i| {
                    let (id, e) = entry(format!("{}（{}-{}）", texts[(d + i) % texts.len()], d + 1, i + 1), kind);
                    ids.push(id);
                    e
                })
                .collect()
        };
        let current = column(&CURRENT, Some("skill"), &mut other_ids);
        let wishes = column(&WISH, None, &mut other_ids);
        let strengths = column(&STRENGTH, Some("environment"), &mut strengths_ids);
        // Current and wish entries carry no strength_kind in the app's files.
        let strip = |mut v: Vec<Value>| {
            for e in &mut v {
                e.as_object_mut().unwrap().remove("strength_kind");
            }
            v
        };
        domains.push(json!({
            "domain": domain, "hidden": false, "current": strip(current), "person_wishes": wishes,
            "family_wishes": [], "strengths": strengths,
        }));
    }
    let mut needs = Vec::new();
    let mut slots = Vec::new();
    let mut support_id = 1u32;
    let days = ["mon", "tue", "wed", "thu", "fri", "sat"];
    for n in 0..NEEDS {
        let mut supports = Vec::new();
        for s in 0..(2 + n % 2) {
            let informal = s == 2;
            let weekly = !informal && s == 0 && n % 3 == 0;
            let (times, per, hours) = if weekly { (json!(1), "week", json!(1.5)) } else { (json!(2), "month", Value::Null) };
            supports.push(json!({
                "id": support_id,
                "formality": if informal { "informal" } else { "formal" },
                "kind": if informal { "近所の喫茶店".to_owned() } else { KINDS[(n + s) % KINDS.len()].to_owned() },
                "content": format!("{CONTENT}（{}）", n + 1),
                "amount": {"times": times, "per": per, "hours": hours},
                "provider": "", "corporation": format!("社会福祉法人{}", ["みらい", "わかば会", "ひかり福祉会"][(n + s) % 3]),
                "reason": if n % 7 == 6 && s == 1 { String::new() } else { format!("{REASON}（{}）", n + 1) },
            }));
            if weekly {
                let start = 8 + (n % 10);
                slots.push(json!({
                    "id": slots.len() + 1, "columns": [days[n % days.len()]],
                    "start": format!("{start}:00"), "end": format!("{start}:30"),
                    "text": format!("{}（{}）", KINDS[n % KINDS.len()], n + 1), "support": support_id,
                }));
            }
            support_id += 1;
        }
        let goal = if n == 9 { "地域で安心して暮らせるようにする。".to_owned() } else { format!("{}（{}）", GOAL[n % GOAL.len()], n + 1) };
        needs.push(json!({
            "id": n + 1,
            "need": format!("{}（{}）", NEED[n % NEED.len()], n + 1),
            "goal": goal,
            "target_date": "令和9年11月",
            "supports": supports,
            "persons_role": format!("{ROLE}（{}）", n + 1),
            "review_date": "令和9年5月",
            "notes": NOTES,
            "rests_on": [other_ids[(3 * n) % other_ids.len()], other_ids[(3 * n + 1) % other_ids.len()], strengths_ids[n % strengths_ids.len()]],
        }));
    }
    // The 週間計画表 sorts its slots itself on read.
    let slots_len = slots.len();
    let case = json!({
        "id": "bench-check-20-needs", "name": "ベンチ 太郎（仮名）", "support_category": "3", "for_child": false,
        "stage": "planning", "archived": false,
        "created_at": "2026-11-01T10:00:00+09:00", "updated_at": "2026-11-27T10:00:00+09:00",
        "intake": {
            "housing": "木造アパート2階の1Kで一人暮らし。",
            "family": "単身。姉が隣県に住む。",
            "medical": "統合失調症。みどりが丘病院（架空）に2週に1回通院。訪問看護 週1回。",
        },
        "assessment": {
            "domains": domains, "next_entry_id": next_entry,
            "decision_support": {"participation": "自宅で2回、病院で1回面談した。サービスは本人が選んだ。", "supports_used": "話すことを前もってメモで伝えた。", "estimated": false, "estimated_by": "", "estimation_reason": ""},
        },
        "plan": {
            "status": "draft",
            "header": {"office_name": "相談支援事業所ひだまり（架空）", "planner": "相談員 岡田（架空）", "burden_cap": "0円", "regional_certificate_no": "", "day_service_certificate_no": "", "drafted_on": "2026-11-27", "monitoring_start": "2026-12"},
            "person_wishes": format!("「{}」「{}」「{}」", WISH[0], WISH[1], WISH[2]),
            "family_wishes": "姉：無理のない範囲で見守りたい。緊急時は連絡してほしい。",
            "support_policy": "本人が自分で体調のサインに気づき、早めに相談できるよう、病院・訪問看護と連携します。料理の経験を生かし、ヘルパーと一緒に食事と部屋を整えながら、アパートでの一人暮らしを続けられるよう支えます。",
            "long_term_goal": "入院せずに今のアパートで暮らし、自分で作ったカレーを食べる。",
            "short_term_goal": "ヘルパーと週2回料理をする。地域活動支援センターに週3回通う。",
            "needs": needs,
            "next_need_id": NEEDS + 1, "next_support_id": support_id,
            "monitoring": {"interval_months": 3, "reason": ""},
            "schedule": {"start_month": "令和8年12月", "slots": slots, "non_weekly": "通院：2週に1回。", "whole_life": "今のアパートで一人暮らしを続ける。", "next_slot_id": slots_len + 1},
        },
    });
    json!({"format": "soudan-workbench-cases", "schema_version": 6, "cases": [{"schema_version": 6, "written_at": "2026-11-27T10:00:00+09:00", "app_version": "bench", "revision": 0, "case": case}]})
        .to_string()
}

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).filter(|n| *n > 0).unwrap_or(default)
}

fn main() {
    let runs = env_usize("CHECK_BENCH_RUNS", 2000);
    let warmup = env_usize("CHECK_BENCH_WARMUP", 200);
    let case = read_export_file(&case_file()).expect("the bench case reads").remove(0);
    let entries: usize = case.assessment.domains().iter().map(|d| d.entries().count()).sum();
    let supports: usize = case.plan.needs().iter().map(|n| n.supports.len()).sum();
    assert_eq!(case.plan.needs().len(), NEEDS);
    let options = CheckOptions { level: Level::Lead, ..CheckOptions::default() };
    let findings = check_case(&case, &options).len();
    for _ in 0..warmup {
        std::hint::black_box(check_case(std::hint::black_box(&case), &options));
    }
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            let f = check_case(std::hint::black_box(&case), &options);
            let elapsed = t.elapsed();
            std::hint::black_box(f);
            elapsed.as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let median = if runs % 2 == 1 { ms[runs / 2] } else { (ms[runs / 2 - 1] + ms[runs / 2]) / 2.0 };
    // Nearest rank.
    let p95 = ms[((runs as f64 * 0.95).ceil() as usize).clamp(1, runs) - 1];
    let round = |x: f64| (x * 10_000.0).round() / 10_000.0;
    let out = json!({
        "check_native_median_ms": round(median),
        "check_native_p95_ms": round(p95),
        "check_native_min_ms": round(ms[0]),
        "check_native_max_ms": round(ms[runs - 1]),
        "runs": runs,
        "warmup_runs": warmup,
        "goal_ms": 2.0,
        "level": "lead",
        "case": {"needs": NEEDS, "supports": supports, "assessment_entries": entries, "schedule_slots": case.plan.schedule.slots().len(), "findings": findings},
        "profile": if cfg!(debug_assertions) { "debug" } else { "release" },
    });
    println!("{out}");
}
