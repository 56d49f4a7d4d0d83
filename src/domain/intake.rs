//! インテーク・基本情報: what the specialist learns about the person's life first.
//!
//! Every field is optional free text (forms.md, "care-guideline style sheets add basic
//! information"): the specialist writes what the person tells, in any order.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Intake {
    /// 相談に至った経緯（主訴）
    pub referral: String,
    /// 生活歴
    pub life_history: String,
    /// 障害者手帳 (種類・等級)
    pub handbooks: String,
    /// 年金
    pub pension: String,
    /// 生活保護
    pub public_assistance: String,
    /// 医療・服薬 (通院先 included)
    pub medical: String,
    /// 補装具
    pub assistive_devices: String,
    /// 住居
    pub housing: String,
    /// 一日の流れ（本人）
    pub daily_routine_person: String,
    /// 一日の流れ（介護者）
    pub daily_routine_carer: String,
    /// 家族構成・関係
    pub family: String,
    /// 保護者 (for-child cases): who, and how to reach them is not stored here on purpose.
    pub guardian: String,
}

/// One text field of [`Intake`]: its key in the data format, its label on screen, and
/// whether it belongs only to for-child cases.
pub struct IntakeField {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub child_only: bool,
    get: fn(&Intake) -> &String,
    get_mut: fn(&mut Intake) -> &mut String,
}

impl IntakeField {
    pub fn get<'a>(&self, intake: &'a Intake) -> &'a str {
        (self.get)(intake)
    }

    pub fn set(&self, intake: &mut Intake, value: String) {
        *(self.get_mut)(intake) = value;
    }
}

macro_rules! fields {
    ($( $field:ident, $label:literal, $hint:literal, $child:literal; )*) => {
        /// The fields in screen order.
        pub const INTAKE_FIELDS: &[IntakeField] = &[$(
            IntakeField {
                key: stringify!($field),
                label: $label,
                hint: $hint,
                child_only: $child,
                get: |i| &i.$field,
                get_mut: |i| &mut i.$field,
            },
        )*];
    };
}

fields! {
    referral, "相談に至った経緯", "誰から、どのような相談があったか。本人の言葉はそのまま「」で。", false;
    guardian, "保護者", "保護者の続柄など。保護者の意向は本人の意向と分けて書きます。", true;
    life_history, "生活歴", "生まれてから今までの暮らし。できてきたこと、続けてきたことも。", false;
    family, "家族の状況", "家族構成と関係。", false;
    housing, "住居", "住まいの種類、同居の有無、住まいについての本人の思い。", false;
    handbooks, "障害者手帳", "種類と等級（身体・療育・精神）。", false;
    pension, "年金", "障害年金などの受給状況。", false;
    public_assistance, "生活保護", "受給の有無など。", false;
    medical, "医療・服薬", "通院先、服薬、健康面で気をつけていること。", false;
    assistive_devices, "補装具", "使っている補装具・日常生活用具。", false;
    daily_routine_person, "一日の流れ（本人）", "起きてから寝るまで。", false;
    daily_routine_carer, "一日の流れ（介護者）", "家族など介護する人の一日。", false;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_reads_and_writes_its_own_slot() {
        let mut intake = Intake::default();
        for (i, f) in INTAKE_FIELDS.iter().enumerate() {
            f.set(&mut intake, format!("value {i}"));
        }
        for (i, f) in INTAKE_FIELDS.iter().enumerate() {
            assert_eq!(f.get(&intake), format!("value {i}"), "{}", f.key);
        }
        // The keys are the data format's names.
        let json = serde_json::to_value(&intake).unwrap();
        for f in INTAKE_FIELDS {
            assert_eq!(json[f.key], f.get(&intake), "{}", f.key);
        }
        assert_eq!(json.as_object().unwrap().len(), INTAKE_FIELDS.len());
    }

    #[test]
    fn only_the_guardian_is_child_only() {
        let child_only: Vec<_> = INTAKE_FIELDS.iter().filter(|f| f.child_only).map(|f| f.key).collect();
        assert_eq!(child_only, ["guardian"]);
    }
}
