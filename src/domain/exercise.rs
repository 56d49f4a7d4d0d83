//! 研修モード's exercise (issue 15, part 3): a trainee lists what they think is weak in a
//! training case's novice draft, then 「答え合わせ」 compares that list with the case's
//! teaching points and the checker's findings; a trainer tallies many trainees' exercise
//! files into one table, per teaching point how many found it, weakest first.
//!
//! Free text is never matched: each item is a weakness *kind* chosen from [`WEAKNESSES`]
//! (one per checker rule a teaching point rests on, worded as a weakness), plus an optional
//! note. So the reveal is exact: found (a planted point's rule was chosen), missed (not
//! chosen), and flagged-but-fine (a kind chosen that the checker does not find on the draft).

use super::check::Finding;
use super::Case;
use super::training::{TeachingPoint, TrainingCase, TrainingIndex};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The `format` of an exercise file.
pub const EXERCISE_FORMAT: &str = "soudan-workbench-exercise";

/// The weakness kinds a trainee chooses from: checker rule id → the weakness in plain
/// Japanese. Every rule a teaching point names is here (`tests` holds the library to it).
pub const WEAKNESSES: &[(&str, &str)] = &[
    ("wishes.own_words_missing", "本人の意向が本人の言葉でない"),
    ("wishes.family_in_person", "本人の意向の欄に家族の言葉が入っている"),
    ("wording.deficit_only", "できないことだけが書かれている"),
    ("need.no_strength", "本人の強みが生かされていない"),
    ("need.persons_role_missing", "本人の役割が書かれていない"),
    ("goal.vague_wording", "支援目標があいまい"),
    ("need.target_date_missing", "達成時期がない"),
    ("need.review_date_missing", "評価時期がない"),
    ("wording.jargon", "専門用語が多い"),
    ("resources.no_informal", "インフォーマルな支えがない"),
    ("resources.other_sector_missing", "医療・介護など他分野の関係機関がない"),
    ("support.amount_missing", "サービスの量があいまい"),
    ("support.reason_missing", "サービスや量の理由が書かれていない"),
    ("schedule.amount_mismatch", "週間計画表と目標表の量が合わない"),
    ("monitoring.interval_missing", "モニタリング期間の提案がない"),
    ("monitoring.reason_missing", "モニタリング期間の理由が書かれていない"),
    ("decision.participation_missing", "本人がどう決めたかの記録がない"),
    ("community.unmet_not_recorded", "満たせないニーズを地域課題にしていない"),
    ("difficulty.emergency_missing", "緊急時の対応が書かれていない"),
    ("difficulty.meetings_missing", "支援チームが集まった記録がない"),
];

/// The weakness label of a rule id, if it is one of [`WEAKNESSES`].
pub fn weakness_label(rule: &str) -> Option<&'static str> {
    WEAKNESSES.iter().find(|(r, _)| *r == rule).map(|(_, l)| *l)
}

/// One thing the trainee thinks is weak.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExerciseItem {
    /// A rule id of [`WEAKNESSES`].
    pub rule: String,
    /// The trainee's own words: where and why (never matched, shown back).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A trainee's exercise on one training case (also the exercise file).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exercise {
    pub format: String,
    /// The training case's slug.
    pub case: String,
    /// 仮名 or a number: never a real name is asked for.
    #[serde(default)]
    pub trainee: String,
    #[serde(default)]
    pub items: Vec<ExerciseItem>,
}

impl Exercise {
    pub fn new(case: &str) -> Exercise {
        Exercise { format: EXERCISE_FORMAT.to_owned(), case: case.to_owned(), trainee: String::new(), items: Vec::new() }
    }

    /// Adds a kind; a kind already listed is not listed twice (its note is kept).
    pub fn add(&mut self, rule: &str, note: &str) -> Result<(), String> {
        if weakness_label(rule).is_none() {
            return Err("弱いと思うところの種類を選んでください。".to_owned());
        }
        if self.items.iter().any(|i| i.rule == rule) {
            return Err(format!("「{}」はもう挙げています。", weakness_label(rule).unwrap_or_default()));
        }
        self.items.push(ExerciseItem { rule: rule.to_owned(), note: note.trim().to_owned() });
        Ok(())
    }

    pub fn to_file(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads an exercise file; the message says what is wrong, in Japanese.
pub fn read_exercise(text: &str) -> Result<Exercise, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| "解答のファイルとして読めません（JSON の形になっていません）。".to_owned())?;
    // Another file of the app (a case export) is said so plainly, not as a field error.
    if value.get("format").and_then(|f| f.as_str()) != Some(EXERCISE_FORMAT) {
        return Err("解答のファイルではありません。研修モードの「解答を書き出す」で作ったファイルを選んでください。".to_owned());
    }
    let e: Exercise = serde_json::from_value(value).map_err(|e| format!("解答のファイルとして読めません（{e}）。"))?;
    if let Some(bad) = e.items.iter().find(|i| weakness_label(&i.rule).is_none()) {
        return Err(format!("知らない弱点の種類があります（{}）。", bad.rule));
    }
    Ok(e)
}

/// 「答え合わせ」: the trainee's list against the case.
#[derive(Clone, Debug, PartialEq)]
pub struct Reveal {
    /// Teaching points whose rule the trainee chose.
    pub found: Vec<TeachingPoint>,
    /// Teaching points with a rule the trainee did not choose.
    pub missed: Vec<TeachingPoint>,
    /// Teaching points no weakness kind stands for (the checker cannot see them): for discussion.
    pub discuss: Vec<TeachingPoint>,
    /// Kinds the trainee chose that the checker does not find on the draft (rule ids).
    pub fine: Vec<String>,
}

/// Compares the exercise with the case's points and the checker's findings on the draft
/// (at the case's level, by the caller).
pub fn reveal(case: &TrainingCase, exercise: &Exercise, findings: &[Finding]) -> Reveal {
    let chosen: BTreeSet<&str> = exercise.items.iter().map(|i| i.rule.as_str()).collect();
    let found_rules: BTreeSet<&str> = findings.iter().map(|f| f.rule.id).collect();
    let mut r = Reveal { found: Vec::new(), missed: Vec::new(), discuss: Vec::new(), fine: Vec::new() };
    for p in &case.points {
        match p.rule.as_deref() {
            Some(rule) if chosen.contains(rule) => r.found.push(p.clone()),
            Some(_) => r.missed.push(p.clone()),
            None => r.discuss.push(p.clone()),
        }
    }
    r.fine = exercise.items.iter().filter(|i| !found_rules.contains(i.rule.as_str())).map(|i| i.rule.clone()).collect();
    r
}

/// One row of the trainer's table: a teaching point and how many of the trainees who did
/// its case found it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TallyRow {
    pub case: String,
    pub case_title: String,
    pub point: String,
    pub title: String,
    pub found: usize,
    /// Exercise files on this case.
    pub of: usize,
}

/// Per teaching point (with a rule) of every case someone did, how many found it; the
/// weakest (lowest share) first, then in the index's order. An exercise on a case the index
/// does not have is refused, naming it.
pub fn tally(index: &TrainingIndex, exercises: &[Exercise]) -> Result<Vec<TallyRow>, String> {
    if let Some(e) = exercises.iter().find(|e| !index.cases.iter().any(|c| c.slug == e.case)) {
        return Err(format!("研修ケース「{}」は一覧にありません。", e.case));
    }
    let mut rows = Vec::new();
    for c in &index.cases {
        let done: Vec<&Exercise> = exercises.iter().filter(|e| e.case == c.slug).collect();
        if done.is_empty() {
            continue;
        }
        for p in &c.points {
            let Some(rule) = p.rule.as_deref() else { continue };
            let found = done.iter().filter(|e| e.items.iter().any(|i| i.rule == rule)).count();
            rows.push(TallyRow { case: c.slug.clone(), case_title: c.title.clone(), point: p.id.clone(), title: p.title.clone(), found, of: done.len() });
        }
    }
    // found/of ascending, compared without division; stable, so index order breaks ties.
    rows.sort_by(|a, b| (a.found * b.of).cmp(&(b.found * a.of)));
    Ok(rows)
}

/// The table as text (the command line's, and what a trainer copies).
pub fn tally_text(rows: &[TallyRow]) -> String {
    let mut out = String::new();
    for r in rows {
        out += &format!("{}/{}人 {} 「{}」（{}）\n", r.found, r.of, r.point, r.title, r.case_title);
    }
    out
}

/// The draft plan as the trainee reads it for the exercise: (heading, lines), blank
/// fields shown as 「（未記入）」 — a blank is often the weakness.
pub fn plan_sheet(case: &Case) -> Vec<(String, Vec<String>)> {
    let or_blank = |t: &str| if t.trim().is_empty() { "（未記入）".to_owned() } else { t.trim().to_owned() };
    let p = &case.plan;
    let mut out = vec![
        ("本人の意向".to_owned(), vec![or_blank(&p.person_wishes)]),
        ("家族の意向".to_owned(), vec![or_blank(&p.family_wishes)]),
        ("総合的な援助の方針".to_owned(), vec![or_blank(&p.support_policy)]),
        ("長期目標・短期目標".to_owned(), vec![format!("長期：{}", or_blank(&p.long_term_goal)), format!("短期：{}", or_blank(&p.short_term_goal))]),
    ];
    for (i, n) in p.needs().iter().enumerate() {
        let mut lines = vec![
            format!("支援目標：{}", or_blank(&n.goal)),
            format!("達成時期：{}", or_blank(&n.target_date)),
        ];
        for s in &n.supports {
            lines.push(format!(
                "支援（{}）：{} {} 量：{} 理由：{}",
                s.formality.label(),
                or_blank(&s.kind),
                s.provider.trim(),
                or_blank(&s.amount.describe()),
                or_blank(&s.reason)
            ));
        }
        lines.push(format!("本人の役割：{}", or_blank(&n.persons_role)));
        lines.push(format!("評価時期：{}", or_blank(&n.review_date)));
        out.push((format!("ニーズ{}：{}", i + 1, or_blank(&n.need)), lines));
    }
    let m = &p.monitoring;
    out.push(("モニタリング期間".to_owned(), vec![format!("{}　理由：{}", or_blank(&m.interval_text()), or_blank(&m.reason))]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::training::read_index;

    const INDEX: &str = include_str!("../../public/training/index.json");

    #[test]
    fn every_rule_a_teaching_point_names_is_a_weakness_kind() {
        let index = read_index(INDEX).unwrap();
        for p in index.cases.iter().flat_map(|c| &c.points) {
            if let Some(rule) = &p.rule {
                assert!(weakness_label(rule).is_some(), "{}: {rule} is not in WEAKNESSES", p.id);
            }
        }
        for (rule, _) in WEAKNESSES {
            assert!(crate::domain::check::rule(rule).is_some(), "{rule} is no checker rule");
        }
    }

    #[test]
    fn a_kind_is_listed_once_and_unknown_kinds_are_refused() {
        let mut e = Exercise::new("t1-chiteki");
        e.add("goal.vague_wording", " 目標1 ").unwrap();
        assert!(e.add("goal.vague_wording", "").unwrap_err().contains("支援目標があいまい"));
        assert!(e.add("nope", "").is_err());
        assert_eq!(e.items, vec![ExerciseItem { rule: "goal.vague_wording".into(), note: "目標1".into() }]);
        let back = read_exercise(&e.to_file()).unwrap();
        assert_eq!(back, e);
        assert!(read_exercise(&e.to_file().replace(EXERCISE_FORMAT, "soudan-workbench-export")).unwrap_err().contains("解答のファイルではありません"));
        assert!(read_exercise(&e.to_file().replace("goal.vague_wording", "goal.x")).unwrap_err().contains("goal.x"));
        assert!(read_exercise("{").unwrap_err().contains("読めません"));
    }

    fn exercise(case: &str, rules: &[&str]) -> Exercise {
        let mut e = Exercise::new(case);
        for r in rules {
            e.add(r, "").unwrap();
        }
        e
    }

    #[test]
    fn reveal_sorts_points_into_found_missed_and_for_discussion() {
        let index = read_index(INDEX).unwrap();
        let case = &index.cases[0]; // t1: family_in_person, vague_wording, no_informal, one unchecked
        let e = exercise("t1-chiteki", &["goal.vague_wording", "wording.jargon"]);
        // No findings passed: every chosen kind is "fine" (the checker found none of them).
        let r = reveal(case, &e, &[]);
        assert_eq!(r.found.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["t1-vague-goal"]);
        assert_eq!(r.missed.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["t1-family-in-person", "t1-no-informal"]);
        assert_eq!(r.discuss.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(), ["t1-goal-is-service"]);
        assert_eq!(r.fine, ["goal.vague_wording", "wording.jargon"]);
    }

    #[test]
    fn tally_counts_per_point_weakest_first_and_refuses_unknown_cases() {
        let index = read_index(INDEX).unwrap();
        let files = [
            exercise("t1-chiteki", &["goal.vague_wording", "resources.no_informal"]),
            exercise("t1-chiteki", &["goal.vague_wording"]),
            exercise("t1-chiteki", &["goal.vague_wording", "wishes.family_in_person"]),
        ];
        let rows = tally(&index, &files).unwrap();
        let got: Vec<(&str, usize, usize)> = rows.iter().map(|r| (r.point.as_str(), r.found, r.of)).collect();
        // Ties keep the index's order.
        assert_eq!(got, [("t1-family-in-person", 1, 3), ("t1-no-informal", 1, 3), ("t1-vague-goal", 3, 3)]);
        assert!(tally_text(&rows).starts_with("1/3人 t1-family-in-person 「本人の意向の欄に母の言葉」"));
        // Two cases: shares compare across different numbers of trainees.
        let mut more = files.to_vec();
        more.push(exercise("t3-shintai", &["wording.deficit_only"]));
        let rows = tally(&index, &more).unwrap();
        assert_eq!(rows.len(), 3 + 4);
        assert_eq!(rows.last().unwrap().point, "t3-deficit-only");
        assert_eq!((rows[0].found, rows[0].of), (0, 1));
        assert!(tally(&index, &[exercise("t9-none", &[])]).unwrap_err().contains("t9-none"));
    }
}
