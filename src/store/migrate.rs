//! Migrations of stored records, one step per schema version, applied on read.
//!
//! History:
//! - 1: the first record shape. No `revision`; `support_category` a number (0 = 非該当);
//!   no cycle `stage`, `for_child` or `certificate_no`.
//! - 2: `revision` in the envelope (two-tab detection); `support_category` as the codes of
//!   `SupportCategory` ("1".."6", "not_applicable"); `stage`, `for_child`, `certificate_no`.
//! - 3: `intake` (basic information) and `assessment` (strengths assessment, decision
//!   support). Nothing to convert, but a new version all the same: an app that knows only
//!   version 2 would drop these fields when it saves, so it must set such records aside.
//! - 4: `plan` (the サービス等利用計画（案）: header, narrative, needs with supports and
//!   links to the assessment, monitoring proposal). Nothing to convert; same reason.
//! - 5: support `id`s, the plan's `schedule` (週間計画表), `consent` and the case's
//!   `final_plans`. Supports without an id get fresh ones when read (`ServicePlan`'s
//!   deserialiser), so nothing to convert here.
//! - 6: a support's `reason` (why this service and amount), the plan's `check_marks`
//!   (findings of the plan check marked 対応済み / 該当しない) and `difficulty` (支援困難),
//!   a need's `unmet`, the case's `community_issues` (地域課題), `reviews` and
//!   `review_draft` (a lead's 評価・助言). Nothing to convert.
//! - 7: a consent's `open` (the open findings and 未記入 items the author acknowledged when
//!   making the plan final). Nothing to convert.
//! - 8: the case's `benefit_decision` (支給決定: 有効期間, the decided monitoring interval and
//!   its start month) and `monitoring_reports` (モニタリング報告書). Nothing to convert.
//! - 9: the case's `team_meetings` (サービス担当者会議), `eco_map` and `final_eco_maps`
//!   (エコマップ); a plan's `requested_by` (the monitoring that asked for the change); a
//!   monitoring report's `held_on_typed` and `corrects`; and the stored case split in two: the
//!   envelope's `history` names the history record holding the frozen lists (`store::history`).
//!   Nothing to convert (a one-record case is read as is and written split); a new version so
//!   that an app of version 8 sets split records aside instead of reading a case without its
//!   history and saving it so.
//!
//! A step takes the JSON of version N and returns version N+1; steps never drop a field
//! they do not understand (the unknown ones stay in the record until the next save).

use serde_json::{json, Value};

pub fn to_current(mut value: Value, mut version: u32) -> Result<Value, String> {
    while version < super::SCHEMA_VERSION {
        value = match version {
            1 => v1_to_v2(value)?,
            2 => bump(value, 3)?,
            3 => bump(value, 4)?,
            4 => bump(value, 5)?,
            5 => bump(value, 6)?,
            6 => bump(value, 7)?,
            7 => bump(value, 8)?,
            8 => bump(value, 9)?,
            other => return Err(format!("no migration from schema_version {other}")),
        };
        version += 1;
    }
    Ok(value)
}

fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let env = value.as_object_mut().ok_or("record is not an object")?;
    env.insert("schema_version".into(), json!(2));
    env.entry("revision").or_insert(json!(0));
    let case = env.get_mut("case").and_then(Value::as_object_mut).ok_or("case missing")?;
    let category = match case.get("support_category") {
        None | Some(Value::Null) => Value::Null,
        Some(Value::Number(n)) => match n.as_u64() {
            Some(0) => json!("not_applicable"),
            Some(k @ 1..=6) => json!(k.to_string()),
            _ => return Err(format!("support_category {n} out of range")),
        },
        Some(other) => return Err(format!("support_category {other} is not a number")),
    };
    case.insert("support_category".into(), category);
    case.entry("stage").or_insert(json!("intake"));
    case.entry("for_child").or_insert(json!(false));
    Ok(value)
}

/// A step that only adds fields with defaults: the record is read as it is.
fn bump(mut value: Value, to: u32) -> Result<Value, String> {
    let env = value.as_object_mut().ok_or("record is not an object")?;
    env.insert("schema_version".into(), json!(to));
    Ok(value)
}
