//! 研修モード's guided walkthrough (issue 15, part 2): the cycle インテーク → … → 評価 on a
//! training case, one step a screen. Each step says what to do, why (a quoted passage,
//! `tests/it/training.rs` holds every quote verbatim) and the common mistakes; then what
//! the chosen case shows at that step — read from its draft and model files — and the
//! case's teaching points that belong to it ([`step_of`]).
//!
//! Texts are short on purpose: they are read from the back of a room on a projector.

use super::case::{Case, Stage};
use super::plan::interval_label;
use super::sources::{self, Source};
use super::training::TeachingPoint;

/// What a step of the walkthrough says, whatever the case.
#[derive(Clone, Copy, Debug)]
pub struct Step {
    pub stage: Stage,
    /// すること: a few short lines.
    pub todo: &'static [&'static str],
    /// なぜ: the passage it rests on.
    pub why: Source,
    /// よくあるまちがい
    pub mistakes: &'static [&'static str],
}

/// The seven steps, in the order of the cycle (`Stage::ALL`).
pub const STEPS: [Step; 7] = [
    Step {
        stage: Stage::Intake,
        todo: &[
            "相談を受け付け、受理するかを判断する",
            "本人に会い、困りごとを本人の言葉で聞く",
            "誰からの相談か（本人・家族・支援者）を記録する",
        ],
        why: sources::INTAKE_RECEIVE,
        mistakes: &[
            "家族の話だけで主訴を決めてしまう",
            "最初からサービスの話を始める",
            "相談に至った経緯を記録しない",
        ],
    },
    Step {
        stage: Stage::Assessment,
        todo: &[
            "生活の場面ごとに、今の様子・本人の願い・家族の願い・強みを聞く",
            "本人の言葉は「」のまま書き、誰が言ったかを残す",
            "本人とともに、めざす方向を定める",
        ],
        why: sources::DIRECTION_TOGETHER,
        mistakes: &[
            "できないことだけを並べる",
            "家族の願いを本人の願いとして書く",
            "本人の言葉を支援者の言葉に言い換える",
        ],
    },
    Step {
        stage: Stage::Planning,
        todo: &[
            "本人の願いからニーズを立て、アセスメントの根拠とつなぐ",
            "目標は、誰が・どこで・何を・どのくらいで書く",
            "制度のサービスと家族・地域の支えを組み合わせ、種類と量に理由を書く",
        ],
        why: sources::CONCRETE_WAYS,
        mistakes: &[
            "「安定した生活」のような、見えない目標",
            "サービス名をそのまま目標にする",
            "なぜこのサービス・この頻度かを書かない",
        ],
    },
    Step {
        stage: Stage::TeamMeeting,
        todo: &[
            "本人と、支援する人・機関が集まり、計画案を確かめる",
            "それぞれの役割と連絡の方法を決め、合意する",
            "緊急時に誰が何をするかを決めておく",
        ],
        why: sources::TEAM_AGREEMENT,
        mistakes: &[
            "本人のいないところで決める",
            "役割があいまいなまま終わる",
            "会議の記録を残さない",
        ],
    },
    Step {
        stage: Stage::Plan,
        todo: &[
            "会議で合意した内容で計画を確定する",
            "本人にわかる言葉で説明し、同意を得る",
            "本人と、市町村・事業所に計画を渡す",
        ],
        why: sources::UNDERSTANDABLE_PLAN,
        mistakes: &[
            "専門用語のまま本人に渡す",
            "会議で変わった点を計画に入れない",
            "同意を得た日を残さない",
        ],
    },
    Step {
        stage: Stage::Monitoring,
        todo: &[
            "決めた頻度で本人に会い、めざす方向に向かっているかを確かめる",
            "頻度は標準期間で一律にせず、本人の状況から決めて理由を書く",
            "変化があれば、次の予定を待たずに会う",
        ],
        why: sources::MONITORING_NOT_UNIFORM,
        mistakes: &[
            "理由なく標準期間のままにする",
            "サービスに通っているかだけを確かめる",
            "事業所の話だけで本人に会わない",
        ],
    },
    Step {
        stage: Stage::Evaluation,
        todo: &[
            "モニタリングをもとに、計画を進めるか見直すかを決める",
            "目標ごとに、どこまで来たかを本人と確かめる",
            "足りない資源は地域課題として協議会へ伝える",
        ],
        why: sources::REVIEW_AND_REVISE,
        mistakes: &[
            "評価の時期を決めずに計画を続ける",
            "うまくいかない理由を本人のせいにする",
            "残された課題を記録しない",
        ],
    },
];

/// The step of `stage`.
pub fn step(stage: Stage) -> &'static Step {
    STEPS.iter().find(|s| s.stage == stage).expect("every stage has a step")
}

/// Its place in the walkthrough, from 1 (「ステップ 3 / 7」).
pub fn number(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).map_or(1, |i| i + 1)
}

pub fn next(stage: Stage) -> Option<Stage> {
    Stage::ALL.get(number(stage)).copied()
}

pub fn previous(stage: Stage) -> Option<Stage> {
    number(stage).checked_sub(2).map(|i| Stage::ALL[i])
}

/// The step a teaching point is discussed at, by the part of the plan its rule reads:
/// the person's words and the 意思決定支援 record come from the アセスメント; the team and
/// the 支援困難 arrangements are agreed at the 担当者会議; the monitoring interval is
/// モニタリング; an unmet need carried to the 協議会 is 評価 (what remains). Everything else
/// — goals, supports, amounts, wording, and the points no rule finds — is written in the 計画案.
pub fn step_of(point: &TeachingPoint) -> Stage {
    let rule = point.rule.as_deref().unwrap_or("");
    let family = rule.split('.').next().unwrap_or("");
    match family {
        "wishes" | "decision" => Stage::Assessment,
        "difficulty" => Stage::TeamMeeting,
        "monitoring" => Stage::Monitoring,
        "community" => Stage::Evaluation,
        _ => Stage::Planning,
    }
}

/// What the chosen case shows at a step: titled blocks of short lines. With `compare`,
/// the blocks are the draft's and the model's, to be read side by side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Material {
    pub blocks: Vec<Block>,
    pub compare: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    pub title: &'static str,
    pub lines: Vec<String>,
}

/// At most this many lines a block (a projector shows little at a time).
const MAX_LINES: usize = 4;

fn block(title: &'static str, lines: impl IntoIterator<Item = String>) -> Option<Block> {
    let lines: Vec<String> = lines.into_iter().filter(|l| !l.trim().is_empty()).take(MAX_LINES).collect();
    (!lines.is_empty()).then_some(Block { title, lines })
}

fn or_blank(text: &str) -> String {
    if text.trim().is_empty() { "（未記入）".to_owned() } else { text.trim().to_owned() }
}

fn monitoring_line(case: &Case) -> Vec<String> {
    let m = &case.plan.monitoring;
    let interval = m.interval_months.map_or("（頻度の記入なし）".to_owned(), interval_label);
    vec![interval, format!("理由：{}", or_blank(&m.reason))]
}

/// The case's own material for `stage`: its intake, the person's words from the
/// assessment, the draft's needs beside the model's, the model's team and goals, both
/// monitoring proposals. 評価 has nothing in the files (the cases end at the plan).
pub fn material(stage: Stage, draft: &Case, model: &Case) -> Material {
    let blocks: Vec<Option<Block>> = match stage {
        Stage::Intake => vec![
            block("相談に至った経緯", [model.intake.referral.clone()]),
            block("家族", [model.intake.family.clone()]),
        ],
        Stage::Assessment => vec![block(
            "本人の言葉（アセスメントから）",
            model.assessment.persons_own_wishes().into_iter().map(|(d, e)| format!("「{}」（{}）", e.text.trim(), d.label())),
        )],
        Stage::Planning => {
            let needs = |c: &Case| c.plan.needs().iter().map(|n| format!("{} → 目標：{}", or_blank(&n.need), or_blank(&n.goal))).collect::<Vec<_>>();
            return Material {
                blocks: [block("下書き（初任者の案）のニーズと目標", needs(draft)), block("模範の計画のニーズと目標", needs(model))].into_iter().flatten().collect(),
                compare: true,
            };
        }
        Stage::TeamMeeting => {
            let mut team: Vec<String> = Vec::new();
            for s in model.plan.needs().iter().flat_map(|n| &n.supports) {
                let who = if s.provider.trim().is_empty() { s.kind.trim().to_owned() } else { format!("{}（{}）", s.kind.trim(), s.provider.trim()) };
                if !who.is_empty() && !team.contains(&who) {
                    team.push(who);
                }
            }
            vec![block("会議に集まる顔ぶれ（模範の計画の支援から）", team)]
        }
        Stage::Plan => vec![
            block("本人の意向（模範の計画）", [model.plan.person_wishes.clone()]),
            block("長期目標（模範の計画）", [model.plan.long_term_goal.clone()]),
        ],
        Stage::Monitoring => {
            return Material {
                blocks: [block("下書きのモニタリング頻度", monitoring_line(draft)), block("模範のモニタリング頻度", monitoring_line(model))].into_iter().flatten().collect(),
                compare: true,
            };
        }
        Stage::Evaluation => vec![],
    };
    Material { blocks: blocks.into_iter().flatten().collect(), compare: false }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_follow_the_cycle_and_move_one_at_a_time() {
        let stages: Vec<Stage> = STEPS.iter().map(|s| s.stage).collect();
        assert_eq!(stages, Stage::ALL.to_vec());
        assert_eq!((number(Stage::Intake), number(Stage::Evaluation)), (1, 7));
        assert_eq!(next(Stage::Intake), Some(Stage::Assessment));
        assert_eq!(next(Stage::Evaluation), None);
        assert_eq!(previous(Stage::Intake), None);
        assert_eq!(previous(Stage::Evaluation), Some(Stage::Monitoring));
    }

    #[test]
    fn points_go_to_the_step_their_rule_reads() {
        let point = |rule: Option<&str>| TeachingPoint {
            id: "p".into(),
            title: "t".into(),
            explanation: "e".into(),
            rule: rule.map(Into::into),
            checked: rule.is_some(),
            source: crate::domain::training::PointSource { code: "001".into(), heading: "h".into(), quote: "q".into() },
        };
        assert_eq!(step_of(&point(Some("wishes.family_in_person"))), Stage::Assessment);
        assert_eq!(step_of(&point(Some("monitoring.reason_missing"))), Stage::Monitoring);
        assert_eq!(step_of(&point(Some("difficulty.meetings_missing"))), Stage::TeamMeeting);
        assert_eq!(step_of(&point(Some("community.unmet_not_recorded"))), Stage::Evaluation);
        assert_eq!(step_of(&point(Some("goal.vague_wording"))), Stage::Planning);
        assert_eq!(step_of(&point(None)), Stage::Planning);
    }
}
