//! The export file against its JSON Schema (`public/schema/case.schema.json`).
//!
//! Rust has no JSON Schema validator here, so this side writes what the app writes, with
//! the real `export_cases`, to `target/schema-check/`; `tests/e2e/schema.test.mjs` (node,
//! ajv, run after `cargo test` by `scripts/test`) validates it. The malformed files that
//! the schema must refuse are refused by the Rust reader as well (checked here).

use chrono::{DateTime, FixedOffset};
use soudan_workbench::domain::calendar::{BenefitDecision, Month};
use soudan_workbench::domain::meeting::{AttendeeForm, MeetingForm};
use soudan_workbench::domain::monitoring::{ChangeNeeded, MonitoringVisit, ReportStatus};
use soudan_workbench::domain::wareki::parse_date;
use soudan_workbench::domain::{
    Case, CaseId, Column, Consent, FinalForm, MarkStatus, Formality, GridColumn, NewCase, Per, PlanStatus, Speaker, Stage,
    StrengthKind, SupportCategory, TimeOfDay, INTAKE_FIELDS,
};
use soudan_workbench::domain::community::{IssueCategory, IssueForm};
use soudan_workbench::domain::review::ReviewDraft;
use soudan_workbench::store::{export_cases, read_export_file, SCHEMA_VERSION};
use std::path::PathBuf;

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

fn t(s: &str) -> TimeOfDay {
    TimeOfDay::parse(s).unwrap()
}

/// Where the node test looks (the repository's own `target/`, whatever CARGO_TARGET_DIR says).
pub fn schema_check_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/schema-check");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A case with every field away from its default: all intake fields, a hidden custom
/// domain, entries in every column (own words, speakers, strength kinds), decision support,
/// a final plan (every header field, needs with formal and informal supports, amounts,
/// links, monitoring, a weekly schedule with slots across midnight and linked supports,
/// consent), a revised draft after it and two final plans.
pub fn maximal_case() -> Case {
    let form = NewCase {
        name: "山田 \"はな\"（仮名）".into(),
        certificate_no: "0123456789".into(),
        support_category: Some(SupportCategory::Category4),
        for_child: true,
    };
    let mut c = Case::create(CaseId::parse("Max_case-01").unwrap(), &form, at("2026-11-01T09:00:00.123+09:00")).unwrap();
    c.archived = true;
    for (i, f) in INTAKE_FIELDS.iter().enumerate() {
        f.set(&mut c.intake, format!("{}の記入 {i}\n二行目「引用」", f.label));
    }

    let a = &mut c.assessment;
    let custom = a.add_domain("移動・外出").unwrap();
    a.set_hidden(custom, true);
    a.set_hidden(6, true);
    let mut ids = Vec::new();
    for (d, column) in [(0, Column::PersonWishes), (0, Column::FamilyWishes), (4, Column::Current), (0, Column::Strengths), (custom, Column::Strengths), (custom, Column::Current)] {
        ids.push(a.add_entry(d, column).unwrap());
    }
    let speakers = [Speaker::Person, Speaker::Family, Speaker::Supporter, Speaker::Other, Speaker::Supporter, Speaker::Other];
    for (n, id) in ids.iter().enumerate() {
        let e = a.entry_mut(*id).unwrap();
        e.text = format!("記入 {n}：電車で海を見に行きたい 🌊");
        e.own_words = n % 2 == 0;
        e.speaker = speakers[n];
    }
    a.entry_mut(ids[3]).unwrap().strength_kind = Some(StrengthKind::Skill);
    a.entry_mut(ids[4]).unwrap().strength_kind = Some(StrengthKind::Environment);
    // A removed entry: next_entry_id stays ahead of the largest id.
    let gone = a.add_entry(1, Column::Current).unwrap();
    a.remove_entry(gone);
    a.decision_support.participation = "本人が会議に出席し、絵カードで希望を伝えた".into();
    a.decision_support.supports_used = "写真付きの説明、休憩".into();
    a.decision_support.estimated = true;
    a.decision_support.estimated_by = "母、グループホームの世話人".into();
    a.decision_support.estimation_reason = "これまでの選択の傾向から".into();

    let p = &mut c.plan;
    p.header.office_name = "相談支援センターみなと（架空）".into();
    p.header.planner = "相談員A".into();
    p.header.burden_cap = "9,300円".into();
    p.header.regional_certificate_no = "2222222222".into();
    p.header.day_service_certificate_no = "3333333333".into();
    p.header.drafted_on = "R8.11.20".into();
    p.header.monitoring_start = "令和8年12月".into();
    p.person_wishes = "「ひとりで暮らしを続けたい」".into();
    p.family_wishes = "無理をしないでほしい".into();
    p.support_policy = "本人の楽しみを大切にする".into();
    p.long_term_goal = "一人暮らしを続ける".into();
    p.short_term_goal = "週3回通所する".into();
    let first = p.add_need().unwrap();
    let second = p.add_need().unwrap();
    let dropped = p.add_need().unwrap();
    p.remove_need(dropped);
    p.move_need(second, true);
    for (need, n) in [(first, 1), (second, 2)] {
        let need = p.need_mut(need).unwrap();
        need.need = format!("ニーズ{n}");
        need.goal = format!("目標{n}");
        need.target_date = "令和9年5月".into();
        need.persons_role = "行きたい日を伝える".into();
        need.review_date = "令和9年2月".into();
        need.notes = "その他の留意事項".into();
    }
    p.set_rests_on(first, ids[0], true);
    p.set_rests_on(first, ids[3], true);
    p.set_rests_on(second, ids[4], true);
    let day = p.need(first).unwrap().supports[0].id;
    p.update_support(day, |s| {
        s.kind = "生活介護".into();
        s.content = "日中活動".into();
        s.amount.times = Some(3);
        s.amount.hours = Some(5.5);
        s.provider = "事業所B（担当：佐藤、電話 000-0000-0000）".into();
        s.corporation = "社会福祉法人C".into();
        s.reason = "作業所に週3日通う今の生活を続けたいという本人の希望から".into();
    });
    let outing = p.add_support(second).unwrap();
    p.update_support(outing, |s| {
        s.formality = Formality::Formal;
        s.kind = "移動支援".into();
        s.content = "カラオケへの付き添い".into();
        s.amount.times = Some(1);
        s.amount.per = Per::Month;
        s.amount.hours = Some(3.25);
    });
    let informal = p.need(second).unwrap().supports[0].id;
    p.update_support(informal, |s| {
        s.formality = Formality::Informal;
        s.kind = "家族".into();
        s.content = "週末の買い物".into();
        s.amount.times = Some(0);
        s.amount.hours = Some(0.0);
    });
    p.need_mut(second).unwrap().unmet = true;
    p.difficulty.marked = true;
    p.difficulty.emergency = "夜間に体調を崩したときは、姉が訪問看護ステーションに電話する。".into();
    p.difficulty.team = "本人、姉、訪問看護、相談支援専門員".into();
    p.difficulty.meetings = "令和8年11月20日 サービス担当者会議".into();
    p.monitoring.interval_months = Some(3);
    p.monitoring.reason = "新しいサービスの利用開始のため".into();
    let sched = &mut p.schedule;
    sched.start_month = "令和8年12月".into();
    sched.non_weekly = "移動支援（月1回）".into();
    sched.whole_life = "作業所に通いながら、休日はカラオケに出かける。".into();
    sched.add_slot(&[GridColumn::Fri, GridColumn::Mon, GridColumn::Wed], t("10:00"), t("15:30"), "生活介護".into(), Some(day)).unwrap();
    sched.add_slot(&[GridColumn::Activities], t("7:00"), t("8:00"), "起床・朝食".into(), None).unwrap();
    sched.add_slot(&[GridColumn::Sat, GridColumn::SunHoliday, GridColumn::Tue, GridColumn::Thu], t("22:00"), t("6:00"), "就寝".into(), None).unwrap();
    let removed = sched.add_slot(&[GridColumn::Sat], t("23:59"), t("0:00"), String::new(), Some(outing)).unwrap();
    sched.remove_slot(removed);

    c.plan.set_mark("resources.no_informal@plan.needs", Some(MarkStatus::NotApplicable), "本人が家族以外の支えを今は望まないため").unwrap();
    c.plan.set_mark("goal.vague_wording@need-1.goal", Some(MarkStatus::Done), "").unwrap();
    // Made final with open items acknowledged (consent.open).
    let open = soudan_workbench::domain::plan::OpenItems { required: 1, warning: 2, unfilled: 3 };
    c.make_final(&FinalForm { made_on: "R8.12.1".into(), consented_on: "2026-12-02".into(), signer: "母 山田花子".into(), open, acknowledged: true }).unwrap();
    // A monitoring of that version asks for a change; the next version answers it (requested_by).
    let asking = c.monitoring_draft_mut().unwrap();
    asking.held_on_typed = "R8.12.20".into();
    asking.place = "自宅".into();
    asking.rows[0].change_needed.amount = true;
    let asking = c.record_monitoring_draft().unwrap();
    c.change_plan_after(asking).unwrap();
    c.plan.short_term_goal = "週4回通所する".into();
    assert!(c.plan.check_marks.is_empty(), "a new version starts without marks");
    c.plan.set_mark("support.reason_missing@support-2.reason", Some(MarkStatus::Done), "").unwrap();
    c.make_final(&FinalForm { made_on: "令和9年1月5日".into(), consented_on: "2027/1/6".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
    let issue = IssueForm {
        category: Some(IssueCategory::Leisure),
        description: "休日に一人で行けるカラオケなどの余暇の場への移動手段がない。".into(),
        recorded_on: "R9.1.6".into(),
        need: Some(second),
    };
    c.add_community_issue(&issue).unwrap();
    let mut draft = ReviewDraft { reviewer: "主任 山田（架空）".into(), reviewed_on: "R9.1.7".into(), overall: "本人の言葉がよく残っています。".into(), ..ReviewDraft::default() };
    draft.set_comment("resources.no_informal@plan.needs", "インフォーマルな支えがありません", "近所の喫茶店は使えませんか。".into());
    c.review_draft = Some(draft.clone());
    c.finish_review().unwrap();
    c.review_draft = Some(draft);
    // 支給決定 with every field, and two monitorings: one recorded by the minimal form, one
    // with every column of the report filled.
    c.benefit_decision = BenefitDecision {
        valid_from: parse_date("R9.1.1"),
        valid_until: parse_date("2027-12-31"),
        monitoring_interval_months: Some(3),
        monitoring_start: Month::parse("令和9年2月").ok(),
    };
    c.record_monitoring(&MonitoringVisit { held_on: "R9.2.10".into(), place: "自宅".into(), home_visit: true }).unwrap();
    let mut full = c.new_monitoring_report().unwrap();
    full.status = ReportStatus::Recorded;
    full.held_on = parse_date("2027-05-12");
    full.place = "通所先の面談室".into();
    full.overall = "通所は安定している。「楽しい」と話す。".into();
    for row in &mut full.rows {
        row.service_status = "週3回、休まず通所（事業所から聞き取り）".into();
        row.persons_view = "「仕事が楽しい」".into();
        row.achievement = "おおむね達成".into();
        row.next_steps = "帰りの移動を一人でできるように".into();
        row.change_needed = ChangeNeeded { kind: true, amount: true, weekly: true };
        row.notes = "夏は体調に注意".into();
    }
    let full_id = full.id;
    c.monitoring_reports.push(full);
    // Its correction being written: a draft with 実施日 as typed and the report it corrects.
    c.correct_monitoring(full_id).unwrap();
    c.monitoring_draft_mut().unwrap().held_on_typed = "5月12日ごろ".into();
    // A meeting on the plan in force with every field, and its correction (`corrects`).
    let meeting = MeetingForm {
        held_on: "R9.5.20".into(),
        time: "10:00〜11:00".into(),
        place: "本人の自宅".into(),
        attendees: vec![
            AttendeeForm { role: "person".into(), affiliation: "本人".into(), name: "M.K.".into(), present: false, absence_note: "体調不良。前日に電話で意向を聞いた".into() },
            AttendeeForm { role: "provider".into(), affiliation: "就労継続支援B型 ひかり（架空）".into(), name: "山本".into(), present: true, absence_note: String::new() },
        ],
        items: "通所の回数".into(),
        discussion: "週4回にしたいと本人".into(),
        conclusion: "次の計画で週4回".into(),
        remaining_issues: "帰りの移動".into(),
        next_meeting: "令和9年8月".into(),
        corrects: None,
    };
    let first = c.record_meeting(&meeting).unwrap();
    c.record_meeting(&MeetingForm { corrects: Some(first), ..meeting.clone() }).unwrap();
    // The next meeting being typed: the draft, its date not yet readable.
    c.meeting_draft = Some(MeetingForm { held_on: "R9.8.".into(), corrects: Some(first), ..meeting });
    // エコマップ: proposed from the records, one node moved, one removed, one added, a tie set.
    c.intake.family = "母（50歳）と2人暮らし。兄（28歳）は県外。".into();
    let mut map = soudan_workbench::domain::ecomap::propose(&c);
    let first = map.nodes[0].id;
    map.place(first, soudan_workbench::domain::ecomap::Point { x: 120, y: 90 });
    map.nodes[0].tie = soudan_workbench::domain::ecomap::Tie {
        kind: soudan_workbench::domain::ecomap::TieKind::Stressful,
        direction: soudan_workbench::domain::ecomap::Direction::Both,
        note: "週1回".into(),
    };
    let last = map.nodes.last().unwrap().id;
    map.remove(last);
    map.add("近所の喫茶店", soudan_workbench::domain::ecomap::Sector::Neighbours).unwrap();
    c.final_eco_maps.push(soudan_workbench::domain::ecomap::FinalEcoMap { plan_version: 1, map: map.clone() });
    c.eco_map = Some(map);
    c.stage = Stage::Monitoring;
    c.touch(at("2027-01-06T17:45:09.5-05:30"));
    c
}

/// A case as created, with nothing filled in (the null and omitted branches).
fn fresh_case() -> Case {
    let form = NewCase { name: "K".into(), ..NewCase::default() };
    Case::create(CaseId::from_random(0xabc), &form, at("2026-11-27T10:42:00+00:00")).unwrap()
}

fn now() -> DateTime<FixedOffset> {
    at("2027-01-07T08:00:00.000001+09:00")
}

#[test]
fn the_maximal_case_is_maximal() {
    let c = maximal_case();
    assert_eq!(c.plan.status, PlanStatus::Final);
    assert_eq!(c.final_plans.len(), 2);
    assert!(c.final_plans[1].requested_by.is_some(), "the second version answers a monitoring");
    assert!(c.monitoring_reports.iter().any(|r| r.corrects.is_some() && !r.held_on_typed.is_empty()));
    assert!(matches!(c.plan.consent, Some(Consent { .. })));
    assert!(c.assessment.domains().iter().any(|d| d.hidden && matches!(d.domain, soudan_workbench::domain::LifeDomain::Custom(_))));
    let json = serde_json::to_value(&c).unwrap();
    // Every intake field and every header field is written and filled.
    for (_, v) in json["intake"].as_object().unwrap() {
        assert_ne!(v, "");
    }
    for (k, v) in json["plan"]["header"].as_object().unwrap() {
        assert_ne!(v, "", "{k}");
    }
    for (k, v) in json["assessment"]["decision_support"].as_object().unwrap() {
        assert!(v != "" && v != false, "{k}");
    }
}

/// Writes `target/schema-check/full-export.json` for `tests/e2e/schema.test.mjs`.
#[test]
fn a_full_export_is_written_for_the_schema_check() {
    let cases = vec![maximal_case(), fresh_case()];
    let text = export_cases(&cases, now(), "0.1.0");
    assert_eq!(read_export_file(&text).unwrap(), cases, "the export reads back equal");
    std::fs::write(schema_check_dir().join("full-export.json"), &text).unwrap();
}

/// The malformed files `tests/e2e/schema.test.mjs` expects the schema to refuse: most are
/// refused by the app too, with a Japanese message; the rest the app reads (it is lenient
/// where the schema is exact). docs/data-format.md lists both.
#[test]
fn malformed_files_are_refused_by_the_reader_too_unless_only_the_schema_is_strict() {
    type Spoil = fn(&mut serde_json::Value);
    let text = export_cases(&[maximal_case()], now(), "0.1.0");
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    let refused: [(&str, Spoil); 12] = [
        ("format", |v| v["format"] = "soudan-workbench-set-aside".into()),
        ("empty name", |v| v["cases"][0]["case"]["name"] = "".into()),
        ("blank name", |v| v["cases"][0]["case"]["name"] = "\u{3000}".into()),
        ("41 characters", |v| v["cases"][0]["case"]["name"] = "あ".repeat(41).into()),
        ("unknown stage", |v| v["cases"][0]["case"]["stage"] = "closed".into()),
        ("25:00", |v| v["cases"][0]["case"]["plan"]["schedule"]["slots"][0]["start"] = "25:00".into()),
        ("no id", |v| {
            v["cases"][0]["case"].as_object_mut().unwrap().remove("id");
        }),
        ("category 7", |v| v["cases"][0]["case"]["support_category"] = "7".into()),
        ("unknown column", |v| v["cases"][0]["case"]["plan"]["schedule"]["slots"][0]["columns"][0] = "sun".into()),
        ("id beyond MAX_ID", |v| v["cases"][0]["case"]["plan"]["needs"][0]["id"] = 2_147_483_648u32.into()),
        ("no offset", |v| v["cases"][0]["case"]["updated_at"] = "2026-11-27T10:42:00".into()),
        ("future envelope", |v| v["cases"][0]["schema_version"] = (SCHEMA_VERSION + 1).into()),
    ];
    for (what, spoil) in refused {
        let mut v = good.clone();
        spoil(&mut v);
        let err = read_export_file(&v.to_string()).expect_err(what);
        assert!(err.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c)), "{what}: {err}");
    }
    let read_anyway: [(&str, Spoil); 10] = [
        ("unknown key", |v| v["cases"][0]["case"]["plan"]["needs"][0]["priority"] = 1.into()),
        ("untrimmed name", |v| v["cases"][0]["case"]["name"] = " A.K. ".into()),
        ("strength kind outside strengths", |v| {
            v["cases"][0]["case"]["assessment"]["domains"][0]["person_wishes"][0]["strength_kind"] = "skill".into()
        }),
        ("draft with consent", |v| v["cases"][0]["case"]["plan"]["status"] = "draft".into()),
        ("final without consent", |v| v["cases"][0]["case"]["final_plans"][0]["consent"] = serde_json::Value::Null),
        ("25 hours", |v| v["cases"][0]["case"]["plan"]["needs"][0]["supports"][0]["amount"]["hours"] = 25.into()),
        ("94 times", |v| v["cases"][0]["case"]["plan"]["needs"][0]["supports"][0]["amount"]["times"] = 94.into()),
        ("4 months", |v| v["cases"][0]["case"]["plan"]["monitoring"]["interval_months"] = 4.into()),
        ("09:00", |v| v["cases"][0]["case"]["plan"]["schedule"]["slots"][0]["end"] = "09:00".into()),
        ("version 4 envelope", |v| v["cases"][0]["schema_version"] = 4.into()),
    ];
    for (what, spoil) in read_anyway {
        let mut v = good.clone();
        spoil(&mut v);
        assert!(read_export_file(&v.to_string()).is_ok(), "{what}");
    }
    // The id is the storage key and part of the address: a slash is refused by both.
    let mut v = good.clone();
    v["cases"][0]["case"]["id"] = "a/b".into();
    assert_eq!(
        read_export_file(&v.to_string()).unwrap_err(),
        "1件目のケース（cases[0]）を読み込めません。case.id: ケースの id は英数字・「-」・「_」の64文字以内です。"
    );
}
