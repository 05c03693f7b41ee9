//! Finding the title: a metadata title (tidied), the headline line at the top, a
//! headline recovered from diacritic-less image alt text, or a title derived from
//! the lead.

use std::collections::HashMap;

use crate::text::fold;

/// Tidies a title from metadata: drops a trailing " - Source" site suffix and turns
/// a truncation " ..." into "…".
pub fn tidy_metadata_title(title: &str, source: Option<&str>) -> String {
    let mut t = crate::text::collapse_spaces(title);
    if let Some(src) = source {
        for sep in [" - ", " | ", " – "] {
            let suffix = format!("{sep}{src}");
            if t.to_lowercase().ends_with(&suffix.to_lowercase()) {
                t.truncate(t.len() - suffix.len());
            }
        }
    }
    if let Some(stripped) = t.strip_suffix("...") {
        t = format!("{}…", stripped.trim_end());
    }
    t
}

/// True when a first line reads as a headline: short, not a sentence.
pub fn is_headline(line: &str) -> bool {
    let t = line.trim();
    if t.len() > 1000 {
        return false;
    }
    let chars = t.chars().count();
    // Most first lines are whole paragraphs, too long to be a headline: their
    // words are not counted (splitting a paragraph on whitespace showed in
    // profiles of a load).
    if !(4..=220).contains(&chars) {
        return false;
    }
    let words = word_count(t);
    if words > 35 || words < 2 && chars < 12 {
        return false;
    }
    if t.ends_with("...") || t.ends_with('…') {
        return words >= 3;
    }
    if t.ends_with(['.', ';', ':']) {
        return false;
    }
    // A dateline lede ("Sáng 29/4, ...") that runs on is a paragraph, not a title.
    t.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘«(".contains(c))
}

/// `s.split_whitespace().count()` in one pass over the characters, without the
/// splitting iterator (which showed in profiles of a load: every article's
/// first line is tested).
fn word_count(s: &str) -> usize {
    let mut words = 0;
    let mut in_word = false;
    for c in s.chars() {
        let space = c.is_whitespace();
        words += usize::from(!space && !in_word);
        in_word = !space;
    }
    words
}

/// Recovers diacritics for ASCII alt text ("Hoi nghi lan thu 4 ... Ha Noi") from the
/// article's own words: the longest runs of consecutive words whose folded forms
/// match, then single words by their most frequent form. Returns `None` when too
/// few words can be recovered.
pub fn recover_from_alt(alt: &str, body: &[&str]) -> Option<String> {
    let alt_words: Vec<&str> = alt.split_whitespace().collect();
    if alt_words.len() < 2 {
        return None;
    }
    let body_words: Vec<&str> = body
        .iter()
        .flat_map(|part| {
            part.split(|c: char| {
                c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '“' | '”')
            })
        })
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let body_folded: Vec<String> = body_words.iter().map(|w| fold(w)).collect();
    let alt_folded: Vec<String> = alt_words.iter().map(|w| fold(w)).collect();

    // Most frequent original form of each folded word.
    let mut forms: HashMap<&str, HashMap<&str, usize>> = HashMap::new();
    for (w, f) in body_words.iter().zip(&body_folded) {
        *forms.entry(f.as_str()).or_default().entry(w).or_default() += 1;
    }

    let mut out: Vec<String> = Vec::with_capacity(alt_words.len());
    let mut recovered = 0;
    let mut i = 0;
    while i < alt_words.len() {
        // Longest run alt[i..i+len] found consecutively in the body.
        let mut best = (0, 0);
        for start in 0..body_folded.len() {
            let mut len = 0;
            while i + len < alt_words.len()
                && start + len < body_folded.len()
                && body_folded[start + len] == alt_folded[i + len]
            {
                len += 1;
            }
            if len > best.0 {
                best = (len, start);
            }
        }
        if best.0 >= 2 {
            for k in 0..best.0 {
                out.push(with_case_of(body_words[best.1 + k], alt_words[i + k]));
            }
            recovered += best.0;
            i += best.0;
            continue;
        }
        let alt_w = alt_words[i];
        match forms.get(alt_folded[i].as_str()).and_then(|m| {
            m.iter()
                // Ties go to the form that sorts first: the map's order is
                // random per process, and a title must not change between runs.
                .max_by_key(|&(w, n)| (*n, !w.is_ascii(), std::cmp::Reverse(*w)))
                .map(|(w, _)| *w)
        }) {
            Some(w) => {
                out.push(with_case_of(w, alt_w));
                recovered += 1;
            }
            None => out.push(alt_w.to_owned()),
        }
        i += 1;
    }
    (recovered * 3 >= alt_words.len() * 2).then(|| out.join(" "))
}

/// `word` with the capitalisation of `model` (first letter only, or all caps).
fn with_case_of(word: &str, model: &str) -> String {
    let model_upper = model.chars().next().is_some_and(char::is_uppercase);
    let model_all_caps = model.chars().count() > 1 && crate::text::is_all_caps(model);
    if model_all_caps {
        return word.to_uppercase();
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(f) if model_upper => f.to_uppercase().chain(chars).collect(),
        Some(f) => f.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A short title made from the lead: its first sentence, cut at a word boundary.
pub fn derive(lead: &str) -> Option<String> {
    let first = super::segment::sentences(lead)
        .into_iter()
        .next()
        .map(|r| &lead[r])?;
    let first = first.trim_end_matches(['.', ' ']);
    const MAX: usize = 90;
    if first.chars().count() <= MAX {
        return (!first.is_empty()).then(|| first.to_owned());
    }
    let mut cut = String::new();
    for w in first.split_whitespace() {
        if cut.chars().count() + w.chars().count() + 1 > MAX {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(w);
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-']);
    Some(format!("{cut}…"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_titles_are_tidied() {
        assert_eq!(
            tidy_metadata_title("657.000 tỷ đồng cho hạ tầng - VnExpress", Some("VnExpress")),
            "657.000 tỷ đồng cho hạ tầng"
        );
        assert_eq!(
            tidy_metadata_title("'Hà Nội cần quỹ ...", None),
            "'Hà Nội cần quỹ…"
        );
    }

    #[test]
    fn headlines_versus_sentences() {
        assert!(is_headline(
            "Quốc hội thảo luận về quyết toán ngân sách nhà nước năm 2015"
        ));
        assert!(is_headline("Tổng Bí thư thăm, làm việc tại Nam Định,"));
        assert!(is_headline("Aids and climate top Davos agenda"));
        assert!(!is_headline(
            "Sáng 27/4, Đảng ủy Bộ tổ chức Hội nghị nghiên cứu Nghị quyết."
        ));
        assert!(!is_headline("x"));
    }

    #[test]
    fn alt_text_recovers_diacritics_from_the_body() {
        let body = "Sáng 29/4, Ban Chấp hành Đảng bộ tỉnh Hòa Bình tổ chức Hội nghị lần thứ 4. \
                    Hội nghị tập trung bàn các nội dung.";
        assert_eq!(
            recover_from_alt(
                "Hoi nghi lan thu 4 Ban Chap hanh Dang bo tinh Hoa Binh",
                &[body]
            )
            .as_deref(),
            Some("Hội nghị lần thứ 4 Ban Chấp hành Đảng bộ tỉnh Hòa Bình")
        );
        assert_eq!(recover_from_alt("Xyz qwe rty", &[body]), None);
    }

    #[test]
    fn alt_text_ties_between_forms_resolve_the_same_way_every_time() {
        // "Hoà" and "Hòa" once each: the form chosen must not depend on the
        // process's hash order (single words, not a run found in the body).
        let body = "Ông Lê Hoà dự họp. Bà Trần Hòa phát biểu. Đoàn về thăm.";
        let want = recover_from_alt("Hoa tham", &[body]);
        assert_eq!(want.as_deref(), Some("Hoà thăm"));
        for _ in 0..20 {
            let body = body.to_owned();
            assert_eq!(recover_from_alt("Hoa tham", &[&body]), want);
        }
    }

    #[test]
    fn derived_titles_are_short() {
        assert_eq!(
            derive("Sáng 27/4, hội nghị khai mạc. Sau đó..."),
            Some("Sáng 27/4, hội nghị khai mạc".to_owned())
        );
        let long = "Sáng 27/4, Đảng ủy Bộ Lao động - Thương binh và Xã hội đã tổ chức Hội nghị nghiên cứu, học tập, quán triệt Nghị quyết.";
        let d = derive(long).unwrap();
        assert!(d.ends_with('…') && d.chars().count() <= 91, "{d}");
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        let pieces = crate::test_support::SPACE_PIECES;
        for s in crate::test_support::mixes(pieces, 0x9e37_79b9, 5000, 12) {
            assert_eq!(word_count(&s), s.split_whitespace().count(), "{s:?}");
        }
    }
}
