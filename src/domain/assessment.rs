//! The strengths assessment: life domains × 今の状況 / 願い・希望 / 強み・資源, and the record
//! of how the person took part in decisions (意思決定支援).
//!
//! Follows forms.md ("Assessment: what practice sheets cover"): the seven domains of the
//! strengths model by default (more can be added, any can be hidden), the person's own
//! words kept as quotes, who said each thing, four kinds of strength, and the person's and
//! the family's wishes kept apart.

use serde::{Deserialize, Serialize};

/// Identifies an entry within a case, so plan needs can point at the entries they rest on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct EntryId(pub u32);

/// 生活領域. The seven defaults of the strengths model, or one the specialist adds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeDomain {
    DailyLiving,
    Finances,
    WorkLearning,
    Relationships,
    Health,
    Leisure,
    Meaning,
    Custom(String),
}

impl LifeDomain {
    pub const DEFAULTS: [LifeDomain; 7] = [
        LifeDomain::DailyLiving,
        LifeDomain::Finances,
        LifeDomain::WorkLearning,
        LifeDomain::Relationships,
        LifeDomain::Health,
        LifeDomain::Leisure,
        LifeDomain::Meaning,
    ];

    pub fn label(&self) -> &str {
        match self {
            LifeDomain::DailyLiving => "日常生活・住まい",
            LifeDomain::Finances => "経済",
            LifeDomain::WorkLearning => "仕事・学び",
            LifeDomain::Relationships => "人間関係・家族",
            LifeDomain::Health => "健康",
            LifeDomain::Leisure => "余暇・楽しみ",
            LifeDomain::Meaning => "信仰・文化・生きがい",
            LifeDomain::Custom(name) => name,
        }
    }
}

/// Who said it (本人 / 家族 / 支援者 / その他).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    #[default]
    Person,
    Family,
    Supporter,
    Other,
}

impl Speaker {
    pub const ALL: [Speaker; 4] = [Speaker::Person, Speaker::Family, Speaker::Supporter, Speaker::Other];

    pub fn label(self) -> &'static str {
        match self {
            Speaker::Person => "本人",
            Speaker::Family => "家族",
            Speaker::Supporter => "支援者",
            Speaker::Other => "その他",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Speaker::Person => "person",
            Speaker::Family => "family",
            Speaker::Supporter => "supporter",
            Speaker::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Speaker> {
        Speaker::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The four kinds of strength (性質・性格, 才能・技能, 関心・願望, 環境のストレングス).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StrengthKind {
    Character,
    Skill,
    Interest,
    Environment,
}

impl StrengthKind {
    pub const ALL: [StrengthKind; 4] =
        [StrengthKind::Character, StrengthKind::Skill, StrengthKind::Interest, StrengthKind::Environment];

    pub fn label(self) -> &'static str {
        match self {
            StrengthKind::Character => "性質・性格",
            StrengthKind::Skill => "才能・技能",
            StrengthKind::Interest => "関心・願望",
            StrengthKind::Environment => "環境",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            StrengthKind::Character => "character",
            StrengthKind::Skill => "skill",
            StrengthKind::Interest => "interest",
            StrengthKind::Environment => "environment",
        }
    }

    pub fn from_code(code: &str) -> Option<StrengthKind> {
        StrengthKind::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// The columns of a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Column {
    /// 今の状況
    Current,
    /// 本人の願い・希望 (start the conversation here)
    PersonWishes,
    /// 家族の願い・希望 (kept apart from the person's)
    FamilyWishes,
    /// これまで使ってきた力と資源（強み）
    Strengths,
}

impl Column {
    /// Screen order: wishes first, as forms.md says to start the conversation there.
    pub const ALL: [Column; 4] = [Column::PersonWishes, Column::FamilyWishes, Column::Current, Column::Strengths];

    pub fn label(self) -> &'static str {
        match self {
            Column::Current => "今の状況",
            Column::PersonWishes => "本人の願い・希望",
            Column::FamilyWishes => "家族の願い・希望",
            Column::Strengths => "強み・資源（これまで使ってきた力と資源）",
        }
    }

    /// For buttons and messages: 「本人の願いを追加」.
    pub fn label_short(self) -> &'static str {
        match self {
            Column::Current => "今の状況",
            Column::PersonWishes => "本人の願い",
            Column::FamilyWishes => "家族の願い",
            Column::Strengths => "強み・資源",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Column::Current => "current",
            Column::PersonWishes => "person-wishes",
            Column::FamilyWishes => "family-wishes",
            Column::Strengths => "strengths",
        }
    }

    /// Who usually says what is written in this column (the entry's default speaker).
    pub fn default_speaker(self) -> Speaker {
        match self {
            Column::FamilyWishes => Speaker::Family,
            _ => Speaker::Person,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub text: String,
    /// The text is the person's (or speaker's) own words, kept verbatim and shown in 「」.
    #[serde(default)]
    pub own_words: bool,
    #[serde(default)]
    pub speaker: Speaker,
    /// Only for the strengths column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub strength_kind: Option<StrengthKind>,
}

impl Entry {
    /// The text as shown: own words in 「」.
    pub fn display_text(&self) -> String {
        if self.own_words && !self.text.trim().is_empty() {
            format!("「{}」", self.text.trim())
        } else {
            self.text.trim().to_owned()
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainRecord {
    pub domain: LifeDomain,
    #[serde(default)]
    pub hidden: bool,
    #[serde(default)]
    pub current: Vec<Entry>,
    #[serde(default)]
    pub person_wishes: Vec<Entry>,
    #[serde(default)]
    pub family_wishes: Vec<Entry>,
    #[serde(default)]
    pub strengths: Vec<Entry>,
}

impl DomainRecord {
    fn new(domain: LifeDomain) -> Self {
        DomainRecord {
            domain,
            hidden: false,
            current: Vec::new(),
            person_wishes: Vec::new(),
            family_wishes: Vec::new(),
            strengths: Vec::new(),
        }
    }

    pub fn column(&self, column: Column) -> &[Entry] {
        match column {
            Column::Current => &self.current,
            Column::PersonWishes => &self.person_wishes,
            Column::FamilyWishes => &self.family_wishes,
            Column::Strengths => &self.strengths,
        }
    }

    fn column_mut(&mut self, column: Column) -> &mut Vec<Entry> {
        match column {
            Column::Current => &mut self.current,
            Column::PersonWishes => &mut self.person_wishes,
            Column::FamilyWishes => &mut self.family_wishes,
            Column::Strengths => &mut self.strengths,
        }
    }

    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.current.iter().chain(&self.person_wishes).chain(&self.family_wishes).chain(&self.strengths)
    }

    fn entries_mut(&mut self) -> impl Iterator<Item = &mut Entry> {
        self.current
            .iter_mut()
            .chain(&mut self.person_wishes)
            .chain(&mut self.family_wishes)
            .chain(&mut self.strengths)
    }
}

/// 意思決定支援の記録: how the person took part, what supported it, and — only where the
/// person's will had to be estimated — by whom and why (MHLW guideline, forms.md).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionSupport {
    /// 本人がどのように参加したか
    pub participation: String,
    /// 使った支援（説明の工夫、時間、場所、同席者など）
    pub supports_used: String,
    /// 本人の意思を推定した部分がある
    pub estimated: bool,
    /// 推定した人（本人をよく知る人）
    pub estimated_by: String,
    /// 推定の根拠
    pub estimation_reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AssessmentData")]
pub struct Assessment {
    domains: Vec<DomainRecord>,
    /// The next entry id; ids are never reused, so links from the plan stay valid.
    /// Invariant: greater than every id in `domains` (restored on read).
    next_entry_id: u32,
    pub decision_support: DecisionSupport,
}

/// The stored shape, before the id invariant is restored.
#[derive(Deserialize)]
struct AssessmentData {
    domains: Vec<DomainRecord>,
    #[serde(default)]
    next_entry_id: u32,
    #[serde(default)]
    decision_support: DecisionSupport,
}

impl TryFrom<AssessmentData> for Assessment {
    type Error = String;
    fn try_from(d: AssessmentData) -> Result<Self, String> {
        let max_id = d.domains.iter().flat_map(DomainRecord::entries).map(|e| e.id.0).max().unwrap_or(0);
        super::check_ids("アセスメントの記入", [max_id, d.next_entry_id])?;
        Ok(Assessment {
            next_entry_id: d.next_entry_id.max(max_id + 1).min(super::MAX_ID),
            domains: d.domains,
            decision_support: d.decision_support,
        })
    }
}

impl Default for Assessment {
    fn default() -> Self {
        Assessment {
            domains: LifeDomain::DEFAULTS.into_iter().map(DomainRecord::new).collect(),
            next_entry_id: 1,
            decision_support: DecisionSupport::default(),
        }
    }
}

/// Why a domain could not be added.
pub const DOMAIN_NAME_EMPTY: &str = "領域の名前を入力してください。";
pub const DOMAIN_NAME_TAKEN: &str = "同じ名前の領域がすでにあります。";

impl Assessment {
    pub fn domains(&self) -> &[DomainRecord] {
        &self.domains
    }

    /// Adds a specialist-named domain at the end.
    pub fn add_domain(&mut self, name: &str) -> Result<usize, &'static str> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DOMAIN_NAME_EMPTY);
        }
        if self.domains.iter().any(|d| d.domain.label() == name) {
            return Err(DOMAIN_NAME_TAKEN);
        }
        self.domains.push(DomainRecord::new(LifeDomain::Custom(name.to_owned())));
        Ok(self.domains.len() - 1)
    }

    /// Hiding keeps what was written; it only takes the domain off the sheet.
    pub fn set_hidden(&mut self, index: usize, hidden: bool) {
        if let Some(d) = self.domains.get_mut(index) {
            d.hidden = hidden;
        }
    }

    pub fn add_entry(&mut self, index: usize, column: Column) -> Option<EntryId> {
        self.domains.get(index)?;
        let id = EntryId(super::take_id(&mut self.next_entry_id)?);
        let domain = self.domains.get_mut(index)?;
        domain.column_mut(column).push(Entry {
            id,
            text: String::new(),
            own_words: false,
            speaker: column.default_speaker(),
            strength_kind: None,
        });
        Some(id)
    }

    pub fn remove_entry(&mut self, id: EntryId) -> bool {
        for d in &mut self.domains {
            for column in Column::ALL {
                let list = d.column_mut(column);
                if let Some(pos) = list.iter().position(|e| e.id == id) {
                    list.remove(pos);
                    return true;
                }
            }
        }
        false
    }

    pub fn entry(&self, id: EntryId) -> Option<&Entry> {
        self.domains.iter().flat_map(DomainRecord::entries).find(|e| e.id == id)
    }

    pub fn entry_mut(&mut self, id: EntryId) -> Option<&mut Entry> {
        self.domains.iter_mut().flat_map(DomainRecord::entries_mut).find(|e| e.id == id)
    }

    /// Entries with something written, across all domains (hidden ones too).
    pub fn filled_entries(&self) -> impl Iterator<Item = (&DomainRecord, &Entry)> {
        self.domains
            .iter()
            .flat_map(|d| d.entries().map(move |e| (d, e)))
            .filter(|(_, e)| !e.text.trim().is_empty())
    }

    /// What the person said they wish, in their own words: the 本人の願い entries kept as
    /// own words and said by the person, with their domain, in the assessment's order. The
    /// plan's 本人の意向 offers these to quote (in 「」), so the words stay the person's.
    pub fn persons_own_wishes(&self) -> Vec<(&LifeDomain, &Entry)> {
        self.domains
            .iter()
            .flat_map(|d| d.person_wishes.iter().map(move |e| (&d.domain, e)))
            .filter(|(_, e)| e.own_words && e.speaker == Speaker::Person && !e.text.trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_with_the_seven_strengths_domains() {
        let a = Assessment::default();
        let labels: Vec<_> = a.domains().iter().map(|d| d.domain.label()).collect();
        assert_eq!(
            labels,
            ["日常生活・住まい", "経済", "仕事・学び", "人間関係・家族", "健康", "余暇・楽しみ", "信仰・文化・生きがい"]
        );
    }

    #[test]
    fn custom_domains_need_a_new_name() {
        let mut a = Assessment::default();
        assert_eq!(a.add_domain("  "), Err(DOMAIN_NAME_EMPTY));
        assert_eq!(a.add_domain("健康"), Err(DOMAIN_NAME_TAKEN));
        let i = a.add_domain(" 移動 ").unwrap();
        assert_eq!(a.domains()[i].domain, LifeDomain::Custom("移動".into()));
    }

    #[test]
    fn entry_ids_are_never_reused() {
        let mut a = Assessment::default();
        let first = a.add_entry(0, Column::PersonWishes).unwrap();
        assert!(a.remove_entry(first));
        let second = a.add_entry(0, Column::PersonWishes).unwrap();
        assert_ne!(first, second);
        assert!(a.entry(first).is_none());
        assert!(a.add_entry(99, Column::Current).is_none());
    }

    #[test]
    fn family_wishes_default_to_the_family_as_speaker() {
        let mut a = Assessment::default();
        let p = a.add_entry(3, Column::PersonWishes).unwrap();
        let f = a.add_entry(3, Column::FamilyWishes).unwrap();
        assert_eq!(a.entry(p).unwrap().speaker, Speaker::Person);
        assert_eq!(a.entry(f).unwrap().speaker, Speaker::Family);
        assert_eq!(a.domains()[3].family_wishes.len(), 1);
        assert!(a.domains()[3].person_wishes.iter().all(|e| e.id != f));
    }

    #[test]
    fn own_words_show_in_brackets() {
        let mut a = Assessment::default();
        let id = a.add_entry(5, Column::PersonWishes).unwrap();
        let e = a.entry_mut(id).unwrap();
        e.text = " 電車で海を見に行きたい ".into();
        assert_eq!(e.display_text(), "電車で海を見に行きたい");
        e.own_words = true;
        assert_eq!(e.display_text(), "「電車で海を見に行きたい」");
    }

    #[test]
    fn the_persons_own_wishes_are_own_words_the_person_said() {
        let mut a = Assessment::default();
        let mut add = |domain: usize, column: Column, text: &str, own: bool, speaker: Speaker| {
            let id = a.add_entry(domain, column).unwrap();
            let e = a.entry_mut(id).unwrap();
            (e.text, e.own_words, e.speaker) = (text.into(), own, speaker);
        };
        add(5, Column::PersonWishes, "ボウリングで150点を出したい", true, Speaker::Person);
        add(0, Column::PersonWishes, "一人で暮らしたい", true, Speaker::Person);
        add(0, Column::PersonWishes, "外に出たいと言っている", false, Speaker::Person);
        add(0, Column::PersonWishes, "本人が望むなら", true, Speaker::Family);
        add(0, Column::FamilyWishes, "泊まる練習をさせたい", true, Speaker::Family);
        add(0, Column::PersonWishes, "  ", true, Speaker::Person);
        let got: Vec<_> = a.persons_own_wishes().iter().map(|(d, e)| (d.label().to_owned(), e.text.clone())).collect();
        assert_eq!(got, [("日常生活・住まい".to_owned(), "一人で暮らしたい".to_owned()), ("余暇・楽しみ".to_owned(), "ボウリングで150点を出したい".to_owned())]);
    }

    #[test]
    fn hiding_keeps_the_entries() {
        let mut a = Assessment::default();
        let id = a.add_entry(1, Column::Strengths).unwrap();
        a.entry_mut(id).unwrap().text = "家計簿をつけている".into();
        a.set_hidden(1, true);
        assert!(a.domains()[1].hidden);
        assert_eq!(a.filled_entries().count(), 1);
    }

    #[test]
    fn a_stored_counter_behind_the_ids_is_repaired() {
        let json = r#"{"domains":[{"domain":"health","current":[{"id":9,"text":"x"}]}],"next_entry_id":2}"#;
        let mut a: Assessment = serde_json::from_str(json).unwrap();
        assert_eq!(a.add_entry(0, Column::Current), Some(EntryId(10)));
    }

    #[test]
    fn codes_round_trip() {
        for s in Speaker::ALL {
            assert_eq!(Speaker::from_code(s.code()), Some(s));
        }
        for k in StrengthKind::ALL {
            assert_eq!(StrengthKind::from_code(k.code()), Some(k));
        }
    }
}
