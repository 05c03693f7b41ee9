//! People on sentences written for these tests.

use super::*;
use crate::extract::test_support::article;

fn people(text: &str) -> Vec<(String, Vec<String>)> {
    let a = article(text);
    let doc = Doc::new(&a);
    find(&doc)
        .persons
        .into_iter()
        .map(|p| (p.name, p.roles))
        .collect()
}

fn p(name: &str, roles: &[&str]) -> (String, Vec<String>) {
    (
        name.to_owned(),
        roles.iter().map(|r| (*r).to_owned()).collect(),
    )
}

#[test]
fn title_chain_before_the_name_strips_the_place() {
    assert_eq!(
        people("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Lâm Đồng Trần Văn Khải chủ trì hội nghị."),
        [p(
            "Trần Văn Khải",
            &["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Lâm Đồng"]
        )]
    );
}

#[test]
fn appositive_roles_after_the_name() {
    assert_eq!(
        people(
            "Phát biểu khai mạc, ông Lê Văn Tâm, Phó Bí thư Thường trực Đảng ủy Bộ Lao động - Thương binh và Xã hội, khẳng định hội nghị quan trọng."
        ),
        [p(
            "Lê Văn Tâm",
            &["Phó Bí thư Thường trực Đảng ủy Bộ Lao động - Thương binh và Xã hội"]
        )]
    );
}

#[test]
fn rank_is_its_own_role_and_commas_inside_ministries_stay() {
    assert_eq!(
        people("Thượng tướng Hoàng Minh Sơn, Thứ trưởng Bộ Quốc phòng, phát biểu."),
        [p(
            "Hoàng Minh Sơn",
            &["Thượng tướng", "Thứ trưởng Bộ Quốc phòng"]
        )]
    );
    assert_eq!(
        people("Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch Đỗ Quang Vinh cho biết."),
        [p(
            "Đỗ Quang Vinh",
            &["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"]
        )]
    );
}

#[test]
fn two_people_in_one_sentence_keep_their_own_roles() {
    let got = people(
        "Bộ trưởng Bộ Công Thương Trần Minh Đức và Bộ trưởng Thương mại Nga Ivan Petrov đồng chủ trì phiên họp.",
    );
    assert_eq!(
        got,
        [
            p("Trần Minh Đức", &["Bộ trưởng Bộ Công Thương"]),
            p("Ivan Petrov", &["Bộ trưởng Thương mại Nga"])
        ]
    );
}

#[test]
fn unlicensed_capitalised_runs_are_not_people() {
    assert!(people("Đoàn công tác đến thăm Trường Chinh và làm việc tại Hà Nội.").is_empty());
    assert!(people("Sáng nay, Hội nghị Ban Chấp hành Đảng bộ tỉnh Thái Bình khai mạc.").is_empty());
}

#[test]
fn english_titles_and_names() {
    assert_eq!(
        people(
            "French President Marc Dubois said the talks would go on. Mr Dubois added that he was hopeful."
        ),
        [p("Marc Dubois", &["French President"])]
    );
    assert_eq!(
        people(
            "\"We will not wait,\" said Councillor Helen Ward, who chairs the budget committee."
        ),
        [p("Helen Ward", &["Councillor"])]
    );
}

#[test]
fn short_forms_resolve_to_the_full_name() {
    let a = article(
        "Bí thư Thành ủy Hải Vân Đinh Công Sơn chủ trì hội nghị.\n\nBí thư Thành ủy Hải Vân đề nghị các đại biểu góp ý.\n\nÔng Sơn nhấn mạnh yêu cầu.",
    );
    let doc = Doc::new(&a);
    let ppl = find(&doc);
    assert_eq!(ppl.persons.len(), 1);
    let kinds: Vec<MKind> = ppl.mentions.iter().map(|m| m.kind).collect();
    assert_eq!(kinds, [MKind::Name, MKind::Title, MKind::Alias]);
}

#[test]
fn word_boundary_tests_agree_with_padded_strings() {
    let keys = [
        "bộ trưởng",
        "bộ trưởng bộ tài chính",
        "phó bộ trưởng",
        "trưởng",
        "bộ",
        "minister",
        "trade minister",
        "ministers",
        "a b a",
        "b",
        "a",
        "v nikishina",
        "veronika nikishina",
    ];
    for k in keys {
        for p in keys {
            assert_eq!(
                contains_words(k, p),
                format!(" {k} ").contains(&format!(" {p} ")),
                "{k:?} {p:?}"
            );
            assert_eq!(
                starts_with_words(k, p),
                k.starts_with(&format!("{p} ")),
                "{k:?} {p:?}"
            );
            assert_eq!(
                ends_with_words(k, p),
                k.ends_with(&format!(" {p}")),
                "{k:?} {p:?}"
            );
        }
    }
}

/// The fast role-modifier test agrees with lower-casing the word.
#[test]
fn role_modifier_test_agrees_with_lower_casing() {
    let pieces = [
        "N", "n", "guyên", "GUYÊN", "C", "c", "ựu", "ỰU", "Q", "quyền", "UYỀN", "f", "F", "ormer",
        "a", "A", "cting", "Đ", "ǅ", "İ", "K", "x", " ",
    ];
    for w in crate::test_support::mixes(&pieces, 0x7f4a_7c15, 20_000, 5) {
        let simple = role_modifiers().contains(&&*crate::text::lower(&w));
        assert_eq!(is_role_modifier(&w), simple, "{w:?}");
    }
    for m in role_modifiers() {
        assert!(is_role_modifier(m));
        assert!(is_role_modifier(&m.to_uppercase()));
    }
}

/// `find_person` as it was written first: exact key, then the only name ending
/// with the key, then the only name the key abbreviates.
fn find_person_simple(persons: &[Person], key: &str) -> Option<usize> {
    if let Some(i) = persons.iter().position(|p| p.key == key) {
        return Some(i);
    }
    let matching = |pred: &dyn Fn(&str) -> bool| -> Vec<usize> {
        (0..persons.len())
            .filter(|&i| pred(&persons[i].key))
            .collect()
    };
    let ends = matching(&|k| ends_with_words(k, key));
    if !ends.is_empty() {
        return (ends.len() == 1).then(|| ends[0]);
    }
    let abbreviated = matching(&|k| abbreviates(key, k));
    (abbreviated.len() == 1).then(|| abbreviated[0])
}

#[test]
fn find_person_agrees_with_the_simple_search() {
    let words = [
        "v",
        "veronika",
        "nikishina",
        "dung",
        "d",
        "tien",
        "t",
        "dinh",
        "anh",
    ];
    let mut rng = crate::test_support::Xorshift(0x1d87_2b41);
    let key = |rng: &mut crate::test_support::Xorshift| {
        let n = 1 + rng.next() % 3;
        (0..n)
            .map(|_| words[rng.next() % words.len()])
            .collect::<Vec<_>>()
            .join(" ")
    };
    for _ in 0..3000 {
        let persons: Vec<Person> = (0..rng.next() % 5)
            .map(|_| {
                let k = key(&mut rng);
                Person {
                    name: k.clone(),
                    key: k,
                    roles: Vec::new(),
                    foreign: false,
                }
            })
            .collect();
        let k = key(&mut rng);
        assert_eq!(
            find_person(&persons, &k),
            find_person_simple(&persons, &k),
            "{k:?} in {:?}",
            persons.iter().map(|p| &p.key).collect::<Vec<_>>()
        );
    }
}

/// One-word runs without an honorific are looked at only where they can matter:
/// as the short form of a name (with the roles around them), and between two
/// names of a list.
#[test]
fn one_word_names_refer_and_break_lists() {
    let a = article(
        "Ông Vladimir Putin đến Hà Nội.\n\nPutin, Tổng thống Nga, nói rằng hai nước hợp tác.",
    );
    let doc = Doc::new(&a);
    let ppl = find(&doc);
    assert_eq!(
        ppl.persons
            .iter()
            .map(|p| (p.name.as_str(), p.roles.clone()))
            .collect::<Vec<_>>(),
        [("Vladimir Putin", vec!["Tổng thống Nga".to_owned()])]
    );
    let spans: Vec<(usize, usize, MKind)> = ppl
        .mentions
        .iter()
        .map(|m| (m.blk, m.first, m.kind))
        .collect();
    assert_eq!(spans, [(0, 1, MKind::Name), (1, 0, MKind::Alias)]);

    // "Samsung" is a name (of one foreign word) between the two: no list.
    assert_eq!(
        people("Các đại biểu Nguyễn Văn An (Samsung), Trần Văn Bình và Lê Văn Cường."),
        [p("Nguyễn Văn An", &["đại biểu"])]
    );
    // "Huế" is no name: a list.
    assert_eq!(
        people("Các đại biểu Nguyễn Văn An (Huế), Trần Văn Bình và Lê Văn Cường."),
        [
            p("Nguyễn Văn An", &["đại biểu"]),
            p("Trần Văn Bình", &["đại biểu"]),
            p("Lê Văn Cường", &["đại biểu"])
        ]
    );
}

#[test]
fn a_role_key_from_the_block_key_is_its_word_key() {
    // Roles take their word key from the block's match key; it must be what
    // `word_key` makes of the role's text.
    let pieces = [
        "Bộ trưởng",
        " ",
        ", ",
        " - ",
        " – ",
        "Thủ tướng",
        "Hoà",
        "Uỷ viên",
        "T.Ư",
        "NN&PTNT",
        "Quốc hội",
        "kiêm",
        "Chủ tịch",
        "Trade Minister",
        "(",
        ")",
        "Thuỷ",
        "khoẻ",
        "Đoàn",
        "Phó",
        ".",
        "O'Brien",
    ];
    for text in crate::test_support::mixes(&pieces, 7, 400, 9) {
        let b = Blk::bare(&text);
        for first in 0..b.toks.len() {
            for last in first..b.toks.len() {
                let span = b.toks[first].start..b.toks[last].end;
                assert_eq!(
                    span_key(&b, first, last),
                    crate::extract::lexicon::word_key(&text[span]),
                    "{text:?} tokens {first}..={last}"
                );
            }
        }
    }
}

/// The bit scans for the next capitalised word, and for the next token that is
/// none, find what token-by-token searches find, from every start, on blocks
/// mixing capitals, lower case and punctuation at every offset, shorter and longer
/// than a 64-token word of bits.
#[test]
fn capitalised_word_bits_agree_with_a_plain_search() {
    let pieces = [
        "Lê ",
        "văn ",
        ", ",
        "A-B ",
        "(X) ",
        "hội ",
        "Đ. ",
        "và ",
        "“Nam” ",
    ];
    let mut caps = CapWords::default();
    for text in crate::test_support::mixes(&pieces, 0x9e37_79b9, 600, 160) {
        let b = Blk::bare(&text);
        let n = b.toks.len();
        caps.fill(&b.toks);
        for from in 0..=n + 70 {
            let rest = b.toks.get(from..).unwrap_or_default();
            let plain = rest
                .iter()
                .position(|t| t.cap && t.is_word())
                .map(|k| from + k);
            assert_eq!(caps.next_at_or_after(from), plain, "{text:?} {from}");
            let plain_other = rest
                .iter()
                .position(|t| !(t.cap && t.is_word()))
                .map_or(n, |k| from + k);
            assert_eq!(
                caps.next_other_at_or_after(from, n),
                plain_other,
                "{text:?} {from}"
            );
        }
    }
}

/// `honorifics_before` finds what the hits ending right before the token, of an
/// honorific or academic category, are (at every token, at the block's start too).
#[test]
fn honorifics_before_is_the_hits_ending_there() {
    let a = article(
        "Ông Nguyễn Văn A, bà Lê Thị B và GS.TS Trần C phát biểu. Thưa đồng chí D, \
         PGS Phạm E cùng ông bà F dự họp. Mr Blair met Dr Smith.",
    );
    let doc = Doc::new(&a);
    let mut found = 0;
    for b in &doc.blocks {
        for first in 0..=b.toks.len() {
            let simple: Vec<&THit> = b
                .hits
                .iter()
                .filter(|h| h.last + 1 == first && matches!(h.cat, Cat::Honorific | Cat::Academic))
                .collect();
            let fast: Vec<&THit> = honorifics_before(b, first).collect();
            assert_eq!(fast.len(), simple.len(), "token {first}");
            assert!(fast.iter().zip(&simple).all(|(x, y)| std::ptr::eq(*x, *y)));
            found += fast.len();
        }
    }
    assert!(found >= 4, "{found}");
}
