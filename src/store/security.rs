//! How this browser protects the data ([`Security`], stored under `SECURITY_KEY` in the
//! clear, readable before unlocking) and the rules a new passphrase must meet: typed the
//! same twice, long enough, and not one that is guessed first ([`passphrase_weakness`]).

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Security {
    /// Minutes without input before the app locks itself (with a passphrase set).
    pub idle_lock_minutes: u32,
    /// 共用PCモード: a passphrase is required, files are written only encrypted, and
    /// clipboard copies made in the app are cleared on locking.
    pub shared_pc: bool,
    /// The user chose 「今は設定しない」 on the first-use suggestion.
    pub prompt_dismissed: bool,
}

pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 10;
pub const IDLE_LOCK_RANGE: std::ops::RangeInclusive<u32> = 1..=120;

impl Default for Security {
    fn default() -> Self {
        Security { idle_lock_minutes: DEFAULT_IDLE_LOCK_MINUTES, shared_pc: false, prompt_dismissed: false }
    }
}

/// Reads the idle minutes typed in 設定 (full-width digits allowed).
pub fn parse_idle_minutes(text: &str) -> Result<u32, String> {
    let folded = crate::domain::text::to_half_width(text.trim());
    folded
        .parse::<u32>()
        .ok()
        .filter(|m| IDLE_LOCK_RANGE.contains(m))
        .ok_or_else(|| format!("自動ロックまでの時間は {} から {} までの分数で入力してください。", IDLE_LOCK_RANGE.start(), IDLE_LOCK_RANGE.end()))
}

/// The shortest passphrase accepted, in characters.
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Which of the two fields of a new passphrase a problem is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PassphraseField {
    New,
    Confirm,
}

/// Why a new passphrase (typed twice) cannot be used, and in which field; `None` if it can.
pub fn passphrase_problem(new: &str, confirm: &str) -> Option<(PassphraseField, String)> {
    if new.is_empty() {
        return Some((PassphraseField::New, "新しい合言葉を入力してください。".into()));
    }
    if new.chars().count() < MIN_PASSPHRASE_CHARS {
        return Some((
            PassphraseField::New,
            format!("合言葉は{MIN_PASSPHRASE_CHARS}文字以上にしてください（短い文のような長いものほど安全です）。"),
        ));
    }
    if let Some(why) = passphrase_weakness(new) {
        return Some((
            PassphraseField::New,
            format!("推測されやすい合言葉です（{why}）。ほかの人が思いつかない言葉を組み合わせた、短い文のようなものにしてください。"),
        ));
    }
    if new != confirm {
        return Some((PassphraseField::Confirm, "確認のために入力した合言葉が一致しません。".into()));
    }
    None
}

/// Passwords on every leaked-password list, compared after [`passphrase_weakness`] strips
/// digits and symbols (so 「Password2024!」 is 「password」).
const COMMON_WORDS: &[&str] = &[
    "password", "passwd", "passw", "pass", "iloveyou", "letmein", "welcome", "admin", "administrator", "qwerty",
    "monkey", "dragon", "sunshine", "princess", "football", "baseball", "superman", "trustno", "login", "master",
    "abc", "test", "guest", "secret", "changeme", "soudan", "sodan", "ぱすわーど", "あいしてる", "ひみつ",
];

/// Why a passphrase (at least [`MIN_PASSPHRASE_CHARS`] long) is one that is guessed first,
/// or `None`. Refused, not merely warned about: the passphrase guards personal data on
/// possibly shared PCs, and each rule below is met only by a guessable one. Compared in
/// [`match_key`](crate::domain::text::match_key) form (full-width and half-width alike,
/// katakana as hiragana, upper case as lower, spaces dropped).
pub fn passphrase_weakness(passphrase: &str) -> Option<&'static str> {
    let key = crate::domain::text::match_key(passphrase);
    let chars: Vec<char> = key.chars().collect();
    let first = *chars.first()?;
    if chars.iter().all(|c| *c == first) {
        return Some("同じ文字の繰り返し");
    }
    let steps: Vec<i64> = chars.windows(2).map(|w| i64::from(w[1] as u32) - i64::from(w[0] as u32)).collect();
    if steps.iter().all(|d| *d == 1) || steps.iter().all(|d| *d == -1) {
        return Some("12345678 や abcdefgh のような並び");
    }
    const ROWS: [&str; 4] = ["qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p", "1234567890qwertyuiop", "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん"];
    if ROWS.iter().any(|row| row.contains(key.as_str()) || row.chars().rev().collect::<String>().contains(key.as_str())) {
        return Some("キーボードや五十音の並び");
    }
    // A short unit repeated: 12121212, abcabcab, あいあいあいあい.
    if (2..=4).any(|unit| chars.len() > unit && chars.iter().enumerate().all(|(i, c)| *c == chars[i % unit])) {
        return Some("同じ並びの繰り返し");
    }
    let letters = |s: &mut dyn Iterator<Item = char>| -> String { s.filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation()).collect() };
    // As typed (「password2024」), and with the usual look-alikes read back (「p@ssw0rd」).
    let plain = letters(&mut chars.iter().copied());
    let unleet = letters(&mut chars.iter().map(|c| match c {
        '@' | '4' => 'a',
        '0' => 'o',
        '1' | '!' => 'i',
        '3' => 'e',
        '5' | '$' => 's',
        '7' => 't',
        c => *c,
    }));
    if COMMON_WORDS.contains(&plain.as_str()) || COMMON_WORDS.contains(&unleet.as_str()) {
        return Some("よく使われる言葉");
    }
    if chars.iter().all(char::is_ascii_digit) {
        return Some("数字だけ");
    }
    if chars.iter().all(char::is_ascii_punctuation) {
        return Some("記号だけ");
    }
    if chars.len() < 12 && chars.iter().all(char::is_ascii_alphabetic) {
        return Some("英字だけで12文字未満");
    }
    None
}
