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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_becomes_half_width() {
        assert_eq!(to_half_width("Ｒ８．１１．２７"), "R8.11.27");
        assert_eq!(to_half_width("Ａ　ｂ"), "A b");
        assert_eq!(to_half_width("相談・そうだん 1"), "相談・そうだん 1");
    }
}
