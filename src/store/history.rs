//! History records: the frozen part of a case, stored apart from the case record.
//!
//! A case with years of history (plan versions, recorded モニタリング, reviews, 担当者会議,
//! the エコマップ of each final plan) is many times
//! the size of its working data, and the autosave after a keystroke must not rewrite all of
//! it. So a case is stored as two records:
//! - the **case record** `soudan-workbench/case/<id>` (the envelope as before): the working
//!   data, with the lists below reduced to their items that are not frozen, and
//!   `history: {"key":…, "fnv":…}` naming the history record and the FNV-1a of its JSON;
//! - the **history record** `soudan-workbench/case/<id>/history/<revision>-<fnv8>`: the
//!   frozen leading items of each list ([`History`]), deflated ([`pack`]). Written only when
//!   the history changed (a plan made final, a monitoring recorded, a review received), under
//!   a new key, before the case record that names it; the one it replaces is removed after.
//!
//! Sealed like every key under `case/` (`seal`: a packed record is sealed as its bytes).
//! Reading joins the two back into one `Case`; a history record that is missing, cannot be
//! read, or is not the one the case record names sets the case aside (never shown partial).
//! The export file is unchanged: whole cases, one object each.
//!
//! Why one record for the whole history rather than one per item: deflate finds the long
//! repeats between plan versions (most of a revised plan is the previous one's text) only
//! within one stream. For a 3-year case (examples/storage_bench.rs) the history's JSON is
//! about 77,000 UTF-16 units: 4,700 deflated as one record, 31,500 deflated item by item;
//! only the first lets 300 sealed 3-year cases fit in the 5,242,880 units of localStorage.
//! The history is written a few times a year per case, and a keystroke never writes it.

use crate::domain::ecomap::FinalEcoMap;
use crate::domain::meeting::TeamMeeting;
use crate::domain::monitoring::{MonitoringReport, ReportStatus};
use crate::domain::review::Review;
use crate::domain::{Case, CaseId, ServicePlan};
use serde::{Deserialize, Serialize};

/// An item of a history list: whether it can no longer change (so it can leave the case
/// record). Only a leading run of frozen items moves, so the order of every list is kept.
pub trait Frozen {
    fn frozen(&self) -> bool;
}

impl Frozen for ServicePlan {
    /// `final_plans` holds only final copies, never edited (`Case::make_final`).
    fn frozen(&self) -> bool {
        true
    }
}

impl Frozen for MonitoringReport {
    /// A draft is still typed into; a recorded report is frozen (`record_monitoring`).
    fn frozen(&self) -> bool {
        self.status == ReportStatus::Recorded
    }
}

impl Frozen for Review {
    /// A review received is kept as it came (the draft is `Case::review_draft`).
    fn frozen(&self) -> bool {
        true
    }
}

impl Frozen for TeamMeeting {
    /// Only recorded meetings are stored; a correction is a new record (`Case::record_meeting`).
    fn frozen(&self) -> bool {
        true
    }
}

impl Frozen for FinalEcoMap {
    /// The eco-map as it was when a plan version was made final (`Case::make_final`).
    fn frozen(&self) -> bool {
        true
    }
}

macro_rules! history_lists {
    ($($field:ident: $ty:ty),* $(,)?) => {
        /// The frozen leading items of each history list of a case.
        #[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
        pub struct History {
            $(#[serde(default, skip_serializing_if = "Vec::is_empty")] pub $field: Vec<$ty>,)*
        }

        impl History {
            /// The case without its frozen items, and those items.
            pub fn split(case: &Case) -> (Case, History) {
                let mut hot = case.clone();
                let history = History { $($field: take_frozen(&mut hot.$field),)* };
                (hot, history)
            }

            /// Puts the frozen items back in front of the case's own.
            pub fn join(self, case: &mut Case) {
                $(put_back(&mut case.$field, self.$field);)*
            }

            pub fn is_empty(&self) -> bool {
                true $(&& self.$field.is_empty())*
            }
        }
    };
}

// One line per frozen list of `Case`: a new one joins the history here.
history_lists! {
    final_plans: ServicePlan,
    monitoring_reports: MonitoringReport,
    reviews: Review,
    team_meetings: TeamMeeting,
    final_eco_maps: FinalEcoMap,
}

fn take_frozen<T: Frozen>(list: &mut Vec<T>) -> Vec<T> {
    let n = list.iter().take_while(|i| i.frozen()).count();
    list.drain(..n).collect()
}

fn put_back<T>(list: &mut Vec<T>, mut front: Vec<T>) {
    front.append(list);
    *list = front;
}

/// The stored form of a history record, before packing.
/// `H` is what is read of the lists: all of them ([`History`]) or only the monitorings'
/// dates the case list needs ([`HeldHistory`]).
#[derive(Serialize, Deserialize)]
pub struct Record<H = History> {
    pub schema_version: u32,
    pub case_id: CaseId,
    pub history: H,
}

/// Of a history record, what the case list reads: when each recorded monitoring was held.
#[derive(Deserialize)]
pub struct HeldHistory {
    #[serde(default)]
    pub monitoring_reports: Vec<crate::domain::summary::HeldOn>,
}

/// What the case record says of its history record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryRef {
    /// The case record's revision when this history was written (part of the key).
    pub revision: u64,
    /// FNV-1a 64 of the history record's JSON (before packing), hex in the record.
    #[serde(with = "hex_u64")]
    pub fnv: u64,
}

impl HistoryRef {
    /// `soudan-workbench/case/<id>/history/<revision>-<first 8 hex of fnv>`: two tabs writing
    /// different histories in the same instant use different keys.
    pub fn key(&self, id: &CaseId) -> String {
        format!("{}/history/{}-{:08x}", super::case_key(id), self.revision, self.fnv >> 32)
    }
}

/// Every key of the history records of a case (`<case key>/`), for delete.
pub fn key_prefix(id: &CaseId) -> String {
    format!("{}/", super::case_key(id))
}

/// Whether `key` is a history record (of any case).
pub fn is_history_key(key: &str) -> bool {
    key.strip_prefix(super::CASE_KEY_PREFIX).is_some_and(|rest| rest.contains("/history/"))
}

/// FNV-1a 64: a stable checksum (stored; std's hasher may change between Rust versions).
pub fn fnv64(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

mod hex_u64 {
    pub fn serialize<S: serde::Serializer>(v: &u64, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&format!("{v:016x}"))
    }
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u64, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(d)?;
        u64::from_str_radix(&text, 16).map_err(serde::de::Error::custom)
    }
}

/// The JSON of a history record.
pub fn to_json(id: &CaseId, history: &History) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema_version: u32,
        case_id: &'a CaseId,
        history: &'a History,
    }
    serde_json::to_string(&Out { schema_version: super::SCHEMA_VERSION, case_id: id, history }).expect("a history serialises")
}

/// Packed text starts with this: `deflate1:<bytes>:<b15 of the deflated JSON>`.
pub const PACKED_PREFIX: &str = "deflate1:";
/// A packed record never inflates beyond this (a damaged or hand-made one is refused).
const MAX_UNPACKED: usize = 64 << 20;

/// Deflates text: the bytes, to be stored as [`packed_text`] or sealed as they are.
pub fn deflate(text: &str) -> Vec<u8> {
    // Level 6: within a few percent of 9's size on case JSON, at about half the time.
    miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6)
}

/// The stored text of deflated bytes: 15 bits per UTF-16 unit (`seal::b15`).
pub fn packed_text(bytes: &[u8]) -> String {
    format!("{PACKED_PREFIX}{}:{}", bytes.len(), super::seal::b15::encode(bytes))
}

/// The deflated bytes of a packed text, or `None` if it is not one.
pub fn packed_bytes(text: &str) -> Option<Vec<u8>> {
    let (len, data) = text.strip_prefix(PACKED_PREFIX)?.split_once(':')?;
    super::seal::b15::decode(data, len.parse().ok()?)
}

pub fn pack(text: &str) -> String {
    packed_text(&deflate(text))
}

/// The text a packed record holds, or why not.
pub fn unpack(text: &str) -> Result<String, String> {
    let bytes = packed_bytes(text).ok_or("not a packed history record")?;
    let plain = miniz_oxide::inflate::decompress_to_vec_with_limit(&bytes, MAX_UNPACKED)
        .map_err(|_| "history record does not inflate")?;
    String::from_utf8(plain).map_err(|_| "history record is not UTF-8".to_owned())
}
