//! Recognising the byline: the author/agency line at the end of an article
//! ("Tuyết Mai (TTXVN/Vietnam+)", "PV", "Theo Hoàng Ái/Lamdongtv.vn", "VĂN DŨNG").

use std::sync::OnceLock;

use crate::lexicon;
use crate::text::{is_all_caps, starts_upper};

fn prefixes() -> &'static Vec<&'static str> {
    static P: OnceLock<Vec<&'static str>> = OnceLock::new();
    P.get_or_init(|| {
        let mut v: Vec<&str> = lexicon::entries(lexicon::BYLINE_PREFIXES).collect();
        // Longest first, so "Nguồn:" wins over "Nguồn".
        v.sort_by_key(|p| std::cmp::Reverse(p.len()));
        v
    })
}

crate::lexicon::word_list! {
    /// Small words allowed inside an agency part ("Trung tâm Tin", "từ New York").
    ///
    /// The entries are in `assets/cleanup/byline_connectors.txt`.
    fn connectors = "cleanup/byline_connectors.txt";
}

/// True when `s` (a whole line, or the last sentence of the text) looks like a byline.
/// `own_line`: the candidate stands alone on its line, which allows one-word bylines
/// ("Reuter", "PV").
pub fn is_byline(s: &str, own_line: bool) -> bool {
    if s.len() > 400 {
        return false;
    }
    let s = s
        .trim()
        .trim_start_matches('*')
        .trim_end_matches('*')
        .trim();
    let s = s
        .strip_suffix('.')
        .filter(|r| r.chars().count() <= 4)
        .unwrap_or(s);
    let chars = s.chars().count();
    if chars == 0 || chars > 70 || s.ends_with([':', ',', ';', '.', '!', '?']) {
        return false;
    }
    let mut rest = s;
    let mut prefixed = false;
    for p in prefixes() {
        if let Some(r) = rest.strip_prefix(p)
            && (r.starts_with(' ') || p.ends_with(':'))
        {
            rest = r.trim_start();
            prefixed = true;
            break;
        }
    }
    if prefixed && rest.contains('.') && !rest.contains(' ') {
        // "Nguồn: dangcongsan.vn"
        return rest.chars().count() >= 4;
    }
    // Drop a parenthesised agency or dateline: "(TTXVN/Vietnam+)", "(từ New York)".
    let mut name_part = rest;
    if let Some(open) = rest.find('(') {
        if rest.trim_end().ends_with(')') && rest.len() - open <= 40 {
            name_part = rest[..open].trim_end();
        } else {
            return false;
        }
    }
    if name_part.is_empty() {
        return false;
    }
    // "Nguyễn Hiền/VOV-Trung tâm Tin", "TTXVN/Tin Tức": the part after '/' is free.
    let (names, agency) = match name_part.split_once('/') {
        Some((n, a)) => (n.trim(), Some(a.trim())),
        None => (name_part, None),
    };
    if let Some(a) = agency
        && (a.split_whitespace().count() > 5 || a.chars().any(|c| c.is_ascii_digit()))
    {
        return false;
    }
    // The words are judged as they come, without collecting them: this runs
    // for every sentence end near the end of every article, and nearly every
    // candidate fails on its first lower-case word.
    let words = names
        .split(|c: char| c.is_whitespace() || c == '–' || c == '—')
        .filter(|w| !w.is_empty() && *w != "-" && *w != "&");
    let Some(first_word) = words.clone().next() else {
        return false;
    };
    let mut capitalised = 0;
    for (k, w) in words.enumerate() {
        // More than six words: no byline.
        if k == 6 {
            return false;
        }
        if is_connector(w) {
            continue;
        }
        if w.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        if !(starts_upper(w) || is_all_caps(w)) {
            return false;
        }
        capitalised += 1;
    }
    if capitalised == 0 {
        return false;
    }
    // One word: initials ("H.D"), an agency in capitals, or a line of its own ("Reuter").
    if capitalised == 1 && agency.is_none() && !prefixed && s == name_part {
        let w = first_word;
        if is_initials(w) {
            return true;
        }
        return own_line && (is_all_caps(w) || w.chars().count() >= 3);
    }
    true
}

/// Whether `w` in lower case is one of [`connectors`], without allocating the
/// lower case (this runs for every word of every candidate byline).
fn is_connector(w: &str) -> bool {
    // ASCII lowers to ASCII, byte by byte; the connectors are in lower case.
    if w.is_ascii() {
        return connectors().iter().any(|c| c.eq_ignore_ascii_case(w));
    }
    // No connector has more than four characters, and lowering never makes
    // fewer: a longer word is none. (`char::to_lowercase` differs from
    // `str::to_lowercase` only on a final sigma, which no connector holds.)
    let mut lower = ['\0'; 4];
    let mut n = 0;
    for c in w.chars().flat_map(char::to_lowercase) {
        if n == lower.len() {
            return false;
        }
        lower[n] = c;
        n += 1;
    }
    connectors()
        .iter()
        .any(|c| c.chars().eq(lower[..n].iter().copied()))
}

/// Splits a trailing byline glued to the end of a paragraph ("...(23%).Viết Tuân",
/// "...vào năm 2023. Sơn Hà", "...Thành phố./. Nguyễn Hiền/VOV", "...chương trình VĂN
/// DŨNG"). Returns the byte offset where the byline starts.
pub fn trailing_byline(p: &str) -> Option<usize> {
    let trimmed = p.trim_end();
    // Cut points after a sentence end within the last 90 bytes; the earliest valid one
    // gives the longest byline ("Minh Hòa/VOV.VN", not "VN").
    let mut from = trimmed.len().saturating_sub(90);
    while !trimmed.is_char_boundary(from) {
        from += 1;
    }
    if let Some(at) = byline_after_sentence_end(trimmed, from) {
        return Some(at);
    }
    // An all-caps name at the very end after a lower-case word: "... trình VĂN DŨNG".
    let words: Vec<(usize, &str)> = word_offsets(&trimmed[from..])
        .into_iter()
        .map(|(i, w)| (from + i, w))
        .collect();
    let mut k = words.len();
    while k > 0 && is_all_caps(words[k - 1].1) && words[k - 1].1.chars().all(char::is_alphabetic) {
        k -= 1;
    }
    let n = words.len() - k;
    if (2..=4).contains(&n) && k > 0 && words[k - 1].1.chars().all(|c| c.is_lowercase()) {
        return Some(words[k].0);
    }
    None
}

/// Where a byline starts after a sentence end at or after byte `from` of
/// `trimmed` (the earliest such end that gives one), for [`trailing_byline`].
fn byline_after_sentence_end(trimmed: &str, from: usize) -> Option<usize> {
    let tail = &trimmed.as_bytes()[from..];
    // The sentence ends '.', '!', '?', '"', '”' (e2 80 9d) and '…' (e2 80 a6),
    // on bytes: no continuation byte equals their first. The bytes that may
    // start one are found by a search of their own, with a test without
    // branches: in a loop over every byte that also judged the candidates, a
    // branch on each byte (spaces and digits are below 0x40 like the marks)
    // and the byte's index kept on the stack made the loop show in profiles of
    // a load.
    let mut next = 0;
    while let Some(found) = tail[next..].iter().position(|&x| may_end_sentence(x)) {
        let i = next + found;
        next = i + 1;
        let len = match tail[i] {
            0xe2 if matches!(tail.get(i + 1..i + 3), Some([0x80, 0x9d | 0xa6])) => 3,
            0xe2 => continue,
            _ => 1,
        };
        let start = from + i + len;
        let cand = trimmed[start..].trim_start_matches(['/', '.', ' ']);
        if cand.is_empty()
            || cand.len() == trimmed.len() - start && !cand.starts_with(char::is_uppercase)
        {
            continue;
        }
        let byline = is_byline(cand, false)
            && (cand.split_whitespace().count() >= 2 || cand.contains(['/', '.']));
        if byline || is_all_caps(cand) && cand.chars().count() <= 6 && is_byline(cand, true) {
            return Some(trimmed.len() - cand.len());
        }
    }
    None
}

/// Whether byte `x` may start a sentence end for [`byline_after_sentence_end`]:
/// '.', '!', '?', '"', or e2 (the lead byte of '”' and '…').
#[inline(always)]
fn may_end_sentence(x: u8) -> bool {
    const MARKS: u64 = 1 << b'.' | 1 << b'!' | 1 << b'?' | 1 << b'"';
    ((x < 64) & ((MARKS >> (x & 63)) & 1 != 0)) | (x == 0xe2)
}

/// "H.D", "M.T.", "N.H.V": upper-case initials joined by periods.
fn is_initials(w: &str) -> bool {
    let parts: Vec<&str> = w.trim_end_matches('.').split('.').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

fn word_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_end_bytes_by_mask_as_by_match() {
        for x in 0..=u8::MAX {
            let by_match = matches!(x, b'.' | b'!' | b'?' | b'"' | 0xe2);
            assert_eq!(may_end_sentence(x), by_match, "{x:#04x}");
        }
    }

    #[test]
    fn connector_test_agrees_with_lowering() {
        let pieces = [
            "và", "VÀ", "Và", "and", "AND", "Tin", "tâm", "TÂM", "of", "x", "K", "\u{212a}", "ạ",
            "from", "In", "the", "từ", "Tại",
        ];
        for w in crate::test_support::mixes(&pieces, 0x6c0f_fee1, 3000, 3) {
            let by_lowering = connectors().contains(&w.to_lowercase().as_str());
            assert_eq!(is_connector(&w), by_lowering, "{w:?}");
        }
    }

    #[test]
    fn bylines_recognised() {
        for b in [
            "Tuyết Mai (TTXVN/Vietnam+)",
            "TTXVN/Tin Tức",
            "Minh Hòa/VOV.VN",
            "Phúc Hằng (TTXVN)",
            "Nguyễn Mai",
            "PV",
            "PV.",
            "Nguồn: dangcongsan.vn",
            "Theo Hoàng Ái/Lamdongtv.vn",
            "Thanh Tuấn (từ New York)",
            "Xuân Dần/VOV",
            "Nguyễn Hiền/VOV-Trung tâm Tin",
            "VĂN DŨNG",
            "H.D",
            "Reuter",
            "PV và TTXVN",
            "Hoà – Dịu",
            "**Thu Trang**",
        ] {
            assert!(is_byline(b, true), "{b}");
        }
    }

    #[test]
    fn sentences_are_not_bylines() {
        for s in [
            "Tới dự Hội nghị có Thứ trưởng Bộ Tài chính Vũ Thị Lan.",
            "Hội nghị kết thúc.",
            "Tôi đã bị chuột rút nhưng vẫn cố gắng",
            "At Davos, global problem solving and networking are never far apart.",
            "Kế hoạch năm 2023",
            "Đại biểu,Chính sách,Chính phủ,Quốc hội,Giảm nghèo,Hộ nghèo",
        ] {
            assert!(!is_byline(s, true), "{s}");
        }
    }

    /// [`byline_after_sentence_end`] as it was: every character decoded, the
    /// word count and the capitals test made for every candidate.
    fn byline_after_sentence_end_by_chars(trimmed: &str, from: usize) -> Option<usize> {
        for (i, c) in trimmed[from..].char_indices() {
            if !matches!(c, '.' | '!' | '?' | '”' | '"' | '…') {
                continue;
            }
            let start = from + i + c.len_utf8();
            let cand = trimmed[start..].trim_start_matches(['/', '.', ' ']);
            if cand.is_empty()
                || cand.len() == trimmed.len() - start && !cand.starts_with(char::is_uppercase)
            {
                continue;
            }
            let words = cand.split_whitespace().count();
            let short_caps = is_all_caps(cand) && cand.chars().count() <= 6;
            if is_byline(cand, false) && (words >= 2 || cand.contains(['/', '.']))
                || short_caps && is_byline(cand, true)
            {
                return Some(trimmed.len() - cand.len());
            }
        }
        None
    }

    #[test]
    fn trailing_bylines_found_on_bytes_as_on_characters() {
        let pieces = [
            "hội nghị kết thúc",
            ".",
            "!",
            "?",
            "\"",
            "”",
            "…",
            "/.",
            " ",
            "Sơn Hà",
            "TTXVN",
            "Minh Hòa/VOV.VN",
            "PV",
            "H.D",
            "Nguồn: dangcongsan.vn",
            "(TTXVN)",
            "và",
            "ĐẠT",
            "Theo",
            "2023",
            "“",
            "’",
            "Ω",
        ];
        for s in crate::test_support::mixes(&pieces, 0x00b1_11e5, 20_000, 16) {
            let s = s.trim_end();
            for from in (0..=s.len()).filter(|&k| s.is_char_boundary(k)) {
                assert_eq!(
                    byline_after_sentence_end(s, from),
                    byline_after_sentence_end_by_chars(s, from),
                    "{s:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn connectors_without_allocating() {
        for w in [
            "và", "Và", "VÀ", "and", "AND", "từ", "TỪ", "Tâm", "TIN", "tin.", "of", "Of", "in",
            "ín", "the", "th", "", "x", "Σ", "tâmΣ", "\u{212a}", "İn", "FROM", "froms",
        ] {
            assert_eq!(
                is_connector(w),
                connectors().contains(&w.to_lowercase().as_str()),
                "{w:?}"
            );
        }
        assert!(connectors().iter().all(|c| c.chars().count() <= 4));
    }

    #[test]
    fn glued_trailing_bylines() {
        let cases = [
            (
                "giải ngân đạt 2.477 tỷ đồng (23%).Viết Tuân",
                Some("Viết Tuân"),
            ),
            ("dự kiến thông qua vào năm 2023. Sơn Hà", Some("Sơn Hà")),
            (
                "Chủ tịch Hội Sinh viên Thành phố./. Nguyễn Hiền/VOV-Trung tâm Tin",
                Some("Nguyễn Hiền/VOV-Trung tâm Tin"),
            ),
            (
                "báo cáo triển khai thực hiện chương trình VĂN DŨNG",
                Some("VĂN DŨNG"),
            ),
            ("ở trên trời ý các anh ạ!” Quang Khoa", Some("Quang Khoa")),
            ("Hội nghị đã kết thúc tốt đẹp.", None),
            (
                "quan hệ hai nước./. Minh Hòa/VOV.VN",
                Some("Minh Hòa/VOV.VN"),
            ),
            (
                "cho nhân dân địa phương./. Nguồn: dangcongsan.vn",
                Some("Nguồn: dangcongsan.vn"),
            ),
            ("trên bản đồ toàn cầu. PV.", Some("PV.")),
            ("của các cô gái khác nhau. H.D", Some("H.D")),
            ("Ông nói tại Hà Nội", None),
        ];
        for (p, want) in cases {
            assert_eq!(trailing_byline(p).map(|i| &p[i..]), want, "{p}");
        }
    }
}
