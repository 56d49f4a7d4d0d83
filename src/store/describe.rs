//! Japanese messages for records that cannot be read: which field (as a JSON path such as
//! `case.plan.needs[0].supports[1].amount.times`) and why.
//!
//! serde_json reports where parsing stopped (line and column) and an English reason; the
//! path is recovered by scanning the text up to that point, so no second, path-tracking
//! deserialiser has to be compiled into the wasm.

/// `case.plan.needs[0].goal`: the path of the value being read at `line`/`column` (1-based,
/// as serde_json counts them: columns in bytes).
#[cfg(test)]
fn path_at(text: &str, line: usize, column: usize) -> String {
    object_path_at(text, line, column, false)
}

/// With `object_only`, the path of the innermost object rather than of its current field
/// (a missing field is reported at the object's end).
fn object_path_at(text: &str, line: usize, column: usize, object_only: bool) -> String {
    let line_start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    // The column is that of the last character read: leave it out, so a value that ends
    // its object (`""}`) is still inside it.
    let offset = (line_start + column.saturating_sub(1)).min(text.len());
    path_at_offset(&text.as_bytes()[..offset], object_only)
}

enum Frame {
    Object { key: Option<String>, want_key: bool },
    Array { index: usize },
}

fn path_at_offset(bytes: &[u8], object_only: bool) -> String {
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => stack.push(Frame::Object { key: None, want_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        *key = Some(String::from_utf8_lossy(&bytes[start..i.min(bytes.len())]).into_owned());
                        *want_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if object_only {
        if let Some(Frame::Object { key, .. }) = stack.last_mut() {
            *key = None;
        }
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// A serde_json error in Japanese, with the field's path in `text` (the JSON being read).
pub fn describe(error: &serde_json::Error, text: &str) -> String {
    let full = error.to_string();
    // serde_json appends " at line L column C"; the path says it better.
    let reason = full.rsplit_once(" at line ").map_or(full.as_str(), |(r, _)| r);
    let path = object_path_at(text, error.line(), error.column(), reason.starts_with("missing field"));
    let why = reason_ja(reason);
    match (error.classify(), path.is_empty()) {
        (serde_json::error::Category::Syntax | serde_json::error::Category::Eof, _) => {
            format!("JSON の書き方が正しくありません（{} 行目 {} 文字目付近）", error.line(), error.column())
        }
        (_, true) => why,
        (_, false) => format!("{path}: {why}"),
    }
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let rest = s.strip_prefix(start)?;
    rest.find(end).map(|i| &rest[..i])
}

fn expected_ja(expected: &str) -> &'static str {
    let e = expected;
    if e.contains("u8") || e.contains("u16") || e.contains("u32") || e.contains("u64") || e.contains("integer") {
        "0以上の整数"
    } else if e.contains("f32") || e.contains("f64") || e.contains("number") {
        "数値"
    } else if e.contains("string") || e.contains("str") {
        "文字列"
    } else if e.contains("bool") {
        "true か false"
    } else if e.contains("sequence") || e.contains("Vec") || e.contains("array") {
        "配列（[ ]）"
    } else if e.contains("struct") || e.contains("map") {
        "オブジェクト（{ }）"
    } else {
        "別の種類の値"
    }
}

/// serde's reasons, in Japanese. Messages the domain raises itself are Japanese already.
fn reason_ja(reason: &str) -> String {
    if let Some(field) = between(reason, "missing field `", "`") {
        return format!("必要な項目「{field}」がありません。");
    }
    if let Some(field) = between(reason, "duplicate field `", "`") {
        return format!("項目「{field}」が二重にあります。");
    }
    if let Some(value) = between(reason, "unknown variant `", "`") {
        let allowed = reason.split_once("expected ").map_or("", |(_, a)| a.trim_start_matches("one of ")).replace('`', "").replace(", ", "、").replace(" or ", "、");
        return format!("「{value}」は使えない値です（使える値：{allowed}）。");
    }
    if let Some(rest) = reason.strip_prefix("invalid type: ") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return format!("値の種類が違います（{}が必要です）。", expected_ja(expected));
    }
    if reason.starts_with("invalid value: ") || reason.starts_with("invalid length ") {
        return "値が正しくありません。".to_owned();
    }
    if reason.starts_with("input contains invalid characters") || reason.starts_with("premature end of input") || reason.starts_with("input is out of range") || reason.starts_with("trailing input") {
        return "日時の書き方が正しくありません（例：2026-11-27T10:00:00+09:00）。".to_owned();
    }
    if !reason.is_ascii() {
        return reason.to_owned();
    }
    format!("形式が正しくありません（{reason}）。")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Case;

    #[test]
    fn the_path_names_the_field_being_read() {
        let text = r#"{"case":{"plan":{"needs":[{"id":1},{"id":2,"supports":[{"kind":"a","amount":{"times":"x"}}]}]}}}"#;
        let at = text.find(r#""x""#).unwrap() + 3;
        assert_eq!(path_at(text, 1, at), "case.plan.needs[1].supports[0].amount.times");
        let multi = "{\n \"a\": [1,\n 2, {\"b\": tru";
        assert_eq!(path_at(multi, 3, 11), "a[2].b");
    }

    fn error_for(text: &str) -> String {
        let e = serde_json::from_str::<Case>(text).unwrap_err();
        describe(&e, text)
    }

    const CASE: &str = r#"{"id":"a","name":"A","created_at":"2026-11-27T10:00:00+09:00","updated_at":"2026-11-27T10:00:00+09:00""#;

    #[test]
    fn reasons_are_in_japanese_with_the_field() {
        assert_eq!(error_for(r#"{"id":"a"}"#), "必要な項目「name」がありません。");
        assert_eq!(
            error_for(&format!(r#"{CASE},"stage":"done"}}"#)),
            "stage: 「done」は使えない値です（使える値：intake、assessment、planning、team_meeting、plan、monitoring、evaluation）。"
        );
        assert_eq!(
            error_for(&format!(r#"{CASE},"plan":{{"needs":[{{"id":1,"supports":[{{"amount":{{"times":"3"}}}}]}}]}}}}"#)),
            "plan.needs[0].supports[0].amount.times: 値の種類が違います（0以上の整数が必要です）。"
        );
        assert_eq!(error_for(r#"{"id":"a","name":""}"#), "name: 氏名（仮名・イニシャル）を入力してください。");
        assert_eq!(
            error_for(&format!(r#"{CASE},"plan":{{"schedule":{{"slots":[{{"id":1,"columns":["mon"],"start":"25:00","end":"9:00"}}]}}}}}}"#)),
            "plan.schedule.slots[0].start: 時刻は「9:00」のように、0:00から23:59までで入力してください。"
        );
        assert!(error_for(r#"{"id":"a","name":"A""#).starts_with("JSON の書き方が正しくありません"));
    }
}
