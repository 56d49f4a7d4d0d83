//! The role matrix: what Osaka City expects of a 相談支援専門員 at each level, quoted verbatim.
//!
//! Three parts, all from `../shared/reference/` (see `../shared/design/role-matrix.md`):
//! - [`CELLS`]: the table 「【参考】大阪市における相談支援専門員の望ましい状態像（案）」 of `000`,
//!   eight areas ([`Area`]) × five columns ([`Column`]: 初任者, 現任, and 主任 split into
//!   基幹 / 地活 / 指定), 40 cells.
//! - [`LEAD_ROLES`] and [`BASIC_VIEWPOINTS`]: the 主任 roles by office type from `003`, which
//!   says the same as the table's 主任 columns in clean prose (a few cells are worded a
//!   little differently there; both wordings are kept, each with its own source).
//! - [`RECOMMENDATION_CHECKLIST`]: the items of 「主任相談支援専門員養成研修の推薦にかかる申出書」
//!   (the form at the end of `000`), the checklist for being recommended for 主任研修.
//!
//! Every Japanese string is verbatim: the app shows these words as Osaka City's and cites
//! them, so they are never paraphrased. The sources are PDF extractions that break lines
//! (and, in `003`, put spaces) inside sentences, so a quote is compared with its file after
//! removing all whitespace from both; `tests/it/role_matrix.rs` does that for every string
//! here. Text as printed includes its leading `・` where the source prints one (see
//! [`Cell::text`]).

use serde::{Deserialize, Serialize};

use super::sources::Source;

/// The Osaka City slides with the table and the 推薦申出書 form.
pub const FILE_000: &str = "000_1c047b897ed0be54.txt";
/// The same role document as `000` in prose: the 主任 roles by office type.
pub const FILE_003: &str = "003_0600fb2e4ad3baad.txt";

/// The heading of the table in `000`.
pub const TABLE_HEADING: &str = "【参考】大阪市における相談支援専門員の望ましい状態像（案）";

/// The eight rows of the table, in the table's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Area {
    #[serde(rename = "consultation")]
    ConsultationResponse,
    #[serde(rename = "advice")]
    AdviceGuidance,
    #[serde(rename = "council")]
    Council,
    #[serde(rename = "core_centre")]
    CoreCentreLink,
    #[serde(rename = "support_network")]
    SupportNetwork,
    #[serde(rename = "interval")]
    IntervalPracticum,
    #[serde(rename = "training")]
    TrainingCooperation,
    #[serde(rename = "city")]
    CityCooperation,
}

impl Area {
    pub const ALL: [Area; 8] = [
        Area::ConsultationResponse,
        Area::AdviceGuidance,
        Area::Council,
        Area::CoreCentreLink,
        Area::SupportNetwork,
        Area::IntervalPracticum,
        Area::TrainingCooperation,
        Area::CityCooperation,
    ];

    /// The row label as the table prints it (joined where the PDF breaks it over lines).
    pub fn label(self) -> &'static str {
        match self {
            Area::ConsultationResponse => "相談対応",
            Area::AdviceGuidance => "助言・指導",
            Area::Council => "地域自立支援協議会",
            Area::CoreCentreLink => "基幹センターとの連携",
            Area::SupportNetwork => "支援体制の構築",
            Area::IntervalPracticum => "インターバル受け入れ",
            Area::TrainingCooperation => "相談支援従事者研修への協力",
            Area::CityCooperation => "大阪市の取組への協力",
        }
    }

    /// The row group the table prints vertically beside the rows.
    pub fn group(self) -> Group {
        match self {
            Area::ConsultationResponse | Area::AdviceGuidance => Group::Consultation,
            Area::Council | Area::CoreCentreLink | Area::SupportNetwork => Group::CommunityBuilding,
            Area::IntervalPracticum | Area::TrainingCooperation | Area::CityCooperation => Group::Development,
        }
    }

    /// Stable id (also the serde form): for stored options and URLs, never shown.
    pub fn code(self) -> &'static str {
        match self {
            Area::ConsultationResponse => "consultation",
            Area::AdviceGuidance => "advice",
            Area::Council => "council",
            Area::CoreCentreLink => "core_centre",
            Area::SupportNetwork => "support_network",
            Area::IntervalPracticum => "interval",
            Area::TrainingCooperation => "training",
            Area::CityCooperation => "city",
        }
    }

    pub fn from_code(code: &str) -> Option<Area> {
        Area::ALL.into_iter().find(|a| a.code() == code)
    }
}

/// The three row groups: 相談支援 / 地域づくり / 人材育成.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Group {
    Consultation,
    CommunityBuilding,
    Development,
}

impl Group {
    pub const ALL: [Group; 3] = [Group::Consultation, Group::CommunityBuilding, Group::Development];

    pub fn label(self) -> &'static str {
        match self {
            Group::Consultation => "相談支援",
            Group::CommunityBuilding => "地域づくり",
            Group::Development => "人材育成",
        }
    }
}

/// The career level: 初任者 / 現任 / 主任.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level {
    #[serde(rename = "novice")]
    Novice,
    #[serde(rename = "practitioner")]
    Practitioner,
    #[serde(rename = "lead")]
    Lead,
}

impl Level {
    pub const ALL: [Level; 3] = [Level::Novice, Level::Practitioner, Level::Lead];

    pub fn label(self) -> &'static str {
        match self {
            Level::Novice => "初任者",
            Level::Practitioner => "現任",
            Level::Lead => "主任",
        }
    }

    /// Stable id (also the serde form).
    pub fn code(self) -> &'static str {
        match self {
            Level::Novice => "novice",
            Level::Practitioner => "practitioner",
            Level::Lead => "lead",
        }
    }

    pub fn from_code(code: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// The kind of office a 主任 works in; the table splits 主任 by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OfficeType {
    #[serde(rename = "core")]
    CoreCentre,
    #[serde(rename = "community")]
    CommunityCentre,
    #[serde(rename = "designated")]
    DesignatedOffice,
}

impl OfficeType {
    pub const ALL: [OfficeType; 3] = [OfficeType::CoreCentre, OfficeType::CommunityCentre, OfficeType::DesignatedOffice];

    /// The short name the table and `003` use: 基幹 / 地活 / 指定.
    pub fn label(self) -> &'static str {
        match self {
            OfficeType::CoreCentre => "基幹",
            OfficeType::CommunityCentre => "地活",
            OfficeType::DesignatedOffice => "指定",
        }
    }

    /// The full name, verbatim from `003` 《主任相談支援専門員が配置されている事業所の種別》
    /// (which prints `label:long_name`; its parentheses are half-width).
    pub fn long_name(self) -> &'static str {
        match self {
            OfficeType::CoreCentre => "障がい者基幹相談支援センター",
            OfficeType::CommunityCentre => "地域活動支援センター(生活支援型)",
            OfficeType::DesignatedOffice => "指定特定・障がい児相談支援事業所",
        }
    }

    /// Stable id (also the serde form).
    pub fn code(self) -> &'static str {
        match self {
            OfficeType::CoreCentre => "core",
            OfficeType::CommunityCentre => "community",
            OfficeType::DesignatedOffice => "designated",
        }
    }

    pub fn from_code(code: &str) -> Option<OfficeType> {
        OfficeType::ALL.into_iter().find(|o| o.code() == code)
    }
}

/// A column of the table: a level, and for 主任 the office type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Novice,
    Practitioner,
    Lead(OfficeType),
}

impl Column {
    /// In the table's order: 初任者, 現任, 基幹, 地活, 指定.
    pub const ALL: [Column; 5] = [
        Column::Novice,
        Column::Practitioner,
        Column::Lead(OfficeType::CoreCentre),
        Column::Lead(OfficeType::CommunityCentre),
        Column::Lead(OfficeType::DesignatedOffice),
    ];

    /// The column for a person: the office type only matters at 主任.
    pub fn new(level: Level, office: OfficeType) -> Column {
        match level {
            Level::Novice => Column::Novice,
            Level::Practitioner => Column::Practitioner,
            Level::Lead => Column::Lead(office),
        }
    }

    pub fn level(self) -> Level {
        match self {
            Column::Novice => Level::Novice,
            Column::Practitioner => Level::Practitioner,
            Column::Lead(_) => Level::Lead,
        }
    }

    pub fn office(self) -> Option<OfficeType> {
        match self {
            Column::Lead(office) => Some(office),
            _ => None,
        }
    }

    /// The column heading as printed: 初任者 / 現任, and under 主任: 基幹 / 地活 / 指定.
    pub fn label(self) -> &'static str {
        match self {
            Column::Lead(office) => office.label(),
            other => other.level().label(),
        }
    }

    /// Position in [`Column::ALL`] (and in a row of [`CELLS`]).
    const fn index(self) -> usize {
        match self {
            Column::Novice => 0,
            Column::Practitioner => 1,
            Column::Lead(OfficeType::CoreCentre) => 2,
            Column::Lead(OfficeType::CommunityCentre) => 3,
            Column::Lead(OfficeType::DesignatedOffice) => 4,
        }
    }
}

/// One cell of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub area: Area,
    pub column: Column,
    /// The cell verbatim as printed in `000`, leading `・` included (every cell has one but
    /// 基幹 × 基幹センターとの連携, which is printed in parentheses instead). `None` where the
    /// table prints `ー` (U+30FC): no expectation at this level.
    pub text: Option<&'static str>,
    /// File in `../shared/reference/`; the row and column locate the cell in its table.
    pub file: &'static str,
}

impl Cell {
    /// The table's mark for "no expectation".
    pub const EMPTY_MARK: &'static str = "ー";

    pub fn is_empty(&self) -> bool {
        self.text.is_none()
    }

    /// What the table prints: the text, or `ー`.
    pub fn printed(&self) -> &'static str {
        self.text.unwrap_or(Cell::EMPTY_MARK)
    }

    /// The text without its leading `・`, for lists that draw their own bullets.
    pub fn wording(&self) -> Option<&'static str> {
        self.text.map(|t| t.strip_prefix('・').unwrap_or(t))
    }

    /// 【参考】…（案） 相談対応・初任者 (主任 columns: 主任・基幹 …).
    pub fn locator(&self) -> String {
        let column = match self.column {
            Column::Lead(office) => format!("主任・{}", office.label()),
            other => other.label().to_string(),
        };
        format!("{TABLE_HEADING} {}・{column}", self.area.label())
    }

    /// 「…」（000 locator）, like [`Source::citation`]; `None` for an empty cell.
    pub fn citation(&self) -> Option<String> {
        let short = self.file.split('_').next().unwrap_or(self.file);
        self.text.map(|text| format!("「{text}」（{short} {}）", self.locator()))
    }
}

/// The table body, row by row, columns 初任者, 現任, 基幹, 地活, 指定. Where two or three
/// 主任 columns share a wording the source prints it once per column, so it is here once per
/// column too. `None` = printed `ー`.
const TABLE: [[Option<&str>; 5]; 8] = [
    // 相談対応
    [
        Some("・基本的な対人援助技術と必要な知識を身に着け、円滑に相談支援を行う"),
        Some("・高い技術と深い知識をもとに、さまざまなケースへの相談支援を行う"),
        Some("・支援困難なケースへの対応の中心的役割を担い、地域の関係機関と連携しながら相談支援を行う"),
        Some("・支援困難なケースへの対応の中心的役割を担い、地域の関係機関と連携しながら相談支援を行う"),
        Some("・支援困難なケースへの対応について、基幹センターからの依頼を適切に引き受けるとともに、自ら地域の事例を掘り起こし相談支援を行う"),
    ],
    // 助言・指導
    [
        Some("・自事業所の職員から助言・指導を受け、同僚等とピア・スーパービジョンを行う"),
        Some("・自事業所の他の職員に対して適切に助言・指導を行う"),
        Some("・区域内の相談支援事業所に対して情報提供や専門的助言など、適切に後方支援を行う"),
        Some("・担当地域の相談支援事業所に対して専門性を生かした情報提供や助言などを適切に行う"),
        Some("・自事業所の他の職員に対して、定期的に研修を行うなど、必要な助言・指導を行う"),
    ],
    // 地域自立支援協議会
    [
        Some("・可能な範囲で協議会に参加し、スキルアップや連携に努める"),
        Some("・定期的に会議等に参画し、連携を深めるとともに、協議会運営に協力する"),
        Some("・協議会の企画・運営等に、中核的存在として主体的に参画する"),
        Some("・協議会の企画・運営等に、中核的存在として主体的に参画する"),
        Some("・協議会の各種役員や協議会の運営を担う委員等として参画し、協議会の企画・運営に協力する"),
    ],
    // 基幹センターとの連携
    [
        Some("・顔の見える関係を構築し、必要に応じて助言等を受ける"),
        Some("・必要に応じて助言等を受けるとともに、基幹センターの取組に積極的に参加する"),
        Some("（基幹センターが行う全ての業務を総括する）"),
        Some("・基幹センターとの連携を密に図り、基幹センターの取組の実施に積極的に協力する"),
        Some("・基幹センターとの連携を密に図り、基幹センターの取組の実施に積極的に協力する"),
    ],
    // 支援体制の構築
    [
        Some("・身近な地域の関係機関などとの連携を深める"),
        Some("・他分野の関係機関などとの連携を深め、相談支援に活用する"),
        Some("・様々な機会を捉え、他分野の関係機関などとの連携を深め、地域における支援ネットワークの構築に努める"),
        Some("・様々な機会を捉え、他分野の関係機関などとの連携を深め、地域における支援ネットワークの構築に努める"),
        Some("・他分野の関係機関などとの連携を深め、地域における支援ネットワークの構築を意識しながら相談支援に活用する"),
    ],
    // インターバル受け入れ
    [
        None,
        None,
        Some("・受け入れの窓口となり、他の主任相談支援専門員との受け入れ態勢の構築、受け入れ時の対応方針の共有などを行いつつ、円滑な受け入れ、人材育成に取り組む"),
        Some("・基幹センターに協力してインターバル希望者の受け入れを行い、人材育成に取り組む"),
        Some("・基幹センターに協力してインターバル希望者の受け入れを行い、人材育成に取り組む"),
    ],
    // 相談支援従事者研修への協力
    [
        None,
        Some("・府からファシリテータなどの依頼があれば積極的に協力する"),
        Some("・府から研修講師、ファシリテータなどの依頼があれば積極的に協力する"),
        Some("・府から研修講師、ファシリテータなどの依頼があれば積極的に協力する"),
        Some("・府から研修講師、ファシリテータなどの依頼があれば積極的に協力する"),
    ],
    // 大阪市の取組への協力
    [
        None,
        Some("・本市からの依頼があれば、できる範囲で協力する"),
        Some("・本市から研修等に係る企画・運営への協力依頼があれば積極的に対応する"),
        Some("・本市から研修等に係る企画・運営への協力依頼があれば積極的に対応する"),
        Some("・本市から研修等に係る企画・運営への協力依頼があれば積極的に対応する"),
    ],
];

/// All 40 cells, row by row in [`Area::ALL`] order, each row in [`Column::ALL`] order.
pub const CELLS: [Cell; 40] = flatten_table();

/// [`TABLE`] with each cell's area and column attached (so the table above stays shaped
/// like the printed one).
const fn flatten_table() -> [Cell; 40] {
    let mut cells =
        [Cell { area: Area::ConsultationResponse, column: Column::Novice, text: None, file: FILE_000 }; 40];
    let mut i = 0;
    while i < cells.len() {
        let (row, col) = (i / Column::ALL.len(), i % Column::ALL.len());
        cells[i] = Cell { area: Area::ALL[row], column: Column::ALL[col], text: TABLE[row][col], file: FILE_000 };
        i += 1;
    }
    cells
}

/// The cell of an area and a column.
pub fn cell(area: Area, column: Column) -> Cell {
    CELLS[area as usize * Column::ALL.len() + column.index()]
}

/// One expectation of `003` ◆各場面において主任相談支援専門員に望まれる役割: an area, the
/// office types it is printed for (【基幹・地活】, 【共通】 …) and its 例.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LeadRole {
    pub area: Area,
    pub offices: &'static [OfficeType],
    /// The expectation; `heading` is the area and office label as `003` prints them.
    pub source: Source,
    /// The (例) lines under it, verbatim with their `・`; `003` gives none for 人材育成.
    pub examples: &'static [&'static str],
}

impl LeadRole {
    pub fn text(&self) -> &'static str {
        self.source.quote
    }
}

const CORE_COMMUNITY: &[OfficeType] = &[OfficeType::CoreCentre, OfficeType::CommunityCentre];
const COMMUNITY_DESIGNATED: &[OfficeType] = &[OfficeType::CommunityCentre, OfficeType::DesignatedOffice];
const CORE: &[OfficeType] = &[OfficeType::CoreCentre];
const COMMUNITY: &[OfficeType] = &[OfficeType::CommunityCentre];
const DESIGNATED: &[OfficeType] = &[OfficeType::DesignatedOffice];

const fn from_003(heading: &'static str, quote: &'static str) -> Source {
    Source { file: FILE_003, heading, quote }
}

/// Every expectation of `003`, in its order (which is [`Area::ALL`]'s). Where it words a
/// 主任 cell differently from the table (地活 助言・指導, 指定 地域自立支援協議会, the 研修
/// row), this is `003`'s wording; the table's stays in [`CELLS`].
pub const LEAD_ROLES: [LeadRole; 14] = [
    LeadRole {
        area: Area::ConsultationResponse,
        offices: CORE_COMMUNITY,
        source: from_003(
            "(1) 相談支援 ○相談対応 【基幹・地活】",
            "支援困難なケースへの対応の中心的役割を担い、地域の関係機関と連携しながら相談支援を行う",
        ),
        examples: &[
            "・委託相談支援の持つ役割の重要性を認識し、支援が困難な事例に対しても適切かつ粘り強く支援を行う",
            "・緊急時の対応について、安心して地域での暮らしが継続できるよう、適切に支援のコーディネートを行う",
            "・指定特定相談支援事業所選定においては、支援困難と思われる事例について適切な事業所により支援されるように配慮する",
            "・困難ケースを支援する相談支援事業所と連携し、必要に応じて会議への参加、面談時の同席、支援方針にかかるスーパーバイズなどを行う",
        ],
    },
    LeadRole {
        area: Area::ConsultationResponse,
        offices: DESIGNATED,
        source: from_003(
            "(1) 相談支援 ○相談対応 【指定】",
            "支援困難なケースへの対応について、基幹センターからの依頼を適切に引き受けるとともに、自ら地域の事例を掘り起こし相談支援を行う",
        ),
        examples: &[
            "・基幹センターの行う指定特定相談支援事業所選定に協力し、支援困難と思われる事例を積極的に引き受け、連携して対応する",
            "・複数の相談支援専門員の配置や24時間対応など、相談支援機能の強化をめざす",
            "・障がいのある人が地域で安心して生活できるよう、地域生活支援拠点等として登録し、緊急時対応や地域移行の推進に積極的に取り組む",
        ],
    },
    LeadRole {
        area: Area::AdviceGuidance,
        offices: CORE,
        source: from_003(
            "(1) 相談支援 ○助言・指導 【基幹】",
            "区域内の相談支援事業所に対して情報提供や専門的助言など、適切に後方支援を行う",
        ),
        examples: &[
            "・新規事業所を訪問するなど、相談支援事業所の状況把握に努める",
            "・相談支援事業所の後方支援として、相談支援専門員の支援スキルやサービス等利用計画についての適切な評価・助言を行い、相談支援の質の確保を図る",
            "・障がいのある人に関する様々な制度やサービス、業務管理や請求事務などの事業所運営についての相談、さらには、新規立ち上げの相談にも適切に応じ、相談支援事業所が円滑に業務を継続できるように支援する",
        ],
    },
    LeadRole {
        area: Area::AdviceGuidance,
        offices: COMMUNITY,
        source: from_003(
            "(1) 相談支援 ○助言・指導 【地活】",
            "担当地域の相談支援事業所に対して専門性を活かした情報提供や助言などを適切に行う",
        ),
        examples: &[
            "・必要に応じて、相談支援事業所を訪問するなどにより、個別の支援事例に対する専門的見地からの情報提供や助言などを行い、相談支援の質の確保を図る",
        ],
    },
    LeadRole {
        area: Area::AdviceGuidance,
        offices: DESIGNATED,
        source: from_003(
            "(1) 相談支援 ○助言・指導 【指定】",
            "自事業所の他の職員に対して、定期的に研修を行うなど、必要な助言・指導を行う",
        ),
        examples: &[
            "・自事業所における相談支援専門員の支援スキルやサービス等利用計画についての適切な評価・助言により相談支援の質の確保を図るほか、相談支援員を配置して人材育成に努める",
        ],
    },
    LeadRole {
        area: Area::Council,
        offices: CORE_COMMUNITY,
        source: from_003(
            "(2) 地域づくり ○地域自立支援協議会 【基幹・地活】",
            "協議会の企画・運営等に、中核的存在として主体的に参画する",
        ),
        examples: &[
            "・協議会が、個別事例から地域課題を抽出し、その解決をめざすものとなるように、区の担当者と連携のうえ主導する",
            "・支援のスキルアップや専門性の向上のため、支援者向けの研修を実施する",
            "・地域において相談支援の質の確保が図られるよう、相談支援専門員を対象としてグループスーパービジョンを実施する",
            "・障がい者支援施設や精神科病院からの地域移行が促進されるよう、課題の顕在化に努め、積極的に取り組まれるよう働きかける",
        ],
    },
    LeadRole {
        area: Area::Council,
        offices: DESIGNATED,
        source: from_003(
            "(2) 地域づくり ○地域自立支援協議会 【指定】",
            "協議会の各種役員や、運営を担う委員等として参画し、協議会の企画・運営に協力する",
        ),
        examples: &[
            "・協議会の役員などを担うとともに、活動が活性化するよう、基幹センターに協力して、企画や運営を進める",
            "・協議会において個別事例の検討が行われるように事例を提出する",
            "・協議会の研修に参画し、専門分野に応じた講師やファシリテーターなどを務める",
        ],
    },
    // 003 has no 【基幹】 entry here: the table's 基幹 cell says the centre runs it all.
    LeadRole {
        area: Area::CoreCentreLink,
        offices: COMMUNITY_DESIGNATED,
        source: from_003(
            "(2) 地域づくり ○基幹センターとの連携 【地活・指定】",
            "基幹センターとの連携を密に図り、基幹センターの取組の実施に積極的に協力する",
        ),
        examples: &["・基幹センターの行う地域づくり等の取組について、良き相談相手として積極的に参加、協力する"],
    },
    LeadRole {
        area: Area::SupportNetwork,
        offices: CORE_COMMUNITY,
        source: from_003(
            "(2) 地域づくり ○支援体制の構築 【基幹・地活】",
            "様々な機会を捉え、他分野の関係機関などとの連携を深め、地域における支援ネットワークの構築に努める",
        ),
        examples: &[
            "・地域の代表として各種会議等に参画し、他分野の関係機関等とのネットワークを構築する",
            "・地域団体や住民との連携を推進し、社会資源の裾野を広げる",
            "・幅広い立場から検討を行うため、必要に応じて「つながる場」が活用されるように努める",
        ],
    },
    LeadRole {
        area: Area::SupportNetwork,
        offices: DESIGNATED,
        source: from_003(
            "(2) 地域づくり ○支援体制の構築 【指定】",
            "他分野の関係機関などとの連携を深め、地域における支援ネットワークの構築を意識しながら相談支援に活用する",
        ),
        examples: &[
            "・障がい福祉サービス事業所のみならず、ケースを通じて他分野の関係機関等と良好な関係性を築き、支援の充実に活かし、地域のネットワークの構築につなげる",
        ],
    },
    LeadRole {
        area: Area::IntervalPracticum,
        offices: CORE,
        source: from_003(
            "(3) 人材育成 ○インターバル受け入れ 【基幹】",
            "受け入れの窓口となり、他の主任相談支援専門員との受け入れ態勢の構築、受け入れ時の対応方針の共有などを行いつつ、円滑な受け入れ、人材育成に取り組む",
        ),
        examples: &[],
    },
    LeadRole {
        area: Area::IntervalPracticum,
        offices: COMMUNITY_DESIGNATED,
        source: from_003(
            "(3) 人材育成 ○インターバル受け入れ 【地活・指定】",
            "基幹センターに協力してインターバル希望者の受け入れを行い、人材育成に取り組む",
        ),
        examples: &[],
    },
    LeadRole {
        area: Area::TrainingCooperation,
        offices: &OfficeType::ALL,
        source: from_003(
            "(3) 人材育成 ○相談支援従事者研修への協力 【共通】",
            "大阪府から研修講師、ファシリテーターなどの依頼があれば積極的に協力する",
        ),
        examples: &[],
    },
    LeadRole {
        area: Area::CityCooperation,
        offices: &OfficeType::ALL,
        source: from_003(
            "(3) 人材育成 ○本市の取組への協力 【共通】",
            "本市から研修等に係る企画・運営への協力依頼があれば積極的に対応する",
        ),
        examples: &[],
    },
];

/// The `003` roles of one office type, in area order: eight, but seven for 基幹 (`003` has
/// no 基幹センターとの連携 entry for the centre itself).
pub fn lead_roles(office: OfficeType) -> impl Iterator<Item = &'static LeadRole> {
    LEAD_ROLES.iter().filter(move |role| role.offices.contains(&office))
}

/// The `003` role of one office type in one area, if `003` gives one.
pub fn lead_role(office: OfficeType, area: Area) -> Option<&'static LeadRole> {
    lead_roles(office).find(|role| role.area == area)
}

/// `003` ◆基本的な視点: what every 主任 is, whatever the office.
pub const BASIC_VIEWPOINTS: [Source; 3] = [
    from_003(
        "◆基本的な視点",
        "・主任相談支援専門員は、地域における相談支援の中核的な役割を担い、自ら主体的に取り組む存在である",
    ),
    from_003(
        "◆基本的な視点",
        "・主任相談支援専門員は、豊かな経験と深い知識とに裏打ちされた実践力をもって様々な支援困難なケースに対応しつつ、行政機関、障がい福祉サービス等事業者、他分野の関係機関などから信頼される存在である",
    ),
    from_003(
        "◆基本的な視点",
        "・主任相談支援専門員は、相互に協力しながら、地域自立支援協議会の活用などにより地域づくりを推進すると共に、地域の相談支援事業所やそこで従事する相談支援専門員を支援することなどを通じて支援の担い手を育成する存在である",
    ),
];

/// The title of the 推薦申出書 form (`000`, 参考２).
pub const RECOMMENDATION_FORM_TITLE: &str = "主任相談支援専門員養成研修の推薦にかかる申出書";

/// The declaration the applicant signs: it asks for the 代表者's approval and consents to
/// the city checking what is written.
pub const RECOMMENDATION_DECLARATION: [&str; 3] = [
    "私は、大阪府主任相談支援専門員養成研修を受講したく、大阪市の推薦を希望します。",
    "つきましては、所属する事業所の代表者の承認の下、次のとおり、事実に基づいて申し出ます。",
    "なお、記載内容について、必要に応じて、大阪市が関係先へ照会することに同意します。",
];

/// The note each circle section carries: circle every item that applies (the form sets
/// no minimum number).
const CIRCLE_ALL: &str = "※該当するものすべてに○を選択。";

/// A section of the 推薦申出書: １．–６． and the 誓約事項.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    PracticePeriod,
    Council,
    CoreCentre,
    CityTraining,
    PrefectureTraining,
    Other,
    Pledges,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::PracticePeriod,
        Section::Council,
        Section::CoreCentre,
        Section::CityTraining,
        Section::PrefectureTraining,
        Section::Other,
        Section::Pledges,
    ];

    /// The heading as printed, with its number.
    pub fn heading(self) -> &'static str {
        match self {
            Section::PracticePeriod => "１．現任研修修了後、相談支援の業務に従事した期間",
            Section::Council => "２．各区地域自立支援協議会への参画",
            Section::CoreCentre => "３．基幹相談支援センターとの連携",
            Section::CityTraining => "４．大阪市が行う研修への協力",
            Section::PrefectureTraining => "５．大阪府の相談支援従事者研修への協力",
            Section::Other => "６．その他",
            Section::Pledges => "●誓約事項",
        }
    }

    /// The ※ note printed with the section.
    pub fn note(self) -> &'static str {
        match self {
            Section::PracticePeriod => {
                "※現在に至るまで、複数回の現任研修を連続して受講した場合は、最初に受講した現任研修の修了日を記載のこと。"
            }
            Section::CityTraining => {
                "※該当するものすべてに○を選択。大阪市障がい者相談支援研修センター等に委託して実施する研修を含む。"
            }
            Section::Pledges => "※以下の事項を誓約いただけない場合、推薦することはできません。",
            Section::Council | Section::CoreCentre | Section::PrefectureTraining | Section::Other => CIRCLE_ALL,
        }
    }
}

/// How the applicant answers an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// Filled in (section １: years and a date).
    Entry,
    /// Circled if it applies; any number may apply.
    Circle,
    /// Must be pledged: without every pledge there is no recommendation.
    Pledge,
}

/// One item of the 推薦申出書.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChecklistItem {
    pub section: Section,
    pub kind: ItemKind,
    /// Verbatim, with its number (①…) or `・` as printed.
    pub text: &'static str,
    /// What the form prints after the item for the applicant to fill in (→役職名…, 年以上;
    /// the 修了年度 blank is followed by 年度, printed apart in the extraction).
    pub answer: Option<&'static str>,
    /// The extracted text interleaves the form: the section of this item is inferred from
    /// its topic, not its position (`role-matrix.md` §4).
    pub placement_inferred: bool,
    pub file: &'static str,
}

impl ChecklistItem {
    /// Limited to the last three years (every item of ２．, ４．, ５．).
    pub fn within_three_years(&self) -> bool {
        self.text.contains("３年以内")
    }

    pub fn required(&self) -> bool {
        self.kind == ItemKind::Pledge
    }

    /// Stable id for stored answers: the section and the item's place in it (`council-1`,
    /// `pledge-3`); never shown.
    pub fn id(&self) -> String {
        let section = match self.section {
            Section::PracticePeriod => "period",
            Section::Council => "council",
            Section::CoreCentre => "core_centre",
            Section::CityTraining => "city_training",
            Section::PrefectureTraining => "prefecture_training",
            Section::Other => "other",
            Section::Pledges => "pledge",
        };
        let n = RECOMMENDATION_CHECKLIST.iter().filter(|i| i.section == self.section).position(|i| i == self).map_or(0, |p| p + 1);
        format!("{section}-{n}")
    }

    /// 主任相談支援専門員養成研修の推薦にかかる申出書 ２．各区…
    pub fn locator(&self) -> String {
        format!("{RECOMMENDATION_FORM_TITLE} {}", self.section.heading())
    }
}

const DETAILS: Option<&str> = Some("→（研修名、開催日、役割などを記載）");
const POST: Option<&str> = Some("→役職名（現職・元職）：");

const fn item(section: Section, kind: ItemKind, text: &'static str, answer: Option<&'static str>) -> ChecklistItem {
    ChecklistItem { section, kind, text, answer, placement_inferred: false, file: FILE_000 }
}

/// As [`item`], for the items whose section is inferred.
const fn inferred(section: Section, text: &'static str, answer: Option<&'static str>) -> ChecklistItem {
    ChecklistItem { placement_inferred: true, ..item(section, ItemKind::Circle, text, answer) }
}

/// The items of the 推薦申出書 in section order (order rebuilt from the numbers).
pub const RECOMMENDATION_CHECKLIST: &[ChecklistItem] = &[
    // Section １ is itself the question; the form leaves the years blank (no minimum).
    item(Section::PracticePeriod, ItemKind::Entry, "１．現任研修修了後、相談支援の業務に従事した期間", Some("年以上")),
    item(Section::PracticePeriod, ItemKind::Entry, "・現任研修修了日： 年 月 日", None),
    item(Section::Council, ItemKind::Circle, "①３年以内に協議会役員を務め、協議会の全体的な運営に参画している。", POST),
    item(Section::Council, ItemKind::Circle, "②３年以内に部会の役員を務め、部会の運営に参画している。", POST),
    item(Section::Council, ItemKind::Circle, "③３年以内に、協議会が開催する研修等で、講師やファシリテーターなどを務めた。", DETAILS),
    item(Section::CoreCentre, ItemKind::Circle, "①障がい者基幹相談支援センターから依頼を受けて支援困難ケースを担当している。", None),
    item(Section::CoreCentre, ItemKind::Circle, "②障がい者基幹相談支援センターが開催する事例検討会等に参加している。", None),
    // Printed among the ４． items, but it is about the 基幹 centre.
    inferred(Section::CoreCentre, "③障がい者基幹相談支援センターから受講申し込みの同意を得ている。", None),
    item(Section::CityTraining, ItemKind::Circle, "①３年以内に、相談支援専門員を対象とする研修の講師を務めた。", DETAILS),
    item(Section::CityTraining, ItemKind::Circle, "②３年以内に、その他の研修の講師を務めた。", DETAILS),
    item(Section::CityTraining, ItemKind::Circle, "③３年以内に、相談支援専門員を対象とする研修でファシリテーターを務めた。", DETAILS),
    item(Section::CityTraining, ItemKind::Circle, "④３年以内に、その他の研修でファシリテーターを務めた。", DETAILS),
    item(Section::PrefectureTraining, ItemKind::Circle, "①３年以内に、大阪府相談支援従事者研修において講師を務めた。", DETAILS),
    item(Section::PrefectureTraining, ItemKind::Circle, "②３年以内に、大阪府相談支援従事者研修においてファシリテーターを務めた。", DETAILS),
    item(Section::PrefectureTraining, ItemKind::Circle, "③３年以内に、大阪府相談支援従事者研修の企画・運営に参画した。", DETAILS),
    // The ６． items are printed around its heading and fit no other section.
    inferred(Section::Other, "①現在、常勤の相談支援専門員として相談支援の業務に週32時間以上従事しており、今後も同様の従事が見込まれる。", None),
    inferred(Section::Other, "②地域生活支援拠点等の一部を担う事業所として大阪市に登録された指定相談支援事業所に従事しており、当該事業所において中心的な役割を果たしている。", None),
    inferred(Section::Other, "③機能強化型基本報酬の算定を届け出た指定相談支援事業所に従事しており、当該事業所において中心的な役割を果たしている。", None),
    // 終了 (not 修了) is the form's own spelling.
    inferred(Section::Other, "④大阪府相談支援従事者専門コース別研修の指導者養成コースを終了している。", Some("→修了年度：")),
    inferred(Section::Other, "⑤より適切に支援困難ケースに対応できるよう、障がい福祉関係以外のさまざまな支援者（高齢者福祉、地域福祉など）や地域住民の代表者等と緊密に連携している。", Some("→（具体的な連携先や連携の状況などを記載）")),
    item(Section::Pledges, ItemKind::Pledge, "・主任相談支援専門員養成研修修了後は、地域自立支援協議会への参画や障がい者基幹相談支援センターとの連携を深めるなどにより、地域の体制づくりや人材育成に積極的に協力します。", None),
    item(Section::Pledges, ItemKind::Pledge, "・主任相談支援専門員養成研修修了後は、主任相談支援専門員であることを公表されることに同意します。", None),
    item(Section::Pledges, ItemKind::Pledge, "・主任相談支援専門員養成研修修了後は、相談支援従事者研修におけるインターバル実習の受け入れに協力します。", None),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forty_cells_in_row_and_column_order() {
        assert_eq!(CELLS.len(), Area::ALL.len() * Column::ALL.len());
        for (i, c) in CELLS.iter().enumerate() {
            assert_eq!(c.area, Area::ALL[i / 5]);
            assert_eq!(c.column, Column::ALL[i % 5]);
            assert_eq!(cell(c.area, c.column), *c);
        }
    }

    #[test]
    fn empty_cells_are_exactly_where_the_table_prints_a_dash() {
        let empty: Vec<(Area, Column)> = CELLS.iter().filter(|c| c.is_empty()).map(|c| (c.area, c.column)).collect();
        assert_eq!(
            empty,
            [
                (Area::IntervalPracticum, Column::Novice),
                (Area::IntervalPracticum, Column::Practitioner),
                (Area::TrainingCooperation, Column::Novice),
                (Area::CityCooperation, Column::Novice),
            ]
        );
        assert_eq!(cell(Area::CityCooperation, Column::Novice).printed(), "ー");
        assert_eq!(cell(Area::CityCooperation, Column::Novice).citation(), None);
    }

    #[test]
    fn every_cell_but_one_starts_with_a_bullet() {
        for c in CELLS.iter().filter(|c| !c.is_empty()) {
            let text = c.text.unwrap();
            let core_link = (c.area, c.column) == (Area::CoreCentreLink, Column::Lead(OfficeType::CoreCentre));
            assert_eq!(text.starts_with('・'), !core_link, "{text}");
            assert!(!c.wording().unwrap().starts_with('・'));
            assert!(!text.chars().any(char::is_whitespace), "{text}");
        }
        assert_eq!(
            cell(Area::CoreCentreLink, Column::Lead(OfficeType::CoreCentre)).wording(),
            Some("（基幹センターが行う全ての業務を総括する）")
        );
    }

    #[test]
    fn groups_cover_the_rows_in_order() {
        let groups: Vec<&str> = Area::ALL.iter().map(|a| a.group().label()).collect();
        assert_eq!(groups, ["相談支援", "相談支援", "地域づくり", "地域づくり", "地域づくり", "人材育成", "人材育成", "人材育成"]);
        assert_eq!(Group::ALL.map(Group::label), ["相談支援", "地域づくり", "人材育成"]);
    }

    #[test]
    fn codes_round_trip_and_are_the_serde_form() {
        for a in Area::ALL {
            assert_eq!(Area::from_code(a.code()), Some(a));
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.code()));
        }
        for l in Level::ALL {
            assert_eq!(Level::from_code(l.code()), Some(l));
            assert_eq!(serde_json::to_string(&l).unwrap(), format!("\"{}\"", l.code()));
        }
        for o in OfficeType::ALL {
            assert_eq!(OfficeType::from_code(o.code()), Some(o));
            assert_eq!(serde_json::to_string(&o).unwrap(), format!("\"{}\"", o.code()));
        }
        assert_eq!(Area::from_code("Council"), None);
        assert_eq!(Level::from_code(""), None);
        assert_eq!(OfficeType::from_code("core_centre"), None);
    }

    #[test]
    fn columns_know_their_level_and_office() {
        let labels: Vec<&str> = Column::ALL.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["初任者", "現任", "基幹", "地活", "指定"]);
        for c in Column::ALL {
            assert_eq!(Column::new(c.level(), c.office().unwrap_or(OfficeType::CoreCentre)), c);
            assert_eq!(c.office().is_some(), c.level() == Level::Lead);
        }
        assert_eq!(Column::new(Level::Novice, OfficeType::DesignatedOffice), Column::Novice);
        assert_eq!(
            cell(Area::Council, Column::Lead(OfficeType::DesignatedOffice)).locator(),
            "【参考】大阪市における相談支援専門員の望ましい状態像（案） 地域自立支援協議会・主任・指定"
        );
    }

    #[test]
    fn lead_roles_per_office() {
        assert_eq!(lead_roles(OfficeType::CoreCentre).count(), 7);
        assert_eq!(lead_roles(OfficeType::CommunityCentre).count(), 8);
        assert_eq!(lead_roles(OfficeType::DesignatedOffice).count(), 8);
        assert_eq!(lead_role(OfficeType::CoreCentre, Area::CoreCentreLink), None);
        for office in OfficeType::ALL {
            let areas: Vec<Area> = lead_roles(office).map(|r| r.area).collect();
            let mut sorted = areas.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(areas, sorted, "one role per area, in area order");
        }
    }

    #[test]
    fn lead_role_labels_match_their_offices() {
        for role in LEAD_ROLES {
            let expected = if role.offices == OfficeType::ALL {
                "【共通】".to_string()
            } else {
                let names: Vec<&str> = role.offices.iter().map(|o| o.label()).collect();
                format!("【{}】", names.join("・"))
            };
            assert!(role.source.heading.ends_with(&expected), "{}", role.source.heading);
            assert!(role.source.heading.contains(&format!("○{}", area_heading_003(role.area))));
        }
    }

    /// `003` calls the last row 本市の取組への協力; the other areas it names as the table does.
    fn area_heading_003(area: Area) -> &'static str {
        match area {
            Area::CityCooperation => "本市の取組への協力",
            other => other.label(),
        }
    }

    #[test]
    fn lead_roles_agree_with_the_table_but_for_the_known_rewordings() {
        let mut reworded = Vec::new();
        for office in OfficeType::ALL {
            for role in lead_roles(office) {
                if cell(role.area, Column::Lead(office)).wording() != Some(role.text()) {
                    reworded.push((role.area, office));
                }
            }
        }
        assert_eq!(
            reworded,
            [
                (Area::TrainingCooperation, OfficeType::CoreCentre),
                (Area::AdviceGuidance, OfficeType::CommunityCentre),
                (Area::TrainingCooperation, OfficeType::CommunityCentre),
                (Area::Council, OfficeType::DesignatedOffice),
                (Area::TrainingCooperation, OfficeType::DesignatedOffice),
            ]
        );
    }

    #[test]
    fn checklist_shape() {
        assert_eq!(RECOMMENDATION_CHECKLIST.len(), 23);
        let count = |s: Section| RECOMMENDATION_CHECKLIST.iter().filter(|i| i.section == s).count();
        assert_eq!(Section::ALL.map(count), [2, 3, 3, 4, 3, 5, 3]);
        // Items are listed section by section.
        let order: Vec<usize> = RECOMMENDATION_CHECKLIST
            .iter()
            .map(|i| Section::ALL.iter().position(|s| *s == i.section).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] <= w[1]));
        for i in RECOMMENDATION_CHECKLIST {
            let three_years = matches!(i.section, Section::Council | Section::CityTraining | Section::PrefectureTraining);
            assert_eq!(i.within_three_years(), three_years, "{}", i.text);
            assert_eq!(i.required(), i.section == Section::Pledges);
            assert_eq!(i.kind == ItemKind::Entry, i.section == Section::PracticePeriod);
        }
        assert_eq!(RECOMMENDATION_CHECKLIST.iter().filter(|i| i.placement_inferred).count(), 6);
    }

    #[test]
    fn office_long_names_as_003_prints_them() {
        assert_eq!(OfficeType::CommunityCentre.long_name(), "地域活動支援センター(生活支援型)");
        assert!(BASIC_VIEWPOINTS.iter().all(|v| v.quote.starts_with("・主任相談支援専門員は、")));
    }
}
