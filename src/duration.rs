//! Durations as people type and read them: `90s`, `15m`, `12h`, `7d`, `2w`.
//! One parser for every option that takes a duration (`rotate --grace`,
//! `agent start --ttl`, `keys check --expires-within`, ...).

#![warn(missing_docs)]

use std::time::Duration;

/// The longest duration [`parse`] accepts: 100 years.
pub const MAX: Duration = Duration::from_secs(100 * 365 * 86_400);

/// Parse a duration: a number and a unit `s`, `m`, `h`, `d` or `w` (also
/// `sec`, `min`); a plain number is seconds. At most [`MAX`].
pub fn parse(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("{s:?} is not a duration (e.g. 90s, 15m, 12h, 30d, 2w)"))?;
    let mult = match unit.trim() {
        "" | "s" | "sec" => 1,
        "m" | "min" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        other => {
            return Err(format!(
                "unknown unit {other:?} in {s:?} (use s, m, h, d or w)"
            ))
        }
    };
    n.checked_mul(mult)
        .map(Duration::from_secs)
        .filter(|t| *t <= MAX)
        .ok_or_else(|| format!("{s:?} is too long (at most 100 years)"))
}

/// Parse a duration that must lie within `min..=max` (both inclusive).
pub fn parse_within(s: &str, min: Duration, max: Duration) -> Result<Duration, String> {
    let d = parse(s)?;
    if d < min || d > max {
        return Err(format!(
            "{:?}: use {} to {}",
            s.trim(),
            human(min.as_secs()),
            human(max.as_secs())
        ));
    }
    Ok(d)
}

/// A duration as people read it: `90 s`, `15 min`, `2 h 5 min`, `3 d`.
pub fn human(secs: u64) -> String {
    match secs {
        s if s < 120 => format!("{s} s"),
        s if s < 7_200 => format!("{} min", s / 60),
        s if s < 172_800 => format!("{} h {} min", s / 3_600, s % 3_600 / 60),
        s => format!("{} d", s / 86_400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("90s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse("12h"), Ok(Duration::from_secs(43_200)));
        assert_eq!(parse("30d"), Ok(Duration::from_secs(2_592_000)));
        assert_eq!(parse("2w"), Ok(Duration::from_secs(1_209_600)));
        assert!(parse("3y").is_err());
        assert!(parse("d").is_err());
        assert!(parse("-1d").is_err());
        assert!(parse("99999999999999d").is_err());
        assert!(parse("99999999999999999999").is_err());
    }

    #[test]
    fn bounded_durations() {
        let one = Duration::from_secs(1);
        let year = Duration::from_secs(365 * 86_400);
        assert_eq!(
            parse_within("2w", one, year),
            Ok(Duration::from_secs(1_209_600))
        );
        assert!(parse_within("0s", one, year).is_err());
        assert!(parse_within("53w", one, year).is_err());
    }

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(human(90), "90 s");
        assert_eq!(human(900), "15 min");
        assert_eq!(human(7_500), "2 h 5 min");
        assert_eq!(human(3 * 86_400), "3 d");
    }
}
