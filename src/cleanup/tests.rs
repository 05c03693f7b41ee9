//! Cleanup on hand-written scraped samples (fictional articles in the shapes real
//! scrapes have).

use std::path::Path;
use std::sync::Arc;

use super::build_article;
use crate::article::{Article, BlockKind, Format, Lang, Origin, TitleSource};
use crate::collection::record::RawRecord;

fn article(body: &str) -> Article {
    super::article_from_text(body, "t")
}

fn article_from(rec: RawRecord) -> Article {
    let origin = Origin {
        path: Arc::from(Path::new("t.txt")),
        format: Format::Text,
        record: None,
    };
    build_article(rec.cleaned(), "t".to_owned(), origin, 0)
}

fn paras(a: &Article) -> Vec<&str> {
    a.paragraphs().map(|b| a.slice(&b.span)).collect()
}

#[test]
fn vietnamplus_scrape_with_alt_text_caption_and_byline() {
    let a = article(
        "Hoi nghi lan thu 3 Ban Chap hanh Dang bo tinh Song Lam hinh anh 1Quang cảnh hội nghị. (Ảnh: TTXVN)\n\n\
         Sáng 12/3, Ban Chấp hành Đảng bộ tỉnh Sông Lam (khóa XV) tổ chức Hội nghị lần thứ 3.\n\n\
         Bí thư Tỉnh ủy Sông Lam Trần Văn Khải chủ trì hội nghị.\n\n\
         [Sông Lam đẩy mạnh cải cách hành chính]\n\n\
         Hoi nghi lan thu 3 Ban Chap hanh Dang bo tinh Song Lam hinh anh 2Bí thư Tỉnh ủy phát biểu. (Ảnh: TTXVN)\n\n\
         Hội nghị kết thúc cùng ngày./.\n\n\
         Lan Anh (TTXVN/Vietnam+)",
    );
    assert_eq!(
        a.title.as_deref(),
        Some("Hội nghị lần thứ 3 Ban Chấp hành Đảng bộ tỉnh Sông Lam")
    );
    assert_eq!(a.title_source, TitleSource::Recovered);
    assert_eq!(a.byline.as_deref(), Some("Lan Anh (TTXVN/Vietnam+)"));
    assert_eq!(a.lang, Lang::Vi);
    assert_eq!(
        paras(&a),
        [
            "Sáng 12/3, Ban Chấp hành Đảng bộ tỉnh Sông Lam (khóa XV) tổ chức Hội nghị lần thứ 3.",
            "Bí thư Tỉnh ủy Sông Lam Trần Văn Khải chủ trì hội nghị.",
            "Hội nghị kết thúc cùng ngày.",
        ]
    );
    let caps: Vec<(&str, Option<&str>)> =
        a.captions().map(|(b, c)| (a.slice(&b.span), c)).collect();
    assert_eq!(
        caps,
        [
            ("Quang cảnh hội nghị.", Some("TTXVN")),
            ("Bí thư Tỉnh ủy phát biểu.", Some("TTXVN"))
        ]
    );
    let rel: Vec<&str> = a.related().map(|b| a.slice(&b.span)).collect();
    assert_eq!(rel, ["Sông Lam đẩy mạnh cải cách hành chính"]);
}

#[test]
fn headline_line_then_body_then_agency_byline() {
    let a = article(
        "Quốc hội thảo luận về ngân sách\nSáng 5/6, Quốc hội họp.\nĐại biểu phát biểu. TTXVN/Tin Tức  ",
    );
    assert_eq!(a.title.as_deref(), Some("Quốc hội thảo luận về ngân sách"));
    assert_eq!(a.title_source, TitleSource::Headline);
    assert_eq!(a.byline.as_deref(), Some("TTXVN/Tin Tức"));
    assert_eq!(
        paras(&a),
        ["Sáng 5/6, Quốc hội họp.", "Đại biểu phát biểu."]
    );
}

#[test]
fn one_line_body_with_glued_caption_and_byline() {
    let rec = RawRecord {
        title: Some("Đầu tư công năm nay - Báo Mẫu".to_owned()),
        source: Some("Báo Mẫu".to_owned()),
        summary: Some("Thủ tướng cho biết năm nay dành nhiều vốn cho hạ tầng...".to_owned()),
        body: "Thủ tướng cho biết năm nay dành nhiều vốn cho hạ tầng giao thông.Chủ trì phiên họp sáng 16/2, \
               Thủ tướng nhấn mạnh yêu cầu giải ngân.Thủ tướng chủ trì phiên họp sáng 16/2. Ảnh: Minh KhôiTại phiên họp, \
               đại diện các bộ báo cáo tiến độ (23%).Hoàng Yến"
            .to_owned(),
        ..RawRecord::default()
    };
    let a = article_from(rec);
    assert_eq!(a.title.as_deref(), Some("Đầu tư công năm nay"));
    assert_eq!(a.byline.as_deref(), Some("Hoàng Yến"));
    assert_eq!(
        paras(&a),
        [
            "Thủ tướng cho biết năm nay dành nhiều vốn cho hạ tầng giao thông.",
            "Chủ trì phiên họp sáng 16/2, Thủ tướng nhấn mạnh yêu cầu giải ngân.",
            "Tại phiên họp, đại diện các bộ báo cáo tiến độ (23%).",
        ]
    );
    let caps: Vec<_> = a
        .captions()
        .map(|(b, c)| (a.slice(&b.span).to_owned(), c.map(str::to_owned)))
        .collect();
    assert_eq!(
        caps,
        [(
            "Thủ tướng chủ trì phiên họp sáng 16/2.".to_owned(),
            Some("Minh Khôi".to_owned())
        )]
    );
}

#[test]
fn separate_summary_becomes_the_lead() {
    let rec = RawRecord {
        title: Some("Hội nghị hội viên".to_owned()),
        summary: Some("Ngày 2/12, tại Đà Nẵng, Hiệp hội tổ chức hội nghị hội viên.".to_owned()),
        body: "Phát biểu khai mạc, ông Lê Văn Tâm cho biết năm qua nhiều khó khăn.".to_owned(),
        ..RawRecord::default()
    };
    let a = article_from(rec);
    assert_eq!(
        paras(&a)[0],
        "Ngày 2/12, tại Đà Nẵng, Hiệp hội tổ chức hội nghị hội viên."
    );
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn no_headline_gives_a_derived_title() {
    let a = article(
        "Sáng 27/4, Đảng ủy Bộ Mẫu đã tổ chức Hội nghị quán triệt Nghị quyết.\nÔng Hoàng Văn Bình phát biểu.\nThế Kha",
    );
    assert_eq!(a.title_source, TitleSource::Derived);
    assert_eq!(
        a.title.as_deref(),
        Some("Sáng 27/4, Đảng ủy Bộ Mẫu đã tổ chức Hội nghị quán triệt Nghị quyết")
    );
    assert_eq!(a.byline.as_deref(), Some("Thế Kha"));
}

#[test]
fn wire_copy_is_unwrapped_and_signed() {
    let a = article(
        "Officials from thirty countries met on Monday to set the agenda for\n\
         the regional conference, the commerce minister told reporters at\n\
         the opening session of the meeting in the capital city.\n    \
         Delegates are expected to discuss trade, commodities and the debt\n\
         problem that weighs heavily on developing countries this year.\n Reuter",
    );
    assert_eq!(a.byline.as_deref(), Some("Reuter"));
    assert_eq!(a.paragraph_count(), 2);
    assert_eq!(a.lang, Lang::En);
}

#[test]
fn trailer_metadata_and_glued_agency() {
    let a = article(
        "Thảo luận ở hội trường\nNgày 30/5, các đại biểu thảo luận.Phó Chủ tịch đề nghị Chính phủ tiếp tục nghiên cứu.PV\n31/05/13 11:20 GMT+7\nXã hội\nĐại biểu,Chính sách,Quốc hội\nNhân Dân",
    );
    assert_eq!(a.byline.as_deref(), Some("PV"));
    assert_eq!(a.meta.tags, ["Đại biểu", "Chính sách", "Quốc hội"]);
    assert_eq!(a.meta.source.as_deref(), Some("Nhân Dân"));
    assert_eq!(a.published.map(|d| d.iso()).as_deref(), Some("2013-05-31"));
    assert_eq!(a.paragraph_count(), 2);
}

#[test]
fn boilerplate_and_teasers_are_dropped() {
    let a = article(
        "Tiêu đề bài viết mẫu\n\
         Sau khi nghe báo cáo, hội nghị thảo luận về các giải pháp thu ngân sách trong 6 tháng …\n\
         Sau khi nghe báo cáo, hội nghị thảo luận về các giải pháp thu ngân sách trong 6 tháng cuối năm.\n\
         Hội nghị kết thúc.\n\
         Bạn có thể hủy đăng ký bất cứ khi nào",
    );
    assert_eq!(
        paras(&a),
        [
            "Sau khi nghe báo cáo, hội nghị thảo luận về các giải pháp thu ngân sách trong 6 tháng cuối năm.",
            "Hội nghị kết thúc."
        ]
    );
}

#[test]
fn spans_point_into_the_text() {
    let a = article("Tiêu đề\n\nĐoạn một có (Ảnh: X) chú thích. Đoạn tiếp.\n\nĐoạn hai.");
    for b in &a.blocks {
        assert!(a.text.is_char_boundary(b.span.start) && a.text.is_char_boundary(b.span.end));
        assert!(b.span.start < b.span.end || matches!(b.kind, BlockKind::Caption { .. }));
    }
}

#[test]
fn a_lead_left_at_the_end_is_read_first() {
    let a = article(
        "Toạ đàm 30 năm ngành thuế Sông Lam\n\nCác diễn giả chia sẻ kinh nghiệm quản lý thuế.\n\n\
         more(SLTV) – Sáng nay 8/9, tại Sông Lam, Cục Thuế tổ chức toạ đàm kỷ niệm 30 năm.\n",
    );
    let p = paras(&a);
    assert_eq!(
        p.first().copied(),
        Some("(SLTV) – Sáng nay 8/9, tại Sông Lam, Cục Thuế tổ chức toạ đàm kỷ niệm 30 năm.")
    );
    // Reading order, not text order; the spans stay valid and disjoint.
    let mut spans: Vec<_> = a.blocks.iter().map(|b| b.span.clone()).collect();
    spans.sort_by_key(|s| s.start);
    assert!(
        spans.windows(2).all(|w| w[0].end <= w[1].start),
        "{spans:?}"
    );
}

#[test]
fn no_boilerplate_phrase_holds_another() {
    // What lets the leftmost-first search stand for the standard one: a phrase
    // inside another could be found first by one and not by the other.
    let phrases: Vec<String> = crate::lexicon::entries(crate::lexicon::BOILERPLATE)
        .map(str::to_ascii_lowercase)
        .collect();
    for a in &phrases {
        for b in &phrases {
            assert!(a == b || !a.contains(b.as_str()), "{a:?} holds {b:?}");
        }
    }
}

#[test]
fn lowered_boilerplate_search_matches_the_case_insensitive_one() {
    // The automaton as it was: the phrases as written, ASCII case ignored.
    let insensitive = aho_corasick::AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(crate::lexicon::entries(crate::lexicon::BOILERPLATE))
        .unwrap();
    let mut scratch = Vec::new();
    for s in [
        "Hội nghị kết thúc. © COPYRIGHT 2024 Báo X",
        "copyright © báo x. ALL RIGHTS reserved",
        "Hãy SUBSCRIBE TO OUR kênh",
        "sign Up For Our Newsletter and Subscribe the feed",
        "bạn có thể hủy đăng ký",
        "Bạn có thể hủy đăng ký bất cứ khi nào",
        "BẠN CÓ THỂ HỦY ĐĂNG KÝ",
        "Bạn Có Thể Huỷ Đăng Ký",
        "đăng ký nhận bản tin",
        "Đăng ký nhận bản tin, Bản quyền thuộc về",
        "GHI RÕ NGUỒN KHI PHÁT HÀNH LẠI; Ghi rõ nguồn khi phát hành lại",
        "EMAIL PRINT Góp ý",
        "Để không bỏ lỡ các bài viết",
        "Không có gì ở đây cả.",
        "",
    ] {
        assert_eq!(
            super::find_boilerplate(s, &mut scratch),
            insensitive.find(s).map(|m| m.start()),
            "{s:?}"
        );
    }
}
