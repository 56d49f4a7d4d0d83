use soudan_workbench::domain::sources::ALL;
use std::path::PathBuf;

/// `../shared/reference/` beside the repository (where CI and every session have it).
fn reference_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference");
    dir.is_dir().then_some(dir)
}

fn squash(s: &str) -> String {
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
