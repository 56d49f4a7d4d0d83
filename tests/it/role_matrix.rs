//! Every string of `domain::role_matrix` stands verbatim in its file of `../shared/reference/`
//! (all whitespace removed from both: the PDF extraction breaks lines inside sentences), and
//! the table is the one `../shared/design/role-matrix.md` gives as JSON.

use soudan_workbench::domain::role_matrix::{
    Area, Column, OfficeType, BASIC_VIEWPOINTS, CELLS, FILE_000, FILE_003, LEAD_ROLES, RECOMMENDATION_CHECKLIST,
    RECOMMENDATION_DECLARATION, RECOMMENDATION_FORM_TITLE, TABLE_HEADING,
};
use std::path::PathBuf;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A file of `../shared/<folder>/`, squashed; `None` outside the workplace (never in CI, where
/// the test must not pass vacuously).
fn shared(folder: &str, file: &str) -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared").join(folder).join(file);
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing in CI", path.display());
        eprintln!("skipped: {} not found", path.display());
        return None;
    }
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Some(squash(&text))
}

fn assert_quoted(source: &str, file: &str, quote: &str) {
    assert!(source.contains(&squash(quote)), "{file} does not contain 「{quote}」");
}

#[test]
fn every_cell_is_in_000_and_the_rows_rebuild_the_table_body() {
    let Some(text) = shared("reference", FILE_000) else { return };
    assert_quoted(&text, FILE_000, TABLE_HEADING);
    for cell in CELLS {
        assert_eq!(cell.file, FILE_000);
        assert_quoted(&text, FILE_000, cell.printed());
    }
    // Row label then its five cells, row by row: the table body as the source prints it,
    // so no cell is missing, extra or in the wrong place.
    let body: String = Area::ALL
        .iter()
        .flat_map(|area| std::iter::once(area.label()).chain(CELLS.iter().filter(|c| c.area == *area).map(|c| c.printed())))
        .collect();
    assert_quoted(&text, FILE_000, &body);
}

#[test]
fn every_lead_role_and_example_is_in_003() {
    let Some(text) = shared("reference", FILE_003) else { return };
    for role in LEAD_ROLES {
        assert_eq!(role.source.file, FILE_003);
        assert_quoted(&text, FILE_003, role.text());
        for example in role.examples {
            assert_quoted(&text, FILE_003, example);
        }
    }
    for viewpoint in BASIC_VIEWPOINTS {
        assert_quoted(&text, FILE_003, viewpoint.quote);
    }
    for office in OfficeType::ALL {
        assert_quoted(&text, FILE_003, &format!("{}:{}", office.label(), office.long_name()));
    }
}

#[test]
fn every_checklist_item_is_in_000() {
    let Some(text) = shared("reference", FILE_000) else { return };
    assert_quoted(&text, FILE_000, RECOMMENDATION_FORM_TITLE);
    for sentence in RECOMMENDATION_DECLARATION {
        assert_quoted(&text, FILE_000, sentence);
    }
    for item in RECOMMENDATION_CHECKLIST {
        assert_eq!(item.file, FILE_000);
        assert_quoted(&text, FILE_000, item.text);
        assert_quoted(&text, FILE_000, item.section.heading());
        assert_quoted(&text, FILE_000, item.section.note());
        if let Some(answer) = item.answer {
            assert_quoted(&text, FILE_000, answer);
        }
    }
}

#[test]
fn the_cells_are_the_design_notes_json() {
    let Some(doc) = shared("design", "role-matrix.md") else { return };
    // Squashed, the JSON block is the one array after the ```json fence.
    let start = doc.find("```json").expect("role-matrix.md has a ```json block") + "```json".len();
    let end = start + doc[start..].find("```").expect("the block is closed");
    let rows: Vec<serde_json::Value> = serde_json::from_str(&doc[start..end]).expect("the block is JSON");
    assert_eq!(rows.len(), CELLS.len());
    for (row, cell) in rows.iter().zip(CELLS) {
        let area = Area::ALL.into_iter().find(|a| a.label() == row["area"]).expect("a known area");
        let office = match row["office"].as_str() {
            None => None,
            Some("CoreCentre") => Some(OfficeType::CoreCentre),
            Some("CommunityCentre") => Some(OfficeType::CommunityCentre),
            Some("DesignatedOffice") => Some(OfficeType::DesignatedOffice),
            Some(other) => panic!("unknown office {other}"),
        };
        let column = match (row["level"].as_str(), office) {
            (Some("Novice"), None) => Column::Novice,
            (Some("Practitioner"), None) => Column::Practitioner,
            (Some("Lead"), Some(office)) => Column::Lead(office),
            other => panic!("unknown column {other:?}"),
        };
        assert_eq!((cell.area, cell.column), (area, column));
        // The block is squashed too, so compare squashed.
        assert_eq!(squash(cell.printed()), row["text"].as_str().unwrap(), "{}", cell.locator());
    }
}
