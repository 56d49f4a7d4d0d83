//! The plan checker: each rule fires on a bad example and stays silent on a good one; on the
//! samples it finds the planted weaknesses and nothing else; the command-line tool.

use soudan_workbench::domain::check::{check_case, rule, rules, CheckOptions, Finding};
use soudan_workbench::domain::role_matrix::{Level, OfficeType};
use soudan_workbench::domain::community::{IssueCategory, IssueForm};
use soudan_workbench::domain::meeting::{AttendeeForm, MeetingForm, MeetingId};
use soudan_workbench::domain::{Case, Column, FinalForm, Formality, MarkStatus, Per, Stage, SupportItem};
use soudan_workbench::store::read_export_file;
use std::collections::BTreeSet;
use std::path::Path;

fn sample(file: &str) -> Case {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples").join(file);
    read_export_file(&std::fs::read_to_string(path).unwrap()).unwrap().remove(0)
}

/// The author works for 社会福祉法人みらい (the samples name no corporation of theirs).
fn at(level: Level) -> CheckOptions {
    CheckOptions { level, own_corporation: "社会福祉法人みらい".into(), ..CheckOptions::default() }
}

/// (rule id, field path) of each finding.
fn found(case: &Case, options: &CheckOptions) -> BTreeSet<(String, String)> {
    check_case(case, options).iter().map(|f| (f.rule.id.to_owned(), f.location.path(case))).collect()
}

fn set(items: &[(&str, &str)]) -> BTreeSet<(String, String)> {
    items.iter().map(|(r, p)| (r.to_string(), p.to_string())).collect()
}

/// What a lead reading each sample would mark, and nothing more (the weaknesses the sample
/// writer planted; docs in public/samples/index.json).
#[test]
fn on_the_samples_the_planted_weaknesses_are_found_and_nothing_else() {
    let expected = [
        ("sample-1-chiteki.json", set(&[("goal.vague_wording", "plan.needs[2].goal")])),
        (
            "sample-2-seishin.json",
            set(&[
                ("resources.no_informal", "plan.needs"),
                ("monitoring.reason_missing", "plan.monitoring.reason"),
                ("schedule.amount_mismatch", "plan.schedule"),
            ]),
        ),
        (
            "sample-3-shintai.json",
            set(&[("need.persons_role_missing", "plan.needs[2].persons_role"), ("wishes.family_in_person", "plan.person_wishes")]),
        ),
        ("sample-4-child.json", set(&[("wording.deficit_only", "plan.needs[0].need")])),
    ];
    for (file, want) in expected {
        let case = sample(file);
        for office in OfficeType::ALL {
            let options = CheckOptions { level: Level::Lead, office, own_corporation: String::new() };
            assert_eq!(found(&case, &options), want, "{file} at 主任・{}", office.label());
        }
        // At 初任者 only the rules from 初任者 speak: sample 2's three are all 現任 rules but one.
        let novice: BTreeSet<_> = want.iter().filter(|(id, _)| rule(id).unwrap().applies_at(Level::Novice)).cloned().collect();
        assert_eq!(found(&case, &at(Level::Novice)), novice, "{file} at 初任者");
    }
}

/// Sample 1 with its one planted weakness mended: a plan no rule should speak about.
fn good() -> Case {
    let mut c = sample("sample-1-chiteki.json");
    let third = c.plan.needs()[2].id;
    c.plan.need_mut(third).unwrap().goal = "1年後までに、短期入所で月2回泊まり、自分で荷物を準備できる。".into();
    c
}

#[test]
fn the_good_plan_has_no_finding_at_any_level() {
    for level in Level::ALL {
        let findings = check_case(&good(), &at(level));
        assert!(findings.is_empty(), "{level:?}: {:?}", findings.iter().map(|f| &f.message).collect::<Vec<_>>());
    }
}

type Spoil = fn(&mut Case);

fn need(c: &mut Case, i: usize) -> &mut soudan_workbench::domain::Need {
    let id = c.plan.needs()[i].id;
    c.plan.need_mut(id).unwrap()
}

fn support(c: &mut Case, i: usize, j: usize) -> &mut SupportItem {
    &mut need(c, i).supports[j]
}

/// One bad example per rule: what to spoil in the good plan, the field the finding must
/// point at, and words its message must contain.
const BAD: &[(&str, Spoil, &str, &str)] = &[
    ("plan.person_wishes_missing", |c| c.plan.person_wishes = "  ".into(), "plan.person_wishes", "本人の意向"),
    ("plan.support_policy_missing", |c| c.plan.support_policy.clear(), "plan.support_policy", "総合的な援助の方針"),
    (
        "plan.no_needs",
        |c| {
            for id in c.plan.needs().iter().map(|n| n.id).collect::<Vec<_>>() {
                c.plan.remove_need(id);
            }
        },
        "plan.needs",
        "一つも",
    ),
    ("need.goal_missing", |c| need(c, 1).goal.clear(), "plan.needs[1].goal", "優先順位2の支援目標"),
    ("need.target_date_missing", |c| need(c, 0).target_date.clear(), "plan.needs[0].target_date", "優先順位1の達成時期"),
    ("need.review_date_missing", |c| need(c, 3).review_date.clear(), "plan.needs[3].review_date", "優先順位4の評価時期"),
    ("need.persons_role_missing", |c| need(c, 2).persons_role = "\n".into(), "plan.needs[2].persons_role", "優先順位3の本人の役割"),
    (
        "need.no_strength",
        |c| {
            // Keep only the need's links to wishes and current state, and let the row name
            // nothing the strengths name (a row typed without links is read as text).
            let keep: Vec<_> = c.plan.needs()[3]
                .rests_on
                .iter()
                .copied()
                .filter(|id| !c.assessment.domains().iter().any(|d| d.column(Column::Strengths).iter().any(|e| e.id == *id)))
                .collect();
            let n = need(c, 3);
            n.rests_on = keep;
            n.goal = "1年後、決めた金額の範囲で買い物をする。".into();
            n.persons_role = "使った金額を覚えておく。".into();
            n.notes.clear();
            n.supports.truncate(1);
            n.supports[0].kind = "日常生活自立支援事業".into();
            n.supports[0].content = "お金の出し入れの確認".into();
        },
        "plan.needs[3].rests_on",
        "強み・資源を生かしていません",
    ),
    ("wording.deficit_only", |c| need(c, 3).need = "金銭管理ができない。".into(), "plan.needs[3].need", "「金銭管理ができない。」"),
    ("goal.vague_wording", |c| c.plan.long_term_goal = "地域で安心して暮らせるようになる。".into(), "plan.long_term_goal", "安心して暮らせる"),
    ("wording.jargon", |c| need(c, 1).goal = "ADLの向上を図り、社会資源を活用する。".into(), "plan.needs[1].goal", "「ADL」「社会資源」"),
    (
        "wording.long_sentence",
        |c| c.plan.support_policy = format!("{}。", "ゆうとさんの丁寧な仕事ぶりを生かし".repeat(6)),
        "plan.support_policy",
        "長い文",
    ),
    (
        "wishes.own_words_missing",
        |c| {
            c.plan.person_wishes = "スーパーで働きたいと話している。".into();
            for id in c.assessment.domains().iter().flat_map(|d| d.column(Column::PersonWishes)).map(|e| e.id).collect::<Vec<_>>() {
                c.assessment.entry_mut(id).unwrap().own_words = false;
            }
        },
        "plan.person_wishes",
        "本人が話した言葉",
    ),
    (
        "wishes.family_in_person",
        |c| c.plan.person_wishes.push_str("父は「早く一人暮らしをしてほしい」と言っている。"),
        "plan.person_wishes",
        "父の思い",
    ),
    ("monitoring.interval_missing", |c| c.plan.monitoring.interval_months = None, "plan.monitoring.interval_months", "提案されていません"),
    (
        "decision.participation_missing",
        |c| c.assessment.decision_support.participation.clear(),
        "assessment.decision_support.participation",
        "参加",
    ),
    (
        "decision.estimate_unexplained",
        |c| {
            c.assessment.decision_support.estimated = true;
            c.assessment.decision_support.estimated_by = "母".into();
        },
        "assessment.decision_support.estimation_reason",
        "根拠",
    ),
    (
        "resources.no_informal",
        |c| {
            for i in 0..c.plan.needs().len() {
                need(c, i).supports.retain(|s| s.formality == Formality::Formal);
            }
        },
        "plan.needs",
        "インフォーマル",
    ),
    (
        "support.amount_missing",
        |c| {
            let s = support(c, 1, 0);
            s.amount.times = None;
            s.amount.hours = None;
            s.content = "ボウリング場までの付き添い".into();
            s.reason = "乗り換えに慣れるまで付き添いが要るため。".into();
        },
        "plan.needs[1].supports[0].amount",
        "量（回数・時間）",
    ),
    ("support.reason_missing", |c| support(c, 1, 0).reason.clear(), "plan.needs[1].supports[0].reason", "「移動支援」（月2回・1回4時間）"),
    (
        "monitoring.reason_missing",
        |c| {
            c.plan.monitoring.interval_months = Some(6);
            c.plan.monitoring.reason.clear();
            c.intake.housing = "アパートで一人暮らし。".into();
        },
        "plan.monitoring.reason",
        "単身",
    ),
    (
        "monitoring.decided_interval_long",
        |c| {
            c.benefit_decision.monitoring_interval_months = Some(6);
            c.intake.housing = "アパートで一人暮らし。".into();
        },
        "benefit_decision.monitoring_interval_months",
        "市町村が決定したモニタリング期間は6か月ごと",
    ),
    (
        "schedule.amount_mismatch",
        |c| {
            let s = support(c, 1, 0);
            s.amount.per = Per::Week;
            s.amount.times = Some(1);
            s.kind = "移動支援".into();
        },
        "plan.schedule",
        "週1回",
    ),
    (
        "resources.other_sector_missing",
        |c| {
            // Need 1 rests on 仕事・学び; take the work-sector supports out.
            need(c, 0).supports.retain(|s| s.kind == "就労移行支援" || s.formality == Formality::Informal);
            let first = support(c, 0, 0);
            first.kind = "生活介護".into();
            first.content = "日中の作業".into();
        },
        "plan.needs[0].supports",
        "学校・仕事",
    ),
    (
        "community.unmet_not_recorded",
        |c| need(c, 2).unmet = true,
        "plan.needs[2].unmet",
        "優先順位3は「今ある資源では満たせない」",
    ),
    (
        "difficulty.emergency_missing",
        |c| {
            c.plan.difficulty.marked = true;
            c.plan.difficulty.team = "本人・母・就労移行支援の担当・相談支援専門員".into();
            c.plan.difficulty.meetings = "令和8年11月20日 サービス担当者会議".into();
        },
        "plan.difficulty.emergency",
        "緊急時の対応",
    ),
    (
        "difficulty.team_missing",
        |c| {
            c.plan.difficulty.marked = true;
            c.plan.difficulty.emergency = "発作のときは母が119番し、相談支援専門員に連絡する。".into();
        },
        "plan.difficulty.team",
        "支援チーム",
    ),
    (
        "difficulty.meetings_missing",
        |c| c.plan.difficulty.marked = true,
        "plan.difficulty.meetings",
        "チームで集まった日",
    ),
    (
        "neutrality.single_corporation",
        |c| {
            for i in 0..c.plan.needs().len() {
                for s in need(c, i).supports.iter_mut().filter(|s| s.formality == Formality::Formal) {
                    s.corporation = "社会福祉法人みらい".into();
                }
            }
        },
        "plan.needs[0].supports[0].corporation",
        "自法人（社会福祉法人みらい）",
    ),
    ("meeting.none_for_plan", |c| make_final(c), "team_meetings", "計画 第1版は確定していますが"),
    (
        "meeting.person_absent_unexplained",
        |c| {
            meet(c, meeting(vec![person(false, ""), staff()], ""));
        },
        "team_meetings[0].attendees",
        "本人が出席していませんが、その理由が書かれていません",
    ),
    (
        "meeting.remaining_not_carried",
        |c| {
            meet(c, meeting(vec![person(true, ""), staff()], "・夜間の見守りの担い手が見つかっていない\n・就労移行支援の見学"));
            make_final(c);
            c.revise_plan();
        },
        "team_meetings[0].remaining_issues",
        "残された課題「夜間の見守りの担い手が見つかっていない」が",
    ),
];

fn make_final(c: &mut Case) {
    let form = FinalForm { made_on: "R8.12.10".into(), consented_on: "R8.12.10".into(), signer: "本人".into(), ..FinalForm::default() };
    c.make_final(&form).unwrap();
}

fn person(present: bool, why: &str) -> AttendeeForm {
    AttendeeForm { role: "person".into(), present, absence_note: why.into(), ..AttendeeForm::default() }
}

fn staff() -> AttendeeForm {
    AttendeeForm { role: "provider".into(), affiliation: "就労移行支援事業所ひかり（架空）".into(), name: "山本".into(), present: true, ..AttendeeForm::default() }
}

fn meeting(attendees: Vec<AttendeeForm>, remaining: &str) -> MeetingForm {
    MeetingForm {
        held_on: "R8.12.5".into(),
        place: "事業所の面談室".into(),
        attendees,
        items: "計画案".into(),
        conclusion: "案のとおり".into(),
        remaining_issues: remaining.into(),
        ..MeetingForm::default()
    }
}

fn meet(c: &mut Case, form: MeetingForm) -> MeetingId {
    c.record_meeting(&form).unwrap()
}

fn meeting_findings(c: &Case) -> Vec<String> {
    check_case(c, &at(Level::Lead)).into_iter().filter(|f| f.rule.id.starts_with("meeting.")).map(|f| format!("{}@{}", f.rule.id, f.location.path(c))).collect()
}

#[test]
fn a_draft_without_a_meeting_is_normal_until_the_stage_says_the_meeting() {
    let mut c = good();
    assert_eq!(c.stage, Stage::Planning);
    assert!(meeting_findings(&c).is_empty(), "計画案 before its meeting");
    c.stage = Stage::TeamMeeting;
    assert_eq!(meeting_findings(&c), ["meeting.none_for_plan@team_meetings"]);
    meet(&mut c, meeting(vec![person(true, ""), staff()], ""));
    assert!(meeting_findings(&c).is_empty(), "the draft's meeting is recorded");
    make_final(&mut c);
    assert!(meeting_findings(&c).is_empty(), "the meeting on the draft counts for the final version 1");
    // A change being drafted has no meeting yet: normal, however late the stage.
    c.revise_plan();
    c.stage = Stage::Monitoring;
    assert!(meeting_findings(&c).is_empty());
    // Made final without one: version 2 has none.
    make_final(&mut c);
    assert_eq!(meeting_findings(&c), ["meeting.none_for_plan@team_meetings"]);
}

#[test]
fn the_person_absent_with_a_reason_or_present_is_silent_and_a_correction_replaces_the_record() {
    let mut c = good();
    meet(&mut c, meeting(vec![person(false, "入院中のため。前日に病室で意向を聞いた。"), staff()], ""));
    assert!(meeting_findings(&c).is_empty());
    let mut c = good();
    let first = meet(&mut c, meeting(vec![staff()], ""));
    assert_eq!(meeting_findings(&c), ["meeting.person_absent_unexplained@team_meetings[0].attendees"], "本人 not listed at all");
    let finding = check_case(&c, &at(Level::Novice)).into_iter().find(|f| f.rule.id == "meeting.person_absent_unexplained").unwrap();
    assert!(finding.message.contains("令和8年12月5日の会議の出席者に本人が入っていません"), "{}", finding.message);
    // The correction names the first record; the first is no longer checked.
    meet(&mut c, MeetingForm { corrects: Some(first), ..meeting(vec![person(true, ""), staff()], "") });
    assert!(meeting_findings(&c).is_empty());
    // A meeting on an earlier version is not this plan's business.
    let mut c = good();
    meet(&mut c, meeting(vec![staff()], ""));
    make_final(&mut c);
    c.revise_plan();
    assert!(meeting_findings(&c).is_empty(), "{:?}", meeting_findings(&c));
}

#[test]
fn remaining_issues_carried_into_the_next_plan_or_a_community_issue_are_silent() {
    let remaining = "夜間の見守りの担い手が見つかっていない。\n就労移行支援の見学";
    let base = || {
        let mut c = good();
        meet(&mut c, meeting(vec![person(true, ""), staff()], remaining));
        c
    };
    // Before there is a next plan the issues are not yet due anywhere.
    let mut c = base();
    assert!(meeting_findings(&c).is_empty());
    make_final(&mut c);
    assert!(meeting_findings(&c).is_empty(), "the plan it discussed is not the next plan");
    c.revise_plan();
    let found = check_case(&c, &at(Level::Practitioner)).into_iter().find(|f| f.rule.id == "meeting.remaining_not_carried").unwrap();
    assert!(found.message.contains("「夜間の見守りの担い手が見つかっていない」"), "{}", found.message);
    assert!(!found.message.contains("就労移行支援の見学"), "sample 1's plan names 就労移行支援 and a 見学: {}", found.message);
    assert!(check_case(&c, &at(Level::Novice)).iter().all(|f| f.rule.id != "meeting.remaining_not_carried"), "a 現任 rule");
    // Written into the new draft's notes (in other words around it): carried.
    let mut into_plan = c.clone();
    need(&mut into_plan, 0).notes.push_str("夜間の見守り　の担い手を、家族と一緒に探す。");
    assert!(meeting_findings(&into_plan).is_empty(), "{:?}", meeting_findings(&into_plan));
    // Recorded as a 地域課題: carried.
    let mut into_issue = c.clone();
    into_issue
        .add_community_issue(&IssueForm {
            category: Some(IssueCategory::Shortage),
            description: "夜間の見守りを担う事業所が地域に足りない。".into(),
            recorded_on: "R8.12.20".into(),
            need: None,
        })
        .unwrap();
    assert!(meeting_findings(&into_issue).is_empty());
    // Only particles in common do not count.
    let mut unrelated = c.clone();
    need(&mut unrelated, 0).notes.push_str("のかについて");
    assert_eq!(meeting_findings(&unrelated), ["meeting.remaining_not_carried@team_meetings[0].remaining_issues"]);
}

#[test]
fn every_rule_fires_on_its_bad_example_at_its_field() {
    let covered: BTreeSet<&str> = BAD.iter().map(|(id, ..)| *id).collect();
    let all: BTreeSet<&str> = rules().iter().map(|r| r.id).collect();
    assert_eq!(covered, all, "every rule needs a bad example here");
    for (id, spoil, path, words) in BAD {
        let mut case = good();
        spoil(&mut case);
        let findings: Vec<Finding> = check_case(&case, &at(Level::Lead)).into_iter().filter(|f| f.rule.id == *id).collect();
        let hit = findings.iter().find(|f| f.location.path(&case) == *path);
        let Some(hit) = hit else {
            panic!("{id}: no finding at {path}; got {:?}", findings.iter().map(|f| (f.location.path(&case), &f.message)).collect::<Vec<_>>())
        };
        assert!(hit.message.contains(words), "{id}: 「{}」 lacks 「{words}」", hit.message);
        // Below its level the rule is silent.
        for level in Level::ALL.into_iter().filter(|l| !hit.rule.applies_at(*l)) {
            assert!(check_case(&case, &at(level)).iter().all(|f| f.rule.id != *id), "{id} speaks at {level:?}");
        }
    }
}

#[test]
fn a_plan_of_only_the_authors_corporation_is_flagged_even_with_one_service() {
    let mut c = good();
    for i in 0..c.plan.needs().len() {
        need(&mut c, i).supports.retain(|s| s.formality == Formality::Informal || s.kind == "就労移行支援");
    }
    support(&mut c, 0, 0).corporation = "社会福祉法人みらい".into();
    let lead = |own: &str| CheckOptions { level: Level::Lead, office: OfficeType::DesignatedOffice, own_corporation: own.into() };
    let ids = |o: &CheckOptions| check_case(&c, o).iter().map(|f| f.rule.id).collect::<Vec<_>>();
    assert!(!ids(&lead("")).contains(&"neutrality.single_corporation"), "one service of an unknown corporation is no bias");
    let own = check_case(&c, &lead("社会福祉法人みらい"));
    let f = own.iter().find(|f| f.rule.id == "neutrality.single_corporation").expect("own corporation only");
    assert!(f.message.contains("自法人"), "{}", f.message);
}

#[test]
fn a_medical_support_with_no_corporation_does_not_hide_a_single_corporation() {
    // Welfare services all of the author's corporation, plus 訪問看護 under health insurance
    // whose corporation nobody writes down (evaluation fixture check-08): still only its own.
    let mut c = good();
    for i in 0..c.plan.needs().len() {
        for s in need(&mut c, i).supports.iter_mut().filter(|s| s.formality == Formality::Formal) {
            s.corporation = "社会福祉法人みらい".into();
        }
    }
    let mut nursing = support(&mut c, 0, 0).clone();
    nursing.kind = "訪問看護（医療保険）".into();
    nursing.corporation.clear();
    need(&mut c, 0).supports.push(nursing);
    let lead = |own: &str| CheckOptions { level: Level::Lead, own_corporation: own.into(), ..CheckOptions::default() };
    let f = check_case(&c, &lead("みらい")).into_iter().find(|f| f.rule.id == "neutrality.single_corporation").expect("own corporation only");
    assert!(f.message.contains("自法人（社会福祉法人みらい）"), "{}", f.message);
    // 001 Ⅱ-3-(3)①'s concern is the author's own corporation: one other corporation is not it.
    assert!(check_case(&c, &lead("社会福祉法人ひかり")).iter().all(|f| f.rule.id != "neutrality.single_corporation"));
    // A welfare service whose corporation is not written yet: nothing can be said.
    support(&mut c, 1, 0).corporation.clear();
    assert!(check_case(&c, &lead("みらい")).iter().all(|f| f.rule.id != "neutrality.single_corporation"));
}

#[test]
fn the_decided_interval_is_compared_with_the_risk_factors_only_as_advice() {
    // 一人暮らし is a 問38 factor: a 3-monthly decision gets 助言 (a 目安), a monthly one nothing,
    // and no decision entered yet says nothing either.
    let mut c = good();
    c.intake.housing = "アパートで一人暮らし。".into();
    let found = |c: &Case| check_case(c, &at(Level::Lead)).into_iter().filter(|f| f.rule.id == "monitoring.decided_interval_long").collect::<Vec<_>>();
    assert!(found(&c).is_empty());
    c.benefit_decision.monitoring_interval_months = Some(3);
    let f = found(&c);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].rule.severity, soudan_workbench::domain::check::Severity::Advice);
    assert!(f[0].message.contains("単身") && f[0].message.contains("目安"), "{}", f[0].message);
    c.benefit_decision.monitoring_interval_months = Some(1);
    assert!(found(&c).is_empty());
    // Below 現任 it is not shown (the decision is the municipality's; a novice's plan proposes).
    c.benefit_decision.monitoring_interval_months = Some(3);
    assert!(check_case(&c, &at(Level::Novice)).iter().all(|f| f.rule.id != "monitoring.decided_interval_long"));
}

#[test]
fn a_university_hospital_is_medical_care_not_a_school() {
    // Found while writing the training cases: 「さくら大学病院」 counted as a school support
    // (大学), so a work matter with no work-sector support went unflagged.
    let mut c = good();
    need(&mut c, 0).supports.retain(|s| s.kind == "就労移行支援" || s.formality == Formality::Informal);
    let first = support(&mut c, 0, 0);
    first.kind = "生活介護".into();
    first.content = "日中の作業".into();
    let mut clinic = support(&mut c, 0, 0).clone();
    clinic.kind = "通院（精神科）".into();
    clinic.provider = "さくら大学病院".into();
    need(&mut c, 0).supports.push(clinic);
    let sector = |c: &Case| check_case(c, &at(Level::Practitioner)).into_iter().filter(|f| f.rule.id == "resources.other_sector_missing").map(|f| f.message).collect::<Vec<_>>();
    assert!(sector(&c).iter().any(|m| m.contains("学校・仕事")), "{:?}", sector(&c));
    // A real university still counts as the school sector.
    let mut study = support(&mut c, 0, 0).clone();
    study.kind = "学生相談".into();
    study.provider = "さくら大学 学生支援室".into();
    need(&mut c, 0).supports.push(study);
    assert!(sector(&c).iter().all(|m| !m.contains("学校・仕事")), "{:?}", sector(&c));
}

#[test]
fn findings_come_most_severe_first_and_keys_survive_reordering() {
    let mut c = good();
    c.plan.support_policy.clear();
    need(&mut c, 3).review_date.clear();
    c.plan.long_term_goal = "安定した生活を送る".into();
    c.plan.support_policy = String::new();
    let findings = check_case(&c, &at(Level::Novice));
    let severities: Vec<_> = findings.iter().map(|f| f.rule.severity).collect();
    let mut sorted = severities.clone();
    sorted.sort();
    assert_eq!(severities, sorted);
    let key = findings.iter().find(|f| f.rule.id == "need.review_date_missing").unwrap().key();
    let fourth = c.plan.needs()[3].id;
    c.plan.move_need(fourth, true);
    let moved = check_case(&c, &at(Level::Novice));
    let again = moved.iter().find(|f| f.rule.id == "need.review_date_missing").unwrap();
    assert_eq!(again.key(), key, "the key follows the need, not its position");
    assert_eq!(again.location.path(&c), "plan.needs[2].review_date");
}

#[test]
fn marks_are_kept_per_version_and_not_applicable_needs_a_reason() {
    let mut c = good();
    assert_eq!(c.plan.set_mark("x@plan.needs", Some(MarkStatus::NotApplicable), "  "), Err("該当しない理由を書いてください。"));
    c.plan.set_mark("x@plan.needs", Some(MarkStatus::NotApplicable), "本人が望まない").unwrap();
    c.plan.set_mark("y@plan.needs", Some(MarkStatus::Done), "").unwrap();
    assert_eq!(c.plan.mark("x@plan.needs").unwrap().reason, "本人が望まない");
    c.plan.set_mark("y@plan.needs", None, "").unwrap();
    assert!(c.plan.mark("y@plan.needs").is_none());
    let form = soudan_workbench::domain::FinalForm { made_on: "R8.12.1".into(), consented_on: "R8.12.2".into(), signer: "本人".into(), ..soudan_workbench::domain::FinalForm::default() };
    c.make_final(&form).unwrap();
    c.revise_plan();
    assert!(c.plan.check_marks.is_empty(), "the new version is checked afresh");
    assert_eq!(c.final_plans[0].check_marks.len(), 1, "the final version keeps its marks");
}

#[test]
fn every_rule_has_a_title_a_suggestion_and_a_source() {
    for r in rules() {
        assert!(!r.title.is_empty() && !r.suggestion.is_empty(), "{}", r.id);
        assert!(r.id.contains('.'), "{}: ids read area.what", r.id);
        assert!(!r.cells.is_empty(), "{}: bears on no matrix cell", r.id);
        assert!(
            soudan_workbench::domain::sources::ALL.contains(&r.source),
            "{}: its source is not in sources::ALL, so the verbatim test would not check it",
            r.id
        );
    }
}

mod cli {
    use std::process::Command;

    fn run(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_soudan-check"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    #[test]
    fn a_reader_that_stops_early_is_no_panic() {
        // `soudan-check *.json | head`: the pipe closes before the output is written.
        use std::process::Stdio;
        let mut child = Command::new(env!("CARGO_BIN_EXE_soudan-check"))
            .args(["public/samples/sample-1-chiteki.json", "public/samples/sample-2-seishin.json"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(out.status.code(), Some(0), "{err}");
    }

    #[test]
    fn json_output_lists_every_field_of_a_finding() {
        let (code, out, err) =
            run(&["public/samples/sample-2-seishin.json", "public/samples/sample-4-child.json", "--level", "practitioner", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let files = report.as_array().unwrap();
        assert_eq!(files.len(), 2);
        let findings = files[0]["findings"].as_array().unwrap();
        let f = findings.iter().find(|f| f["rule"] == "monitoring.reason_missing").expect("planted in sample 2");
        assert_eq!(f["level"], "practitioner");
        assert_eq!(f["severity"], "warning");
        assert_eq!(f["location"], "plan.monitoring.reason");
        assert!(f["message"].as_str().unwrap().contains("6か月ごと"));
        assert!(!f["suggestion"].as_str().unwrap().is_empty());
        assert_eq!(f["cells"][0]["area"], "consultation");
        assert_eq!(f["source"]["file"], "001_c43ed80d085811bd.txt");
        assert!(f["source"]["quote"].as_str().unwrap().contains("一律に決定することなく"));
        assert_eq!(files[1]["findings"][0]["rule"], "wording.deficit_only");
    }

    #[test]
    fn the_level_limits_the_rules_and_text_output_cites_the_source() {
        let (code, out, _) = run(&["public/samples/sample-2-seishin.json", "--level", "novice"]);
        assert_eq!(code, 0);
        assert!(out.contains("resources.no_informal"), "{out}");
        assert!(!out.contains("monitoring.reason_missing"), "a 現任 rule at 初任者: {out}");
        assert!(out.contains("出典: 「家族をはじめ近隣や地域社会"), "{out}");
    }

    #[test]
    fn bad_files_and_bad_options_get_a_japanese_message_and_status_2() {
        let (code, _, err) = run(&["tests/it/main.rs"]);
        assert_eq!(code, 2);
        assert!(err.contains("tests/it/main.rs:"), "{err}");
        let (code, _, err) = run(&["public/samples/sample-1-chiteki.json", "--level", "expert"]);
        assert_eq!(code, 2);
        assert!(err.contains("--level は novice / practitioner / lead"), "{err}");
        let (code, _, err) = run(&[]);
        assert_eq!(code, 2);
        assert!(err.contains("使い方"), "{err}");
    }

    /// A scratch directory of its own under target/ (removed first, so a rerun starts clean).
    fn scratch(name: &str) -> std::path::PathBuf {
        let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_with_a_bom_is_read_as_the_app_reads_it() {
        let dir = scratch("cli-bom");
        let sample = std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("public/samples/sample-2-seishin.json")).unwrap();
        let with_bom = dir.join("bom.json");
        std::fs::write(&with_bom, [b"\xEF\xBB\xBF".as_slice(), &sample].concat()).unwrap();
        let (code, out, err) = run(&[with_bom.to_str().unwrap(), "--level", "practitioner", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        assert!(out.contains("monitoring.reason_missing"), "{out}");
    }

    #[test]
    fn os_errors_are_said_in_japanese_and_huge_files_are_refused() {
        let dir = scratch("cli-errors");
        let missing = dir.join("ない.json");
        let (code, _, err) = run(&[missing.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(err.contains("ない.json: ファイルが見つかりません。"), "{err}");
        assert!(!err.contains("No such file") && !err.contains("os error"), "{err}");
        let (code, _, err) = run(&[dir.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(err.contains("フォルダーです。ファイルを指定してください。"), "{err}");
        let big = dir.join("big.json");
        std::fs::write(&big, vec![b' '; 50 * 1024 * 1024 + 1]).unwrap();
        let (code, _, err) = run(&[big.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(err.contains("ファイルが大きすぎます（50 MB を超えています）"), "{err}");
        std::fs::remove_file(&big).unwrap();
        let sjis = dir.join("sjis.json");
        std::fs::write(&sjis, b"{\"format\":\"\x83\x50\x81\x5b\x83\x58\"}").unwrap();
        let (code, _, err) = run(&[sjis.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(err.contains("文字コードが UTF-8 ではありません（12バイト目）"), "{err}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let locked = dir.join("locked.json");
            std::fs::write(&locked, "{}").unwrap();
            std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
            // root reads whatever the mode says: then there is nothing to refuse.
            if std::fs::read(&locked).is_err() {
                let (code, _, err) = run(&[locked.to_str().unwrap()]);
                assert_eq!(code, 2);
                assert!(err.contains("ファイルを読む権限がありません。"), "{err}");
            }
        }
    }
}

#[test]
fn the_matrix_lights_cells_with_evidence_for_and_against() {
    use soudan_workbench::domain::check::matrix_evidence;
    use soudan_workbench::domain::role_matrix::Area;
    let c = sample("sample-2-seishin.json");
    let cells = matrix_evidence(&c, &at(Level::Practitioner));
    let cell = |area, level| cells.iter().find(|e| e.area == area && e.level == level);
    let network = cell(Area::SupportNetwork, Level::Novice).expect("informal resources bear on 支援体制の構築 × 初任者");
    assert_eq!(network.against.iter().map(|f| f.rule.id).collect::<Vec<_>>(), ["resources.no_informal"]);
    let other_sectors = cell(Area::SupportNetwork, Level::Practitioner).unwrap();
    assert!(other_sectors.against.is_empty() && other_sectors.met.iter().any(|r| r.id == "resources.other_sector_missing"));
    let consult = cell(Area::ConsultationResponse, Level::Practitioner).unwrap();
    assert!(consult.against.iter().any(|f| f.rule.id == "monitoring.reason_missing"));
    assert!(cell(Area::ConsultationResponse, Level::Lead).is_none(), "主任 rules do not run at 現任");
    assert!(cell(Area::CityCooperation, Level::Practitioner).is_none(), "a plan says nothing about 大阪市の取組への協力");
}

#[test]
fn an_unmet_need_recorded_as_a_community_issue_is_not_flagged_and_a_filled_difficulty_is_silent() {
    use soudan_workbench::domain::community::{IssueCategory, IssueForm};
    let mut c = good();
    let third = c.plan.needs()[2].id;
    need(&mut c, 2).unmet = true;
    let ids = |c: &Case| check_case(c, &at(Level::Lead)).iter().map(|f| f.rule.id).collect::<Vec<_>>();
    assert!(ids(&c).contains(&"community.unmet_not_recorded"));
    let form = IssueForm {
        category: Some(IssueCategory::Housing),
        description: "一人暮らしの練習ができる場（体験用の部屋）が市内にない。".into(),
        recorded_on: "R8.11.27".into(),
        need: Some(third),
    };
    c.add_community_issue(&form).unwrap();
    assert!(!ids(&c).contains(&"community.unmet_not_recorded"));
    c.plan.difficulty.marked = true;
    c.plan.difficulty.emergency = "夜間に不穏になったときは、母が相談支援専門員の緊急連絡先に電話する。".into();
    c.plan.difficulty.team = "本人、母、就労移行支援の担当、短期入所の担当、相談支援専門員".into();
    c.plan.difficulty.meetings = "令和8年11月20日（サービス担当者会議）".into();
    assert!(check_case(&c, &at(Level::Lead)).is_empty());
}
