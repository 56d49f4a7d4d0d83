//! Lead review (評価・助言): a 主任相談支援専門員 reads someone else's plan and writes advice
//! per finding of the plan check and overall (001 Ⅰ-6-(3): 「サービス等利用計画について適切に
//! 評価・助言を行い」). Nothing is shared over a network: the lead imports the author's export,
//! writes the review, and sends back a small review file, which the author imports; the
//! review is kept with the plan version it was about.

use super::case::CaseId;
use super::wareki::parse_date;
use super::Case;
use super::PlanStatus;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The `format` of a review file.
pub const REVIEW_FORMAT: &str = "soudan-workbench-review";

/// Advice on one finding (by its key, `Finding::key`), with the finding's words as the lead
/// saw them, so the advice still reads when the plan has changed since.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewComment {
    pub finding: String,
    pub message: String,
    pub comment: String,
}

/// One lead's 評価・助言 on one version of a plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    /// [`Case::plan_version`] of the plan read.
    pub plan_version: u32,
    pub reviewer: String,
    pub reviewed_on: NaiveDate,
    /// 全体への評価・助言
    pub overall: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub comments: Vec<ReviewComment>,
}

/// The lead's review while it is being written (autosaved as typed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReviewDraft {
    pub reviewer: String,
    pub reviewed_on: String,
    pub overall: String,
    pub comments: Vec<ReviewComment>,
}

impl ReviewDraft {
    /// Sets the advice on one finding (empty advice removes it).
    pub fn set_comment(&mut self, finding: &str, message: &str, comment: String) {
        self.comments.retain(|c| c.finding != finding);
        if !comment.trim().is_empty() {
            self.comments.push(ReviewComment { finding: finding.to_owned(), message: message.to_owned(), comment });
        }
    }

    pub fn comment(&self, finding: &str) -> Option<&str> {
        self.comments.iter().find(|c| c.finding == finding).map(|c| c.comment.as_str())
    }
}

impl Case {
    /// Which version of the plan the working plan is: 1 for the first draft; a final plan
    /// keeps its number; a change after it is the next number.
    pub fn plan_version(&self) -> u32 {
        let finals = self.final_plans.len() as u32;
        if self.plan.status == PlanStatus::Final { finals.max(1) } else { finals + 1 }
    }

    /// Turns the draft into a review of the current plan version; the draft is cleared.
    pub fn finish_review(&mut self) -> Result<Review, Vec<(&'static str, &'static str)>> {
        let draft = self.review_draft.clone().unwrap_or_default();
        let mut errors = Vec::new();
        if draft.reviewer.trim().is_empty() {
            errors.push(("reviewer", "評価・助言をした人の名前を入力してください。"));
        }
        let on = parse_date(&draft.reviewed_on);
        if on.is_none() {
            errors.push(("reviewed_on", "日付を「2026年11月27日」や「R8.11.27」のように入力してください。"));
        }
        let comments: Vec<ReviewComment> = draft.comments.into_iter().filter(|c| !c.comment.trim().is_empty()).collect();
        if draft.overall.trim().is_empty() && comments.is_empty() {
            errors.push(("overall", "全体への評価・助言か、指摘への助言を一つ以上書いてください。"));
        }
        match on {
            Some(reviewed_on) if errors.is_empty() => {
                let review = Review {
                    plan_version: self.plan_version(),
                    reviewer: draft.reviewer.trim().to_owned(),
                    reviewed_on,
                    overall: draft.overall.trim().to_owned(),
                    comments,
                };
                self.reviews.push(review.clone());
                self.review_draft = None;
                Ok(review)
            }
            _ => Err(errors),
        }
    }

    /// Attaches a review read from a file; the same review twice is kept once.
    pub fn attach_review(&mut self, review: Review) -> bool {
        if self.reviews.contains(&review) {
            return false;
        }
        self.reviews.push(review);
        true
    }

    /// Reviews of the working plan's version, newest first.
    pub fn current_reviews(&self) -> Vec<&Review> {
        let v = self.plan_version();
        let mut out: Vec<&Review> = self.reviews.iter().filter(|r| r.plan_version == v).collect();
        out.sort_by(|a, b| b.reviewed_on.cmp(&a.reviewed_on));
        out
    }
}

#[derive(Serialize, Deserialize)]
struct ReviewFile {
    format: String,
    case_id: CaseId,
    review: Review,
}

/// The file a lead sends back: the case id (no name) and the review.
pub fn review_file(case: &CaseId, review: &Review) -> String {
    let file = ReviewFile { format: REVIEW_FORMAT.to_owned(), case_id: case.clone(), review: review.clone() };
    serde_json::to_string_pretty(&file).expect("a review serialises")
}

/// Reads a review file; `None` when the text is not one (so the caller can try other formats).
pub fn read_review_file(text: &str) -> Option<Result<(CaseId, Review), String>> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    if value.get("format").and_then(serde_json::Value::as_str) != Some(REVIEW_FORMAT) {
        return None;
    }
    Some(
        serde_json::from_value::<ReviewFile>(value)
            .map(|f| (f.case_id, f.review))
            .map_err(|e| format!("評価・助言のファイルを読み込めません（{e}）。")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{FinalForm, NewCase};
    use chrono::DateTime;

    fn case() -> Case {
        let form = NewCase { name: "森下 ゆうと（仮名）".into(), ..NewCase::default() };
        let mut c = Case::create(CaseId::from_random(9), &form, DateTime::parse_from_rfc3339("2026-11-27T10:00:00+09:00").unwrap()).unwrap();
        c.plan.add_need().unwrap();
        c
    }

    #[test]
    fn plan_versions_count_drafts_and_finals() {
        let mut c = case();
        assert_eq!(c.plan_version(), 1);
        c.make_final(&FinalForm { made_on: "R8.12.1".into(), consented_on: "R8.12.1".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
        assert_eq!(c.plan_version(), 1, "the final plan is the version that was read");
        c.revise_plan();
        assert_eq!(c.plan_version(), 2);
    }

    #[test]
    fn a_review_needs_a_reviewer_a_date_and_some_advice_and_is_kept_with_its_version() {
        let mut c = case();
        c.review_draft = Some(ReviewDraft::default());
        let fields: Vec<_> = c.finish_review().unwrap_err().into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["reviewer", "reviewed_on", "overall"]);
        let mut draft = ReviewDraft { reviewer: "主任 山田".into(), reviewed_on: "R8.11.28".into(), ..ReviewDraft::default() };
        draft.set_comment("goal.vague_wording@need-1.goal", "支援目標があいまい", "本人と「一年後の一日」を話してみましょう。".into());
        draft.set_comment("x@plan.needs", "m", "  ".into());
        c.review_draft = Some(draft);
        let review = c.finish_review().unwrap();
        assert_eq!((review.plan_version, review.comments.len()), (1, 1));
        assert!(c.review_draft.is_none());
        assert_eq!(c.current_reviews(), [&review]);
        c.revise_plan();
        c.plan.status = PlanStatus::Draft;
        c.final_plans.push(c.plan.clone());
        assert!(c.current_reviews().is_empty(), "a review stays with the version it was about");
    }

    #[test]
    fn review_files_round_trip_and_other_files_are_not_taken_for_one() {
        let mut c = case();
        c.review_draft = Some(ReviewDraft { reviewer: "主任 山田".into(), reviewed_on: "2026-11-28".into(), overall: "よく書けています。".into(), comments: vec![] });
        let review = c.finish_review().unwrap();
        let text = review_file(&c.id, &review);
        assert!(!text.contains("森下"), "the review file carries no name");
        let (id, back) = read_review_file(&text).unwrap().unwrap();
        assert_eq!((id, &back), (c.id.clone(), &review));
        let mut author = case();
        assert!(author.attach_review(back.clone()));
        assert!(!author.attach_review(back), "the same review is kept once");
        assert!(read_review_file("{\"format\":\"soudan-workbench-cases\",\"cases\":[]}").is_none());
        assert!(read_review_file("not json").is_none());
        let broken = text.replace("\"reviewed_on\": \"2026-11-28\"", "\"reviewed_on\": \"昨日\"");
        assert!(read_review_file(&broken).unwrap().unwrap_err().starts_with("評価・助言のファイルを読み込めません"));
    }
}
