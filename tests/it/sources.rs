use soudan_workbench::domain::sources::ALL;
use std::path::PathBuf;

/// `../shared/reference/` beside the repository (where CI and every session have it).
pub(crate) fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
    dir.is_dir().then_some(dir)
}

pub(crate) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_cited_passage_exists_verbatim_in_its_file() {
    let Some(dir) = reference_dir() else {
        // Outside the workplace (a bare clone elsewhere) there is nothing to compare with;
        // in CI the folder is always there, so there the test must not pass vacuously.
        assert!(std::env::var_os("CI").is_none(), "../shared/reference/ is missing in CI");
        eprintln!("skipped: ../shared/reference/ not found");
        return;
    };
    for source in ALL {
        let text = std::fs::read_to_string(dir.join(source.file)).unwrap_or_else(|e| panic!("{}: {e}", source.file));
        assert!(
            squash(&text).contains(&squash(source.quote)),
            "{} does not contain 「{}」",
            source.file,
            source.quote
        );
        assert!(!source.heading.is_empty());
    }
}

/// 出典 names documents by publisher, title and year (issue 18, item 6): each of those is the
/// README's or the document's own words, and every cited file has one.
#[test]
fn every_document_is_named_as_its_readme_or_its_own_text_names_it() {
    use soudan_workbench::domain::sources::{document, DOCUMENTS};
    let Some(dir) = reference_dir() else {
        assert!(std::env::var_os("CI").is_none(), "../shared/reference/ is missing in CI");
        eprintln!("skipped: ../shared/reference/ not found");
        return;
    };
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    let files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".txt"))
        .collect();
    assert_eq!(DOCUMENTS.len(), files.len(), "one Document per reference file: {files:?}");
    for d in DOCUMENTS {
        let text = std::fs::read_to_string(dir.join(d.file)).unwrap_or_else(|e| panic!("{}: {e}", d.file));
        assert!(readme.contains(&format!("`{}`", d.file)), "README lists no {}", d.file);
        assert!(readme.contains(d.readme_says), "README does not say 「{}」 of {}", d.readme_says, d.file);
        assert!(d.file.starts_with(d.code));
        let (readme, text) = (squash(&readme), squash(&text));
        for (what, words) in [("title", d.title), ("publisher", d.publisher), ("issued", d.issued)] {
            if words.is_empty() {
                continue;
            }
            let w = squash(words).replace('６', "6").replace('３', "3");
            let norm = |s: &str| s.replace('６', "6").replace('３', "3").replace('７', "7");
            assert!(norm(&readme).contains(&w) || norm(&text).contains(&w), "{} of {}: 「{words}」 is neither in the README nor in the file", what, d.file);
        }
        assert!(!d.title.is_empty() && !d.publisher.is_empty() && !d.about.is_empty());
    }
    // The titles the README itself gives.
    for file in ["000_1c047b897ed0be54.txt", "001_c43ed80d085811bd.txt", "004_7160477ecda1d6b5.txt"] {
        let d = document(file).unwrap();
        assert!(readme.contains(d.title), "README does not name {} 「{}」", file, d.title);
    }
    for source in ALL {
        assert!(document(source.file).is_some(), "no Document for {}", source.file);
    }
}
