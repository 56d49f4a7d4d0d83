//! 研修モード's case library in `public/training/` (issue 15, part 1): eight fictional cases, one
//! of each kind; each a novice's draft and a model plan for the same person, read as the
//! app reads an export; the checker finds every planted weakness (`checked` teaching point)
//! on the draft at the case's level and nothing else above 助言, and nothing above 助言 on
//! the model at any level; every teaching point's quote stands verbatim in its document.

use super::sources::{reference_dir, squash};
use soudan_workbench::domain::check::{check_case, rule, CheckOptions, Severity};
use soudan_workbench::domain::role_matrix::{Level, OfficeType};
use soudan_workbench::domain::training::{read_index, CaseKind, TrainingCase, TrainingIndex};
use soudan_workbench::domain::Case;
use soudan_workbench::store::read_export_file;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/training")
}

fn index() -> TrainingIndex {
    let text = std::fs::read_to_string(dir().join("index.json")).expect("public/training/index.json");
    read_index(&text).unwrap_or_else(|e| panic!("{e}"))
}

/// The one case of an export file, read through the app's import path.
fn case_in(file: &str) -> Case {
    let text = std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut cases = read_export_file(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
    assert_eq!(cases.len(), 1, "{file}: one case per file");
    cases.remove(0)
}

/// The author works for a corporation no training plan names (so 中立・公正 runs, and is silent).
fn at(level: Level, office: OfficeType) -> CheckOptions {
    CheckOptions { level, office, own_corporation: "社会福祉法人みらい".into() }
}

/// The rules of the case's teaching points the checker is said to find.
fn checked_rules(c: &TrainingCase) -> BTreeSet<&str> {
    c.points.iter().filter(|p| p.checked).filter_map(|p| p.rule.as_deref()).collect()
}

#[test]
fn eight_cases_one_of_each_kind_with_distinct_files_and_points() {
    let index = index();
    assert!(index.cases.len() >= 8, "at least 8 training cases: {}", index.cases.len());
    let kinds: BTreeSet<CaseKind> = index.cases.iter().map(|c| c.kind).collect();
    for kind in CaseKind::ALL {
        assert!(kinds.contains(&kind), "no training case of kind 「{}」", kind.label());
    }
    let slugs: BTreeSet<&str> = index.cases.iter().map(|c| c.slug.as_str()).collect();
    assert_eq!(slugs.len(), index.cases.len(), "slugs repeat");
    let mut point_ids = BTreeSet::new();
    for c in &index.cases {
        assert_eq!((c.draft.as_str(), c.model.as_str()), (format!("{}-draft.json", c.slug).as_str(), format!("{}-model.json", c.slug).as_str()));
        assert!(!c.title.trim().is_empty() && !c.summary.trim().is_empty(), "{}: title and summary", c.slug);
        let checked = c.points.iter().filter(|p| p.checked).count();
        assert!((2..=4).contains(&checked), "{}: {checked} planted weaknesses the checker finds (2-4 wanted)", c.slug);
        for p in &c.points {
            assert!(point_ids.insert(p.id.as_str()), "teaching point id {} repeats", p.id);
            assert!(!p.title.trim().is_empty() && !p.explanation.trim().is_empty(), "{}: {} is blank", c.slug, p.id);
            if let Some(id) = &p.rule {
                let r = rule(id).unwrap_or_else(|| panic!("{}: {} names no rule of the checker: {id}", c.slug, p.id));
                // A checked point must be one the checker runs at the trainees' level.
                assert!(!p.checked || r.applies_at(c.level), "{}: {} ({id}) does not apply at {}", c.slug, p.id, c.level.label());
            } else {
                assert!(!p.checked, "{}: {} is checked but names no rule", c.slug, p.id);
            }
        }
    }
}

#[test]
fn draft_and_model_are_export_files_about_the_same_person() {
    for c in index().cases {
        let (draft, model) = (case_in(&c.draft), case_in(&c.model));
        assert_ne!(draft.id, model.id, "{}: both can be imported side by side", c.slug);
        assert_eq!(draft.intake, model.intake, "{}: same intake", c.slug);
        // The life domains are the same assessment; the 意思決定支援 record is the author's
        // own work and may be what the draft lacks.
        assert_eq!(draft.assessment.domains(), model.assessment.domains(), "{}: same assessment", c.slug);
        assert_eq!(draft.for_child, model.for_child, "{}", c.slug);
        assert!(matches!(c.kind, CaseKind::Child) == model.for_child, "{}: 障害児支援利用計画 only for the child", c.slug);
        assert_eq!(model.plan.difficulty.marked, c.kind == CaseKind::Difficult, "{}: marked 支援困難", c.slug);
        for (file, case) in [(&c.draft, &draft), (&c.model, &model)] {
            for n in case.plan.needs() {
                for e in &n.rests_on {
                    assert!(case.assessment.entry(*e).is_some(), "{file}: need {:?} rests on a missing entry {e:?}", n.id);
                }
            }
            assert!(case.name.as_str().contains("（仮名）"), "{file}: a pseudonym");
        }
    }
}

/// Ids are in the files themselves, unique, below their counters (the reader would quietly
/// repair missing ones, so the files are read as JSON here), and the grid is stored in order.
#[test]
fn the_files_carry_their_ids_as_the_app_writes_them() {
    let ids = |items: &serde_json::Value, file: &str, what: &str| -> Vec<u64> {
        items.as_array().unwrap().iter().map(|i| i["id"].as_u64().unwrap_or_else(|| panic!("{file}: {what} without id"))).collect()
    };
    for c in index().cases {
        for file in [&c.draft, &c.model] {
            let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir().join(file)).unwrap()).unwrap();
            assert_eq!(v["schema_version"], soudan_workbench::store::SCHEMA_VERSION, "{file}");
            let case = &v["cases"][0]["case"];
            let plan = &case["plan"];
            let entries: Vec<u64> = case["assessment"]["domains"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|d| ["current", "person_wishes", "family_wishes", "strengths"].map(|col| ids(&d[col], file, "an entry")))
                .flatten()
                .collect();
            let supports: Vec<u64> = plan["needs"].as_array().unwrap().iter().flat_map(|n| ids(&n["supports"], file, "a support")).collect();
            for (what, list, next) in [
                ("entry", entries, &case["assessment"]["next_entry_id"]),
                ("need", ids(&plan["needs"], file, "a need"), &plan["next_need_id"]),
                ("support", supports, &plan["next_support_id"]),
                ("slot", ids(&plan["schedule"]["slots"], file, "a slot"), &plan["schedule"]["next_slot_id"]),
            ] {
                let unique: BTreeSet<u64> = list.iter().copied().collect();
                assert_eq!(unique.len(), list.len(), "{file}: {what} ids repeat");
                assert!(!unique.contains(&0), "{file}: {what} id 0");
                assert!(next.as_u64().unwrap() > unique.last().copied().unwrap_or(0), "{file}: next {what} id");
            }
        }
        for file in [&c.draft, &c.model] {
            let case = case_in(file);
            let order: Vec<_> = case.plan.schedule.slots().iter().map(|s| (s.start.grid_offset(), s.columns[0])).collect();
            assert!(order.windows(2).all(|w| w[0] <= w[1]), "{file}: slots out of grid order");
        }
    }
}

#[test]
fn the_checker_finds_every_planted_weakness_on_the_draft_and_nothing_else_above_advice() {
    for c in index().cases {
        let draft = case_in(&c.draft);
        let want = checked_rules(&c);
        for office in OfficeType::ALL {
            let findings = check_case(&draft, &at(c.level, office));
            let all: BTreeSet<&str> = findings.iter().map(|f| f.rule.id).collect();
            let missing: Vec<&&str> = want.iter().filter(|r| !all.contains(**r)).collect();
            assert!(missing.is_empty(), "{} at {}: the checker does not find the planted {missing:?}", c.draft, c.level.label());
            // The draft teaches what its points say: no weakness above 助言 that no point explains.
            let unplanned: Vec<String> = findings
                .iter()
                .filter(|f| f.rule.severity != Severity::Advice && !want.contains(f.rule.id))
                .map(|f| format!("{} {}", f.rule.id, f.message))
                .collect();
            assert!(unplanned.is_empty(), "{} at {}: findings no teaching point explains: {unplanned:?}", c.draft, c.level.label());
        }
    }
}

#[test]
fn the_model_plans_have_nothing_above_advice_at_any_level_and_none_of_the_planted_weaknesses() {
    for c in index().cases {
        let model = case_in(&c.model);
        let planted = checked_rules(&c);
        for level in Level::ALL {
            for office in OfficeType::ALL {
                let findings = check_case(&model, &at(level, office));
                let above: Vec<String> =
                    findings.iter().filter(|f| f.rule.severity != Severity::Advice).map(|f| format!("{} {}", f.rule.id, f.message)).collect();
                assert!(above.is_empty(), "{} at {}・{}: {above:?}", c.model, level.label(), office.label());
                let kept: Vec<&str> = findings.iter().map(|f| f.rule.id).filter(|r| planted.contains(r)).collect();
                assert!(kept.is_empty(), "{} at {}: the model keeps the draft's {kept:?}", c.model, level.label());
            }
        }
    }
}

#[test]
fn every_teaching_point_quotes_its_document_verbatim() {
    let Some(reference) = reference_dir() else {
        assert!(std::env::var_os("CI").is_none(), "../shared/reference/ is missing in CI");
        eprintln!("skipped: ../shared/reference/ not found");
        return;
    };
    for c in index().cases {
        for p in &c.points {
            let s = &p.source;
            let doc = s.document().unwrap_or_else(|| panic!("{}: {} names no document 「{}」", c.slug, p.id, s.code));
            assert!(!s.heading.trim().is_empty() && !s.quote.trim().is_empty(), "{}: {} has no heading or quote", c.slug, p.id);
            let text = std::fs::read_to_string(reference.join(doc.file)).unwrap();
            assert!(squash(&text).contains(&squash(&s.quote)), "{}: {}: {} does not contain 「{}」", c.slug, p.id, doc.file, s.quote);
        }
    }
}

/// The walkthrough (issue 15, part 2): every step's passage stands verbatim in its
/// document, and every step has something to do and mistakes to name.
#[test]
fn every_walkthrough_step_quotes_its_document_verbatim() {
    use soudan_workbench::domain::walkthrough::STEPS;
    for s in STEPS {
        assert!(s.todo.len() >= 2 && s.mistakes.len() >= 2, "{}: what to do and mistakes", s.stage.label());
        assert!(s.why.document().is_some(), "{}: the passage names no document", s.stage.label());
        // Short for a projector: ~40 characters a line at 28 px on 1280 px.
        for line in s.todo.iter().chain(s.mistakes) {
            assert!(line.chars().count() <= 40, "{}: 「{line}」 is long for a projector", s.stage.label());
        }
    }
    let Some(reference) = reference_dir() else {
        assert!(std::env::var_os("CI").is_none(), "../shared/reference/ is missing in CI");
        eprintln!("skipped: ../shared/reference/ not found");
        return;
    };
    for s in STEPS {
        let text = std::fs::read_to_string(reference.join(s.why.file)).unwrap();
        assert!(squash(&text).contains(&squash(s.why.quote)), "{}: {} does not contain 「{}」", s.stage.label(), s.why.file, s.why.quote);
    }
}

/// Each case's teaching points land on a step, and every case shows its own material at
/// the steps its files hold: the intake's referral, the person's words, the draft's needs
/// beside the model's, the team, the goals, both monitoring proposals.
#[test]
fn every_case_brings_its_own_material_and_points_to_the_steps() {
    use soudan_workbench::domain::walkthrough::{material, step_of};
    use soudan_workbench::domain::Stage;
    for c in index().cases {
        let (draft, model) = (case_in(&c.draft), case_in(&c.model));
        for stage in [Stage::Intake, Stage::Assessment, Stage::Planning, Stage::TeamMeeting, Stage::Plan, Stage::Monitoring] {
            let m = material(stage, &draft, &model);
            assert!(!m.blocks.is_empty(), "{}: nothing of the case at {}", c.slug, stage.label());
            assert!(m.blocks.iter().all(|b| (1..=4).contains(&b.lines.len())), "{}: {}", c.slug, stage.label());
        }
        let intake = material(Stage::Intake, &draft, &model);
        assert_eq!(intake.blocks[0].lines[0], model.intake.referral.trim(), "{}", c.slug);
        let words = &material(Stage::Assessment, &draft, &model).blocks[0].lines;
        let (_, first) = model.assessment.persons_own_wishes()[0];
        assert!(words[0].starts_with(&format!("「{}」", first.text.trim())), "{}: {words:?}", c.slug);
        let planning = material(Stage::Planning, &draft, &model);
        assert!(planning.compare && planning.blocks.len() == 2, "{}: draft beside model", c.slug);
        assert!(planning.blocks[0].lines[0].contains(draft.plan.needs()[0].goal.trim()), "{}", c.slug);
        assert!(planning.blocks[1].lines[0].contains(model.plan.needs()[0].goal.trim()), "{}", c.slug);
        let monitoring = material(Stage::Monitoring, &draft, &model);
        assert!(monitoring.compare && monitoring.blocks[1].lines[1].contains(model.plan.monitoring.reason.trim()), "{}", c.slug);
        // No point is put at a step that shows none (インテーク and 計画 teach from the sources only).
        assert!(c.points.iter().all(|p| step_of(p) != Stage::Intake && step_of(p) != Stage::Plan), "{}: a point at a step that shows none", c.slug);
    }
}

/// 「答え合わせ」 on every case with the real checker: a trainee who lists every planted
/// weakness finds them all and flags nothing fine; one who also lists a kind the draft does
/// not have is told so; one who lists nothing missed every point that has a rule.
#[test]
fn the_reveal_on_every_draft_sorts_found_missed_and_fine() {
    use soudan_workbench::domain::exercise::{reveal, Exercise, WEAKNESSES};
    for c in index().cases {
        let draft = case_in(&c.draft);
        let findings = check_case(&draft, &CheckOptions { level: c.level, ..CheckOptions::default() });
        let found: BTreeSet<&str> = findings.iter().map(|f| f.rule.id).collect();
        let mut all = Exercise::new(&c.slug);
        for rule in checked_rules(&c) {
            all.add(rule, "").unwrap();
        }
        let absent = WEAKNESSES.iter().map(|(r, _)| *r).find(|r| !found.contains(r)).unwrap();
        all.add(absent, "").unwrap();
        let r = reveal(&c, &all, &findings);
        assert_eq!(r.found.len(), c.points.iter().filter(|p| p.checked).count(), "{}", c.slug);
        assert!(r.missed.is_empty(), "{}: {:?}", c.slug, r.missed);
        assert_eq!(r.fine, [absent.to_owned()], "{}", c.slug);
        let none = reveal(&c, &Exercise::new(&c.slug), &findings);
        assert!(none.found.is_empty() && none.fine.is_empty());
        assert_eq!(none.missed.len(), c.points.iter().filter(|p| p.rule.is_some()).count());
    }
}

/// `soudan-check --exercises`: three trainees' files on one case, tallied as the app does.
mod exercises_cli {
    use std::process::Command;

    fn run(args: &[&str]) -> (i32, String, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_soudan-check")).args(args).output().unwrap();
        (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
    }

    fn write(dir: &std::path::Path, name: &str, rules: &[&str]) -> String {
        let items: Vec<_> = rules.iter().map(|r| serde_json::json!({"rule": r})).collect();
        let text = serde_json::json!({"format": "soudan-workbench-exercise", "case": "t1-chiteki", "trainee": name, "items": items});
        let path = dir.join(format!("{name}.json"));
        std::fs::write(&path, text.to_string()).unwrap();
        path.to_string_lossy().into_owned()
    }

    #[test]
    fn the_table_counts_per_point_weakest_first_in_text_and_json() {
        let dir = std::env::temp_dir().join(format!("soudan-exercises-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = write(&dir, "A", &["goal.vague_wording", "resources.no_informal"]);
        let b = write(&dir, "B", &["goal.vague_wording"]);
        let c = write(&dir, "C", &["goal.vague_wording", "wording.jargon"]);
        let (code, out, err) = run(&["--exercises", &a, &b, &c]);
        assert_eq!(code, 0, "{err}");
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 3, "{out}");
        assert!(lines[0].starts_with("0/3人 t1-family-in-person 「本人の意向の欄に母の言葉」"), "{out}");
        assert!(lines[1].starts_with("1/3人 t1-no-informal"), "{out}");
        assert!(lines[2].starts_with("3/3人 t1-vague-goal"), "{out}");

        let (code, out, _) = run(&["--exercises", "--format", "json", &a, &b, &c]);
        assert_eq!(code, 0);
        let rows: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(rows[0]["point"], "t1-family-in-person");
        assert_eq!((rows[0]["found"].as_u64(), rows[0]["of"].as_u64()), (Some(0), Some(3)));
        assert_eq!(rows[2]["found"], 3);

        // A case export given by mistake: refused, naming the file, nothing printed.
        let export = format!("{}/public/training/t1-chiteki-draft.json", env!("CARGO_MANIFEST_DIR"));
        let (code, out, err) = run(&["--exercises", &a, &export]);
        assert_eq!(code, 2);
        assert!(out.is_empty());
        assert!(err.contains("t1-chiteki-draft.json") && err.contains("解答のファイル"), "{err}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
