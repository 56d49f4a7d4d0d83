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
    /// 「…」（001 Ⅰ-5-(3) …）
    pub fn citation(&self) -> String {
        let short = self.file.split('_').next().unwrap_or(self.file);
        format!("「{}」（{} {}）", self.quote, short, self.heading)
    }
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

/// Every source the app cites (the test walks this list).
pub const ALL: [Source; 2] = [OWN_WORDS_FIRST, PERSON_NOT_FAMILY];
