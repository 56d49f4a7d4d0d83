//! サービス担当者会議の記録 (forms.md "サービス担当者会議の記録"): one record per meeting, laid
//! out like 第4表「サービス担当者会議の要点」 — 開催日・開催場所・開催時間, the attendees by role
//! (本人 and family included; whoever did not come with why, or what they answered when asked
//! in writing, 照会), 検討した項目, 検討内容, 結論, 残された課題, 次回の開催時期.
//!
//! **Which plan it discussed.** A meeting is tied to the plan version it discussed by that
//! version's number, counted like `final_plans` (version N is `final_plans[N - 1]` once made
//! final), and whether it discussed the draft of that version (`on_draft`) or the final plan.
//! A meeting held on the working draft is about the version that draft becomes when it is made
//! final (`final_plans.len() + 1`): the 計画案 before consent is version 1's draft, a change is
//! version N+1's draft. A meeting held while the working plan is final (no change begun, e.g.
//! after a monitoring) is about the plan in force. So "final plan N had a meeting" is
//! "a meeting with `plan_version == N`", whichever the plan's state when it met.
//!
//! **Frozen once recorded.** A 会議録 is what the attendees were told was agreed; a specialist
//! expects it to stay as recorded, as a final plan does, so recording freezes it and a
//! correction is a new record that names the one it corrects (`corrects`); the corrected one is
//! kept, shown as 訂正前, and no longer counted by the check. Records are never removed, so an
//! id is never reused.

use super::case::{Case, Stage};
use super::plan::PlanStatus;
use super::wareki::parse_date;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Identifies a meeting record within a case: the largest so far plus one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub struct MeetingId(pub u32);

impl TryFrom<u32> for MeetingId {
    type Error = String;
    fn try_from(id: u32) -> Result<Self, String> {
        super::check_ids("担当者会議の記録", [id]).map(|()| MeetingId(id))
    }
}

impl From<MeetingId> for u32 {
    fn from(id: MeetingId) -> u32 {
        id.0
    }
}

/// Who an attendee is at the meeting (the issue's 本人 · 家族 · each 事業所's 担当 · 行政 ·
/// 医療 · others; the planner too, who usually chairs it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendeeRole {
    Person,
    Family,
    Provider,
    Municipality,
    Medical,
    Planner,
    Other,
}

impl AttendeeRole {
    pub const ALL: [AttendeeRole; 7] = [
        AttendeeRole::Person,
        AttendeeRole::Family,
        AttendeeRole::Provider,
        AttendeeRole::Municipality,
        AttendeeRole::Medical,
        AttendeeRole::Planner,
        AttendeeRole::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            AttendeeRole::Person => "本人",
            AttendeeRole::Family => "家族",
            AttendeeRole::Provider => "サービス事業所",
            AttendeeRole::Municipality => "行政（市町村）",
            AttendeeRole::Medical => "医療",
            AttendeeRole::Planner => "相談支援専門員",
            AttendeeRole::Other => "その他",
        }
    }

    /// The value in the data format and in form controls.
    pub fn code(self) -> &'static str {
        match self {
            AttendeeRole::Person => "person",
            AttendeeRole::Family => "family",
            AttendeeRole::Provider => "provider",
            AttendeeRole::Municipality => "municipality",
            AttendeeRole::Medical => "medical",
            AttendeeRole::Planner => "planner",
            AttendeeRole::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<AttendeeRole> {
        AttendeeRole::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// One person asked to the meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    pub role: AttendeeRole,
    /// 所属（職種）: the office and job (「○○ヘルパーステーション　サービス提供責任者」), or the
    /// relation for family (「母」).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub affiliation: String,
    /// 氏名 (for 本人, left empty: the case's name is printed).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    pub present: bool,
    /// Not present: why (本人), or whom was asked in writing and what they answered (照会).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub absence_note: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMeeting {
    pub id: MeetingId,
    /// The number of the plan version discussed (see the module doc).
    pub plan_version: u32,
    /// The draft of that version (before consent) was discussed, not the final plan.
    pub on_draft: bool,
    /// 開催日
    pub held_on: NaiveDate,
    /// 開催時間 as typed (「14:00〜15:00」).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    /// 開催場所
    pub place: String,
    /// 会議出席者, in the order typed.
    pub attendees: Vec<Attendee>,
    /// 検討した項目
    pub items: String,
    /// 検討内容
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub discussion: String,
    /// 結論
    pub conclusion: String,
    /// 残された課題
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remaining_issues: String,
    /// 次回の開催時期
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_meeting: String,
    /// The earlier record this one corrects (that one is then 訂正前).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<MeetingId>,
}

impl TeamMeeting {
    /// 「計画案（第1版）」「計画の変更案（第2版）」「計画 第2版」: the plan it discussed.
    pub fn plan_label(&self) -> String {
        plan_label(self.plan_version, self.on_draft)
    }

    /// Whether 本人 took part: present, in the attendee list.
    pub fn person_present(&self) -> bool {
        self.attendees.iter().any(|a| a.role == AttendeeRole::Person && a.present)
    }
}

/// How a plan version is named where a meeting is tied to it.
pub fn plan_label(version: u32, on_draft: bool) -> String {
    match (on_draft, version) {
        (true, 1) => "計画案（第1版）".to_owned(),
        (true, n) => format!("計画の変更案（第{n}版）"),
        (false, n) => format!("計画 第{n}版"),
    }
}

/// One attendee row as typed (also stored, in the case's `meeting_draft`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AttendeeForm {
    /// The role's code, or empty when not chosen.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub affiliation: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    #[serde(default)]
    pub present: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub absence_note: String,
}

impl AttendeeForm {
    fn is_blank(&self) -> bool {
        self.affiliation.trim().is_empty() && self.name.trim().is_empty() && self.absence_note.trim().is_empty()
    }
}

/// What the 担当者会議 form collects, as typed (dates in 西暦 or 和暦). Also the stored
/// draft (`Case::meeting_draft`): kept exactly as typed, unread, until it is recorded — a 会議録
/// is typed over a while, and what is typed must survive leaving the step, a closed tab or a lock.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeetingForm {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub held_on: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub time: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub place: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<AttendeeForm>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub items: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub discussion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub conclusion: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub remaining_issues: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_meeting: String,
    /// The record this draft corrects; not checked until it is recorded (`record_meeting`
    /// refuses one that is gone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<MeetingId>,
}

impl MeetingForm {
    /// Nothing typed that would be lost: every text blank and no correction begun (attendee
    /// rows count only by what is typed in them; the role a row starts with is not typing).
    pub fn is_blank(&self) -> bool {
        [&self.held_on, &self.time, &self.place, &self.items, &self.discussion, &self.conclusion, &self.remaining_issues, &self.next_meeting]
            .iter()
            .all(|t| t.trim().is_empty())
            && self.corrects.is_none()
            && self.attendees.iter().all(AttendeeForm::is_blank)
    }

    /// 「この記録を訂正する」: the form filled from a recorded meeting (its 開催日 in 和暦, as
    /// the form reads it back), naming it as the one corrected.
    pub fn correcting(m: &TeamMeeting) -> MeetingForm {
        MeetingForm {
            held_on: super::wareki::format_wareki(m.held_on),
            time: m.time.clone(),
            place: m.place.clone(),
            attendees: m
                .attendees
                .iter()
                .map(|a| AttendeeForm { role: a.role.code().to_owned(), affiliation: a.affiliation.clone(), name: a.name.clone(), present: a.present, absence_note: a.absence_note.clone() })
                .collect(),
            items: m.items.clone(),
            discussion: m.discussion.clone(),
            conclusion: m.conclusion.clone(),
            remaining_issues: m.remaining_issues.clone(),
            next_meeting: m.next_meeting.clone(),
            corrects: Some(m.id),
        }
    }
}

/// A field of the form that failed, with the message to show. `field` is the form's name for
/// it: `held_on`, `place`, `attendees`, `attendee-<i>-role` / `-name` (i from 0), `items`,
/// `conclusion`, `corrects`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetingError {
    pub field: String,
    pub message: String,
}

impl Case {
    /// The plan version a meeting held now would discuss: the working draft's number-to-be, or
    /// the plan in force; and whether it is the draft.
    pub fn meeting_plan_version(&self) -> (u32, bool) {
        let finals = self.final_plans.len() as u32;
        match self.plan.status {
            PlanStatus::Draft => (finals + 1, true),
            PlanStatus::Final => (finals.max(1), false),
        }
    }

    /// Records a meeting held, on the working plan, frozen at once (see the module doc).
    /// Rows left wholly blank are dropped; nothing is stored on error.
    pub fn record_meeting(&mut self, form: &MeetingForm) -> Result<MeetingId, Vec<MeetingError>> {
        let mut errors = Vec::new();
        fn error_in(errors: &mut Vec<MeetingError>, field: String, message: String) {
            errors.push(MeetingError { field, message });
        }
        let held_on = parse_date(&form.held_on);
        if held_on.is_none() {
            let message = if form.held_on.trim().is_empty() { "開催日を入力してください。" } else { "開催日は「2027年4月10日」や「R9.4.10」のように入力してください。" };
            error_in(&mut errors, "held_on".into(), message.into());
        }
        let place = form.place.trim();
        if place.is_empty() {
            error_in(&mut errors, "place".into(), "開催場所を入力してください（例：本人の自宅）。".into());
        }
        let mut attendees = Vec::new();
        for (i, row) in form.attendees.iter().enumerate() {
            let role = AttendeeRole::from_code(&row.role);
            if role.is_none() && row.is_blank() {
                continue;
            }
            let Some(role) = role else {
                error_in(&mut errors, format!("attendee-{i}-role"), format!("出席者{}の立場を選んでください。", i + 1));
                continue;
            };
            if role != AttendeeRole::Person && row.affiliation.trim().is_empty() && row.name.trim().is_empty() {
                if row.is_blank() {
                    continue;
                }
                error_in(&mut errors, format!("attendee-{i}-name"), format!("出席者{}（{}）の所属か氏名を入力してください。", i + 1, role.label()));
                continue;
            }
            attendees.push(Attendee {
                role,
                affiliation: row.affiliation.trim().to_owned(),
                name: row.name.trim().to_owned(),
                present: row.present,
                absence_note: row.absence_note.trim().to_owned(),
            });
        }
        if attendees.is_empty() && !errors.iter().any(|e| e.field.starts_with("attendee-")) {
            error_in(&mut errors, "attendees".into(), "出席者を1人以上入力してください（本人と家族も含めます）。".into());
        }
        let items = form.items.trim();
        if items.is_empty() {
            error_in(&mut errors, "items".into(), "検討した項目を入力してください。".into());
        }
        let conclusion = form.conclusion.trim();
        if conclusion.is_empty() {
            error_in(&mut errors, "conclusion".into(), "結論を入力してください。".into());
        }
        if let Some(old) = form.corrects {
            if !self.team_meetings.iter().any(|m| m.id == old) {
                error_in(&mut errors, "corrects".into(), "訂正する記録が見つかりません。".into());
            }
        }
        let Some(held_on) = held_on.filter(|_| errors.is_empty()) else { return Err(errors) };
        let id = MeetingId(self.team_meetings.iter().map(|m| m.id.0).max().unwrap_or(0) + 1);
        if id.0 > super::MAX_ID {
            return Err(vec![MeetingError { field: "held_on".into(), message: super::id_limit_message("担当者会議の記録") }]);
        }
        // A correction is about the same meeting, so the same plan version, whatever the plan
        // has become since.
        let (plan_version, on_draft) = match form.corrects.and_then(|old| self.team_meeting(old)) {
            Some(old) => (old.plan_version, old.on_draft),
            None => self.meeting_plan_version(),
        };
        self.team_meetings.push(TeamMeeting {
            id,
            plan_version,
            on_draft,
            held_on,
            time: form.time.trim().to_owned(),
            place: place.to_owned(),
            attendees,
            items: items.to_owned(),
            discussion: form.discussion.trim().to_owned(),
            conclusion: conclusion.to_owned(),
            remaining_issues: form.remaining_issues.trim().to_owned(),
            next_meeting: form.next_meeting.trim().to_owned(),
            corrects: form.corrects,
        });
        if self.stage < Stage::TeamMeeting {
            self.stage = Stage::TeamMeeting;
        }
        Ok(id)
    }

    /// 「記録する」 on the stored draft: recorded as `record_meeting` does, and the draft
    /// cleared only then — refused, it stays as typed for the fixes.
    pub fn record_meeting_draft(&mut self) -> Result<MeetingId, Vec<MeetingError>> {
        let form = self.meeting_draft.clone().unwrap_or_default();
        let id = self.record_meeting(&form)?;
        self.meeting_draft = None;
        Ok(id)
    }

    /// 「この記録を訂正する」: the draft becomes the recorded meeting's words, naming it. A draft
    /// with something typed is replaced only when `replace` says the user agreed; otherwise
    /// `false` and nothing changes.
    pub fn start_meeting_correction(&mut self, id: MeetingId, replace: bool) -> bool {
        let Some(m) = self.team_meeting(id) else { return false };
        if !replace && self.meeting_draft.as_ref().is_some_and(|d| !d.is_blank()) {
            return false;
        }
        self.meeting_draft = Some(MeetingForm::correcting(m));
        true
    }

    pub fn team_meeting(&self, id: MeetingId) -> Option<&TeamMeeting> {
        self.team_meetings.iter().find(|m| m.id == id)
    }

    /// A later record corrects this one (it stays, shown as 訂正前).
    pub fn meeting_corrected(&self, id: MeetingId) -> bool {
        self.team_meetings.iter().any(|m| m.corrects == Some(id))
    }

    /// Meetings not corrected by a later record, newest 開催日 first.
    pub fn current_meetings(&self) -> Vec<&TeamMeeting> {
        let mut out: Vec<&TeamMeeting> = self.team_meetings.iter().filter(|m| !self.meeting_corrected(m.id)).collect();
        out.sort_by(|a, b| b.held_on.cmp(&a.held_on).then(b.id.cmp(&a.id)));
        out
    }

    /// 開催回数: which meeting on its plan version this one is (1 for the first), counting
    /// current records by 開催日.
    pub fn meeting_number(&self, id: MeetingId) -> u32 {
        let Some(m) = self.team_meeting(id) else { return 0 };
        let key = |x: &TeamMeeting| (x.held_on, x.id);
        self.team_meetings
            .iter()
            .filter(|x| x.plan_version == m.plan_version && !self.meeting_corrected(x.id))
            .filter(|x| key(x) < key(m))
            .count() as u32
            + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::{CaseId, FinalForm, NewCase};
    use chrono::DateTime;

    fn case() -> Case {
        let now = DateTime::parse_from_rfc3339("2027-03-01T10:00:00+09:00").unwrap();
        let mut c = Case::create(CaseId::from_random(1), &NewCase { name: "A".into(), ..NewCase::default() }, now).unwrap();
        c.plan.add_need().unwrap();
        c
    }

    fn person(present: bool, why: &str) -> AttendeeForm {
        AttendeeForm { role: "person".into(), present, absence_note: why.into(), ..AttendeeForm::default() }
    }

    fn form() -> MeetingForm {
        MeetingForm {
            held_on: "R9.3.20".into(),
            place: "本人の自宅".into(),
            attendees: vec![
                person(true, ""),
                AttendeeForm { role: "provider".into(), affiliation: "さくらヘルパー　サ責".into(), name: "田中".into(), present: true, ..AttendeeForm::default() },
                // A row added and left blank is dropped, not an error.
                AttendeeForm { role: "family".into(), ..AttendeeForm::default() },
            ],
            items: "計画案の内容".into(),
            conclusion: "案のとおり進める".into(),
            ..MeetingForm::default()
        }
    }

    #[test]
    fn a_meeting_on_the_draft_is_tied_to_the_version_the_draft_becomes() {
        let mut c = case();
        let id = c.record_meeting(&form()).unwrap();
        let m = c.team_meeting(id).unwrap();
        assert_eq!((m.plan_version, m.on_draft), (1, true));
        assert_eq!(m.plan_label(), "計画案（第1版）");
        assert_eq!(m.attendees.len(), 2, "the blank family row is dropped");
        assert_eq!(m.held_on, NaiveDate::from_ymd_opt(2027, 3, 20).unwrap());
        assert!(m.person_present());
        assert_eq!(c.stage, Stage::TeamMeeting);

        c.make_final(&FinalForm { made_on: "R9.3.25".into(), consented_on: "R9.3.25".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
        let after = c.record_meeting(&form()).unwrap();
        assert_eq!(c.team_meeting(after).unwrap().plan_label(), "計画 第1版", "on the plan in force");
        assert_eq!(c.meeting_number(after), 2);
        c.revise_plan();
        let change = c.record_meeting(&form()).unwrap();
        assert_eq!(c.team_meeting(change).unwrap().plan_label(), "計画の変更案（第2版）");
        assert_eq!(c.meeting_number(change), 1);
        assert_eq!(c.stage, Stage::Plan, "a later stage is not moved back");
    }

    #[test]
    fn bad_input_is_refused_with_every_reason_and_stores_nothing() {
        let mut c = case();
        let bad = MeetingForm {
            held_on: "3月20日".into(),
            place: " ".into(),
            attendees: vec![
                AttendeeForm { role: String::new(), name: "佐藤".into(), present: true, ..AttendeeForm::default() },
                AttendeeForm { role: "provider".into(), absence_note: "照会済み".into(), ..AttendeeForm::default() },
            ],
            corrects: Some(MeetingId(9)),
            ..MeetingForm::default()
        };
        let fields: Vec<String> = c.record_meeting(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["held_on", "place", "attendee-0-role", "attendee-1-name", "items", "conclusion", "corrects"]);
        assert!(c.team_meetings.is_empty());
        assert_eq!(c.stage, Stage::Intake);
        let none = MeetingForm { attendees: Vec::new(), ..form() };
        assert_eq!(c.record_meeting(&none).unwrap_err()[0].field, "attendees");
    }

    #[test]
    fn a_correction_is_a_new_record_and_the_old_one_stays() {
        let mut c = case();
        let first = c.record_meeting(&form()).unwrap();
        // Recorded after the plan was made final and a change begun: still about the 計画案 it corrected.
        c.make_final(&FinalForm { made_on: "R9.3.25".into(), consented_on: "R9.3.25".into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
        c.revise_plan();
        let fixed = c.record_meeting(&MeetingForm { conclusion: "訂正した結論".into(), corrects: Some(first), ..form() }).unwrap();
        assert_eq!(c.team_meeting(fixed).unwrap().plan_label(), "計画案（第1版）");
        assert_eq!(c.team_meetings.len(), 2);
        assert_eq!(c.team_meeting(first).unwrap().conclusion, "案のとおり進める", "the old record is kept as it was");
        assert!(c.meeting_corrected(first));
        assert_eq!(c.current_meetings().iter().map(|m| m.id).collect::<Vec<_>>(), [fixed]);
        assert_eq!(c.meeting_number(fixed), 1, "the corrected one is not counted");
    }

    #[test]
    fn the_record_round_trips_through_json() {
        let mut c = case();
        c.record_meeting(&MeetingForm { attendees: vec![person(false, "入院中のため。事前に意向を聞いた")], ..form() }).unwrap();
        let text = serde_json::to_string(&c.team_meetings).unwrap();
        assert!(text.contains("\"role\":\"person\""));
        let back: Vec<TeamMeeting> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, c.team_meetings);
        assert!(serde_json::from_str::<Vec<TeamMeeting>>(&text.replace("\"id\":1", "\"id\":4294967295")).is_err(), "ids beyond MAX_ID are refused");
    }

    #[test]
    fn a_draft_survives_json_as_typed_a_failed_record_keeps_it_and_a_record_clears_it() {
        let mut c = case();
        assert!(c.record_meeting_draft().is_err(), "no draft: nothing to record");
        // Half a meeting, the date not yet readable: kept exactly as typed.
        c.meeting_draft = Some(MeetingForm { held_on: "R9.3.".into(), conclusion: String::new(), ..form() });
        let text = serde_json::to_string(&c).unwrap();
        assert!(text.contains("\"meeting_draft\":{\"held_on\":\"R9.3.\""), "{text}");
        assert!(!text.contains("\"discussion\":\"\""), "empty texts are omitted");
        let mut back: Case = serde_json::from_str(&text).unwrap();
        assert_eq!(back, c);
        assert_eq!(back.meeting_draft.as_ref().unwrap().attendees[2], AttendeeForm { role: "family".into(), ..AttendeeForm::default() }, "a blank row stays too");

        let fields: Vec<String> = back.record_meeting_draft().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["held_on", "conclusion"]);
        assert_eq!(back.meeting_draft, c.meeting_draft, "refused: the draft is kept as typed");
        assert!(back.team_meetings.is_empty());

        let d = back.meeting_draft.as_mut().unwrap();
        d.held_on = "R9.3.20".into();
        d.conclusion = "案のとおり進める".into();
        let id = back.record_meeting_draft().unwrap();
        assert_eq!(back.meeting_draft, None, "recorded: the draft is gone");
        assert_eq!(back.team_meeting(id).unwrap().held_on, NaiveDate::from_ymd_opt(2027, 3, 20).unwrap());
        assert!(!serde_json::to_string(&back).unwrap().contains("meeting_draft"));
        // An older record without the field reads as no draft.
        let old: Case = serde_json::from_str(&serde_json::to_string(&case()).unwrap()).unwrap();
        assert_eq!(old.meeting_draft, None);
    }

    #[test]
    fn a_correction_fills_the_draft_but_never_over_typing_unless_agreed() {
        let mut c = case();
        let first = c.record_meeting(&form()).unwrap();
        assert!(c.start_meeting_correction(first, false), "no draft: filled at once");
        let d = c.meeting_draft.clone().unwrap();
        assert_eq!((d.held_on.as_str(), d.corrects, d.attendees.len()), ("令和9年3月20日", Some(first), 2));
        assert_eq!(d.conclusion, "案のとおり進める");

        c.meeting_draft = Some(MeetingForm { place: "事業所".into(), ..MeetingForm::default() });
        assert!(!c.start_meeting_correction(first, false), "typing is not replaced without asking");
        assert_eq!(c.meeting_draft.as_ref().unwrap().place, "事業所");
        assert!(c.start_meeting_correction(first, true));
        assert_eq!(c.meeting_draft.as_ref().unwrap().corrects, Some(first));
        // A draft of only the starting rows (a role, nothing typed) is not typing.
        c.meeting_draft = Some(MeetingForm { attendees: vec![AttendeeForm { role: "person".into(), present: true, ..AttendeeForm::default() }], ..MeetingForm::default() });
        assert!(c.start_meeting_correction(first, false));
        assert!(!c.start_meeting_correction(MeetingId(9), true), "no such record");

        c.meeting_draft.as_mut().unwrap().conclusion = "訂正した結論".into();
        let fixed = c.record_meeting_draft().unwrap();
        assert!(c.meeting_corrected(first));
        assert_eq!(c.team_meeting(fixed).unwrap().conclusion, "訂正した結論");
    }

    #[test]
    fn the_check_does_not_count_a_draft_as_a_meeting() {
        use crate::domain::check::{check_case, CheckOptions};
        let mut c = case();
        c.stage = Stage::TeamMeeting;
        let none = |c: &Case| check_case(c, &CheckOptions::default()).iter().any(|f| f.rule.id == "meeting.none_for_plan");
        assert!(none(&c));
        c.meeting_draft = Some(form());
        assert!(none(&c), "a draft is not a meeting held");
        c.record_meeting_draft().unwrap();
        assert!(!none(&c), "recorded, it counts");
    }
}
