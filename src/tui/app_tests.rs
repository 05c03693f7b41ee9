//! The reader driven by keys, without a terminal: what a user would see change.

use crate::index::Library;
use crate::state::ReaderState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::*;
use crate::tui::draw::draw;
use crate::tui::keymap::Keymap;
use crate::tui::theme::Theme;

fn demo_app() -> App {
    let c = crate::demo::collection();
    let mut lib = Library::default();
    for a in c.articles {
        let o = crate::extract::outline(&a);
        lib.push(a, o);
    }
    let mut app = App::new(lib, Keymap::default(), ReaderState::new());
    app.resize(Rect::new(0, 0, 140, 40));
    app
}

/// The demo collection as the background loader hands it over.
fn demo_entries() -> Vec<crate::index::Entry> {
    crate::demo::collection()
        .articles
        .into_iter()
        .map(|a| {
            let o = crate::extract::outline(&a);
            crate::index::Entry::new(a, o)
        })
        .collect()
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

fn key(app: &mut App, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The screen as text.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let theme = Theme::new(crate::config::Theme::Dark, true);
    t.draw(|f| draw(f, app, &theme)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        for x in 0..w {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn seed_like(app: &App) -> usize {
    app.lib
        .articles
        .iter()
        .position(|a| a.id == "01_hoi-nghi-tinh-uy-song-lam")
        .unwrap()
}

#[test]
fn opens_on_the_first_article_with_its_outline() {
    let app = demo_app();
    assert_eq!(app.open, Some(seed_like(&app)));
    let s = screen(&app, 140, 40);
    assert!(s.contains("Hoàng Trung Nghĩa"), "{s}");
    assert!(s.contains("Articles 13 / 13"), "{s}");
}

#[test]
fn agenda_jumps_land_on_the_paragraphs_that_discuss_each_item() {
    let mut app = demo_app();
    let a = seed_like(&app);
    let agenda = app.lib.outlines[a].agenda.clone();
    assert_eq!(agenda.len(), 3);
    for (i, item) in agenda.iter().enumerate() {
        press(&mut app, "]");
        assert_eq!(app.agenda_cursor, Some(i));
        assert_eq!(app.highlight.blocks, item.blocks);
        // The first discussing paragraph is on screen, and it is the one that
        // takes the item up ("Đối với ...").
        let b = item.blocks[0];
        let text = app.lib.articles[a]
            .slice(&app.lib.articles[a].blocks[b].span)
            .to_owned();
        assert!(text.starts_with("Đối với"), "item {i} links to: {text}");
        let line = app.text.line_of_block(b).unwrap();
        assert!(line >= app.text_top && line < app.text_top + 30);
    }
    // Past the last item: the next article that has an agenda.
    press(&mut app, "]");
    assert_ne!(app.open, Some(a));
    assert!(!app.lib.outlines[app.open.unwrap()].agenda.is_empty());
    assert_eq!(app.agenda_cursor, Some(0));
    // And back.
    press(&mut app, "[");
    assert_eq!(app.open, Some(a));
    assert_eq!(app.agenda_cursor, Some(2));
}

#[test]
fn speaker_filter_leaves_exactly_the_articles_where_the_person_speaks() {
    let mut app = demo_app();
    press(&mut app, "s");
    for c in "dinh cong hau".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let Some(Overlay::Picker { matches, .. }) = &app.overlay else {
        panic!("picker open")
    };
    let first = matches[0];
    assert_eq!(app.lib.speakers.entries[first].name, "Đinh Công Hậu");
    key(&mut app, KeyCode::Enter);
    let expected = app.lib.speakers.entries[first].articles.clone();
    assert_eq!(app.visible, expected);
    assert!(expected.len() >= 2);
    for &a in &app.visible {
        assert!(
            app.lib.outlines[a]
                .speakers
                .iter()
                .any(|s| s.name == "Đinh Công Hậu")
        );
    }
    let s = screen(&app, 140, 40);
    assert!(
        s.contains(&format!("Articles {} / 13 — speaker", expected.len())),
        "{s}"
    );
    assert!(s.contains("speaker: Đinh Công Hậu"), "{s}");
    // `}` walks his statements in the open article.
    press(&mut app, "}");
    let (si, _) = app.statement_cursor.unwrap();
    assert_eq!(
        app.lib.outlines[app.open.unwrap()].speakers[si].name,
        "Đinh Công Hậu"
    );
    // S clears.
    press(&mut app, "S");
    assert_eq!(app.visible.len(), 13);
}

#[test]
fn search_folds_accents_and_highlights_hits() {
    let mut app = demo_app();
    press(&mut app, "/");
    assert!(app.search.editing);
    for c in "hoi nghi".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    key(&mut app, KeyCode::Enter);
    assert!(!app.visible.is_empty() && app.visible.len() < 13);
    for &a in &app.visible {
        let t = crate::text::fold(&app.lib.articles[a].text);
        let title = crate::text::fold(app.lib.articles[a].display_title());
        assert!(t.contains("hoi nghi") || title.contains("hoi nghi"));
    }
    let open = app.open.unwrap();
    assert!(!app.hits.is_empty());
    for h in &app.hits {
        assert_eq!(
            crate::text::fold(&app.lib.articles[open].text[h.clone()]),
            "hoi nghi"
        );
    }
    assert_eq!(app.hit_cursor, Some(0));
    press(&mut app, "n");
    assert_eq!(app.hit_cursor, Some(1));
    press(&mut app, "N");
    assert_eq!(app.hit_cursor, Some(0));
    let s = screen(&app, 140, 40);
    assert!(s.contains("hit 1/"), "{s}");
    // A field query.
    press(&mut app, "/");
    for _ in 0..8 {
        key(&mut app, KeyCode::Backspace);
    }
    for c in "speaker:okafor".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    let s = screen(&app, 140, 40);
    assert!(s.contains("/speaker:okafor▏  1 article\n"), "{s}");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.visible.len(), 1);
    assert_eq!(
        app.lib.articles[app.visible[0]].id,
        "05_northbridge-council"
    );
    // Esc while typing cancels the search.
    press(&mut app, "/");
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.visible.len(), 13);
}

#[test]
fn keys_typed_together_list_what_one_at_a_time_would_with_one_search() {
    let typed = |together: bool| {
        let mut app = demo_app();
        press(&mut app, "/");
        let keys: Vec<KeyEvent> = "hội nghị"
            .chars()
            .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
            .collect();
        let before = app.searches_run;
        if together {
            app.on_keys(&keys);
        } else {
            for &k in &keys {
                app.on_key(k);
            }
        }
        (
            app.visible.clone(),
            app.open,
            screen(&app, 140, 40),
            app.searches_run - before,
        )
    };
    let (one_by_one, open, screen_one, searches_one) = typed(false);
    let (together, open_together, screen_together, searches_together) = typed(true);
    assert!(!one_by_one.is_empty() && one_by_one.len() < 13);
    assert_eq!(together, one_by_one);
    assert_eq!(open_together, open);
    assert_eq!(screen_together, screen_one);
    assert_eq!(searches_one, 8);
    assert_eq!(searches_together, 1);
    // Keys after the typing (Enter, then moving down the list) see its result.
    let mut app = demo_app();
    press(&mut app, "/");
    let mut keys: Vec<KeyEvent> = "hoi nghi"
        .chars()
        .map(|c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    keys.push(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    keys.push(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    app.on_keys(&keys);
    assert!(!app.search.editing);
    assert_eq!(app.searches_run, 1);
    assert!(app.visible.len() > 1 && app.visible.len() < 13);
    assert_eq!(app.list_sel, 1);
}

/// Types `text` into `/` key by key.
fn type_search(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

#[test]
fn a_stepped_search_lists_what_a_search_at_once_would() {
    let at_once = {
        let mut app = demo_app();
        press(&mut app, "/");
        type_search(&mut app, "hội nghị");
        (app.visible.clone(), app.open, screen(&app, 140, 40))
    };
    let mut app = demo_app();
    app.stepped_search = true;
    let before = app.visible.clone();
    press(&mut app, "/");
    type_search(&mut app, "hội");
    // Nothing searched yet: the list stays, the search line says so.
    assert_eq!(app.visible, before);
    assert_eq!(app.search_progress(), Some((0, 13)));
    assert!(screen(&app, 140, 40).contains("searching… 0%"));
    // A key while it runs starts it again, for the whole query.
    type_search(&mut app, " nghị");
    assert_eq!(app.search_progress(), Some((0, 13)));
    let searches = app.searches_run;
    while !app.search_step(std::time::Duration::from_millis(8)) {}
    assert_eq!(app.searches_run, searches + 1);
    assert_eq!(app.search_progress(), None);
    assert_eq!(
        (app.visible.clone(), app.open, screen(&app, 140, 40)),
        at_once
    );
    // Enter applies the query at once, whatever is running.
    press(&mut app, "/");
    key(&mut app, KeyCode::Backspace);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.search_progress(), None);
    assert!(!app.search.editing);
}

#[test]
fn a_stepped_search_keeps_the_selected_article_when_it_matches() {
    let mut app = demo_app();
    app.stepped_search = true;
    press(&mut app, "jj");
    let selected = app.visible[2];
    assert_eq!(app.open, Some(selected));
    // A word of its title: the search finds it, among others or alone.
    let title = crate::text::fold(app.lib.articles[selected].display_title());
    let word = title
        .split(|c: char| !c.is_alphanumeric())
        .find(|w| w.len() >= 4)
        .unwrap()
        .to_owned();
    press(&mut app, "/");
    type_search(&mut app, &word);
    while !app.search_step(std::time::Duration::from_millis(8)) {}
    assert!(app.visible.contains(&selected), "{word}");
    assert_eq!(app.visible[app.list_sel], selected);
    assert_eq!(app.open, Some(selected));
}

#[test]
fn articles_loaded_while_a_search_runs_are_searched_with_the_rest() {
    let entries = demo_entries();
    let mut app = App::new(Library::default(), Keymap::default(), ReaderState::new());
    app.resize(Rect::new(0, 0, 140, 40));
    app.stepped_search = true;
    let mut entries = entries.into_iter();
    let progress = |done| super::Progress {
        files_done: done,
        files_total: 13,
    };
    app.loaded(entries.by_ref().take(6).collect(), Vec::new(), progress(6));
    press(&mut app, "/");
    type_search(&mut app, "hoi nghi");
    app.loaded(entries.collect(), Vec::new(), progress(13));
    assert_eq!(app.search_progress(), Some((0, 13)));
    while !app.search_step(std::time::Duration::from_millis(8)) {}
    let all = demo_app();
    let q = crate::index::search::parse("hoi nghi").unwrap();
    let want: Vec<usize> = all
        .lib
        .search
        .search(&q, &all.lib.articles, &all.lib.outlines, None)
        .iter()
        .map(|f| f.article)
        .collect();
    assert!(want.iter().any(|&a| a >= 6), "{want:?}");
    assert_eq!(app.visible, want);
}

#[test]
fn bad_queries_are_reported_not_applied() {
    let mut app = demo_app();
    press(&mut app, "/");
    for c in "/(/".chars() {
        key(&mut app, KeyCode::Char(c));
    }
    assert!(
        app.search
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("bad regex"))
    );
    assert_eq!(app.visible.len(), 13);
}

#[test]
fn outline_navigation_highlights_and_jumps() {
    let mut app = demo_app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Pane::Outline);
    // Down to the first statement.
    while !matches!(app.nodes[app.node_sel].kind, NodeKind::Statement(..)) {
        press(&mut app, "j");
    }
    let span = app.nodes[app.node_sel].span.clone().unwrap();
    assert_eq!(app.highlight.span, Some(span.clone()));
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.focus, Pane::Text);
    let line = app.text.line_of_offset(span.start).unwrap();
    assert!(line >= app.text_top && line < app.text_top + 10);
    // The speaker view lists all of the person's statements.
    key(&mut app, KeyCode::BackTab);
    press(&mut app, "v");
    let Some(Overlay::SpeakerView { items, .. }) = &app.overlay else {
        panic!("speaker view")
    };
    assert!(!items.is_empty());
    key(&mut app, KeyCode::Esc);
    assert!(app.overlay.is_none());
}

#[test]
fn meetings_view_groups_and_opens_reports() {
    let mut app = demo_app();
    press(&mut app, "M");
    let Some(Overlay::Meetings { groups, .. }) = &app.overlay else {
        panic!("meetings")
    };
    assert!(!groups.is_empty());
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none());
    assert!(app.open.is_some());
}

#[test]
fn bookmarks_and_positions_are_kept_in_the_state() {
    let mut app = demo_app();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Tab);
    for _ in 0..15 {
        press(&mut app, "j");
    }
    let effects = app.on_key(KeyEvent::new(KeyCode::Char('m'), KeyModifiers::NONE));
    assert_eq!(effects, [Effect::SaveState]);
    assert_eq!(app.state.bookmarks.len(), 1);
    let bm = app.state.bookmarks[0].clone();
    // Move elsewhere, then back through the bookmark list.
    key(&mut app, KeyCode::BackTab);
    key(&mut app, KeyCode::BackTab);
    press(&mut app, "jjj");
    press(&mut app, "'");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.reading_block(), Some(bm.block));
    // Quitting remembers positions.
    assert_eq!(
        app.on_key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE)),
        [Effect::SaveState]
    );
    assert!(app.quit);
    assert!(!app.state.positions.is_empty());
}

#[test]
fn copy_and_export_are_effects() {
    let mut app = demo_app();
    key(&mut app, KeyCode::Tab);
    while !matches!(app.nodes[app.node_sel].kind, NodeKind::Statement(..)) {
        press(&mut app, "j");
    }
    let e = app.on_key(KeyEvent::new(KeyCode::Char('y'), KeyModifiers::NONE));
    assert!(matches!(&e[..], [Effect::Copy(t)] if t.contains("Hoàng Trung Nghĩa") || t.len() > 20));
    let e = app.on_key(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
    assert_eq!(e, [Effect::Export(app.open.unwrap())]);
}

#[test]
fn every_size_renders_without_panic() {
    let mut app = demo_app();
    for (w, h) in [
        (1, 1),
        (2, 1),
        (1, 3),
        (10, 3),
        (40, 12),
        (69, 20),
        (80, 24),
        (119, 30),
        (140, 40),
        (300, 100),
    ] {
        app.resize(Rect::new(0, 0, w, h));
        for keys in ["", "?", "s", "M", "w", "'", "/"] {
            press(&mut app, keys);
            let _ = screen(&app, w, h);
            key(&mut app, KeyCode::Esc);
        }
    }
}

#[test]
fn snapshots_at_three_sizes() {
    let mut app = demo_app();
    for (w, h) in [(140, 40), (80, 24), (40, 12)] {
        app.resize(Rect::new(0, 0, w, h));
        insta::assert_snapshot!(format!("demo_{w}x{h}"), screen(&app, w, h));
    }
    app.resize(Rect::new(0, 0, 140, 40));
    press(&mut app, "?");
    insta::assert_snapshot!("help_140x40", screen(&app, 140, 40));
}

/// The last session's filter comes back when it fits the collection; one from
/// another collection that would hide every article is not applied.
#[test]
fn a_saved_filter_that_hides_everything_is_not_restored() {
    let open_with = |search: &str| {
        let batch = demo_entries();
        let n = batch.len();
        let mut state = ReaderState::new();
        state.filter.search = Some(search.to_owned());
        let mut app = App::new(Library::default(), Keymap::default(), state);
        app.resize(Rect::new(0, 0, 140, 40));
        app.loaded(
            batch,
            Vec::new(),
            Progress {
                files_done: n,
                files_total: n,
            },
        );
        (app.visible.len(), n)
    };
    let (shown, total) = open_with("hoi nghi");
    assert!(shown > 0 && shown < total, "{shown} of {total}");
    let (shown, total) = open_with("zzqx nothing like this");
    assert_eq!(shown, total);
}
