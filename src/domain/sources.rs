//! Passages of `../shared/reference/` that the app cites. Every hint or finding that says
//! what good practice is shows one of these; `tests/it/sources.rs` checks that each quote
//! exists verbatim (whitespace aside) in its file.

/// A quoted passage: file, heading or table, and the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// File name in `../shared/reference/`.
    pub file: &'static str,
    /// Heading or table the words stand under.
    pub heading: &'static str,
    pub quote: &'static str,
}

impl Source {
    /// 「…」（厚生労働省「相談支援業務に関する手引き」（令和6年3月） Ⅰ-5-(3) …）
    pub fn citation(&self) -> String {
        format!("「{}」（{} {}）", self.quote, cited_document(self.file), self.heading)
    }

    /// The document the passage is from.
    pub fn document(&self) -> Option<&'static Document> {
        document(self.file)
    }
}

/// One document of `../shared/reference/`, as a reader would name it: who published it,
/// its title and when. Titles and publishers are the documents' own words (or their
/// README's); `tests/it/sources.rs` checks each against the README and the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Document {
    /// 「000」…「004」: how the app and its notes refer to it.
    pub code: &'static str,
    /// File name in `../shared/reference/`.
    pub file: &'static str,
    pub publisher: &'static str,
    pub title: &'static str,
    /// When it was issued, as the README or the document says it; empty when neither does.
    pub issued: &'static str,
    /// The words `../shared/reference/README.md` uses for it (the README describes some
    /// documents in English only).
    pub readme_says: &'static str,
    /// What it is, for the 出典の資料 page.
    pub about: &'static str,
}

impl Document {
    /// 厚生労働省「相談支援業務に関する手引き」（令和6年3月）
    pub fn label(&self) -> String {
        let issued = if self.issued.is_empty() { String::new() } else { format!("（{}）", self.issued) };
        format!("{}「{}」{issued}", self.publisher, self.title)
    }
}

/// The five reference documents, in file order.
pub const DOCUMENTS: [Document; 5] = [
    Document {
        code: "000",
        file: "000_1c047b897ed0be54.txt",
        publisher: "大阪市",
        title: "大阪市における相談支援専門員の望ましい状態像（案）",
        issued: "",
        readme_says: "Osaka City slides",
        about: "主任相談支援専門員に望まれる役割を事業所の種別（基幹・地活・指定）ごとにまとめたスライド。初任者・現任・主任の望ましい状態像の表（役割の目安の表）と、主任相談支援専門員養成研修の推薦にかかる申出書を含みます。スライドから取り出した文字のため、表のますが行に分かれています。",
    },
    Document {
        code: "001",
        file: "001_c43ed80d085811bd.txt",
        publisher: "厚生労働省",
        title: "相談支援業務に関する手引き",
        issued: "令和6年3月",
        readme_says: "MHLW 「相談支援業務に関する手引き」(令和6年3月)",
        about: "相談支援とは何か、ケアマネジメントの過程（インテークからエバリュエーションまで）、基本的な姿勢（ストレングス、エンパワメント、本人主体、家族支援）、求められる資質、研修の体系（初任者・現任・主任）、中立・公正、市町村が計画で読むところ（「なぜこのサービスなのか、なぜこの頻度なのか」）。",
    },
    Document {
        code: "002",
        file: "002_73541974aa2feba8.txt",
        publisher: "大阪府",
        title: "第３章 相談支援専門員の養成・定着への取組み",
        issued: "",
        readme_says: "Osaka Prefecture, chapter 3 of its workforce document",
        about: "市町村が経験の浅い相談支援専門員をどう支えているか（大阪市・堺市・豊中市・貝塚市・大東市）。計画案の作成・アセスメント・モニタリングで初任者がつまずくところ、事例検討から地域課題へのつなげ方。",
    },
    Document {
        code: "003",
        file: "003_0600fb2e4ad3baad.txt",
        publisher: "大阪市",
        title: "大阪市において望まれる主任相談支援専門員の役割について",
        issued: "令和7年",
        readme_says: "Osaka City, the same role document as `000` in clean prose",
        about: "000 と同じ役割の資料を文章にしたもの。主任相談支援専門員の役割を、配置されている事業所の種別（基幹・地活・指定）ごとに、具体的な活動の例とともに書いています（令和7年3月の大阪市地域自立支援協議会での協議を踏まえて取りまとめ）。",
    },
    Document {
        code: "004",
        file: "004_7160477ecda1d6b5.txt",
        publisher: "東京都相談支援従事者研修検討会",
        title: "私たちが目指す相談支援専門員の姿",
        issued: "",
        readme_says: "「私たちが目指す相談支援専門員の姿」",
        about: "相談支援専門員の価値（本人中心、社会モデル、エンパワメント、権利擁護、地域に根ざす、意思決定）、9つの姿勢、9つの技術（「わかりやすい計画を立案できる」など）と、地域についての6つの視点。",
    },
];

/// The document a file of `../shared/reference/` holds.
pub fn document(file: &str) -> Option<&'static Document> {
    DOCUMENTS.iter().find(|d| d.file == file)
}

/// How a citation names a file: the document's publisher, title and year, or (for a file
/// not in [`DOCUMENTS`]) the file name itself.
pub fn cited_document(file: &str) -> String {
    document(file).map_or_else(|| file.to_owned(), Document::label)
}

/// Listen to the person's own words first (assessment hint).
pub const OWN_WORDS_FIRST: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-5-(3) 本人（当事者）主体の支援、家族支援",
    quote: "まずは本人の言葉に耳を傾けることから始めることが求められる。",
};

/// The person's side, not the family's (wishes kept apart).
pub const PERSON_NOT_FAMILY: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅱ-3-(3) 相談支援事業の中立・公正性の確保 ② 利用者本位の観点",
    quote: "相談支援に携わる者には、あくまでも利用者本位の立場に立ち、家族や支援者の意向に偏らない中立・公正性が求められる。",
};

/// STR-1: Focus on what the person wishes, can do and has experienced (strengths), not on what they cannot do (weaknesses).
pub const STRENGTHS_NOT_DEFICITS: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-5 相談支援における基本的姿勢",
    quote: "本人の「できないこと・できない状態」（弱み）ではなく、本人が希望することやできること、経験してきたこと」などの（強み・可能性：ストレングス）に着目することが重要である。",
};

/// STR-2: When finding needs, look not only at what the person cannot do but also draw out their plus side.
pub const PLUS_SIDE_IN_NEEDS: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－４ ③ ニーズを探し出すアセスメント力",
    quote: "この際、利用者のできないことに着目するだけでなく、利用者のプラスの力を引き出すことにも着目してニーズを探す視点が必要である。",
};

/// FAM-3: Family or supporters may mix their own intentions into what they report as the person's.
pub const FAMILY_MIXES_IN: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-5-(3) 本人（当事者）主体の支援、家族支援",
    quote: "なお、状況によっては、家族や支援者側が自らの思いや主張を伝えたい気持ちが強く、自らの意思を織り交ぜて伝えてくる場合もある。",
};

/// EMP-1: Ease the person's worries and encourage them to act on their own initiative (basis for the person's own role).
pub const OWN_INITIATIVE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-2-(2) 相談支援の基本的な流れ",
    quote: "本人の不安を解消し、自ら主体的に取り組む方向に進めるよう働きかける",
};

/// EMP-2: Support turning the person's hoped-for life into a concrete picture (empowerment and decision-making support).
pub const CONCRETE_PICTURE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-2-(2) 相談支援の基本的な流れ",
    quote: "本人の希望する暮らしのイメージを具体化するための取組等を支援していく（エンパワメント・意思決定支援）。",
};

/// DMS-1: Create chances for the person to express their will and reach decisions by thinking together.
pub const DECIDE_TOGETHER: Source = Source {
    file: "004_7160477ecda1d6b5.txt",
    heading: "「相談支援専門員の土台となるもの」価値 「意思決定」",
    quote: "本人の意思を表明する機会を創出し、ともに考えあうことで決めることを導き出す",
};

/// DMS-3: Support for forming and expressing the person's will is done carefully by the person and the provider team together.
pub const WILL_AS_A_TEAM: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-5-(3) 本人（当事者）主体の支援、家族支援",
    quote: "本人の意思形成や意思表明に対する支援に当たって、本人はもとより、障害福祉サービス事業所の管理者やサービス管理責任者等の関係者が一つのチームとして丁寧に行う必要がある。",
};

/// INF-2: Informal services (family, neighbours, NPOs, volunteers) fill gaps public services cannot meet.
pub const INFORMAL_FILLS_GAPS: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅲ-3-(2)-③ インフォーマル・サービスへのアプローチ",
    quote: "家族をはじめ近隣や地域社会、NPO やボランティアなどが行うインフォーマル・サービスは、法・制度に基づく公的（フォーマル）サービスでは対応できない領域を補完しながら、公的サービスにはない細やかなニーズに対応している。",
};

/// SEC-2: Partners outside welfare — nursery, school, hospital/clinic, law office — are extremely important.
pub const BEYOND_WELFARE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-3-(3) 関係諸機関との連携",
    quote: "連携先としては、保育所や学校、病院やクリニック、法律事務所など福祉以外の関係機関も極めて重要である",
};

/// PLN-1: Skill: draw up an understandable plan.
pub const UNDERSTANDABLE_PLAN: Source = Source {
    file: "004_7160477ecda1d6b5.txt",
    heading: "技術（nine skills 1)〜9)） 5)",
    quote: "5) わかりやすい計画を立案できる",
};

/// PLN-3: Care management makes the life goal and the path to solving issues explicit.
pub const GOAL_AND_PATH: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-1 相談支援とは（ケアマネジメントの定義）",
    quote: "生活の目標を明らかにし、課題解決に至る道筋と方向を明らかにして",
};

/// PLN-4: Make the person's hoped-for life and goals clear.
pub const CLEAR_HOPED_FOR_LIFE: Source = Source {
    file: "002_73541974aa2feba8.txt",
    heading: "第３章 大東市 ◆相談支援体制の強化③",
    quote: "課題を浮き出していくには、本人の希望する暮らしや目標等をはっきりさせることが重要。",
};

/// WHY-1: Always ask "why": why this service, why this frequency.
pub const WHY_THIS_SERVICE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅲ-2-(1) 行政の役割（特定相談支援事業（計画相談））",
    quote: "記載された内容について、常に「なぜ」の視点（なぜこのサービスなのか、なぜこの頻度なのか等）を持つことが重要である。",
};

/// WHY-3: The municipality decides the appropriate kind and amount of services.
pub const KIND_AND_AMOUNT: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-3-(1) 障害福祉サービスの支給決定とケアマネジメント",
    quote: "利用者への障害福祉サービス等の種類と量の適切な支給決定",
};

/// MON-1: Do not set monitoring uniformly by the standard period per service; tailor it to the person's situation.
pub const MONITORING_NOT_UNIFORM: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-3-(1) 障害福祉サービスの支給決定とケアマネジメント",
    quote: "利用するサービス毎に規定された実施標準期間によって一律に決定することなく、利用者の状況等に応じてよりきめ細かく実施することが重要である。",
};

/// MON-3: The monitoring frequency must also be set appropriately at the benefit decision.
pub const MONITORING_SET_RIGHT: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅰ-3-(1) 障害福祉サービスの支給決定とケアマネジメント",
    quote: "支給決定に際しては、モニタリング頻度についても適切に決定することが求められ",
};

/// NEU-2: Do not limit the plan to one's own organisation's resources; use the area's services from the user's standpoint.
pub const NOT_ONLY_OWN_RESOURCES: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅱ-3-(3) ① 障害福祉サービスの調整・給付の観点",
    quote: "サービスを提供する事業者には、自身の保有する資源に限定することなく、地域に存在する各種のサービス等を利用者の立場に立って、効果的に活用することを最優先に考える、中立・公正な判断が求められる。",
};

/// QUA-3: Find needs together with the user.
pub const NEEDS_FOUND_TOGETHER: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－４ ③ ニーズを探し出すアセスメント力",
    quote: "相談支援従事者は、利用者とともにニーズを探し出すアセスメント力を求められる。",
};

/// EVA-1: Evaluation: based on monitoring, continue or revise the plan so life becomes more the person's own.
pub const REVIEW_AND_REVISE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－３ ケアマネジメントのプロセスの概要（エバリュエーション）",
    quote: "モニタリングに基づきプランをさらに進め、あるいは必要に応じてプランを見直しながら、本人の暮らしがより本人らしい方向に向かうよう、支援を進めて行く。",
};

/// TEAM-1: At every stage, team up with stakeholders and secure agreement and role sharing within the team.
pub const TEAM_AGREEMENT: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－４ ⑦ チームアプローチを展開する力",
    quote: "ケアマネジメントの各過程においては、多くの関係者とチームを組み、チーム内の合意形成や役割調整等が的確に確保されていることが必要である。",
};

/// TEAM-2: Use service staff meetings (サービス担当者会議) and monitoring reviews to recheck viewpoints.
pub const TEAM_MEETINGS: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "Ⅱ-3-(3) ③ 支給決定の観点（具体的な機会）",
    quote: "(3)サービス担当者会議やモニタリング検証の機会を利用し、支援者の視点の再確認の場を設定する。",
};

/// TEAM-4: From consultations and サービス担当者会議, stay aware of which issues remain unresolved.
pub const REMAINING_ISSUES: Source = Source {
    file: "002_73541974aa2feba8.txt",
    heading: "第３章 大東市 ◆相談支援体制の強化③",
    quote: "各相談員が普段の相談時やサービス担当者会議等から、この当事者や家族の抱える残された課題は何なのかということを意識するようにする。",
};

/// DIF-2: In emergencies, coordinate support so the person can keep living safely in the community.
pub const EMERGENCY_COORDINATION: Source = Source {
    file: "000_1c047b897ed0be54.txt",
    heading: "主任相談支援専門員に望まれる役割（①相談支援）◆相談対応 基幹・地活 [例]",
    quote: "緊急時の対応について、安心して地域での暮らしが継続できるよう、適切に支援のコーディネートを行う",
};

/// COM-1: Skill: share 地域課題 found in individual support through the council and networks.
pub const SHARE_COMMUNITY_ISSUES: Source = Source {
    file: "004_7160477ecda1d6b5.txt",
    heading: "技術（nine skills 1)〜9)） 7)",
    quote: "7) 個別支援で得た地域課題を協議会等のネットワークを通じて積極的に発信・共有できる",
};

/// PRC-4: Intake: receive the consultation and decide whether to accept it.
pub const INTAKE_RECEIVE: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－３ ケアマネジメントのプロセスの概要（インテーク）",
    quote: "本人やその家族、支援者からの相談を受け付け、受理の判断を行う。",
};

/// PRC-2: Share and sort the issues, and set the direction together with the person.
pub const DIRECTION_TOGETHER: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－３ ケアマネジメントのプロセスの概要（アセスメント）",
    quote: "本人（や家族など周囲）の困りごとや解決したい課題を共有し、整理しながら、本人とともにめざすべき方向を一緒に定める。",
};

/// PLN-2: Planning: work out concrete ways to reach the direction set with the person and arrange resources.
pub const CONCRETE_WAYS: Source = Source {
    file: "001_c43ed80d085811bd.txt",
    heading: "表Ⅰ－３ ケアマネジメントのプロセスの概要（プランニング）",
    quote: "本人とともに定めた方向に向かうための具体的な方法を考え、必要な社会資源を調整し、計画的に活用していく。",
};

/// Every source the app cites (the test walks this list).
pub const ALL: &[Source] = &[
    OWN_WORDS_FIRST,
    PERSON_NOT_FAMILY,
    STRENGTHS_NOT_DEFICITS,
    PLUS_SIDE_IN_NEEDS,
    FAMILY_MIXES_IN,
    OWN_INITIATIVE,
    CONCRETE_PICTURE,
    DECIDE_TOGETHER,
    WILL_AS_A_TEAM,
    INFORMAL_FILLS_GAPS,
    BEYOND_WELFARE,
    UNDERSTANDABLE_PLAN,
    GOAL_AND_PATH,
    CLEAR_HOPED_FOR_LIFE,
    WHY_THIS_SERVICE,
    KIND_AND_AMOUNT,
    MONITORING_NOT_UNIFORM,
    MONITORING_SET_RIGHT,
    NOT_ONLY_OWN_RESOURCES,
    NEEDS_FOUND_TOGETHER,
    REVIEW_AND_REVISE,
    EMERGENCY_COORDINATION,
    TEAM_AGREEMENT,
    TEAM_MEETINGS,
    REMAINING_ISSUES,
    SHARE_COMMUNITY_ISSUES,
    INTAKE_RECEIVE,
    DIRECTION_TOGETHER,
    CONCRETE_WAYS,
];
