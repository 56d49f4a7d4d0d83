//! 研修モード's case library: `public/training/index.json` lists fictional training cases,
//! each a pair of export files — the plan as a novice would write it (`draft`) and a good
//! one for the same person (`model`) — and its teaching points, each with the passage of
//! `../shared/reference/` it rests on.
//!
//! A point that names a checker rule and is `checked` is one the checker finds on the draft
//! at the case's level (and not on the model): `tests/it/training.rs` holds the library to
//! that, and to every quote being verbatim. A weakness the checker cannot see is still a
//! point, marked `checked: false`, so the index never claims more than the checker does.

use super::role_matrix::Level;
use super::sources::{Document, DOCUMENTS};
use serde::{Deserialize, Serialize};

/// `public/training/index.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingIndex {
    pub cases: Vec<TrainingCase>,
}

/// One training case: who, what it teaches, at which level, and its two files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingCase {
    /// File-name stem of the pair (`t1-chiteki`).
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub kind: CaseKind,
    /// The trainees' level: the draft is checked at it.
    #[serde(with = "level_label")]
    pub level: Level,
    /// Export file (in `public/training/`) with the novice's plan.
    pub draft: String,
    /// Export file with the model plan for the same person.
    pub model: String,
    pub points: Vec<TeachingPoint>,
}

/// The kinds of case 研修 covers (issue 15: one case each at least).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum CaseKind {
    #[serde(rename = "知的")]
    Intellectual,
    #[serde(rename = "精神")]
    Mental,
    #[serde(rename = "身体")]
    Physical,
    #[serde(rename = "難病")]
    IntractableDisease,
    #[serde(rename = "発達")]
    Developmental,
    /// A child, with the 保護者 (障害児支援利用計画).
    #[serde(rename = "障害児")]
    Child,
    /// A person turning 65 (介護保険への移行).
    #[serde(rename = "介護保険移行")]
    TurningSixtyFive,
    #[serde(rename = "支援困難")]
    Difficult,
}

impl CaseKind {
    pub const ALL: [CaseKind; 8] = [
        CaseKind::Intellectual,
        CaseKind::Mental,
        CaseKind::Physical,
        CaseKind::IntractableDisease,
        CaseKind::Developmental,
        CaseKind::Child,
        CaseKind::TurningSixtyFive,
        CaseKind::Difficult,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CaseKind::Intellectual => "知的",
            CaseKind::Mental => "精神",
            CaseKind::Physical => "身体",
            CaseKind::IntractableDisease => "難病",
            CaseKind::Developmental => "発達",
            CaseKind::Child => "障害児",
            CaseKind::TurningSixtyFive => "介護保険移行",
            CaseKind::Difficult => "支援困難",
        }
    }
}

/// What a trainer brings out of the draft, and where the guidance says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeachingPoint {
    /// Unique in the library.
    pub id: String,
    pub title: String,
    /// For the trainer: what the draft says, why it is weak, what the model does instead.
    pub explanation: String,
    /// The checker rule that finds it (`goal.vague_wording`), if one does.
    pub rule: Option<String>,
    /// Whether the checker finds it on the draft at the case's level.
    pub checked: bool,
    pub source: PointSource,
}

/// A quoted passage of `../shared/reference/`, named by the document's code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointSource {
    /// 「000」…「004」 ([`Document::code`]).
    pub code: String,
    /// Heading or table the words stand under.
    pub heading: String,
    pub quote: String,
}

impl PointSource {
    /// The document the quote is from.
    pub fn document(&self) -> Option<&'static Document> {
        DOCUMENTS.iter().find(|d| d.code == self.code)
    }
}

/// Reads `index.json`; the message says what is wrong, in Japanese.
pub fn read_index(text: &str) -> Result<TrainingIndex, String> {
    serde_json::from_str(text).map_err(|e| format!("研修ケースの一覧（index.json）を読めません（{e}）。"))
}

/// Levels as the index writes them: 「初任者」「現任」「主任」 (what a trainer reads).
mod level_label {
    use super::Level;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(level: &Level, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(level.label())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        let text = String::deserialize(d)?;
        Level::ALL
            .into_iter()
            .find(|l| l.label() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("level は「初任者」「現任」「主任」のどれかです（{text}）")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_reads_with_levels_and_kinds_in_japanese() {
        let text = r#"{"cases":[{"slug":"a","title":"t","summary":"s","kind":"介護保険移行","level":"現任","draft":"a-draft.json","model":"a-model.json",
            "points":[{"id":"p","title":"t","explanation":"e","rule":null,"checked":false,"source":{"code":"001","heading":"h","quote":"q"}}]}]}"#;
        let index = read_index(text).unwrap();
        assert_eq!(index.cases[0].kind, CaseKind::TurningSixtyFive);
        assert_eq!(index.cases[0].level, Level::Practitioner);
        assert_eq!(index.cases[0].points[0].source.document().unwrap().file, "001_c43ed80d085811bd.txt");
        let again = serde_json::to_string(&index).unwrap();
        assert_eq!(read_index(&again).unwrap(), index);
        assert!(read_index(&text.replace("現任", "中堅")).unwrap_err().contains("初任者"));
        assert!(read_index(&text.replace("\"summary\"", "\"summry\"")).is_err(), "unknown fields are refused");
    }
}
