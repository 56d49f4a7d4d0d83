//! The plan checker on the **blind set** (`tests/fixtures/blind/`): fictional plans written,
//! with their expected findings, by helpers who had not seen the rules or the checker's code
//! (only `forms.md`, `glossary.md`, `checks.md`, the data format and a list of finding kinds).
//! Each plan is checked at every level (初任者・現任・主任) with the author's corporation; an
//! expected finding counts at a level when its kind applies there.
//!
//! A finding matches an expected one when the rule is the same and the places agree: the same
//! path, or one path inside the other (`plan.needs[1]` and `plan.needs[1].rests_on`), matched one
//! to one. Unmatched expectations are misses; unmatched findings are false alarms. On a plan the
//! author marked good, any finding above 助言 also counts against the bar.
//!
//! The set stays blind: its files are never edited to fit a rule (`SHA256SUMS` pins them; the
//! test refuses a changed file). The rules were improved after the blind set's first run, so a
//! second set, `tests/fixtures/holdout/` (16 plans by two more helpers, written after those
//! changes), is only measured: no rule is changed to fit it. Run with `cargo test --test it check_blind -- --nocapture` for
//! the table. README "Plan checker: the blind set" has the first run and the current figures.

use super::check_eval::{plans_in, ExpectedFinding};
use serde::Deserialize;
use soudan_workbench::domain::check::{check_case, rule, CheckOptions, Finding, Severity};
use soudan_workbench::domain::role_matrix::Level;
use soudan_workbench::domain::Case;
use soudan_workbench::store::read_export_file;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    author_level: String,
    own_corporation: String,
    good_plan: bool,
    findings: Vec<ExpectedFinding>,
    uncovered: Vec<String>,
}

const LEVELS: [Level; 3] = [Level::Novice, Level::Practitioner, Level::Lead];

fn dir() -> PathBuf {
    set_dir("blind")
}

/// `tests/fixtures/blind` (the set the checker was improved on after its first run) or
/// `tests/fixtures/holdout` (written after those improvements, never used to change a rule).
fn set_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Whether `a` and `b` name the same place, or one lies inside the other.
fn same_place(a: &str, b: &str) -> bool {
    let inside = |outer: &str, inner: &str| {
        inner.strip_prefix(outer).is_some_and(|rest| rest.is_empty() || rest.starts_with('.') || rest.starts_with('['))
    };
    inside(a, b) || inside(b, a)
}

/// The level a kind applies from; a kind the checker does not have yet counts from 初任者
/// (so it is a miss at every level, not left out).
fn applies_at(kind: &str, level: Level) -> bool {
    rule(kind).is_none_or(|r| r.applies_at(level))
}

#[derive(Default, Clone)]
struct Tally {
    expected: usize,
    found: usize,
    false_alarms: usize,
    /// Findings above 助言 on plans the author marked good.
    above_advice_on_good: usize,
    plans: usize,
    good_plans: usize,
}

struct PlanResult {
    name: String,
    level: Level,
    missed: Vec<(String, String)>,
    unexpected: Vec<(String, String, Severity)>,
    tally: Tally,
}

fn evaluate(file: &Path, case: &Case, expected: &Expected, level: Level) -> PlanResult {
    let name = file.file_stem().unwrap().to_string_lossy().into_owned();
    let options = CheckOptions { level, own_corporation: expected.own_corporation.clone(), ..CheckOptions::default() };
    let findings: Vec<Finding> = check_case(case, &options);
    let mut got: Vec<Option<(String, String, Severity)>> =
        findings.iter().map(|f| Some((f.rule.id.to_owned(), f.location.path(case), f.rule.severity))).collect();
    let want: Vec<&ExpectedFinding> = expected.findings.iter().filter(|f| applies_at(&f.rule, level)).collect();
    let mut missed = Vec::new();
    let mut matched = vec![false; want.len()];
    // Exact places first, then one inside the other: so a near match never takes the
    // finding an exact expectation needs.
    for exact in [true, false] {
        for (i, w) in want.iter().enumerate() {
            if matched[i] {
                continue;
            }
            let slot = got.iter_mut().find(|g| {
                g.as_ref().is_some_and(|(id, path, _)| {
                    id == &w.rule && if exact { path == &w.location } else { same_place(path, &w.location) }
                })
            });
            if let Some(slot) = slot {
                *slot = None;
                matched[i] = true;
            }
        }
    }
    for (i, w) in want.iter().enumerate() {
        if !matched[i] {
            missed.push((w.rule.clone(), w.location.clone()));
        }
    }
    let unexpected: Vec<(String, String, Severity)> = got.into_iter().flatten().collect();
    let above_advice = if expected.good_plan { findings.iter().filter(|f| f.rule.severity < Severity::Advice).count() } else { 0 };
    PlanResult {
        name,
        level,
        tally: Tally {
            expected: want.len(),
            found: want.len() - missed.len(),
            false_alarms: unexpected.len(),
            above_advice_on_good: above_advice,
            plans: 1,
            good_plans: usize::from(expected.good_plan),
        },
        missed,
        unexpected,
    }
}

fn read(file: &Path) -> (Case, Expected) {
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(file).unwrap();
    let mut cases = read_export_file(&text).unwrap_or_else(|e| panic!("{name}: the app's reader refuses it: {e}"));
    assert_eq!(cases.len(), 1, "{name}: one case per plan");
    let expected_path = file.with_extension("expected.json");
    let expected: Expected = serde_json::from_str(&std::fs::read_to_string(&expected_path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
    assert!(Level::from_code(&expected.author_level).is_some(), "{name}: author_level {}", expected.author_level);
    for f in &expected.findings {
        assert!(!f.why.trim().is_empty(), "{name}: say why {} is expected", f.rule);
    }
    let _ = &expected.uncovered;
    (cases.remove(0), expected)
}

/// Figures per level over the whole set, printed as a table.
fn run() -> Vec<(Level, Tally)> {
    run_on(&dir())
}

fn run_on(dir: &Path) -> Vec<(Level, Tally)> {
    let files = plans_in(dir);
    let read: Vec<(PathBuf, Case, Expected)> = files.iter().map(|f| {
        let (c, e) = read(f);
        (f.clone(), c, e)
    }).collect();
    let mut totals = Vec::new();
    for level in LEVELS {
        let mut total = Tally::default();
        eprintln!("\n--- {} at {} ({}) ---", dir.file_name().unwrap().to_string_lossy(), level.code(), level.label());
        eprintln!("{:<40} {:>8} {:>5} {:>6} {:>12} {:>10}", "plan", "expected", "found", "missed", "false alarms", ">助言(good)");
        for (file, case, expected) in &read {
            let r = evaluate(file, case, expected, level);
            let t = &r.tally;
            eprintln!(
                "{:<40} {:>8} {:>5} {:>6} {:>12} {:>10}",
                format!("{}{}", r.name, if expected.good_plan { " (good)" } else { "" }),
                t.expected,
                t.found,
                t.expected - t.found,
                t.false_alarms,
                t.above_advice_on_good
            );
            for (id, path) in &r.missed {
                eprintln!("    missed:      {id} @ {path}");
            }
            for (id, path, severity) in &r.unexpected {
                eprintln!("    false alarm: {id} @ {path} ({})", severity.label());
            }
            let _ = r.level;
            total.expected += t.expected;
            total.found += t.found;
            total.false_alarms += t.false_alarms;
            total.above_advice_on_good += t.above_advice_on_good;
            total.plans += 1;
            total.good_plans += t.good_plans;
        }
        eprintln!(
            "{}: recall {:.2} ({}/{}), false alarms per plan {:.2} ({} in {} plans), findings above 助言 on the {} good plans: {}",
            level.code(),
            recall(&total),
            total.found,
            total.expected,
            per_plan(&total),
            total.false_alarms,
            total.plans,
            total.good_plans,
            total.above_advice_on_good
        );
        totals.push((level, total));
    }
    totals
}

fn recall(t: &Tally) -> f64 {
    if t.expected == 0 { 1.0 } else { t.found as f64 / t.expected as f64 }
}

fn per_plan(t: &Tally) -> f64 {
    t.false_alarms as f64 / t.plans.max(1) as f64
}

#[test]
fn the_blind_set_is_as_its_authors_wrote_it() {
    pinned(&dir(), 16);
    pinned(&set_dir("holdout"), 16);
}

fn pinned(dir: &Path, at_least: usize) {
    let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).expect("SHA256SUMS beside the set");
    let mut listed = 0;
    for line in sums.lines().filter(|l| !l.trim().is_empty()) {
        let (sum, name) = line.split_once("  ").expect("sha256sum format");
        let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(sha256_hex(&bytes), sum, "{name} was changed after it was written: the blind set is never edited to fit a rule");
        listed += 1;
    }
    let files = std::fs::read_dir(dir).unwrap().filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "json")).count();
    assert_eq!(listed, files, "every plan and expectation file is pinned in SHA256SUMS");
    let plans = plans_in(dir).len();
    assert!(plans >= at_least, "at least {at_least} blind plans, found {plans}");
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn on_the_blind_set_the_checker_finds_the_weaknesses_and_spares_good_plans() {
    let totals = run();
    for (level, t) in &totals {
        let good = t.good_plans;
        assert!(good >= 4, "at least 4 good plans, found {good}");
        assert!(recall(t) >= MIN_RECALL, "{}: recall {:.2} < {MIN_RECALL}", level.code(), recall(t));
        assert!(per_plan(t) <= MAX_FALSE_ALARMS_PER_PLAN, "{}: false alarms per plan {:.2} > {MAX_FALSE_ALARMS_PER_PLAN}", level.code(), per_plan(t));
        assert_eq!(t.above_advice_on_good, 0, "{}: findings above 助言 on good plans", level.code());
    }
}

/// The bars (recall ≥ 0.9 at each level, ≤ 0.2 false alarms per plan).
const MIN_RECALL: f64 = 0.9;
const MAX_FALSE_ALARMS_PER_PLAN: f64 = 0.2;

/// The held-out set: measured, never used to change a rule. Its figures are printed (README
/// has them) and held to the same bars as the blind set.
#[test]
fn on_the_holdout_set_too() {
    for (level, t) in &run_on(&set_dir("holdout")) {
        assert!(t.good_plans >= 4, "at least 4 good plans, found {}", t.good_plans);
        assert!(recall(t) >= HOLDOUT_MIN_RECALL, "{}: recall {:.2} < {HOLDOUT_MIN_RECALL}", level.code(), recall(t));
        assert!(per_plan(t) <= HOLDOUT_MAX_FALSE_ALARMS_PER_PLAN, "{}: false alarms per plan {:.2}", level.code(), per_plan(t));
        assert!(t.above_advice_on_good <= HOLDOUT_MAX_ABOVE_ADVICE_ON_GOOD, "{}: {} findings above 助言 on good plans", level.code(), t.above_advice_on_good);
    }
}

/// Just under its first run (README: recall 0.88 / 0.81 / 0.82, 0.12–0.19 false alarms per
/// plan, nothing above 助言 on its 6 good plans): a guard against getting worse, not a target.
const HOLDOUT_MIN_RECALL: f64 = 0.8;
const HOLDOUT_MAX_FALSE_ALARMS_PER_PLAN: f64 = 0.2;
const HOLDOUT_MAX_ABOVE_ADVICE_ON_GOOD: usize = 0;
