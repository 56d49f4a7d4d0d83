//! The 使い方 page and docs/guide.md are one text: the page shows `guide::TEXT`, which is
//! docs/guide.md itself; here, that every line of it is a form the page shows, and that it
//! covers what a specialist needs (the steps, the check, where the data is, leaving a
//! shared PC, offline and the single file).

use soudan_workbench::guide::{blocks, Block, Inline, TEXT};

#[test]
fn every_line_of_the_guide_is_shown_as_written() {
    let blocks = blocks(TEXT).unwrap_or_else(|e| panic!("docs/guide.md: {e}"));
    let titles: Vec<&str> = blocks.iter().filter_map(|b| match b {
        Block::Heading { level: 1, text } => Some(*text),
        _ => None,
    }).collect();
    assert_eq!(titles, ["使い方"], "one title, the page's h1");
    let sections: Vec<&str> = blocks.iter().filter_map(|b| match b {
        Block::Heading { level: 2, text } => Some(*text),
        _ => None,
    }).collect();
    for topic in ["支援の流れ", "計画チェック", "データはどこに保存されるか", "共用のパソコンを離れるとき", "インターネットがないとき"] {
        assert!(sections.iter().any(|s| s.contains(topic)), "no section on {topic}: {sections:?}");
    }
    // What the check's section must explain, in the words the screen uses.
    for word in ["初任者", "現任", "主任", "要対応", "要確認", "助言", "出典", "対応済みにする", "該当しない", "共用PCモード", "ロック", "すべて消す", "暗号化したバックアップを書き出す", "soudan-workbench.html"] {
        assert!(TEXT.contains(word), "the guide does not mention 「{word}」");
    }
    // Links stay inside the app (hash routes): nothing leaves the device.
    for b in &blocks {
        let lines: Vec<&Vec<Inline>> = match b {
            Block::Paragraph(i) => vec![i],
            Block::List(items) => items.iter().flat_map(|it| std::iter::once(&it.text).chain(it.sub.iter())).collect(),
            Block::Heading { .. } => vec![],
        };
        for inline in lines.into_iter().flatten() {
            if let Inline::Link { href, .. } = inline {
                assert!(href.starts_with("#/"), "a link out of the app: {href}");
            }
        }
    }
}
