//! 和暦 (Japanese era) dates, for the screen and for the printed forms.
//!
//! Era start dates follow CLDR's Japanese calendar (the same data the browser's
//! `Intl.DateTimeFormat('ja-JP-u-ca-japanese')` uses), so the screen and this module agree.
//! Dates before 明治 are shown in 西暦 only.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Timelike};

struct Era {
    name: &'static str,
    start: (i32, u32, u32),
}

/// Newest first, so the first era whose start is on or before a date is its era.
const ERAS: [Era; 5] = [
    Era { name: "令和", start: (2019, 5, 1) },
    Era { name: "平成", start: (1989, 1, 8) },
    Era { name: "昭和", start: (1926, 12, 25) },
    Era { name: "大正", start: (1912, 7, 30) },
    Era { name: "明治", start: (1868, 9, 8) },
];

/// Era name and year within the era (1 = 元年), or `None` before 明治.
pub fn era_year(date: NaiveDate) -> Option<(&'static str, i32)> {
    ERAS.iter().find_map(|era| {
        let (y, m, d) = era.start;
        let start = NaiveDate::from_ymd_opt(y, m, d).expect("era start dates are valid");
        (date >= start).then(|| (era.name, date.year() - y + 1))
    })
}

/// 「令和8年11月27日」; year 1 of an era is 「元年」.
pub fn format_wareki(date: NaiveDate) -> String {
    match era_year(date) {
        Some((era, 1)) => format!("{era}元年{}月{}日", date.month(), date.day()),
        Some((era, year)) => format!("{era}{year}年{}月{}日", date.month(), date.day()),
        None => format_seireki(date),
    }
}

/// 「2026年11月27日」
pub fn format_seireki(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// 「令和8年11月27日（2026年11月27日） 10:42」: both calendars, as specialists read 和暦
/// on every form but DADS asks for 西暦 too. The time is in the offset the moment was
/// recorded with (the user's local time).
pub fn format_date_time(moment: DateTime<FixedOffset>) -> String {
    let date = moment.date_naive();
    format!(
        "{}（{}） {:02}:{:02}",
        format_wareki(date),
        format_seireki(date),
        moment.hour(),
        moment.minute()
    )
}


/// Reads a date as specialists type it: 「2026-11-27」「2026/11/27」「2026年11月27日」,
/// 「令和8年11月27日」「R8.11.27」 (元年 too). `None` if it is not a whole valid date.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = super::text::to_half_width(raw.trim());
    let (era_start, rest) = era_prefix(&s);
    let s = rest.replace("元年", "1年");
    let nums: Vec<i32> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [y, m, d] = nums[..] else { return None };
    let year = match era_start {
        Some(start) if (1..=99).contains(&y) => start + y - 1,
        Some(_) => return None,
        // Four-digit 西暦 only: 「20266年」 is a typo, not a year.
        None if (1000..=9999).contains(&y) => y,
        None => return None,
    };
    NaiveDate::from_ymd_opt(year, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

/// The first year of an era named at the start of `s` (令和 / R / 平成 / H …), and the rest.
fn era_prefix(s: &str) -> (Option<i32>, &str) {
    const NAMES: [(&str, &str, i32); 5] = [
        ("令和", "R", 2019),
        ("平成", "H", 1989),
        ("昭和", "S", 1926),
        ("大正", "T", 1912),
        ("明治", "M", 1868),
    ];
    for (kanji, letter, start) in NAMES {
        if let Some(rest) = s.strip_prefix(kanji) {
            return (Some(start), rest);
        }
        if let Some(rest) = s.strip_prefix(letter).or_else(|| s.strip_prefix(&letter.to_lowercase())) {
            return (Some(start), rest);
        }
    }
    (None, s)
}

/// A date field for the printed form: 和暦 when it reads as a date, else as typed.
pub fn wareki_or_raw(raw: &str) -> String {
    parse_date(raw).map_or_else(|| raw.trim().to_owned(), format_wareki)
}

/// 「2026-12」「2026年12月」「R8.12」 → 「令和8年12月」; anything else as typed.
pub fn wareki_month_or_raw(raw: &str) -> String {
    let full = format!("{}.1", raw.trim().trim_end_matches('月').replace(['年', '-', '/'], "."));
    match parse_date(&full) {
        Some(d) => {
            let s = format_wareki(d);
            s.trim_end_matches("1日").to_owned()
        }
        None => raw.trim().to_owned(),
    }
}

/// A 達成時期 as printed: a day or a month in 和暦 when it reads as one, else as typed.
pub fn wareki_day_or_month(raw: &str) -> String {
    parse_date(raw).map_or_else(|| wareki_month_or_raw(raw), format_wareki)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_target_date_reads_as_a_day_or_a_month() {
        assert_eq!(wareki_day_or_month("2027-09"), "令和9年9月");
        assert_eq!(wareki_day_or_month("令和10年3月"), "令和10年3月");
        assert_eq!(wareki_day_or_month("2027-09-15"), "令和9年9月15日");
        assert_eq!(wareki_day_or_month(" 半年後 "), "半年後");
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(format_wareki(d(2019, 4, 30)), "平成31年4月30日");
        assert_eq!(format_wareki(d(2019, 5, 1)), "令和元年5月1日");
        assert_eq!(format_wareki(d(1989, 1, 7)), "昭和64年1月7日");
        assert_eq!(format_wareki(d(1989, 1, 8)), "平成元年1月8日");
        assert_eq!(format_wareki(d(1926, 12, 24)), "大正15年12月24日");
        assert_eq!(format_wareki(d(1926, 12, 25)), "昭和元年12月25日");
        assert_eq!(format_wareki(d(1912, 7, 30)), "大正元年7月30日");
    }

    #[test]
    fn today_in_reiwa() {
        assert_eq!(format_wareki(d(2026, 11, 27)), "令和8年11月27日");
        assert_eq!(format_wareki(d(2020, 1, 1)), "令和2年1月1日");
    }

    #[test]
    fn before_meiji_falls_back_to_seireki() {
        assert_eq!(format_wareki(d(1850, 1, 1)), "1850年1月1日");
    }

    #[test]
    fn dates_typed_in_either_calendar() {
        let want = d(2026, 11, 27);
        for s in ["2026-11-27", "2026/11/27", "2026年11月27日", "令和8年11月27日", "R8.11.27", "r8.11.27", "２０２６年１１月２７日"] {
            assert_eq!(parse_date(s), Some(want), "{s}");
        }
        assert_eq!(parse_date("令和元年5月1日"), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("H31.4.30"), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("6か月後"), None);
        assert_eq!(parse_date("2026-11"), None);
        assert_eq!(wareki_or_raw("2026-11-27"), "令和8年11月27日");
        assert_eq!(wareki_or_raw(" 6か月後 "), "6か月後");
    }

    #[test]
    fn date_time_shows_both_calendars_and_local_time() {
        let moment = DateTime::parse_from_rfc3339("2026-11-27T10:42:00+09:00").unwrap();
        assert_eq!(format_date_time(moment), "令和8年11月27日（2026年11月27日） 10:42");
        // Just after midnight JST is still the previous day in UTC: the local day wins.
        let moment = DateTime::parse_from_rfc3339("2026-04-01T00:05:00+09:00").unwrap();
        assert_eq!(format_date_time(moment), "令和8年4月1日（2026年4月1日） 00:05");
    }

    #[test]
    fn months_read_in_wareki_and_odd_years_are_refused() {
        assert_eq!(wareki_month_or_raw("2026-12"), "令和8年12月");
        assert_eq!(wareki_month_or_raw("R8.12"), "令和8年12月");
        assert_eq!(wareki_month_or_raw("令和8年12月"), "令和8年12月");
        assert_eq!(wareki_month_or_raw("来年の春"), "来年の春");
        assert_eq!(parse_date("20266年12月1日"), None);
        assert_eq!(parse_date("26年12月1日"), None);
        assert_eq!(parse_date("R100.1.1"), None);
    }
}
