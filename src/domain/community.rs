//! 地域課題: a need that no existing resource meets, recorded from a case without personal
//! details, and gathered across all cases into one nameless list for the 協議会
//! (checks.md "Across cases"; 004 skill 7); 001 Ⅰ-7-(4)-③: the council 「個別事例等を通じて
//! 明らかになった地域の課題を共有し」).
//!
//! A record never names the person: [`CommunityIssue::new`] refuses a description that
//! contains the case's name or 受給者証番号, and the [`Report`] carries no case reference.

use super::plan::NeedId;
use super::text;
use super::wareki::{format_wareki, parse_date};
use super::Case;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Identifies an issue within a case: the largest so far plus one, at most
/// [`MAX_ID`](super::MAX_ID) (a larger one is refused on read, like every id).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct IssueId(pub u32);

impl TryFrom<u32> for IssueId {
    type Error = String;
    fn try_from(id: u32) -> Result<Self, String> {
        super::check_ids("地域課題", [id]).map(|()| IssueId(id))
    }
}

impl From<IssueId> for u32 {
    fn from(id: IssueId) -> u32 {
        id.0
    }
}

/// What kind of gap: the council sorts issues by these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueCategory {
    Housing,
    DaytimeActivity,
    Work,
    Mobility,
    Medical,
    Education,
    Leisure,
    Family,
    Consultation,
    Shortage,
    SystemGap,
    Other,
}

impl IssueCategory {
    pub const ALL: [IssueCategory; 12] = [
        IssueCategory::Housing,
        IssueCategory::DaytimeActivity,
        IssueCategory::Work,
        IssueCategory::Mobility,
        IssueCategory::Medical,
        IssueCategory::Education,
        IssueCategory::Leisure,
        IssueCategory::Family,
        IssueCategory::Consultation,
        IssueCategory::Shortage,
        IssueCategory::SystemGap,
        IssueCategory::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            IssueCategory::Housing => "住まい",
            IssueCategory::DaytimeActivity => "日中活動・居場所",
            IssueCategory::Work => "働く場",
            IssueCategory::Mobility => "移動",
            IssueCategory::Medical => "医療・健康",
            IssueCategory::Education => "教育・学び",
            IssueCategory::Leisure => "余暇・文化",
            IssueCategory::Family => "家族への支援",
            IssueCategory::Consultation => "相談・権利擁護",
            IssueCategory::Shortage => "事業所・人材の不足",
            IssueCategory::SystemGap => "制度のすき間",
            IssueCategory::Other => "その他",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            IssueCategory::Housing => "housing",
            IssueCategory::DaytimeActivity => "daytime_activity",
            IssueCategory::Work => "work",
            IssueCategory::Mobility => "mobility",
            IssueCategory::Medical => "medical",
            IssueCategory::Education => "education",
            IssueCategory::Leisure => "leisure",
            IssueCategory::Family => "family",
            IssueCategory::Consultation => "consultation",
            IssueCategory::Shortage => "shortage",
            IssueCategory::SystemGap => "system_gap",
            IssueCategory::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<IssueCategory> {
        IssueCategory::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// One 地域課題 recorded from a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityIssue {
    pub id: IssueId,
    pub category: IssueCategory,
    /// What is missing in the community, without personal details.
    pub description: String,
    pub recorded_on: NaiveDate,
    /// The need of the plan it came from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub need: Option<NeedId>,
}

/// What the form sends (as typed).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IssueForm {
    pub category: Option<IssueCategory>,
    pub description: String,
    pub recorded_on: String,
    pub need: Option<NeedId>,
}

/// A form field's problem, with the field's name for the error summary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IssueError {
    pub field: &'static str,
    pub message: String,
}

impl Case {
    /// Records a 地域課題 from the form; refuses personal details and a bad date.
    pub fn add_community_issue(&mut self, form: &IssueForm) -> Result<IssueId, Vec<IssueError>> {
        let mut errors = Vec::new();
        if form.category.is_none() {
            errors.push(IssueError { field: "category", message: "分類を選んでください。".into() });
        }
        let description = form.description.trim();
        if description.is_empty() {
            errors.push(IssueError { field: "description", message: "どんな資源が足りないかを書いてください。".into() });
        } else if let Some(found) = self.personal_detail_in(description) {
            errors.push(IssueError {
                field: "description",
                message: format!("個人が分かる情報（「{found}」）が入っています。協議会で共有するため、氏名や受給者証番号は書かないでください。"),
            });
        }
        let recorded_on = parse_date(&form.recorded_on);
        if recorded_on.is_none() {
            let message = if form.recorded_on.trim().is_empty() {
                "記録日を入力してください。"
            } else {
                "記録日は「2026年4月1日」や「R8.4.1」のように入力してください。"
            };
            errors.push(IssueError { field: "recorded_on", message: message.into() });
        }
        let mut next = self.community_issues.iter().map(|i| i.id.0).max().unwrap_or(0).saturating_add(1);
        let id = super::take_id(&mut next).map(IssueId);
        if id.is_none() {
            errors.push(IssueError { field: "description", message: super::id_limit_message("地域課題") });
        }
        match (form.category, recorded_on, id) {
            (Some(category), Some(recorded_on), Some(id)) if errors.is_empty() => {
                let need = form.need.filter(|n| self.plan.need(*n).is_some());
                self.community_issues.push(CommunityIssue { id, category, description: description.to_owned(), recorded_on, need });
                Ok(id)
            }
            _ => Err(errors),
        }
    }

    pub fn remove_community_issue(&mut self, id: IssueId) -> bool {
        let before = self.community_issues.len();
        self.community_issues.retain(|i| i.id != id);
        before != self.community_issues.len()
    }

    /// The person's name, a part of it (family or given name) or the 受給者証番号 found in
    /// `text`, however either was typed (full-width digits, half-width kana, katakana for
    /// hiragana, spaces or zero-width characters inside: [`text::match_key`] on both sides);
    /// one-character names and parts (an initial) are too common to search for.
    fn personal_detail_in(&self, text: &str) -> Option<String> {
        let haystack = text::match_key(text);
        let name = self.name.as_str();
        // 「森下 ゆうと（仮名）」: the parts are 森下 and ゆうと; the note in brackets is not a name.
        let bare = name.split(['（', '(']).next().unwrap_or(name);
        let parts = bare.split(|c: char| c.is_whitespace() || c == '・' || c == '･');
        let certificate = self.certificate_no.trim();
        std::iter::once(bare)
            .chain(parts)
            .map(|p| (p.trim(), text::match_key(p)))
            .filter(|(_, key)| key.chars().count() >= 2)
            .chain(Some((certificate, text::match_key(certificate))).filter(|(_, key)| key.chars().count() >= 4))
            .find(|(_, key)| haystack.contains(key.as_str()))
            .map(|(shown, _)| shown.to_owned())
    }
}

/// One line of the report: no name, no case id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReportRow {
    pub category: IssueCategory,
    pub description: String,
    pub recorded_on: NaiveDate,
}

/// 地域課題 of all cases, nameless, for the 協議会.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Oldest first, then by category.
    pub rows: Vec<ReportRow>,
}

impl Report {
    pub fn gather<'a>(cases: impl IntoIterator<Item = &'a Case>) -> Report {
        let mut rows: Vec<ReportRow> = cases
            .into_iter()
            .flat_map(|c| &c.community_issues)
            .map(|i| ReportRow { category: i.category, description: i.description.clone(), recorded_on: i.recorded_on })
            .collect();
        rows.sort_by(|a, b| a.recorded_on.cmp(&b.recorded_on).then(a.category.cmp(&b.category)));
        Report { rows }
    }

    /// Counts by category, in the category order, only those with issues.
    pub fn counts(&self) -> Vec<(IssueCategory, usize)> {
        IssueCategory::ALL
            .into_iter()
            .map(|c| (c, self.rows.iter().filter(|r| r.category == c).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// CSV for spreadsheets: UTF-8 with a BOM (Excel on Japanese Windows reads it as UTF-8),
    /// CRLF line ends, every field quoted, and no field a spreadsheet would run as a formula
    /// ([`neutralise_formula`]).
    pub fn to_csv(&self) -> String {
        let quote = |s: &str| format!("\"{}\"", neutralise_formula(s).replace('"', "\"\""));
        let mut out = String::from("\u{feff}");
        out.push_str("記録日,記録日（和暦）,分類,内容\r\n");
        for r in &self.rows {
            let fields = [r.recorded_on.to_string(), format_wareki(r.recorded_on), r.category.label().to_owned(), r.description.clone()];
            out.push_str(&fields.iter().map(|f| quote(f)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// JSON for other tools: `{format, counts: [{category, label, count}], issues: [...]}`.
    pub fn to_json(&self) -> String {
        let counts: Vec<serde_json::Value> = self
            .counts()
            .into_iter()
            .map(|(c, n)| serde_json::json!({ "category": c.code(), "label": c.label(), "count": n }))
            .collect();
        let issues: Vec<serde_json::Value> = self
            .rows
            .iter()
            .map(|r| serde_json::json!({ "recorded_on": r.recorded_on, "category": r.category.code(), "label": r.category.label(), "description": r.description }))
            .collect();
        serde_json::to_string_pretty(&serde_json::json!({
            "format": "soudan-workbench-community-issues",
            "counts": counts,
            "issues": issues,
        }))
        .expect("JSON values serialise")
    }
}

/// A cell that starts like a formula (`=`, `+`, `-`, `@`, a tab or a carriage return, or
/// the full-width ＝＋－＠ that Japanese spreadsheets also take) gets a leading `'`, so a
/// spreadsheet shows it as text instead of running it (OWASP "CSV Injection").
fn neutralise_formula(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{CaseId, NewCase};
    use chrono::DateTime;

    fn case(name: &str, certificate_no: &str) -> Case {
        let form = NewCase { name: name.into(), certificate_no: certificate_no.into(), ..NewCase::default() };
        Case::create(CaseId::from_random(7), &form, DateTime::parse_from_rfc3339("2026-11-27T10:00:00+09:00").unwrap()).unwrap()
    }

    fn form(category: IssueCategory, description: &str, on: &str) -> IssueForm {
        IssueForm { category: Some(category), description: description.into(), recorded_on: on.into(), need: None }
    }

    #[test]
    fn an_issue_is_recorded_with_its_date_and_need() {
        let mut c = case("森下 ゆうと（仮名）", "1234500011");
        let need = c.plan.add_need().unwrap();
        let mut f = form(IssueCategory::Mobility, "大学の中での移動や介助に使える制度がない。", "R8.11.27");
        f.need = Some(need);
        let id = c.add_community_issue(&f).unwrap();
        let issue = &c.community_issues[0];
        assert_eq!((issue.id, issue.need, issue.recorded_on), (id, Some(need), NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()));
        assert_eq!(c.add_community_issue(&form(IssueCategory::Other, "夜間の相談先がない", "2026-11-28")), Ok(IssueId(2)));
        assert!(c.remove_community_issue(id));
        assert_eq!(c.add_community_issue(&form(IssueCategory::Other, "同じ番号は使わない", "2026-11-28")), Ok(IssueId(3)));
    }

    #[test]
    fn personal_details_and_bad_input_are_refused_with_reasons() {
        let mut c = case("森下 ゆうと（仮名）", "1234500011");
        let errs = c.add_community_issue(&form(IssueCategory::Work, "森下さんが働ける店が近くにない", "R8.11.27")).unwrap_err();
        assert_eq!(errs[0].field, "description");
        assert!(errs[0].message.contains("「森下」"), "{}", errs[0].message);
        let errs = c.add_community_issue(&form(IssueCategory::Work, "受給者証 1234500011 の方の件", "R8.11.27")).unwrap_err();
        assert!(errs[0].message.contains("1234500011"));
        let errs = c.add_community_issue(&IssueForm { recorded_on: "昨日".into(), ..IssueForm::default() }).unwrap_err();
        let fields: Vec<_> = errs.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["category", "description", "recorded_on"]);
        assert!(c.community_issues.is_empty(), "nothing half-recorded");
        // 「仮名」 is not a name, and one-character parts are not searched for.
        let mut k = case("K", "");
        assert!(k.add_community_issue(&form(IssueCategory::Other, "仮名の扱いについての相談先がない（K地区）", "R8.11.27")).is_ok());
    }

    #[test]
    fn names_and_numbers_typed_another_way_are_still_refused() {
        let mut c = case("森下 ゆうと（仮名）", "1234567890");
        let refused = |c: &mut Case, text: &str| {
            let errs = c.add_community_issue(&form(IssueCategory::Other, text, "R8.11.27")).expect_err(text);
            errs[0].message.clone()
        };
        // Full-width digits, spaces or hyphens inside the number.
        assert!(refused(&mut c, "１２３４５６７８９０の人").contains("「1234567890」"));
        assert!(refused(&mut c, "受給者証 1234 5678 90 の方").contains("1234567890"));
        assert!(refused(&mut c, "番号 1234-567-890").contains("1234567890"));
        // Zero-width and other invisible characters, spaces inside a name.
        for inside in ["\u{200B}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}", "\u{FE00}", " ", "\u{3000}"] {
            assert!(refused(&mut c, &format!("森{inside}下さんが通える場所がない")).contains("「森下」"), "{inside:?}");
        }
        // The given name in katakana, half-width or full-width, and the whole name run together.
        assert!(refused(&mut c, "ﾕｳﾄさんの通学").contains("「ゆうと」"));
        assert!(refused(&mut c, "ユウトさんの通学").contains("「ゆうと」"));
        assert!(refused(&mut c, "森下ゆうと").contains("「森下 ゆうと」"));
        // A name stored with a zero-width space is found too.
        let mut z = case("川\u{200B}口 まさる", "");
        assert!(refused(&mut z, "川口さんの件").contains("川"));
        assert!(c.community_issues.is_empty() && z.community_issues.is_empty());
        // Other numbers and words are not mistaken for them.
        assert!(c.add_community_issue(&form(IssueCategory::Other, "市内に 12345 件の待機がある。森の近くに下宿が少ない", "R8.11.27")).is_ok());
    }

    #[test]
    fn csv_cells_that_start_like_a_formula_are_written_as_text() {
        let mut c = case("森下 ゆうと（仮名）", "");
        let texts = ["=HYPERLINK(\"http://example.com/\",\"詳しく\")", "+1+2", "-2+3", "@SUM(A1:A9)", "\tタブで始まる", "\r改行で始まる", "＝１＋２", "普通の内容 =1+2"];
        for t in texts {
            c.community_issues.push(CommunityIssue { id: IssueId(c.community_issues.len() as u32 + 1), category: IssueCategory::Other, description: t.into(), recorded_on: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), need: None });
        }
        let csv = Report::gather([&c]).to_csv();
        let cells: Vec<&str> = csv.split("\r\n").skip(1).filter(|l| !l.is_empty()).map(|l| l.split_once("\"その他\",\"").unwrap().1).collect();
        assert_eq!(cells, [
            "'=HYPERLINK(\"\"http://example.com/\"\",\"\"詳しく\"\")\"",
            "'+1+2\"", "'-2+3\"", "'@SUM(A1:A9)\"", "'\tタブで始まる\"", "'\r改行で始まる\"", "'＝１＋２\"", "普通の内容 =1+2\"",
        ]);
        // The JSON export is data, not a spreadsheet: kept exactly as recorded.
        assert!(Report::gather([&c]).to_json().contains("\"=HYPERLINK("));
    }

    #[test]
    fn the_report_has_no_names_counts_by_category_and_exports_csv_and_json() {
        let mut a = case("森下 ゆうと（仮名）", "");
        let mut b = case("川口 まさる（仮名）", "");
        a.add_community_issue(&form(IssueCategory::Mobility, "移動支援が通学に使えない", "2026-11-27")).unwrap();
        b.add_community_issue(&form(IssueCategory::Housing, "単身で入れる「保証人不要」の住まいが少ない", "2026-10-01")).unwrap();
        b.add_community_issue(&form(IssueCategory::Mobility, "夜間の移動手段がない", "2026-11-27")).unwrap();
        let report = Report::gather([&a, &b]);
        assert_eq!(report.rows.iter().map(|r| r.category).collect::<Vec<_>>(), [IssueCategory::Housing, IssueCategory::Mobility, IssueCategory::Mobility]);
        assert_eq!(report.counts(), [(IssueCategory::Housing, 1), (IssueCategory::Mobility, 2)]);
        let csv = report.to_csv();
        assert!(csv.starts_with("\u{feff}記録日,記録日（和暦）,分類,内容\r\n"));
        assert!(csv.contains("\"2026-10-01\",\"令和8年10月1日\",\"住まい\",\"単身で入れる「保証人不要」の住まいが少ない\"\r\n"));
        let json: serde_json::Value = serde_json::from_str(&report.to_json()).unwrap();
        assert_eq!(json["counts"][1]["count"], 2);
        assert_eq!(json["issues"][0]["label"], "住まい");
        for out in [csv, report.to_json()] {
            assert!(!out.contains("森下") && !out.contains("川口"), "a name leaked into the report");
        }
    }
}
