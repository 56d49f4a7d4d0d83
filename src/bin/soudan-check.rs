//! `soudan-check FILE.json… [--level novice|practitioner|lead] [--office core|community|designated]
//! [--own-corporation NAME] [--format text|json]`: checks exported case files in bulk, as
//! trainers and reviewers do, with the same rules as the app's check panel.
//!
//! `soudan-check --exercises FILE.json… [--format text|json]`: 研修モード's exercise files
//! (`soudan-workbench-exercise`) tallied as the app's 「解答を集計する」 does — per teaching
//! point how many found it, weakest first (`domain::exercise::tally`, the training index
//! built in).
//!
//! Exit status: 0 when every file was read (findings or not), 2 on a usage error or an
//! unreadable file (the message says which and why, in Japanese). Files are read as the app
//! reads them: UTF-8, a leading BOM allowed; at most [`MAX_FILE_BYTES`].

use soudan_workbench::domain::check::{check_case, CheckOptions, Finding};
use soudan_workbench::domain::exercise::{read_exercise, tally, tally_text};
use soudan_workbench::domain::training::read_index;
use soudan_workbench::domain::role_matrix::{Level, OfficeType};
use soudan_workbench::domain::Case;
use soudan_workbench::store::read_export_file;
use std::process::ExitCode;

/// The largest file read: an export of a thousand full cases is a few MB, so anything near
/// this is not an export file, and is refused rather than read into memory.
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// The file's text, or why not in Japanese (the OS's own English message only as a detail
/// for errors without a Japanese name).
fn read_file(path: &str) -> Result<String, String> {
    use std::io::{ErrorKind, Read};
    let os = |e: std::io::Error| match e.kind() {
        ErrorKind::NotFound => "ファイルが見つかりません。".to_owned(),
        ErrorKind::PermissionDenied => "ファイルを読む権限がありません。".to_owned(),
        ErrorKind::IsADirectory => "フォルダーです。ファイルを指定してください。".to_owned(),
        _ => format!("ファイルを読めません（{e}）。"),
    };
    let file = std::fs::File::open(path).map_err(os)?;
    if file.metadata().map_err(os)?.is_dir() {
        return Err(os(ErrorKind::IsADirectory.into()));
    }
    // Read at most one byte past the cap: also stops on a device or pipe that never ends.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(os)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("ファイルが大きすぎます（{} MB を超えています）。書き出したケースのファイルを指定してください。", MAX_FILE_BYTES / 1024 / 1024));
    }
    // A BOM, as Windows Notepad writes it: the browser's file reader drops it too.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        format!("文字コードが UTF-8 ではありません（{}バイト目）。アプリで書き出したファイルをそのまま指定してください。", e.utf8_error().valid_up_to() + 1)
    })
}

const USAGE: &str = "使い方: soudan-check ファイル.json… [--level novice|practitioner|lead] [--office core|community|designated] [--own-corporation 法人名] [--format text|json]\n        soudan-check --exercises 解答.json… [--format text|json]";

/// The training cases the exercises are on (the app's own `public/training/index.json`).
const TRAINING_INDEX: &str = include_str!("../../public/training/index.json");

enum Format {
    Text,
    Json,
}

struct Args {
    files: Vec<String>,
    options: CheckOptions,
    format: Format,
    /// `--exercises`: the files are exercise files, tallied.
    exercises: bool,
}

fn parse_args(mut raw: impl Iterator<Item = String>) -> Result<Args, String> {
    let mut args = Args { files: Vec::new(), options: CheckOptions::default(), format: Format::Text, exercises: false };
    while let Some(arg) = raw.next() {
        let mut value = |name: &str| raw.next().ok_or_else(|| format!("{name} の後に値がありません。"));
        match arg.as_str() {
            "--level" => {
                let v = value("--level")?;
                args.options.level = Level::from_code(&v).ok_or_else(|| format!("--level は novice / practitioner / lead のどれかです（{v}）。"))?;
            }
            "--office" => {
                let v = value("--office")?;
                args.options.office = OfficeType::from_code(&v).ok_or_else(|| format!("--office は core / community / designated のどれかです（{v}）。"))?;
            }
            "--own-corporation" => args.options.own_corporation = value("--own-corporation")?,
            "--format" => {
                args.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    v => return Err(format!("--format は text か json です（{v}）。")),
                }
            }
            "--exercises" => args.exercises = true,
            "-h" | "--help" => return Err(String::new()),
            s if s.starts_with("--") => return Err(format!("知らないオプションです: {s}")),
            _ => args.files.push(arg),
        }
    }
    if args.files.is_empty() {
        return Err("ファイルを一つ以上指定してください。".into());
    }
    Ok(args)
}

fn finding_json(case: &Case, f: &Finding) -> serde_json::Value {
    let rule = f.rule;
    serde_json::json!({
        "rule": rule.id,
        "title": rule.title,
        "level": rule.from.code(),
        "severity": rule.severity.code(),
        "severity_label": rule.severity.label(),
        "location": f.location.path(case),
        "message": f.message,
        "suggestion": rule.suggestion,
        "cells": rule.cells.iter().map(|(area, level)| serde_json::json!({"area": area.code(), "level": level.code()})).collect::<Vec<_>>(),
        "source": {"file": rule.source.file, "heading": rule.source.heading, "quote": rule.source.quote},
    })
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("{e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.exercises {
        return exercises(&args);
    }
    let mut failed = false;
    let mut report = Vec::new();
    // Written at the end in one go: `println!` panics when the reader has gone (`| head`).
    let mut out = String::new();
    for file in &args.files {
        let cases = read_file(file).and_then(|text| read_export_file(&text));
        let cases = match cases {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
                continue;
            }
        };
        for case in &cases {
            let findings = check_case(case, &args.options);
            match args.format {
                Format::Json => report.push(serde_json::json!({
                    "file": file,
                    "case": case.name.as_str(),
                    "level": args.options.level.code(),
                    "findings": findings.iter().map(|f| finding_json(case, f)).collect::<Vec<_>>(),
                })),
                Format::Text => {
                    out += &format!("{file}: {}（{}・{}件）\n", case.name.as_str(), args.options.level.label(), findings.len());
                    for f in &findings {
                        out += &format!("  [{}] {} {}\n", f.rule.severity.label(), f.rule.id, f.location.path(case));
                        out += &format!("    {}\n", f.message);
                        out += &format!("    → {}\n", f.rule.suggestion);
                        out += &format!("    出典: {}\n", f.rule.source.citation());
                    }
                }
            }
        }
    }
    if let Format::Json = args.format {
        out += &serde_json::to_string_pretty(&report).unwrap_or_default();
        out.push('\n');
    }
    if !write_out(&out) {
        return ExitCode::from(2);
    }
    if failed { ExitCode::from(2) } else { ExitCode::SUCCESS }
}

/// `--exercises`: every file read (or the run refused, naming the file), then one table.
fn exercises(args: &Args) -> ExitCode {
    let index = match read_index(TRAINING_INDEX) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let mut read = Vec::new();
    let mut failed = false;
    for file in &args.files {
        match read_file(file).and_then(|t| read_exercise(&t)) {
            Ok(e) => read.push(e),
            Err(e) => {
                eprintln!("{file}: {e}");
                failed = true;
            }
        }
    }
    if failed {
        return ExitCode::from(2);
    }
    let rows = match tally(&index, &read) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let out = match args.format {
        Format::Text => tally_text(&rows),
        Format::Json => serde_json::to_string_pretty(&rows).unwrap_or_default() + "\n",
    };
    if write_out(&out) { ExitCode::SUCCESS } else { ExitCode::from(2) }
}

/// Writes to stdout; false on a write error (said on stderr).
fn write_out(out: &str) -> bool {
    use std::io::Write;
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        // The reader stopped early (`| head`): what it read is all it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("出力を書き込めませんでした: {e}");
            false
        }
        Ok(()) => true,
    }
}
