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
