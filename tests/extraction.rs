//! Extraction on the project's own demo articles (fictional, written for docket;
//! their expected outline is in assets/DEMO.md).

use docket::article::Article;
use docket::outline::Outline;

fn demo() -> Vec<(Article, Outline)> {
    docket::demo::collection()
        .articles
        .into_iter()
        .map(|a| {
            let o = docket::extract::outline(&a);
            (a, o)
        })
        .collect()
}

fn find<'a>(all: &'a [(Article, Outline)], id: &str) -> &'a (Article, Outline) {
    all.iter()
        .find(|(a, _)| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

fn speakers(o: &Outline) -> Vec<(&str, Vec<&str>)> {
    o.speakers
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.roles.iter().map(String::as_str).collect(),
            )
        })
        .collect()
}

#[test]
fn seed_like_conference() {
    let all = demo();
    let (a, o) = find(&all, "01_hoi-nghi-tinh-uy-song-lam");
    assert_eq!(
        a.title.as_deref(),
        Some("Hội nghị lần thứ 5 Ban Chấp hành Đảng bộ tỉnh Sông Lam")
    );
    // One speaker with both roles, every statement kept.
    assert_eq!(
        speakers(o),
        [(
            "Hoàng Trung Nghĩa",
            vec!["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy Sông Lam"]
        )]
    );
    assert!(
        o.speakers[0].statements.len() >= 4,
        "{:?}",
        o.speakers[0].statements.len()
    );
    // The main meeting and the earlier online one.
    let main = &o.meetings[0];
    assert!(main.main);
    assert_eq!(main.kind, "hội nghị");
    assert_eq!(
        main.date.as_ref().map(|d| d.normalized()).as_deref(),
        Some("14/3")
    );
    assert_eq!(main.chairs, ["Hoàng Trung Nghĩa"]);
    assert_eq!(main.ordinal.as_deref(), Some("lần thứ 5"));
    assert_eq!(main.term.as_deref(), Some("khóa XV"));
    let online = &o.meetings[1];
    assert_eq!(
        online.date.as_ref().map(|d| d.normalized()).as_deref(),
        Some("6-7/3")
    );
    assert!(online.online);
    assert_eq!(online.connection_points, Some(212));
    // Three agenda items, each linked to the paragraph that takes it up.
    let items: Vec<&str> = o.agenda.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(items.len(), 3);
    assert!(items[0].starts_with("Chương trình hành động của Ban Chấp hành Đảng bộ tỉnh"));
    assert!(items[1].starts_with("Nghị quyết của Ban Chấp hành Đảng bộ tỉnh về quy hoạch"));
    assert!(items[2].starts_with("báo cáo sơ kết công tác chuyển đổi số"));
    for item in &o.agenda {
        assert_eq!(item.blocks.len(), 1, "{}", item.text);
        assert!(
            a.slice(&a.blocks[item.blocks[0]].span)
                .starts_with("Đối với")
        );
    }
}

#[test]
fn council_session_with_several_speakers_and_short_forms() {
    let all = demo();
    let (_, o) = find(&all, "02_ky-hop-hdnd-hai-van");
    assert_eq!(
        speakers(o),
        [
            ("Ngô Thị Lan Phương", vec!["Chủ tịch HĐND thành phố"]),
            ("Đỗ Văn Khiêm", vec!["Phó Chủ tịch UBND thành phố"]),
            (
                "Lý Hoài Nam",
                vec!["Trưởng Ban Kinh tế - Ngân sách HĐND thành phố"]
            ),
        ]
    );
    assert_eq!(o.meetings[0].chairs, ["Ngô Thị Lan Phương"]);
    assert_eq!(
        o.meetings[0]
            .date
            .as_ref()
            .map(|d| d.normalized())
            .as_deref(),
        Some("9/7")
    );
    assert_eq!(o.agenda.len(), 3);
    // "ông Nam" resolves to Lý Hoài Nam: his statements include the quote.
    let nam = &o.speakers[2];
    assert!(nam.statements.len() >= 2);
}

#[test]
fn one_line_scrape_with_glued_caption() {
    let all = demo();
    let (a, o) = find(&all, "04_vnexpress-phien-hop-ban-chi-dao");
    assert_eq!(a.byline.as_deref(), Some("Quang Vinh"));
    assert_eq!(o.meetings[0].kind, "phiên họp");
    assert_eq!(o.meetings[0].chairs, ["Lâm Quốc Thái"]);
    let names: Vec<&str> = o.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Lâm Quốc Thái", "Trịnh Văn Lộc", "Đinh Công Hậu"]);
    assert!(a.captions().any(|(_, credit)| credit == Some("Nhật Minh")));
}

#[test]
fn english_council_and_wire_copy() {
    let all = demo();
    let (_, o) = find(&all, "05_northbridge-council");
    let names: Vec<&str> = o.speakers.iter().map(|s| s.name.as_str()).collect();
    for who in ["David Okafor", "Priya Raman", "Margaret Ellison"] {
        assert!(names.contains(&who), "{names:?}");
    }
    let items: Vec<&str> = o.agenda.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        items,
        [
            "flood defence plan",
            "the 2025 budget amendment",
            "a review of bus routes"
        ]
    );
    let (_, o) = find(&all, "9001");
    assert_eq!(o.speakers[0].name, "Anil Varma");
    assert_eq!(o.speakers[0].roles, ["Trade Minister"]);
    assert_eq!(
        o.meetings[0]
            .date
            .as_ref()
            .map(|d| d.normalized())
            .as_deref(),
        Some("11/3/2025")
    );
}

#[test]
fn academic_titles_are_not_roles() {
    let all = demo();
    let (_, o) = find(&all, "07_hoi-thao-chuyen-doi-so");
    let phuoc = o
        .speakers
        .iter()
        .find(|s| s.name == "Nguyễn Hữu Phước")
        .expect("speaker");
    assert_eq!(phuoc.roles, ["Viện trưởng Viện Nghiên cứu Kinh tế số"]);
    assert_eq!(o.agenda.len(), 3);
    assert!(o.agenda[0].text.starts_with("hạ tầng dữ liệu"));
}

#[test]
fn non_meeting_articles_keep_speakers_without_meetings() {
    let all = demo();
    let (_, o) = find(&all, "08_the-thao-khong-phai-hop");
    assert!(o.meetings.is_empty());
    assert!(o.agenda.is_empty());
    assert!(
        o.speakers
            .iter()
            .any(|s| s.roles.iter().any(|r| r == "HLV"))
    );
}

#[test]
fn speaker_sentences_written_for_the_rules() {
    let cases: &[(&str, &[&str])] = &[
        // Title chain, place stripped before the name.
        (
            "Bí thư Tỉnh ủy Lâm Đồng Trần Văn Khải cho biết tỉnh đã hoàn thành kế hoạch.",
            &["Trần Văn Khải"],
        ),
        // "Theo <người>, ..."
        (
            "Theo ông Lê Minh Quang, các địa phương cần chủ động hơn.",
            &["Lê Minh Quang"],
        ),
        // "Theo <lời kể / trình báo> của <người>, ..."
        (
            "Theo trình báo của anh Lê Văn Tâm, chiếc xe bị lấy trộm vào sáng 3/2.",
            &["Lê Văn Tâm"],
        ),
        // The person a directive addresses is not its speaker, but a semicolon ends
        // the directive's clause: the delegate after it speaks.
        (
            "Nhiều đại biểu đề nghị ban soạn thảo làm rõ trách nhiệm của các bộ; trong \
             đó, đại biểu Khổng Thị Lụa (Đoàn Sông Lam) đề nghị bỏ khoản 3.",
            &["Khổng Thị Lụa"],
        ),
        (
            "Bộ trưởng đề nghị đồng chí Khổng Thị Lụa báo cáo kết quả trong tháng 6.",
            &[],
        ),
        // A plan is not speech.
        (
            "Theo kế hoạch của ông Lê Văn Tâm, công trình sẽ xong vào tháng 6.",
            &[],
        ),
        // A quotation, then the speaker.
        (
            "\"Chúng ta phải làm ngay,\" Bộ trưởng Phạm Thị Hoa nhấn mạnh.",
            &["Phạm Thị Hoa"],
        ),
        // A list of delegates who said the same.
        (
            "Các đại biểu Nguyễn Văn An (Cà Mau), Trần Thị Bình (Bạc Liêu) và một số đại biểu cho rằng cần sửa luật.",
            &["Nguyễn Văn An", "Trần Thị Bình"],
        ),
        // Asked to report is not speaking.
        (
            "Thủ tướng Đặng Văn Hùng đề nghị Bộ trưởng Bộ Tài chính Võ Thành Công báo cáo trong tháng tới.",
            &["Đặng Văn Hùng"],
        ),
        // Merely present.
        (
            "Dự hội nghị có đồng chí Hồ Minh Tâm, Phó Chủ tịch UBND tỉnh.",
            &[],
        ),
        // Future speech does not count.
        (
            "Ngày mai, Chủ tịch UBND tỉnh Bùi Văn Tuấn sẽ phát biểu tại hội nghị.",
            &[],
        ),
        // A speech lead and a comma: the subject after it spoke, whatever the verb.
        (
            "Phát biểu khai mạc hội thảo, giáo sư, tiến sỹ Hans Bremer, người vừa được bầu \
             lại làm Chủ tịch Hội, đã điểm lại năm luận điểm.",
            &["Hans Bremer"],
        ),
        // Chairing is not speaking.
        (
            "Chủ trì hội nghị, ông Lê Văn Tâm điểm danh các đơn vị.",
            &[],
        ),
        // A caption that capitalises its verb.
        (
            "Thứ trưởng Bộ Y tế Đào Minh Khang Kết luận Hội nghị",
            &["Đào Minh Khang"],
        ),
        // A long parenthetical aside between the name and the verb.
        (
            "TS Đặng Văn Lộc, (Ban chỉ đạo đề án “Đổi mới chương trình, sách giáo khoa \
             sau năm 2025” của tỉnh) cho rằng sách cần đổi mới.",
            &["Đặng Văn Lộc"],
        ),
        (
            "Tuy nhiên cô Vũ Thị Thu Hà đã nhanh chóng phủ nhận thông tin này.",
            &["Vũ Thị Thu Hà"],
        ),
        // English.
        (
            "\"We will not wait,\" said Councillor Helen Ward. The mayor agreed.",
            &["Helen Ward"],
        ),
        (
            "Foreign Secretary Jack Mills told reporters the talks were useful.",
            &["Jack Mills"],
        ),
    ];
    for (text, want) in cases {
        let a = article(text);
        let o = docket::extract::outline(&a);
        let got: Vec<&str> = o.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(&got, want, "{text}");
    }
}

/// A speaker with roles, as [`roles_of`] lists them.
fn one(name: &str, roles: &[&str]) -> (String, Vec<String>) {
    (
        name.to_owned(),
        roles.iter().map(|r| (*r).to_owned()).collect(),
    )
}

/// Each speaker of `text` (an article's whole text) with their roles.
fn roles_of(text: &str) -> Vec<(String, Vec<String>)> {
    let o = docket::extract::outline(&article(text));
    o.speakers.into_iter().map(|s| (s.name, s.roles)).collect()
}

fn article(body: &str) -> Article {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.txt");
    std::fs::write(&p, body).unwrap();
    docket::collection::load(&[p], &Default::default())
        .articles
        .remove(0)
}

fn agenda_of(title: &str, body: &str) -> Vec<String> {
    let a = article(&format!("{title}\n\n{body}"));
    let o = docket::extract::outline(&a);
    o.agenda.into_iter().map(|i| i.text).collect()
}

#[test]
fn agenda_sentences_written_for_the_rules() {
    let title = "Hội nghị Ban Chấp hành Đảng bộ tỉnh Sông Lam";
    // Items after a comma that start like an item ("kế hoạch", "công tác") inside
    // a semicolon list are items of their own.
    assert_eq!(
        agenda_of(
            title,
            "Sáng 3/7, Hội nghị Ban Chấp hành Đảng bộ tỉnh Sông Lam đã tập trung thảo luận, \
             thông qua các nội dung: tình hình kinh tế - xã hội 6 tháng đầu năm, kế hoạch \
             đầu tư công năm tới; đánh giá kết quả chuyển đổi số của tỉnh, công tác cải cách \
             hành chính và kết quả thực hiện nghị quyết về phát triển du lịch."
        ),
        [
            "tình hình kinh tế - xã hội 6 tháng đầu năm",
            "kế hoạch đầu tư công năm tới",
            "đánh giá kết quả chuyển đổi số của tỉnh",
            "công tác cải cách hành chính",
            "kết quả thực hiện nghị quyết về phát triển du lịch",
        ]
    );
    // A long item that ends in a short enumeration of its own stays whole.
    assert_eq!(
        agenda_of(
            title,
            "Chiều 8/5, tại Hội nghị Ban Chấp hành Đảng bộ tỉnh Sông Lam, các đại biểu tập \
             trung thảo luận về những định hướng lớn trong công tác bảo vệ môi trường của \
             tỉnh giai đoạn tới, trồng rừng, xử lý rác thải và bảo vệ nguồn nước."
        ),
        [
            "những định hướng lớn trong công tác bảo vệ môi trường của tỉnh giai đoạn tới, \
          trồng rừng, xử lý rác thải và bảo vệ nguồn nước"
        ]
    );
    // Bulleted reports: one item per bullet, the document that was presented.
    assert_eq!(
        agenda_of(
            "Kỳ họp thứ 9 Hội đồng nhân dân tỉnh Sông Lam",
            "Sáng 9/12, kỳ họp thứ 9 Hội đồng nhân dân tỉnh Sông Lam khai mạc. Hội đồng \
             nhân dân tỉnh đã nghe: - Phó Chủ tịch UBND tỉnh Lê Văn Sơn trình bày Tờ trình \
             đề nghị phê chuẩn quyết toán ngân sách năm 2025. - Trưởng ban Kinh tế - Ngân \
             sách Hồ Thị Mai trình bày Báo cáo thẩm tra về quyết toán ngân sách năm 2025."
        ),
        [
            "Tờ trình đề nghị phê chuẩn quyết toán ngân sách năm 2025",
            "Báo cáo thẩm tra về quyết toán ngân sách năm 2025",
        ]
    );
    // Opinions in a debate are not the agenda.
    assert_eq!(
        agenda_of(
            "Kỳ họp thứ 9 Hội đồng nhân dân tỉnh Sông Lam",
            "Chiều 10/12, Hội đồng nhân dân tỉnh Sông Lam họp phiên thứ hai. Các ý kiến \
             thảo luận tập trung vào những nội dung: thời hạn của nghị quyết, nguồn vốn \
             thực hiện, trách nhiệm của các sở."
        ),
        Vec::<String>::new()
    );
    // A session reported sitting by sitting: each sitting's business is on the
    // agenda, not only the longest list.
    assert_eq!(
        agenda_of(
            "Kỳ họp thứ 7 HĐND tỉnh Sông Lam khai mạc",
            "Sáng 4/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 7. HĐND tỉnh đã nghe: - Phó \
             Chủ tịch UBND tỉnh Lê Văn Sơn trình bày Tờ trình về kế hoạch đầu tư công năm \
             2026. - Trưởng ban Kinh tế - Ngân sách Hồ Thị Mai trình bày Báo cáo thẩm tra \
             về kế hoạch đầu tư công năm 2026. Buổi chiều, HĐND tỉnh thảo luận ở tổ về dự \
             thảo Nghị quyết về chính sách hỗ trợ nhà ở xã hội."
        ),
        [
            "Tờ trình về kế hoạch đầu tư công năm 2026",
            "Báo cáo thẩm tra về kế hoạch đầu tư công năm 2026",
            "dự thảo Nghị quyết về chính sách hỗ trợ nhà ở xã hội",
        ]
    );
    // Late in the report, "Tại kỳ họp, HĐND đã thông qua ..." adds to the agenda; an
    // address keeps its commas.
    let filler = "Đoạn hai.\n\nĐoạn ba.\n\nĐoạn bốn.\n\nĐoạn năm.\n\nĐoạn sáu.\n\nĐoạn bảy.\n\n";
    assert_eq!(
        agenda_of(
            "Kỳ họp thứ 7 HĐND tỉnh Sông Lam",
            &format!(
                "Sáng 4/7, HĐND tỉnh Sông Lam khai mạc kỳ họp thứ 7 và thông qua Nghị quyết \
                 về kế hoạch đầu tư công năm 2026.\n\n{filler}Tại kỳ họp, HĐND tỉnh đã thông \
                 qua đề nghị công nhận xã Bãi Ngọc, huyện Đảo Xa là xã đảo."
            )
        ),
        [
            "Nghị quyết về kế hoạch đầu tư công năm 2026",
            "đề nghị công nhận xã Bãi Ngọc, huyện Đảo Xa là xã đảo",
        ]
    );
    // "thảo luận nhiều nội dung quan trọng, trong đó có ...": the items follow
    // "trong đó có"; bare "thảo luận" elsewhere is no cue.
    assert_eq!(
        agenda_of(
            "Hội nghị nghị sĩ trẻ khu vực",
            "Sáng 12/5, Hội nghị nghị sĩ trẻ khu vực khai mạc tại Sông Lam. Các đại biểu \
             thảo luận nhiều nội dung quan trọng, trong đó có những biện pháp nhằm tăng \
             cường tiếng nói của thanh niên, bảo vệ nguồn nước sạch, ứng phó với biến đổi \
             khí hậu."
        ),
        [
            "những biện pháp nhằm tăng cường tiếng nói của thanh niên",
            "bảo vệ nguồn nước sạch",
            "ứng phó với biến đổi khí hậu",
        ]
    );
    assert_eq!(
        agenda_of(
            "Hội nghị nghị sĩ trẻ khu vực",
            "Sáng 12/5, Hội nghị nghị sĩ trẻ khu vực khai mạc tại Sông Lam. Các đại biểu \
             thảo luận sôi nổi trong suốt buổi sáng."
        ),
        Vec::<String>::new()
    );
    // Parts of the programme written as headings of their own.
    assert_eq!(
        agenda_of(
            "Tọa đàm 30 năm ngành thuế Sông Lam",
            "Sáng 8/9, Cục Thuế tỉnh Sông Lam tổ chức tọa đàm kỷ niệm 30 năm thành lập.\n\n\
             Phiên 1: Thuế điện tử cho hộ kinh doanh\n\nCác diễn giả chia sẻ kinh nghiệm.\n\n\
             Phiên 2: Hỗ trợ doanh nghiệp nhỏ tuân thủ thuế\n\nTọa đàm kết thúc lúc 11 giờ."
        ),
        [
            "Thuế điện tử cho hộ kinh doanh",
            "Hỗ trợ doanh nghiệp nhỏ tuân thủ thuế",
        ]
    );
    // "cho ý kiến" takes a document right after it; a ceremony has no agenda.
    assert_eq!(
        agenda_of(
            "Phiên họp thứ 12 Thường trực HĐND tỉnh Sông Lam",
            "Sáng 20/9, tại phiên họp thứ 12, Thường trực HĐND tỉnh Sông Lam cho ý kiến dự \
             thảo Nghị quyết về chính sách hỗ trợ nhà ở xã hội."
        ),
        ["dự thảo Nghị quyết về chính sách hỗ trợ nhà ở xã hội"]
    );
    assert_eq!(
        agenda_of(
            "Lễ kỷ niệm 50 năm thành lập huyện Bến Sỏi",
            "Sáng 2/9, huyện Bến Sỏi long trọng tổ chức lễ kỷ niệm 50 năm thành lập. Tại \
             buổi lễ, các đại biểu đã nghe diễn văn của Bí thư Huyện ủy và thông điệp của \
             Chủ tịch UBND huyện."
        ),
        Vec::<String>::new()
    );
    // Deep in the report, a paragraph opening "Tại hội thảo" names the topics the
    // meeting talked over; a list trailing off with "…" ends there, and "và thảo
    // luận, trao đổi về" opens the next item.
    let later = "Đoạn hai nói về khách mời.\n\nĐoạn ba.\n\nĐoạn bốn.\n\nĐoạn năm.\n\nĐoạn sáu.\n\n";
    assert_eq!(
        agenda_of(
            "Hội thảo chuyển đổi số ngành thuế",
            &format!(
                "Sáng 4/6, Cục Thuế tỉnh Sông Lam tổ chức hội thảo chuyển đổi số.\n\n{later}\
                 Tại hội thảo, các chuyên gia đã trao đổi, chia sẻ về lộ trình hóa đơn điện tử \
                 cho hộ kinh doanh; kinh nghiệm quản lý thuế sàn thương mại điện tử và thảo \
                 luận, trao đổi về giải pháp hỗ trợ doanh nghiệp nhỏ… Sau đây là một số hình \
                 ảnh; phóng viên ghi lại tại hội thảo."
            )
        ),
        [
            "lộ trình hóa đơn điện tử cho hộ kinh doanh",
            "kinh nghiệm quản lý thuế sàn thương mại điện tử",
            "giải pháp hỗ trợ doanh nghiệp nhỏ",
        ]
    );
}

#[test]
fn english_agenda_sentences_written_for_the_rules() {
    let title = "Harbour states meet in Port Alder";
    // "X and Y top the agenda": the subject is the list, beside a fuller one.
    assert_eq!(
        agenda_of(
            "Fish and ports top Alder agenda",
            "Fishing quotas and the future of port fees are leading the list of concerns \
             for the first day of the Harbour Forum, which opened in Port Alder on \
             Wednesday.\n\nOther topics to be discussed at the three-day forum range from \
             shipping insurance to customs rules."
        ),
        [
            "Fishing quotas",
            "the future of port fees",
            "shipping insurance",
            "customs rules",
        ]
    );
    // A list ends where a new clause starts with "and"; "also" adds a list.
    assert_eq!(
        agenda_of(
            title,
            "PORT ALDER, March 3 - Trade ministers of the Harbour States met on Monday.\n\n\
             Officials said the ministers would discuss issues relating to fishing quotas, \
             port fees, shipping insurance and customs rules, and adopt a joint statement.\n\n\
             The meeting would also discuss the possibility of a common \"Harbour Fund,\" \
             along the lines of older regional banks."
        ),
        [
            "fishing quotas",
            "port fees",
            "shipping insurance",
            "customs rules",
            "possibility of a common \"Harbour Fund\"",
        ]
    );
    // "ranging from X to Y": two items.
    assert_eq!(
        agenda_of(
            "Leaders gather for the Alder Forum",
            "Some 300 leaders arrived for the annual Alder Forum summit on Tuesday. For three \
             days, they will discuss issues ranging from water security to the future of \
             regional rail."
        ),
        ["water security", "the future of regional rail"]
    );
}

#[test]
fn working_visit_topics_after_ve() {
    // The meeting's own kind before "về": its topics, whatever the case of the kind.
    assert_eq!(
        agenda_of(
            "Bộ Xây dựng làm việc với tỉnh Sông Lam",
            "Ngày 5/6, đoàn công tác của Bộ Xây dựng do Thứ trưởng Lê Thu Hà làm trưởng đoàn đã có \
             buổi làm việc với tỉnh Sông Lam về tình hình thực hiện quy hoạch đô thị, quản \
             lý đầu tư xây dựng và các dự án nhà ở xã hội."
        ),
        [
            "tình hình thực hiện quy hoạch đô thị",
            "quản lý đầu tư xây dựng",
            "các dự án nhà ở xã hội",
        ]
    );
}

#[test]
fn council_passing_documents_through_the_article() {
    // A body passing documents, paragraph after paragraph: each document is an item.
    let items = agenda_of(
        "HĐND tỉnh Sông Lam thông qua nhiều nghị quyết quan trọng",
        "Ngày 12/7, tại kỳ họp thứ 15 HĐND tỉnh Sông Lam khóa X, các đại biểu đã thảo \
         luận và thông qua nhiều nghị quyết quan trọng.\n\n\
         Cụ thể, HĐND tỉnh thông qua Nghị quyết điều chỉnh kế hoạch đầu tư công năm 2025 \
         cho 40 dự án. Trong đó, tăng vốn cho 25 dự án.\n\n\
         Phó Chủ tịch UBND tỉnh Lê Văn Sơn cho biết các dự án đều có tiến độ tốt.\n\n\
         Các dự án được tăng vốn đều đã được bố trí vốn từ năm trước.\n\n\
         Nhiều đại biểu đề nghị đẩy nhanh công tác giải phóng mặt bằng.\n\n\
         Việc giải ngân vốn cũng được các đại biểu quan tâm.\n\n\
         Tại kỳ họp, HĐND tỉnh cũng thông qua Nghị quyết về phát hành trái phiếu chính \
         quyền địa phương năm 2025.",
    );
    assert_eq!(
        items,
        [
            "Nghị quyết điều chỉnh kế hoạch đầu tư công năm 2025 cho 40 dự án",
            "Nghị quyết về phát hành trái phiếu chính quyền địa phương năm 2025",
        ]
    );
    // What another meeting passed (the congress a conference studies) is not this
    // meeting's agenda.
    assert_eq!(
        agenda_of(
            "Hội nghị quán triệt Nghị quyết Đại hội",
            "Sáng 5/3, Đảng ủy Khối tổ chức Hội nghị quán triệt Nghị quyết Đại hội XIV \
             của Đảng.\n\n\
             Đại hội đã thảo luận và thông qua các văn kiện gồm: Báo cáo chính trị, Chiến \
             lược phát triển kinh tế - xã hội 10 năm; Báo cáo tổng kết công tác xây dựng \
             Đảng."
        ),
        Vec::<String>::new()
    );
}

/// Inputs the extraction fuzzer found (a cue at the very end of a paragraph made
/// an inverted slice); kept so they stay fixed.
#[test]
fn fuzz_found_cue_at_the_end_of_a_block() {
    for text in [
        "đểKỳ họp họp ",
        "Hoi nghi )\n\nSág 143, Barình đểKhai mạc Kỳ họp thứ  ọtrên ",
        "# ridg\n\nThe agenda included \npresided over the session, i",
    ] {
        let a = article(text);
        let o = docket::extract::outline(&a);
        for item in &o.agenda {
            assert!(a.text.get(item.span.clone()).is_some());
        }
    }
}

#[test]
fn roles_and_english_speakers_written_for_the_rules() {
    // A title written once heads the whole list of delegates.
    assert_eq!(
        roles_of(
            "Đại biểu Lê Văn An (Cà Mau), Trần Thị Bình (Bạc Liêu), Phạm Văn Cường (An Giang) \
             cho rằng cần sửa luật."
        ),
        [
            one("Lê Văn An", &["Đại biểu"]),
            one("Trần Thị Bình", &["Đại biểu"]),
            one("Phạm Văn Cường", &["Đại biểu"]),
        ]
    );
    // "Hội đồng Trị sự": "sự" after a capital belongs to the name of the body.
    assert_eq!(
        roles_of(
            "Hòa thượng Thích Minh Tuệ, Phó Chủ tịch Hội đồng Trị sự Giáo hội Phật giáo \
             tỉnh đã đọc thông điệp Phật đản."
        ),
        [one(
            "Thích Minh Tuệ",
            &["Phó Chủ tịch Hội đồng Trị sự Giáo hội Phật giáo tỉnh"]
        )]
    );
    // "làm trưởng đoàn" is a role; "tại buổi họp báo" is not part of the office.
    assert_eq!(
        roles_of(
            "Đoàn công tác do bà Đỗ Thị Hạnh, Thứ trưởng Bộ Xây dựng làm trưởng đoàn đã làm \
             việc với tỉnh. Bà Đỗ Thị Hạnh cho biết tỉnh cần đẩy nhanh tiến độ."
        ),
        [one(
            "Đỗ Thị Hạnh",
            &["Thứ trưởng Bộ Xây dựng", "trưởng đoàn"]
        )]
    );
    assert_eq!(
        roles_of(
            "Đây là đánh giá của ông Lâm Văn Giang, Chủ nhiệm Ủy ban Kinh tế tỉnh tại buổi \
             họp báo chiều 3/5. Ông Lâm Văn Giang nhấn mạnh hội nghị đã thành công."
        ),
        [one("Lâm Văn Giang", &["Chủ nhiệm Ủy ban Kinh tế tỉnh"])]
    );
    // English: a relative clause after a preposition, a possessive place, weaker
    // speech verbs, and a party name qualifying a title.
    assert_eq!(
        roles_of(
            "His speech was pre-empted by French President Paul Marceau, who announced his \
             attendance at the last minute.\n\nLater Birmingham's Owen Pryce even went so far \
             as to suggest an early vote.\n\nLiberal Democrat leader Hamish Doyle has indicated \
             he wants the rebate to end."
        ),
        [
            one("Paul Marceau", &["French President"]),
            one("Owen Pryce", &[]),
            one("Hamish Doyle", &["Liberal Democrat leader"]),
        ]
    );
}

/// The normalised date of the first meeting of `o`.
fn first_meeting_date(o: &Outline) -> Option<String> {
    o.meetings.first()?.date.as_ref().map(|d| d.normalized())
}

#[test]
fn a_body_that_sits_reports_a_sitting_without_a_meeting_noun() {
    let o = docket::extract::outline(&article(
        "Thủ đô cần quỹ đầu tư mạo hiểm\n\nChủ tịch Quốc hội cho rằng thành phố cần quỹ \
         riêng. Sáng 20/9, Ủy ban Thường vụ Quốc hội cho ý kiến dự án Luật Thủ đô (sửa đổi).",
    ));
    assert_eq!(o.meetings.len(), 1);
    assert_eq!(o.meetings[0].kind, "phiên họp");
    assert_eq!(o.meetings[0].name, "phiên họp Ủy ban Thường vụ Quốc hội");
    assert_eq!(first_meeting_date(&o).as_deref(), Some("20/9"));
    // Issuing a decree is not a sitting.
    let o = docket::extract::outline(&article(
        "Nghị định mới về thuế\n\nSáng 20/9, Chính phủ ban hành nghị định về thuế nhà đất.",
    ));
    assert!(o.meetings.is_empty(), "{:?}", o.meetings);
}

#[test]
fn the_assembly_discussing_is_a_sitting_not_a_seminar() {
    // "Quốc hội thảo luận" reads "Quốc hội | thảo luận" (the Assembly discusses);
    // "hội thảo" (a seminar) overlaps it on the syllable "hội".
    let o = docket::extract::outline(&article(
        "Quốc hội thảo luận về Luật Đường thủy nội địa\n\nĐại biểu Trịnh Văn Lộc cho rằng \
         cần sửa luật sớm. Đây là ý kiến của ông khi Quốc hội thảo luận tại tổ về dự án \
         Luật Đường thủy nội địa (sửa đổi), chiều 14/11.",
    ));
    let kinds: Vec<&str> = o.meetings.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["phiên họp"], "{:?}", o.meetings);
    assert_eq!(o.meetings[0].name, "phiên họp Quốc hội");
    assert_eq!(first_meeting_date(&o).as_deref(), Some("14/11"));
    // A block that stops right after the body and "đã" (a cut-off scrape) holds
    // no verb: nothing is read past its end.
    let o = docket::extract::outline(&article(
        "Tin cắt ngang\n\nChiều 14/11, tại tổ, các đại biểu Quốc hội đã",
    ));
    assert!(o.meetings.is_empty(), "{:?}", o.meetings);
    // A seminar is still one.
    let o = docket::extract::outline(&article(
        "Hội thảo về giao thông đường thủy\n\nSáng 14/11, Viện Giao thông Sông Lam tổ chức hội \
         thảo về giao thông đường thủy nội địa.",
    ));
    let kinds: Vec<&str> = o.meetings.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["hội thảo"], "{:?}", o.meetings);
}

#[test]
fn a_city_written_tp_dot_stays_in_the_role_and_the_sentence() {
    // "TP." (thành phố) before a city's name ends no sentence: the speaker keeps
    // the statement and the whole role, with the title before the name too.
    let o = docket::extract::outline(&article(
        "Thành phố đầu tư thêm cho y tế\n\nÔng Trần Văn Bảo, Phó Chủ tịch UBND TP. Hồ Chí \
         Minh, cho biết thành phố sẽ đầu tư thêm 12 trạm y tế. Phó Giám đốc Sở Y tế TP. Cần \
         Thơ Lâm Thị Ngọc khẳng định sẽ phối hợp chặt chẽ.",
    ));
    assert_eq!(
        speakers(&o),
        [
            ("Trần Văn Bảo", vec!["Phó Chủ tịch UBND TP. Hồ Chí Minh"]),
            ("Lâm Thị Ngọc", vec!["Phó Giám đốc Sở Y tế TP. Cần Thơ"]),
        ]
    );
}

#[test]
fn a_name_that_ends_with_an_initial_keeps_its_statement() {
    // Papers shorten the given name of private people: the initial's period
    // ends no sentence, and an aside or appositive may follow it.
    let o = docket::extract::outline(&article(
        "Phụ huynh bức xúc vì bữa ăn bán trú\n\nAnh Trần Văn H. (35 tuổi, ngụ xã Bình An) \
         cho biết con anh thường về nhà vẫn đói. Chị Lê Thị Mỹ K. - thành viên Ban đại diện \
         cha mẹ học sinh cho biết sẽ đề nghị nhà trường công khai thực đơn.",
    ));
    assert_eq!(
        speakers(&o),
        [
            ("Trần Văn H", vec![]),
            (
                "Lê Thị Mỹ K",
                vec!["thành viên Ban đại diện cha mẹ học sinh"]
            ),
        ]
    );
}

#[test]
fn a_role_closes_the_parenthesis_it_opens() {
    let o = docket::extract::outline(&article(
        "Kiểm định xe cơ giới\n\nÔng Lê Văn Tâm, Cục trưởng Cục Kiểm định phương tiện (Bộ \
         Giao thông Sông Lam), cho biết sẽ rút ngắn thời gian kiểm định.",
    ));
    assert_eq!(
        speakers(&o),
        [(
            "Lê Văn Tâm",
            vec!["Cục trưởng Cục Kiểm định phương tiện (Bộ Giao thông Sông Lam)"]
        )]
    );
}

#[test]
fn agenda_cues_without_a_list_after_them() {
    let title = "Phiên họp thứ 6 Thường trực Hội đồng nhân dân tỉnh Sông Lam";
    let opening = "Sáng 12/3, Thường trực Hội đồng nhân dân tỉnh Sông Lam tổ chức phiên họp thứ 6.";
    // "về các nội dung trên" points back at what was said: no list follows.
    assert_eq!(
        agenda_of(
            title,
            &format!(
                "{opening} Chủ tịch HĐND tỉnh Lương Văn Khải đề nghị Văn phòng căn cứ kết luận \
                 của chủ tọa tại phiên họp này về các nội dung trên để thông báo kết luận phiên \
                 họp tới các sở, ngành, địa phương."
            )
        ),
        Vec::<String>::new()
    );
    // A cue that runs into a place ("xem xét, thông qua tại kỳ họp tới") names no
    // topic (the other words of `vi/agenda_non_items.txt` work the same way).
    assert_eq!(
        agenda_of(
            title,
            &format!(
                "{opening} Các dự thảo sẽ được hoàn chỉnh để trình Hội đồng nhân dân xem xét, \
                 thông qua tại kỳ họp tới."
            )
        ),
        Vec::<String>::new()
    );
    // "về X; về Y" lists X and Y; a related-article link in brackets after the
    // list's full stop is not part of its last item.
    assert_eq!(
        agenda_of(
            title,
            &format!(
                "{opening} Phiên họp tập trung thảo luận về việc điều chỉnh quy hoạch khu công \
                 nghiệp Bến Đá; về kế hoạch đầu tư công năm 2026. [Sông Lam chuẩn bị kỳ họp \
                 cuối năm] Phát biểu kết luận, Chủ tịch HĐND tỉnh Lương Văn Khải đề nghị các \
                 ban tiếp tục giám sát."
            )
        ),
        [
            "việc điều chỉnh quy hoạch khu công nghiệp Bến Đá",
            "kế hoạch đầu tư công năm 2026"
        ]
    );
    // Those words are told apart by their tones: "trọng tâm" and "tài chính" open
    // items, "trong" and "tại" would not.
    assert_eq!(
        agenda_of(
            title,
            &format!(
                "{opening} Phiên họp thảo luận về trọng tâm công tác giám sát quý II; tài \
                 chính công đoàn năm 2026."
            )
        ),
        [
            "trọng tâm công tác giám sát quý II",
            "tài chính công đoàn năm 2026"
        ]
    );
}

#[test]
fn agenda_keeps_an_amending_law_whole() {
    // "sửa đổi, bổ sung" is one formula inside a law's name, not two items.
    assert_eq!(
        agenda_of(
            "Phiên họp thứ 6 Thường trực Hội đồng nhân dân tỉnh Sông Lam",
            "Sáng 12/3, Thường trực Hội đồng nhân dân tỉnh Sông Lam tổ chức phiên họp thứ 6. \
             Phiên họp thảo luận, cho ý kiến về dự án Luật sửa đổi, bổ sung một số điều của \
             Luật Đất đai và dự thảo Nghị quyết về giá đất."
        ),
        [
            "dự án Luật sửa đổi, bổ sung một số điều của Luật Đất đai",
            "dự thảo Nghị quyết về giá đất"
        ]
    );
}

#[test]
fn unit_heads_and_offices_at_a_place_written_for_the_rules() {
    // "Phòng" and "Khoa" are often capitalised after "Trưởng": the title is the
    // same, and the long appositive it starts ends before the speech verb.
    assert_eq!(
        roles_of(
            "Tin thời tiết\n\nÔng Hà Văn Lộc, Phó trưởng Phòng Dự báo Đài Khí tượng Khu vực \
             Tây Bắc, cho biết mưa sẽ kéo dài đến cuối tuần."
        ),
        [one(
            "Hà Văn Lộc",
            &["Phó trưởng Phòng Dự báo Đài Khí tượng Khu vực Tây Bắc"]
        )]
    );
    // "hình sự" is one word: its "sự" opens no clause.
    assert_eq!(
        roles_of(
            "Tin an ninh\n\nTrao đổi với phóng viên, thượng tá Đặng Văn Khải, Trưởng phòng \
             Cảnh sát hình sự (Công an tỉnh Sông Mã) cho biết đã khởi tố vụ án."
        ),
        [one(
            "Đặng Văn Khải",
            &[
                "thượng tá",
                "Trưởng phòng Cảnh sát hình sự (Công an tỉnh Sông Mã)"
            ]
        )]
    );
    // Capitalised words between a unit's title and an organisation name the unit;
    // the person before them is the one who speaks.
    let got = roles_of(
        "Tin y tế\n\nPhó giáo sư Lý Thanh Tâm, Trưởng Khoa Tiết Niệu Bệnh viện Đa khoa Sông \
         Mã cho biết ca ghép thận đã thành công.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Lý Thanh Tâm");
    // An appositive cut short by a word inside a company's name ("Ánh sáng")
    // still leaves the person its verb.
    let got = roles_of(
        "Tin từ thiện\n\nÔng Vũ Minh Khang, Trưởng Phòng Marketing Công ty Ánh sáng Tân \
         Phát, chia sẻ: “Chúng tôi mong bà con sớm ổn định cuộc sống.”",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Vũ Minh Khang");
    // What follows "tại" is where an office is, not a person.
    let got = roles_of(
        "Tin tài chính\n\nÔng Peter Lorne, Giám đốc nghiên cứu tại Harbor Metals Ltd, nói: \
         “Giá vàng giảm do các quỹ chốt lời.” Còn Anna Becker, chuyên gia phân tích tại \
         Northgate Bank cho hay giá sẽ sớm tăng lại.",
    );
    let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["Peter Lorne", "Anna Becker"], "{got:?}");
}

#[test]
fn guests_received_and_streets_are_not_speakers() {
    let names_of = |text: &str| -> Vec<String> {
        let o = docket::extract::outline(&article(text));
        o.speakers.into_iter().map(|s| s.name).collect()
    };
    // The guest received or met is the object; the host speaks.
    assert_eq!(
        names_of(
            "Tin đối ngoại\n\nTiếp Đại sứ Nhật Bản Kenji Morita, Thủ tướng Lê Văn Hùng khẳng \
             định quan hệ hai nước đang phát triển tốt đẹp."
        ),
        ["Lê Văn Hùng"]
    );
    assert_eq!(
        names_of(
            "Tin đối ngoại\n\nGặp gỡ Bộ trưởng Quốc phòng Úc Daniel Hart, Bộ trưởng Đỗ Văn \
             Thịnh nhấn mạnh hai bên cần tăng cường hợp tác."
        ),
        ["Đỗ Văn Thịnh"]
    );
    // "Trực tiếp" is "in person", not "receiving".
    assert_eq!(
        names_of(
            "Tin an ninh\n\nTrực tiếp Đại tá Hồ Văn Tâm, Trưởng Công an quận, cho biết đã bắt \
             giữ hai đối tượng."
        ),
        ["Hồ Văn Tâm"]
    );
    // Streets and wards named after people are places.
    assert!(
        names_of(
            "Tin dân sinh\n\nNgười dân tại ngõ 8 Phan Văn Lâm khẳng định nước đã ngập từ \
             sáng. Nhiều hộ trên đường Trần Quang Lực cho biết điện bị cắt."
        )
        .is_empty()
    );
    // ... and an appositive runs on through the ward's name to its speaker's verb.
    assert_eq!(
        docket::extract::outline(&article(
            "Tin an ninh\n\nTrung tá Lưu Văn Hòa, Trưởng Công an phường Lê Đại Hành, quận Sông \
             Hồng thông tin vụ việc đang được điều tra."
        ))
        .speakers
        .into_iter()
        .map(|s| (s.name, s.roles))
        .collect::<Vec<_>>(),
        [(
            "Lưu Văn Hòa".to_owned(),
            vec![
                "Trung tá".to_owned(),
                "Trưởng Công an phường Lê Đại Hành".to_owned()
            ]
        )]
    );
    // "thành phố" is a city: the name after it is a person's.
    assert_eq!(
        names_of(
            "Tin thời sự\n\nChủ tịch UBND Thành phố Đặng Quốc Minh yêu cầu các sở hoàn thành \
             kế hoạch trong tháng."
        ),
        ["Đặng Quốc Minh"]
    );
}

#[test]
fn foreign_speakers_keep_their_given_names() {
    // A given name that is also a Vietnamese syllable ("Tim") starts the name
    // after a company's.
    assert_eq!(
        roles_of(
            "Tin công nghệ\n\nGiám đốc điều hành Orchard Tim Hollis vừa tới Hà Nội. Ông Hollis \
             nói rằng công ty sẽ đầu tư thêm."
        ),
        [(
            "Tim Hollis".to_owned(),
            vec!["Giám đốc điều hành Orchard".to_owned()]
        )]
    );
    // One written without a title, then quoted by the family name alone, is
    // named in full.
    let got = roles_of(
        "Tin kinh tế\n\nCEO Matt Lenhardt của hãng này cũng có mặt. Ông Lenhardt cho biết \
         sản phẩm sẽ ra mắt vào tháng 6.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Matt Lenhardt");
    // ... from its given name on, not from the company's name before it.
    let got = roles_of(
        "Tin hàng không\n\nCEO của Lumen Airways Alan Pryce cũng có mặt. Ông Pryce cho biết \
         hãng sẽ mở thêm đường bay.",
    );
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "Alan Pryce");
    // "Theo" is "according to", never a given name.
    let got = roles_of("Tin thể thao\n\nTheo Marlow cho hay, tiền đạo này đòi mức lương quá cao.");
    assert!(got.iter().all(|(n, _)| !n.starts_with("Theo")), "{got:?}");
}

#[test]
fn a_second_chair_after_a_long_appositive() {
    // The title chain of the second name starts at the "và" after the first
    // name's appositive: both chair, and neither takes the other's roles.
    let o = docket::extract::outline(&article(
        "Hội nghị tổng kết công tác quốc phòng\n\nSáng 5/6, tại Hà Nội, Ủy ban Quốc phòng và \
         An ninh tổ chức hội nghị tổng kết công tác năm 2026. Đại tướng Trần Văn Lực, Ủy viên \
         Bộ Chính trị, Bộ trưởng Bộ Quốc phòng và Chủ nhiệm Ủy ban Quốc phòng và An ninh Lê \
         Minh Đạt chủ trì hội nghị. Phát biểu tại hội nghị, ông Đạt cho biết Ủy ban đã hoàn \
         thành chương trình giám sát.",
    ));
    assert_eq!(o.meetings[0].chairs, ["Trần Văn Lực", "Lê Minh Đạt"]);
    let dat = o.speakers.iter().find(|s| s.name == "Lê Minh Đạt").unwrap();
    assert_eq!(dat.roles, ["Chủ nhiệm Ủy ban Quốc phòng và An ninh"]);
}
