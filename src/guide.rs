//! 使い方: the user guide for specialists. Its one source is `docs/guide.md`, included here
//! as text and read by a reader of the few markdown forms it uses — `#`/`##` headings,
//! paragraphs (one line each), `- ` list items with one level of `  - ` sub-items, and
//! `[text](#/route)` links — so the in-app page (`#/guide`) and the document cannot say
//! different things, and no markdown library is added to the wasm.

/// The guide as written in `docs/guide.md`.
pub const TEXT: &str = include_str!("../docs/guide.md");

/// A piece of running text: plain, or a link inside the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Inline<'a> {
    Text(&'a str),
    Link { text: &'a str, href: &'a str },
}

/// A list item and its sub-items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item<'a> {
    pub text: Vec<Inline<'a>>,
    pub sub: Vec<Vec<Inline<'a>>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block<'a> {
    /// `level` 1 is the page's title, 2 a section.
    Heading { level: u8, text: &'a str },
    Paragraph(Vec<Inline<'a>>),
    List(Vec<Item<'a>>),
}

/// Splits `[text](href)` links out of a line; anything else is text.
pub fn inlines(line: &str) -> Vec<Inline<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some((text, tail)) = after.split_once("](") else { break };
        let Some((href, tail)) = tail.split_once(')') else { break };
        if !rest[..open].is_empty() {
            out.push(Inline::Text(&rest[..open]));
        }
        out.push(Inline::Link { text, href });
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(Inline::Text(rest));
    }
    out
}

/// The guide's blocks in order. A line of another form is an error, with its number, so
/// the native test catches markdown the page would not show as written.
pub fn blocks(text: &str) -> Result<Vec<Block<'_>>, String> {
    let mut out: Vec<Block> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("# ") {
            out.push(Block::Heading { level: 1, text: h.trim() });
        } else if let Some(h) = line.strip_prefix("## ") {
            out.push(Block::Heading { level: 2, text: h.trim() });
        } else if let Some(item) = line.strip_prefix("- ") {
            let item = Item { text: inlines(item.trim()), sub: Vec::new() };
            match out.last_mut() {
                Some(Block::List(items)) => items.push(item),
                _ => out.push(Block::List(vec![item])),
            }
        } else if let Some(sub) = line.strip_prefix("  - ") {
            match out.last_mut().and_then(|b| if let Block::List(items) = b { items.last_mut() } else { None }) {
                Some(item) => item.sub.push(inlines(sub.trim())),
                None => return Err(format!("{}行目: 上に項目のない「  - 」です", n + 1)),
            }
        } else if line.starts_with([' ', '#', '*', '>', '|', '`', '1', '+']) || line.contains("**") || line.contains('`') {
            return Err(format!("{}行目: 使い方の画面では表示できない書き方です: {line}", n + 1));
        } else {
            out.push(Block::Paragraph(inlines(line.trim())));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_split_out_of_the_text() {
        assert_eq!(
            inlines("先に[設定](#/settings)で選びます。"),
            [Inline::Text("先に"), Inline::Link { text: "設定", href: "#/settings" }, Inline::Text("で選びます。")]
        );
        assert_eq!(inlines("括弧[だけ]です"), [Inline::Text("括弧[だけ]です")]);
    }

    #[test]
    fn lists_keep_their_sub_items_and_other_markdown_is_refused() {
        let b = blocks("# 題\n\n本文。\n\n- 一\n  - 一の一\n- 二\n").unwrap();
        assert_eq!(b.len(), 3);
        assert_eq!(b[0], Block::Heading { level: 1, text: "題" });
        let Block::List(items) = &b[2] else { panic!("{b:?}") };
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].sub, [vec![Inline::Text("一の一")]]);
        assert!(blocks("| 表 |").is_err());
        assert!(blocks("**太字**").is_err());
        assert!(blocks("  - 親がない").is_err());
        assert!(blocks("### 小見出し").is_err());
    }
}
