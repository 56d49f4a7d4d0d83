//! 評価: `diff_plans` (計画の変更履歴) finds each kind of change once and nothing else, and
//! `need_trails` follows each need through the monitorings to the next version's 継続・変更・終了.

use chrono::{DateTime, NaiveDate};
use soudan_workbench::domain::case::{CaseId, FinalForm, NewCase};
use soudan_workbench::domain::monitoring::MonitoringVisit;
use soudan_workbench::domain::plan::NeedId;
use soudan_workbench::domain::versions::{diff_plans, need_trails, plan_versions, ChangeKind, Fate, Field};
use soudan_workbench::domain::{Case, Formality, GridColumn, Per, ServicePlan, TimeOfDay};

/// A plan with the narrative, two needs with a support each, an interval and a slot.
fn plan() -> ServicePlan {
    let mut p = ServicePlan::default();
    p.person_wishes = "一人暮らしを続けたい".into();
    p.family_wishes = "無理なく続けてほしい".into();
    p.support_policy = "本人のペースで".into();
    p.long_term_goal = "地域で暮らし続ける".into();
    p.short_term_goal = "生活リズムを整える".into();
    for (need, goal, kind, times, provider) in
        [("日中通う場所がほしい", "週5日通う", "生活介護", 5, "ひかり作業所"), ("買い物に一人で行きたい", "一人でスーパーに行く", "移動支援", 2, "あおば事業所")]
    {
        let id = p.add_need().unwrap();
        let n = p.need_mut(id).unwrap();
        n.need = need.into();
        n.goal = goal.into();
        n.target_date = "令和9年3月".into();
        let s = n.supports[0].id;
        p.update_support(s, |s| {
            s.kind = kind.into();
            s.content = "送迎あり".into();
            s.amount.times = Some(times);
            s.amount.per = Per::Week;
            s.amount.hours = Some(6.0);
            s.provider = provider.into();
        });
    }
    p.monitoring.interval_months = Some(3);
    p.monitoring.reason = "生活が安定している".into();
    let first = p.needs()[0].supports[0].id;
    p.schedule.add_slot(&[GridColumn::Mon, GridColumn::Wed], TimeOfDay::new(9, 0).unwrap(), TimeOfDay::new(15, 0).unwrap(), "生活介護".into(), Some(first));
    p
}

fn first_need(p: &ServicePlan) -> NeedId {
    p.needs()[0].id
}

fn one_change(before: &ServicePlan, after: &ServicePlan) -> (Field, ChangeKind, String, String, String) {
    let changes = diff_plans(before, after);
    assert_eq!(changes.len(), 1, "exactly one change expected: {changes:#?}");
    let c = &changes[0];
    (c.field, c.kind, c.place(), c.before.clone(), c.after.clone())
}

#[test]
fn an_unchanged_plan_has_no_changes() {
    let p = plan();
    assert!(diff_plans(&p, &p).is_empty());
    assert!(diff_plans(&ServicePlan::default(), &ServicePlan::default()).is_empty());
    // Only surrounding whitespace differs: nothing a reader would call a change.
    let mut q = p.clone();
    q.support_policy = " 本人のペースで\n".into();
    assert!(diff_plans(&p, &q).is_empty());
    // The header, consent and check marks are not what the plan says about the person.
    q.header.drafted_on = "令和9年4月1日".into();
    q.set_mark("x@y", Some(soudan_workbench::domain::MarkStatus::Done), "").unwrap();
    assert!(diff_plans(&p, &q).is_empty());
}

#[test]
fn each_kind_of_change_is_found_exactly_once() {
    type Edit = fn(&mut ServicePlan);
    let cases: Vec<(Edit, Field, ChangeKind, &str, &str)> = vec![
        (|p| p.person_wishes = "グループホームで暮らしたい".into(), Field::PersonWishes, ChangeKind::Changed, "一人暮らしを続けたい", "グループホームで暮らしたい"),
        (|p| p.family_wishes = String::new(), Field::FamilyWishes, ChangeKind::Removed, "無理なく続けてほしい", ""),
        (|p| p.support_policy = "本人の選択を尊重".into(), Field::SupportPolicy, ChangeKind::Changed, "本人のペースで", "本人の選択を尊重"),
        (|p| p.long_term_goal = "働く".into(), Field::LongTermGoal, ChangeKind::Changed, "地域で暮らし続ける", "働く"),
        (|p| p.short_term_goal = "朝起きる".into(), Field::ShortTermGoal, ChangeKind::Changed, "生活リズムを整える", "朝起きる"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().need = "日中の居場所がほしい".into(); }, Field::NeedText, ChangeKind::Changed, "日中通う場所がほしい", "日中の居場所がほしい"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().goal = "週3日通う".into(); }, Field::Goal, ChangeKind::Changed, "週5日通う", "週3日通う"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().target_date = "令和9年9月".into(); }, Field::TargetDate, ChangeKind::Changed, "令和9年3月", "令和9年9月"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().persons_role = "朝の支度を自分でする".into(); }, Field::PersonsRole, ChangeKind::Added, "", "朝の支度を自分でする"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().review_date = "令和9年1月".into(); }, Field::ReviewDate, ChangeKind::Added, "", "令和9年1月"),
        (|p| { let id = first_need(p); p.need_mut(id).unwrap().notes = "体調に注意".into(); }, Field::NeedNotes, ChangeKind::Added, "", "体調に注意"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.formality = Formality::Informal); }, Field::SupportFormality, ChangeKind::Changed, "フォーマル", "インフォーマル"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.kind = "就労継続支援".into()); }, Field::SupportKind, ChangeKind::Changed, "生活介護", "就労継続支援"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.content = "昼食あり".into()); }, Field::SupportContent, ChangeKind::Changed, "送迎あり", "昼食あり"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.amount.times = Some(3)); }, Field::SupportAmount, ChangeKind::Changed, "週5回・1回6時間", "週3回・1回6時間"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.provider = "みどり作業所".into()); }, Field::SupportProvider, ChangeKind::Changed, "ひかり作業所", "みどり作業所"),
        (|p| { let s = p.needs()[0].supports[0].id; p.update_support(s, |s| s.reason = "体力に合わせる".into()); }, Field::SupportReason, ChangeKind::Added, "", "体力に合わせる"),
        (|p| { let id = first_need(p); let s = p.add_support(id).unwrap(); p.update_support(s, |s| s.kind = "家族".into()); }, Field::Support, ChangeKind::Added, "", "家族"),
        (|p| { let s = p.needs()[1].supports[0].id; p.remove_support(s); }, Field::Support, ChangeKind::Removed, "移動支援：送迎あり（週2回・1回6時間） あおば事業所", ""),
        (|p| p.monitoring.interval_months = Some(1), Field::MonitoringInterval, ChangeKind::Changed, "3か月ごと", "毎月"),
        (|p| p.monitoring.reason = "通所先が変わる".into(), Field::MonitoringReason, ChangeKind::Changed, "生活が安定している", "通所先が変わる"),
        (|p| { let s = p.schedule.slots()[0].id; p.schedule.update_slot(s, |s| s.end = TimeOfDay::new(16, 0).unwrap()); }, Field::ScheduleSlot, ChangeKind::Changed, "月・水 9:00〜15:00 生活介護", "月・水 9:00〜16:00 生活介護"),
        (|p| { p.schedule.add_slot(&[GridColumn::Sat], TimeOfDay::new(10, 0).unwrap(), TimeOfDay::new(12, 0).unwrap(), "買い物".into(), None); }, Field::ScheduleSlot, ChangeKind::Added, "", "土 10:00〜12:00 買い物"),
        (|p| { let s = p.schedule.slots()[0].id; p.schedule.remove_slot(s); }, Field::ScheduleSlot, ChangeKind::Removed, "月・水 9:00〜15:00 生活介護", ""),
        (|p| p.schedule.start_month = "令和9年4月".into(), Field::ScheduleStartMonth, ChangeKind::Added, "", "令和9年4月"),
        (|p| p.schedule.non_weekly = "月1回 通院".into(), Field::ScheduleNonWeekly, ChangeKind::Added, "", "月1回 通院"),
        (|p| p.schedule.whole_life = "日中は作業所".into(), Field::ScheduleWholeLife, ChangeKind::Added, "", "日中は作業所"),
        (|p| { let id = p.add_need().unwrap(); p.need_mut(id).unwrap().need = "友達がほしい".into(); }, Field::Need, ChangeKind::Added, "", "（支援目標・福祉サービス等は未記入）"),
        (|p| { let id = p.needs()[1].id; p.remove_need(id); }, Field::Need, ChangeKind::Removed, "支援目標：一人でスーパーに行く ／ 福祉サービス等：移動支援", ""),
    ];
    let base = plan();
    for (edit, field, kind, before, after) in cases {
        let mut changed = base.clone();
        edit(&mut changed);
        let (f, k, place, b, a) = one_change(&base, &changed);
        assert_eq!((f, k), (field, kind), "{place}");
        if field == Field::Support && kind == ChangeKind::Added {
            assert!(a.starts_with(after), "{a}");
        } else {
            assert_eq!((b.as_str(), a.as_str()), (before, after), "{place}");
        }
        // And back again: the opposite kind, once.
        let back = diff_plans(&changed, &base);
        assert_eq!(back.len(), 1, "{back:#?}");
        let opposite = match kind {
            ChangeKind::Added => ChangeKind::Removed,
            ChangeKind::Removed => ChangeKind::Added,
            ChangeKind::Changed => ChangeKind::Changed,
        };
        assert_eq!(back[0].kind, opposite, "{place}");
    }
}

#[test]
fn the_place_names_the_need_and_the_support() {
    let base = plan();
    let mut p = base.clone();
    let s = p.needs()[1].supports[0].id;
    p.update_support(s, |s| s.provider = "さくら事業所".into());
    let (_, _, place, _, _) = one_change(&base, &p);
    assert_eq!(place, "優先順位2「買い物に一人で行きたい」 ／ 福祉サービス等「移動支援」 ／ 提供事業者");
    let mut q = base.clone();
    q.remove_need(q.needs()[1].id);
    assert_eq!(one_change(&base, &q).2, "優先順位2「買い物に一人で行きたい」");
}

#[test]
fn three_changes_are_three_changes() {
    let base = plan();
    let mut p = base.clone();
    let id = first_need(&p);
    p.need_mut(id).unwrap().goal = "週3日通う".into();
    let s = p.needs()[1].supports[0].id;
    p.update_support(s, |s| s.amount.times = Some(4));
    p.monitoring.interval_months = Some(6);
    let fields: Vec<Field> = diff_plans(&base, &p).iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Goal, Field::SupportAmount, Field::MonitoringInterval]);
}

#[test]
fn reordered_priorities_are_one_move_per_need_moved() {
    let mut base = plan();
    let c = base.add_need().unwrap();
    base.need_mut(c).unwrap().need = "友達がほしい".into();
    let mut p = base.clone();
    // The third need moved to the top: it moved; the other two only kept their order.
    assert!(p.move_need(c, true) && p.move_need(c, true));
    let changes = diff_plans(&base, &p);
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert_eq!((changes[0].field, changes[0].before.as_str(), changes[0].after.as_str()), (Field::Priority, "優先順位3", "優先順位1"));
    assert_eq!(changes[0].place(), "優先順位1「友達がほしい」 ／ 優先順位");
    // A need removed moves the ones after it up, which is not a change of their priority.
    let mut q = base.clone();
    q.remove_need(q.needs()[0].id);
    let fields: Vec<Field> = diff_plans(&base, &q).iter().map(|c| c.field).collect();
    assert_eq!(fields, [Field::Need]);
}

#[test]
fn a_need_typed_again_is_matched_by_its_text() {
    let base = plan();
    let mut p = base.clone();
    let old = p.needs()[1].clone();
    p.remove_need(old.id);
    let id = p.add_need().unwrap();
    let n = p.need_mut(id).unwrap();
    n.need = old.need.clone();
    n.goal = old.goal.clone();
    n.target_date = old.target_date.clone();
    let s = n.supports[0].id;
    p.update_support(s, |s| *s = soudan_workbench::domain::SupportItem { id: s.id, ..old.supports[0].clone() });
    assert_ne!(id, old.id);
    assert!(diff_plans(&base, &p).is_empty(), "{:#?}", diff_plans(&base, &p));
}

fn now() -> DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339("2027-04-01T10:00:00+09:00").unwrap()
}

fn make_final(c: &mut Case, on: &str) {
    c.make_final(&FinalForm { made_on: on.into(), consented_on: on.into(), signer: "本人".into(), ..FinalForm::default() }).unwrap();
}

fn monitor(c: &mut Case, on: &str, achievements: &[&str]) {
    c.record_monitoring(&MonitoringVisit { held_on: on.into(), place: "自宅".into(), home_visit: true }).unwrap();
    let r = c.monitoring_reports.last_mut().unwrap();
    for (row, a) in r.rows.iter_mut().zip(achievements) {
        row.achievement = (*a).into();
    }
}

#[test]
fn versions_are_the_finals_and_a_change_being_drafted() {
    let mut c = Case::create(CaseId::from_random(7), &NewCase { name: "A".into(), ..NewCase::default() }, now()).unwrap();
    c.plan = plan();
    assert!(plan_versions(&c).is_empty(), "a first draft is not a version yet");
    make_final(&mut c, "2027-04-01");
    let v: Vec<(u32, bool)> = plan_versions(&c).iter().map(|v| (v.number, v.draft)).collect();
    assert_eq!(v, [(1, false)]);
    c.revise_plan();
    let v: Vec<(u32, bool)> = plan_versions(&c).iter().map(|v| (v.number, v.draft)).collect();
    assert_eq!(v, [(1, false), (2, true)]);
    assert_eq!(plan_versions(&c)[0].made_on(), NaiveDate::from_ymd_opt(2027, 4, 1));
    // The draft as just revised says the same as the final it came from.
    assert!(diff_plans(plan_versions(&c)[0].plan, plan_versions(&c)[1].plan).is_empty());
}

#[test]
fn each_need_is_followed_through_its_monitorings_to_the_next_version() {
    let mut c = Case::create(CaseId::from_random(8), &NewCase { name: "A".into(), ..NewCase::default() }, now()).unwrap();
    c.plan = plan();
    make_final(&mut c, "2027-04-01");
    // Recorded out of date order: the trail reads by 実施日.
    monitor(&mut c, "2027-10-05", &["週4日通えている", "まだ一人では難しい"]);
    monitor(&mut c, "2027-07-01", &["週3日", ""]);
    let (first, second) = (c.plan.needs()[0].id, c.plan.needs()[1].id);
    c.revise_plan();
    c.plan.need_mut(first).unwrap().goal = "週5日通い続ける".into();
    c.plan.remove_need(second);
    let third = c.plan.add_need().unwrap();
    c.plan.need_mut(third).unwrap().need = "友達がほしい".into();
    make_final(&mut c, "2028-04-01");

    let trails = need_trails(&c);
    assert_eq!(trails.len(), 2);
    let v1 = &trails[0];
    assert_eq!((v1.number, v1.draft, v1.monitoring_count), (1, false, 2));
    assert_eq!(v1.needs.len(), 2);
    let n1 = &v1.needs[0];
    assert_eq!((n1.need, n1.goal.as_str(), n1.new), (first, "週5日通う", false));
    let seen: Vec<(String, &str)> = n1.monitorings.iter().map(|m| (m.held_on.unwrap().to_string(), m.achievement.as_str())).collect();
    assert_eq!(seen, [("2027-07-01".to_owned(), "週3日"), ("2027-10-05".to_owned(), "週4日通えている")]);
    assert_eq!(n1.fate, Fate::Changed(vec!["支援目標"]));
    assert_eq!(v1.needs[1].fate, Fate::Closed);
    assert_eq!(v1.needs[1].monitorings[0].achievement, "", "an empty 達成度 stays in the trail");

    let v2 = &trails[1];
    assert_eq!((v2.number, v2.monitoring_count), (2, 0));
    let news: Vec<bool> = v2.needs.iter().map(|n| n.new).collect();
    assert_eq!(news, [false, true]);
    assert!(v2.needs.iter().all(|n| n.fate == Fate::Open));

    // A change being drafted is the next version of the last final.
    c.revise_plan();
    let trails = need_trails(&c);
    assert_eq!(trails.len(), 3);
    assert!(trails[1].needs.iter().all(|n| n.fate == Fate::Kept));
    assert!(trails[2].draft);
}
