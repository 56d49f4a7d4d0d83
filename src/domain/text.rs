//! Text as specialists type it on a Japanese keyboard.

/// Full-width ASCII (「０１２」「Ｒ」「．」) and the ideographic space to their half-width
/// forms, so numbers, dates and searches read the same whichever width was typed.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '！'..='～' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '　' => ' ',
            _ => c,
        })
        .collect()
}

/// A text prepared for asking many words of it (the checker's word lists). It keeps which
/// pairs of neighbouring bytes the text holds, as bits, so that a word with a pair the text
/// lacks — most words of a list — is refused without a substring search, whose set-up costs
/// more than the search itself on a field's few dozen characters. Answers as `str::contains`.
pub struct Haystack<'a> {
    text: &'a str,
    pairs: Box<[u64; 64]>,
}

/// The bit of two neighbouring bytes: their low six bits each (in UTF-8 they tell apart the
/// characters of a block; an ASCII byte keeps its letter).
fn pair_bit(a: u8, b: u8) -> usize {
    ((a as usize & 63) << 6) | (b as usize & 63)
}

impl<'a> Haystack<'a> {
    pub fn new(text: &'a str) -> Haystack<'a> {
        let mut pairs = Box::new([0u64; 64]);
        for w in text.as_bytes().windows(2) {
            let i = pair_bit(w[0], w[1]);
            pairs[i / 64] |= 1 << (i % 64);
        }
        Haystack { text, pairs }
    }

    /// Whether `word` may be in the text: never false when it is in it. Also never false for
    /// a text made from this one by putting 「・」 in place of some words, if `word` has no
    /// 「・」: an occurrence there that is not in this text covers a 「・」 (the checker's
    /// lists are tested for it).
    pub fn may_have(&self, word: &str) -> bool {
        word.as_bytes().windows(2).all(|w| {
            let i = pair_bit(w[0], w[1]);
            self.pairs[i / 64] & (1 << (i % 64)) != 0
        })
    }

    /// `text.contains(word)`.
    pub fn has(&self, word: &str) -> bool {
        self.may_have(word) && self.text.contains(word)
    }

    pub fn text(&self) -> &'a str {
        self.text
    }
}

/// Characters that show nothing (or only a hyphen at a line break) yet split a word for a
/// plain `contains`: zero-width spaces and joiners, bidi marks and isolates, the word joiner
/// and invisible operators, the BOM, the soft hyphen, variation selectors.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{E0100}'..='\u{E01EF}')
}

/// Hyphens and dashes typed between digits (「1234-5678」): not part of any name or number.
fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}')
}

/// Half-width katakana (U+FF61–U+FF9F) to full-width; the separate voiced marks ﾞ ﾟ join
/// the kana before them (ｶﾞ → ガ, ﾊﾟ → パ), as NFKC does.
fn katakana_to_full_width(s: &str) -> String {
    const BASE: [char; 63] = [
        '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー',
        'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ',
        'タ', 'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ',
        'マ', 'ミ', 'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン',
        '゛', '゜',
    ];
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let Some(full) = (c as u32).checked_sub(0xFF61).and_then(|i| BASE.get(i as usize)).copied() else {
            out.push(c);
            continue;
        };
        let voiced = match full {
            '゛' => out.chars().last().and_then(dakuten),
            '゜' => out.chars().last().and_then(handakuten),
            _ => None,
        };
        match voiced {
            Some(v) => {
                out.pop();
                out.push(v);
            }
            None => out.push(full),
        }
    }
    out
}

fn dakuten(c: char) -> Option<char> {
    match c {
        'ウ' => Some('ヴ'),
        'カ' | 'キ' | 'ク' | 'ケ' | 'コ' | 'サ' | 'シ' | 'ス' | 'セ' | 'ソ' | 'タ' | 'チ' | 'ツ' | 'テ' | 'ト' | 'ハ' | 'ヒ'
        | 'フ' | 'ヘ' | 'ホ' => char::from_u32(c as u32 + 1),
        _ => None,
    }
}

fn handakuten(c: char) -> Option<char> {
    matches!(c, 'ハ' | 'ヒ' | 'フ' | 'ヘ' | 'ホ').then(|| char::from_u32(c as u32 + 2)).flatten()
}

/// The form in which a name or number is looked for in a text, whatever way it was typed:
/// full-width ASCII to half-width, half-width katakana to full-width, katakana to hiragana
/// (「ユウト」 is 「ゆうと」), Latin letters to lower case; every space, invisible character
/// (zero-width space, BOM, soft hyphen, variation selector…) and hyphen between digits
/// dropped. For comparing only, never for display.
pub fn match_key(s: &str) -> String {
    katakana_to_full_width(&to_half_width(s))
        .chars()
        .filter(|c| !c.is_whitespace() && !is_invisible(*c) && !is_dash(*c))
        .map(|c| match c {
            // ァ..ヶ to ぁ..ゖ; ー and ・ stay.
            'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_haystack_answers_as_contains() {
        let texts = ["朝は母の声かけで7時に起きる。ADLは自立、IADLに支援が要る", "重訪と行援を使う（同行援護）", "", "ab", "グループホームで暮らしたい"];
        let mut words: Vec<String> = vec!["".into(), "行援".into(), "同行援護".into(), "ADL".into(), "IADL".into(), "PT".into(), "夜".into(), "ホームヘルプ".into(), "ba".into()];
        for t in texts {
            let chars: Vec<char> = t.chars().collect();
            for len in 1..=4 {
                for start in 0..chars.len().saturating_sub(len - 1) {
                    words.push(chars[start..start + len].iter().collect());
                }
            }
        }
        for t in texts {
            let hay = Haystack::new(t);
            for w in &words {
                assert_eq!(hay.has(w), t.contains(w.as_str()), "{t} / {w}");
                assert!(!t.contains(w.as_str()) || hay.may_have(w), "{t} / {w}");
            }
        }
        // Most words of another text are refused by the byte pairs alone.
        let hay = Haystack::new(texts[0]);
        let refused = ["同行援護", "グループホーム", "暮らしたい", "重訪"].iter().filter(|w| !hay.may_have(w)).count();
        assert!(refused >= 3, "{refused}");
    }

    #[test]
    fn full_width_ascii_becomes_half_width() {
        assert_eq!(to_half_width("Ｒ８．１１．２７"), "R8.11.27");
        assert_eq!(to_half_width("Ａ　ｂ"), "A b");
        assert_eq!(to_half_width("相談・そうだん 1"), "相談・そうだん 1");
    }

    #[test]
    fn the_match_key_reads_alike_whatever_way_it_was_typed() {
        assert_eq!(match_key("１２３４５６７８９０の人"), "1234567890の人");
        assert_eq!(match_key("1234-5678 90"), "1234567890");
        assert_eq!(match_key("森\u{200B}下さん"), "森下さん");
        for invisible in ['\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{2060}', '\u{2063}', '\u{2064}', '\u{FEFF}', '\u{00AD}', '\u{FE0F}', '\u{E0100}'] {
            assert_eq!(match_key(&format!("森{invisible}下")), "森下", "U+{:04X}", invisible as u32);
        }
        assert_eq!(match_key("森　下 ゆう\tと"), "森下ゆうと");
        assert_eq!(match_key("ﾓﾘｼﾀ ﾕｳﾄ"), "もりしたゆうと");
        assert_eq!(match_key("ｶﾞｯｺｳ ﾊﾟﾝ ｳﾞｨ ｱﾞ"), "がっこうぱんゔぃあ゛");
        assert_eq!(match_key("ユウト"), "ゆうと");
        assert_eq!(match_key("ＫＥＮＴＡ Kenta"), "kentakenta");
        // Japanese text itself is left as it is.
        assert_eq!(match_key("大学の中での移動・介助（ガイドヘルプ）"), "大学の中での移動・介助(がいどへるぷ)");
    }
}
