//! Publication dates as metadata writes them: "20210427", "2017/12/08",
//! "2024-02-16T10:43:00+07:00", "Thứ sáu, 16/2/2024, 10:43 (GMT+7)",
//! "9-MAR-1987 10:02:11.73", "31/05/13 11:20 GMT+7", "March 9, 1987".

use crate::article::Date;

const MONTHS_EN: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
pub(crate) const MONTHS_EN_FULL: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number of an English month name or its abbreviation.
///
/// Compares bytes in place, ignoring ASCII case: this is asked of every
/// capitalised word of the blocks dates are looked for in, and lower-casing each
/// into a new String showed in profiles.
pub fn month_from_name(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').as_bytes();
    if w.len() < 3 {
        return None;
    }
    let head = [0, 1, 2].map(|i| w[i].to_ascii_lowercase());
    let pos = MONTHS_EN.iter().position(|m| m.as_bytes() == head)?;
    let full = MONTHS_EN_FULL[pos].as_bytes();
    let prefix_of_full = w.len() <= full.len() && w.eq_ignore_ascii_case(&full[..w.len()]);
    (w.len() == 3 || prefix_of_full || w.eq_ignore_ascii_case(b"sept")).then(|| pos as u8 + 1)
}

fn valid(year: Option<u16>, month: u32, day: u32) -> Option<Date> {
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some(Date {
        year,
        month: month as u8,
        day: day as u8,
    })
}

fn year_of(n: u32, digits: usize) -> Option<u16> {
    match digits {
        4 if (1800..=2200).contains(&n) => Some(n as u16),
        2 => Some(if n < 70 { 2000 + n } else { 1900 + n } as u16),
        _ => None,
    }
}

/// Parses a metadata date. Day-first is assumed for `a/b/c` (the convention of the
/// sources docket reads) unless the first number is a four-digit year.
pub fn parse_meta_date(s: &str) -> Option<Date> {
    let s = s.trim();
    // Compact "20210427".
    let b = s.as_bytes();
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|b| !b.is_ascii_digit())
    {
        let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
        return valid(year_of(n(0..4)?, 4), n(4..6)?, n(6..8)?);
    }
    // Find the first run that looks like a date among the tokens.
    let tokens: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == 'T' && s.contains(':'))
        .filter(|t| !t.is_empty())
        .collect();
    for (i, tok) in tokens.iter().enumerate() {
        let parts: Vec<&str> = tok.split(['/', '-', '.']).collect();
        if parts.len() == 3 {
            let nums: Vec<Option<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
            match (nums[0], nums[1], nums[2]) {
                (Some(a), Some(b), Some(c)) if parts[0].len() == 4 => {
                    return valid(year_of(a, 4), b, c);
                }
                (Some(a), Some(b), Some(c)) => {
                    return valid(year_of(c, parts[2].len()), b, a);
                }
                (Some(a), None, Some(c)) => {
                    // "9-MAR-1987"
                    if let Some(m) = month_from_name(parts[1]) {
                        return valid(year_of(c, parts[2].len()), u32::from(m), a);
                    }
                }
                _ => {}
            }
        }
        // "March 9, 1987" / "9 March 1987"
        if let Some(m) = month_from_name(tok) {
            let num = |t: Option<&&str>| {
                t.and_then(|t| {
                    t.trim_end_matches(|c: char| !c.is_ascii_digit())
                        .parse::<u32>()
                        .ok()
                })
            };
            let year = |t: Option<&&str>| {
                t.and_then(|t| t.parse::<u32>().ok())
                    .and_then(|y| year_of(y, 4))
            };
            if let Some(d) = num(tokens.get(i + 1)).filter(|d| *d <= 31) {
                return valid(year(tokens.get(i + 2)), u32::from(m), d);
            }
            if let Some(d) = num(i.checked_sub(1).and_then(|j| tokens.get(j))).filter(|d| *d <= 31)
            {
                return valid(year(tokens.get(i + 1)), u32::from(m), d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<String> {
        parse_meta_date(s).map(|d| d.iso())
    }

    /// The first version: lower-cases the word, then compares.
    fn month_from_name_simple(word: &str) -> Option<u8> {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        if w.len() < 3 {
            return None;
        }
        let pos = MONTHS_EN.iter().position(|m| w.starts_with(m))?;
        let full = MONTHS_EN_FULL[pos];
        (w.len() == 3 || full.starts_with(&w) || w == "sept").then(|| pos as u8 + 1)
    }

    #[test]
    fn month_names_compare_like_the_simple_version() {
        for w in [
            "March",
            "MAR",
            "mar.",
            "Mar..",
            "Sept",
            "SEPT.",
            "Sep",
            "September",
            "Septembers",
            "Septe",
            "Marc",
            "Mai",
            "May",
            "Maybe",
            "Ju",
            "Jun",
            "JUNE",
            "Juni",
            "Dec.",
            "Đec",
            "Mär",
            "Marché",
            "Ma",
            "",
            ".",
            "Janu",
            "jan",
            "Août",
            "Nov",
            "Novembre",
            "Octobe",
        ] {
            assert_eq!(month_from_name(w), month_from_name_simple(w), "{w:?}");
        }
    }

    #[test]
    fn metadata_date_shapes() {
        assert_eq!(d("20210427").as_deref(), Some("2021-04-27"));
        assert_eq!(d("2017/12/08").as_deref(), Some("2017-12-08"));
        assert_eq!(
            d("2024-02-16T10:43:00+07:00").as_deref(),
            Some("2024-02-16")
        );
        assert_eq!(
            d("Thứ sáu, 16/2/2024, 10:43 (GMT+7)").as_deref(),
            Some("2024-02-16")
        );
        assert_eq!(d(" 9-MAR-1987 10:02:11.73").as_deref(), Some("1987-03-09"));
        assert_eq!(d("31/05/13 11:20 GMT+7").as_deref(), Some("2013-05-31"));
        assert_eq!(d("March 9, 1987").as_deref(), Some("1987-03-09"));
        assert_eq!(d("9 March 1987").as_deref(), Some("1987-03-09"));
        assert_eq!(d("N/A"), None);
        assert_eq!(d("45/13/2020"), None);
    }
}
