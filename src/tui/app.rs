//! The reader's state and the only way it changes: `on_key` / `update(Action)`.
//! Nothing here touches the terminal; what must happen outside (copying,
//! exporting, saving state) comes back as [`Effect`]s.

use std::collections::HashMap;
use std::ops::Range;
use std::time::{Duration, Instant};

use crate::index::Library;
use crate::index::search::{self, Query};
use crate::state::{Bookmark, ReaderState, hash_hex};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config as MatcherConfig, Matcher};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

use super::keymap::{Action, Context, Keymap};
use super::layout::{Pane, Panes, panes};
use super::outline_tree::{self, Node, NodeKind};
use super::textview::TextLayout;

/// Something the runner does outside the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Write the outline of article `usize` as Markdown and JSON.
    Export(usize),
    /// Persist the reader state.
    SaveState,
}

/// Candidates searched per call in a [`SearchJob`]: small enough that a step
/// stays within its time budget on a slow machine, large enough to keep both
/// cores busy.
const SEARCH_SLICE: usize = 1024;

/// A search of the collection run a slice of candidates at a time between keys
/// ([`App::search_step`]), so that typing a query stays at frame rate whatever
/// the collection's size: each key starts the search again, and the list
/// changes once it is done.
#[derive(Debug)]
struct SearchJob {
    query: Query,
    candidates: Vec<usize>,
    next: usize,
    found: Vec<search::Found>,
}

/// Loading in the background.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub files_done: usize,
    pub files_total: usize,
}

/// A popup over the panes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help {
        scroll: usize,
    },
    Picker {
        input: String,
        matches: Vec<usize>,
        sel: usize,
    },
    SpeakerView {
        entry: usize,
        items: Vec<(usize, usize, usize)>,
        sel: usize,
    },
    Meetings {
        groups: Vec<usize>,
        sel: usize,
        open: Option<(usize, usize)>,
    },
    Warnings {
        sel: usize,
    },
    Bookmarks {
        sel: usize,
    },
}

/// The search being typed or applied.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    pub input: String,
    /// Still typing (the input line is shown).
    pub editing: bool,
    pub query: Option<Query>,
    pub error: Option<String>,
}

/// What is highlighted in the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Focus {
    pub blocks: Vec<usize>,
    pub span: Option<Range<usize>>,
}

pub struct App {
    pub lib: Library,
    pub warnings: Vec<String>,
    pub progress: Option<Progress>,
    pub focus: Pane,
    pub size: Rect,
    pub keymap: Keymap,
    pub mouse: bool,
    /// Articles listed (after filter and search), in collection order.
    pub visible: Vec<usize>,
    /// Search hits per listed article.
    pub hit_counts: HashMap<usize, usize>,
    pub list_sel: usize,
    pub list_top: usize,
    pub open: Option<usize>,
    pub nodes: Vec<Node>,
    pub node_sel: usize,
    pub node_top: usize,
    pub text: TextLayout,
    pub text_top: usize,
    pub highlight: Focus,
    pub agenda_cursor: Option<usize>,
    pub statement_cursor: Option<(usize, usize)>,
    pub speaker_filter: Vec<usize>,
    pub search: SearchState,
    pub hits: Vec<Range<usize>>,
    pub hit_cursor: Option<usize>,
    pub overlay: Option<Overlay>,
    pub state: ReaderState,
    pub message: Option<String>,
    pub quit: bool,
    /// Searches run over the collection (each re-list with a query).
    pub searches_run: usize,
    /// Set while [`App::on_keys`] handles keys that came together: the search
    /// they type runs once, after the last of them.
    defer_search: bool,
    search_pending: bool,
    /// Searches typed into `/` run in steps ([`App::search_step`]) rather than
    /// at once; the terminal reader sets this, tests and `docket bench` choose.
    pub stepped_search: bool,
    search_job: Option<SearchJob>,
    matcher: Matcher,
}

impl App {
    pub fn new(lib: Library, keymap: Keymap, state: ReaderState) -> App {
        let mut app = App {
            lib,
            warnings: Vec::new(),
            progress: None,
            focus: Pane::List,
            size: Rect::new(0, 0, 140, 40),
            keymap,
            mouse: false,
            visible: Vec::new(),
            hit_counts: HashMap::new(),
            list_sel: 0,
            list_top: 0,
            open: None,
            nodes: Vec::new(),
            node_sel: 0,
            node_top: 0,
            text: TextLayout::default(),
            text_top: 0,
            highlight: Focus::default(),
            agenda_cursor: None,
            statement_cursor: None,
            speaker_filter: Vec::new(),
            search: SearchState::default(),
            hits: Vec::new(),
            hit_cursor: None,
            overlay: None,
            state,
            message: None,
            quit: false,
            searches_run: 0,
            defer_search: false,
            search_pending: false,
            stepped_search: false,
            search_job: None,
            matcher: Matcher::new(MatcherConfig::DEFAULT),
        };
        app.refilter();
        app
    }

    /// Where the panes are for the current size.
    pub fn panes(&self) -> Panes {
        panes(self.size, self.focus, self.search.editing)
    }

    fn inner_height(&self, p: Pane) -> usize {
        // Borders take two rows.
        self.panes()
            .get(p)
            .map_or(10, |r| usize::from(r.height.saturating_sub(2)).max(1))
    }

    fn text_width(&self) -> u16 {
        self.panes()
            .text
            .map_or(60, |r| r.width.saturating_sub(2).max(4))
    }

    // ---------------------------------------------------------------- loading

    /// New articles arrived from the background loader.
    pub fn loaded(
        &mut self,
        batch: Vec<crate::index::Entry>,
        warnings: Vec<String>,
        progress: Progress,
    ) {
        let first = self.lib.len();
        for e in batch {
            self.lib.add(e);
        }
        self.warnings.extend(warnings);
        self.progress = (progress.files_done < progress.files_total).then_some(progress);
        if first < self.lib.len() {
            let new: Vec<usize> = (first..self.lib.len()).collect();
            self.extend_visible(&new);
        }
        if self.progress.is_none() {
            self.restore_filter();
        }
    }

    fn extend_visible(&mut self, new: &[usize]) {
        let filtered = self.filter_candidates(Some(new));
        if let Some(job) = &mut self.search_job {
            // Listed when the search in progress is done, with the rest.
            job.candidates.extend(filtered);
            return;
        }
        let matched: Vec<usize> = match &self.search.query {
            Some(q) if !q.is_empty() => {
                let found = self.lib.search.search(
                    q,
                    &self.lib.articles,
                    &self.lib.outlines,
                    Some(&filtered),
                );
                for f in &found {
                    self.hit_counts.insert(f.article, f.hits);
                }
                found.into_iter().map(|f| f.article).collect()
            }
            _ => filtered,
        };
        self.visible.extend(matched);
        if self.open.is_none() && !self.visible.is_empty() {
            self.open_selected();
        }
    }

    /// The speaker filter and search of the last session, once everything loaded.
    fn restore_filter(&mut self) {
        let saved = std::mem::take(&mut self.state.filter);
        if saved.speakers.is_empty() && saved.search.is_none() {
            return;
        }
        if self.speaker_filter.is_empty() && self.search.query.is_none() {
            self.speaker_filter = saved
                .speakers
                .iter()
                .filter_map(|n| self.lib.speakers.position(n))
                .collect();
            if let Some(q) = &saved.search {
                self.search.input = q.clone();
                self.search.query = search::parse(q).ok();
            }
            self.refilter();
            // A filter from another collection that hides everything here is not
            // restored: opening a collection must show it. It stays saved.
            if self.visible.is_empty() && !self.lib.is_empty() {
                self.speaker_filter.clear();
                self.search.input.clear();
                self.search.query = None;
                self.refilter();
            }
        }
        self.state.filter = saved;
    }

    // ---------------------------------------------------------------- filtering

    fn filter_candidates(&self, among: Option<&[usize]>) -> Vec<usize> {
        let all: Vec<usize>;
        let base: &[usize] = match among {
            Some(a) => a,
            None => {
                all = (0..self.lib.len()).collect();
                &all
            }
        };
        if self.speaker_filter.is_empty() {
            return base.to_vec();
        }
        let allowed = self.lib.speakers.articles_with_all(&self.speaker_filter);
        base.iter()
            .copied()
            .filter(|a| allowed.binary_search(a).is_ok())
            .collect()
    }

    /// Recomputes the listed articles from the speaker filter and the search.
    pub fn refilter(&mut self) {
        self.search_pending = false;
        self.search_job = None;
        let keep = self.visible.get(self.list_sel).copied();
        let candidates = self.filter_candidates(None);
        self.hit_counts.clear();
        let visible = match &self.search.query {
            Some(q) if !q.is_empty() => {
                self.searches_run += 1;
                let found = self.lib.search.search(
                    q,
                    &self.lib.articles,
                    &self.lib.outlines,
                    Some(&candidates),
                );
                for f in &found {
                    self.hit_counts.insert(f.article, f.hits);
                }
                found.into_iter().map(|f| f.article).collect()
            }
            _ => candidates,
        };
        self.show_listing(keep, visible);
    }

    /// Starts the search typed into `/` as a [`SearchJob`] (or re-lists at once
    /// when there is nothing to search).
    fn start_search(&mut self) {
        self.search_pending = false;
        let Some(query) = self.search.query.clone().filter(|q| !q.is_empty()) else {
            self.refilter();
            return;
        };
        self.search_job = Some(SearchJob {
            query,
            candidates: self.filter_candidates(None),
            next: 0,
            found: Vec::new(),
        });
    }

    /// The search in progress, as (candidates searched, candidates).
    pub fn search_progress(&self) -> Option<(usize, usize)> {
        self.search_job
            .as_ref()
            .map(|j| (j.next, j.candidates.len()))
    }

    /// Runs the search in progress for about `budget`, and lists its result when
    /// it is done. True when no search is left running.
    pub fn search_step(&mut self, budget: Duration) -> bool {
        let started = Instant::now();
        let Some(job) = &mut self.search_job else {
            return true;
        };
        while job.next < job.candidates.len() {
            let end = (job.next + SEARCH_SLICE).min(job.candidates.len());
            job.found.extend(self.lib.search.search(
                &job.query,
                &self.lib.articles,
                &self.lib.outlines,
                Some(&job.candidates[job.next..end]),
            ));
            job.next = end;
            if started.elapsed() >= budget {
                break;
            }
        }
        if job.next < job.candidates.len() {
            return false;
        }
        let Some(job) = self.search_job.take() else {
            return true;
        };
        self.searches_run += 1;
        self.hit_counts.clear();
        for f in &job.found {
            self.hit_counts.insert(f.article, f.hits);
        }
        // The list was left as it was while the search ran: its selection is
        // kept if it matches (the one before typing, or one clicked meanwhile).
        let keep = self.visible.get(self.list_sel).copied();
        let visible = job.found.into_iter().map(|f| f.article).collect();
        self.show_listing(keep, visible);
        true
    }

    /// Lists `visible`, keeping the selection on `keep` if it is listed, and
    /// opens the selected article.
    fn show_listing(&mut self, keep: Option<usize>, visible: Vec<usize>) {
        self.visible = visible;
        self.list_sel = keep
            .and_then(|a| self.visible.iter().position(|&v| v == a))
            .unwrap_or(0);
        self.scroll_list();
        if self.visible.is_empty() {
            self.close_article();
        } else if self.open != self.visible.get(self.list_sel).copied() {
            self.open_selected();
        } else {
            self.refresh_hits();
            self.refresh_highlight();
        }
    }

    fn remember_position(&mut self) {
        if self.text_top == 0 {
            if let Some(a) = self.open {
                self.state
                    .positions
                    .remove(&hash_hex(self.lib.articles[a].content_hash()));
            }
            return;
        }
        if let (Some(a), Some(b)) = (self.open, self.text.block_at_line(self.text_top)) {
            let h = hash_hex(self.lib.articles[a].content_hash());
            self.state.positions.insert(h, b);
        }
    }

    fn close_article(&mut self) {
        self.remember_position();
        self.open = None;
        self.nodes.clear();
        self.text = TextLayout::default();
        self.highlight = Focus::default();
        self.hits.clear();
        self.hit_cursor = None;
    }

    // ---------------------------------------------------------------- opening

    fn open_selected(&mut self) {
        if let Some(&a) = self.visible.get(self.list_sel) {
            self.open_article(a);
        }
    }

    fn open_article(&mut self, a: usize) {
        if self.open == Some(a) {
            return;
        }
        self.remember_position();
        self.open = Some(a);
        let article = &self.lib.articles[a];
        self.nodes = outline_tree::build(article, &self.lib.outlines[a]);
        self.node_sel = self
            .nodes
            .iter()
            .position(|n| n.kind != NodeKind::Section)
            .unwrap_or(0);
        self.node_top = 0;
        self.text = TextLayout::build(a, article, self.text_width());
        self.agenda_cursor = None;
        self.statement_cursor = None;
        // Back where the reader was.
        // (The first block is the top: the title stays in view.)
        let saved = self
            .state
            .positions
            .get(&hash_hex(article.content_hash()))
            .copied()
            .filter(|&b| b > 0);
        self.text_top = saved.and_then(|b| self.text.line_of_block(b)).unwrap_or(0);
        self.refresh_hits();
        self.refresh_highlight();
    }

    fn refresh_hits(&mut self) {
        self.hits = match (&self.search.query, self.open) {
            (Some(q), Some(a)) => search::hits_in(q, &self.lib.articles[a]),
            _ => Vec::new(),
        };
        self.hit_cursor = None;
    }

    /// The highlight follows the selected outline node, and the speakers of the
    /// filter.
    fn refresh_highlight(&mut self) {
        self.highlight = match self.nodes.get(self.node_sel) {
            Some(n)
                if self.focus == Pane::Outline
                    || self.agenda_cursor.is_some()
                    || self.statement_cursor.is_some() =>
            {
                Focus {
                    blocks: n.blocks.clone(),
                    span: n.span.clone(),
                }
            }
            _ => Focus::default(),
        };
    }

    // ---------------------------------------------------------------- keys

    /// Handles keys that arrived together (typed or pasted faster than a frame
    /// is drawn): a search typed among them runs once, after the last, instead
    /// of once per key. On a large collection a search takes tens of
    /// milliseconds, and running one per queued key made typing lag.
    pub fn on_keys(&mut self, keys: &[KeyEvent]) -> Vec<Effect> {
        self.defer_search = true;
        let mut effects = Vec::new();
        for &key in keys {
            effects.extend(self.on_key(key));
            if self.quit {
                break;
            }
        }
        self.defer_search = false;
        if self.search_pending {
            self.search_now();
        }
        effects
    }

    /// Handles a key: popups and the search line first, then the keymap.
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        self.message = None;
        if self.search.editing {
            return self.search_key(key);
        }
        if let Some(Overlay::Picker { .. }) = self.overlay {
            return self.picker_key(key);
        }
        if self.overlay.is_some() {
            let action = self.keymap.action(&key, &[Context::Popup, Context::Pane]);
            return match action {
                Some(a) => self.update(a),
                None => match self.keymap.action(&key, &[Context::Global]) {
                    Some(Action::Quit) => self.update(Action::Back),
                    Some(Action::Help) => self.update(Action::Back),
                    _ => Vec::new(),
                },
            };
        }
        if key.code == KeyCode::Esc {
            return self.update(Action::Back);
        }
        match self.keymap.action(&key, &[Context::Global, Context::Pane]) {
            Some(a) => self.update(a),
            None => Vec::new(),
        }
    }

    fn search_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        match key.code {
            KeyCode::Esc => {
                self.search = SearchState::default();
                self.refilter();
            }
            KeyCode::Enter => {
                self.search.editing = false;
                if self.search.input.trim().is_empty() {
                    self.search = SearchState::default();
                }
                self.refilter();
                if !self.hits.is_empty() {
                    self.goto_hit(0);
                }
                self.state.filter.search =
                    (!self.search.input.is_empty()).then(|| self.search.input.clone());
                return vec![Effect::SaveState];
            }
            KeyCode::Backspace => {
                self.search.input.pop();
                self.search_changed();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.search.input.push(c);
                self.search_changed();
            }
            KeyCode::Char('u') => {
                self.search.input.clear();
                self.search_changed();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Live search: every keystroke re-runs the query.
    fn search_changed(&mut self) {
        match search::parse(&self.search.input) {
            Ok(q) => {
                self.search.error = None;
                self.search.query = (!q.is_empty()).then_some(q);
                if self.defer_search {
                    self.search_pending = true;
                } else {
                    self.search_now();
                }
            }
            Err(e) => self.search.error = Some(e),
        }
    }

    /// Runs the query typed so far: in steps when the reader steps searches,
    /// else at once.
    fn search_now(&mut self) {
        if self.stepped_search {
            self.start_search();
        } else {
            self.refilter();
        }
    }

    fn picker_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(Overlay::Picker {
            input,
            matches,
            sel,
        }) = &mut self.overlay
        else {
            return Vec::new();
        };
        match key.code {
            KeyCode::Esc => self.overlay = None,
            KeyCode::Enter => {
                if let Some(&e) = matches.get(*sel) {
                    if !self.speaker_filter.contains(&e) {
                        self.speaker_filter.push(e);
                    }
                    self.overlay = None;
                    self.state.filter.speakers = self
                        .speaker_filter
                        .iter()
                        .map(|&e| self.lib.speakers.entries[e].name.clone())
                        .collect();
                    self.refilter();
                    return vec![Effect::SaveState];
                }
            }
            KeyCode::Down | KeyCode::Tab => *sel = (*sel + 1).min(matches.len().saturating_sub(1)),
            KeyCode::Up | KeyCode::BackTab => *sel = sel.saturating_sub(1),
            KeyCode::Backspace => {
                input.pop();
                self.rematch_picker();
            }
            KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                input.push(c);
                self.rematch_picker();
            }
            _ => {}
        }
        Vec::new()
    }

    /// Fuzzy matching of the picker input against every speaker, both folded, so
    /// "dinh tien quang" finds "Đinh Tiến Quang".
    fn rematch_picker(&mut self) {
        let Some(Overlay::Picker {
            input,
            matches,
            sel,
        }) = &mut self.overlay
        else {
            return;
        };
        let ranked = self.lib.speakers.ranked();
        if input.trim().is_empty() {
            *matches = ranked;
        } else {
            let pattern = Pattern::parse(
                &crate::text::fold(input),
                CaseMatching::Ignore,
                Normalization::Smart,
            );
            let items: Vec<(usize, String)> = ranked
                .iter()
                .map(|&e| {
                    let en = &self.lib.speakers.entries[e];
                    (
                        e,
                        format!("{} {}", en.folded, crate::text::fold(&en.roles.join(" "))),
                    )
                })
                .collect();
            let mut scored: Vec<(usize, u32)> = items
                .iter()
                .filter_map(|(e, hay)| {
                    let mut buf = Vec::new();
                    pattern
                        .score(
                            nucleo_matcher::Utf32Str::new(hay, &mut buf),
                            &mut self.matcher,
                        )
                        .map(|s| (*e, s))
                })
                .collect();
            // Stable: equal scores keep the ranking (most articles first).
            scored.sort_by_key(|&(_, s)| std::cmp::Reverse(s));
            *matches = scored.into_iter().map(|(e, _)| e).collect();
        }
        *sel = 0;
    }

    // ---------------------------------------------------------------- actions

    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.overlay.is_some() {
            return self.update_overlay(action);
        }
        match action {
            Action::Quit => {
                self.remember_position();
                self.quit = true;
                return vec![Effect::SaveState];
            }
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::NextPane => self.set_focus(self.focus.next()),
            Action::PrevPane => self.set_focus(self.focus.prev()),
            Action::Up => self.move_by(-1),
            Action::Down => self.move_by(1),
            Action::PageUp => self.move_by(-(self.inner_height(self.focus) as isize)),
            Action::PageDown => self.move_by(self.inner_height(self.focus) as isize),
            Action::Top => self.move_by(isize::MIN / 2),
            Action::Bottom => self.move_by(isize::MAX / 2),
            Action::Activate => self.activate(),
            Action::Back => {
                if self.search.query.is_some() {
                    self.search = SearchState::default();
                    self.refilter();
                }
            }
            Action::NextAgenda => self.agenda_step(true),
            Action::PrevAgenda => self.agenda_step(false),
            Action::NextStatement => self.statement_step(true),
            Action::PrevStatement => self.statement_step(false),
            Action::SpeakerPicker => {
                self.overlay = Some(Overlay::Picker {
                    input: String::new(),
                    matches: Vec::new(),
                    sel: 0,
                });
                self.rematch_picker();
            }
            Action::ClearFilter => {
                self.speaker_filter.clear();
                self.search = SearchState::default();
                self.state.filter = Default::default();
                self.refilter();
                return vec![Effect::SaveState];
            }
            Action::SpeakerView => self.open_speaker_view(),
            Action::MeetingsView => {
                let groups = self.lib.meetings.ranked();
                self.overlay = Some(Overlay::Meetings {
                    groups,
                    sel: 0,
                    open: None,
                });
            }
            Action::Search => {
                self.search.editing = true;
            }
            Action::NextHit => self.hit_step(true),
            Action::PrevHit => self.hit_step(false),
            Action::Bookmark => return self.bookmark(),
            Action::Bookmarks => self.overlay = Some(Overlay::Bookmarks { sel: 0 }),
            Action::Export => {
                if let Some(a) = self.open {
                    return vec![Effect::Export(a)];
                }
            }
            Action::Copy => return self.copy(),
            Action::Warnings => self.overlay = Some(Overlay::Warnings { sel: 0 }),
        }
        Vec::new()
    }

    fn set_focus(&mut self, p: Pane) {
        self.focus = p;
        // A layout change (two panes, tabs) can change the text width.
        self.relayout();
        self.refresh_highlight();
    }

    /// The terminal changed size.
    pub fn resize(&mut self, size: Rect) {
        self.size = size;
        self.relayout();
        self.scroll_list();
        self.scroll_nodes();
    }

    fn relayout(&mut self) {
        let Some(a) = self.open else { return };
        let w = self.text_width();
        if self.text.width != w {
            let block = (self.text_top > 0)
                .then(|| self.text.block_at_line(self.text_top))
                .flatten();
            self.text = TextLayout::build(a, &self.lib.articles[a], w);
            self.text_top = block.and_then(|b| self.text.line_of_block(b)).unwrap_or(0);
        }
    }

    fn move_by(&mut self, delta: isize) {
        let step = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            let v = cur as isize + delta;
            v.clamp(0, len as isize - 1) as usize
        };
        match self.focus {
            Pane::List => {
                let new = step(self.list_sel, self.visible.len());
                if new != self.list_sel {
                    self.list_sel = new;
                    self.scroll_list();
                    self.open_selected();
                }
            }
            Pane::Outline => {
                let mut new = step(self.node_sel, self.nodes.len());
                // Skip section headings in the direction of travel.
                while self
                    .nodes
                    .get(new)
                    .is_some_and(|n| n.kind == NodeKind::Section)
                {
                    let next = if delta >= 0 {
                        new + 1
                    } else {
                        new.wrapping_sub(1)
                    };
                    if next >= self.nodes.len() {
                        break;
                    }
                    new = next;
                }
                self.node_sel = new;
                self.scroll_nodes();
                self.agenda_cursor = None;
                self.statement_cursor = None;
                self.refresh_highlight();
                self.scroll_text_to_focus();
            }
            Pane::Text => {
                let max = self
                    .text
                    .lines
                    .len()
                    .saturating_sub(self.inner_height(Pane::Text).min(self.text.lines.len()));
                self.text_top = (self.text_top as isize + delta).clamp(0, max as isize) as usize;
            }
        }
    }

    fn scroll_list(&mut self) {
        let h = self.inner_height(Pane::List);
        if self.list_sel < self.list_top {
            self.list_top = self.list_sel;
        } else if self.list_sel >= self.list_top + h {
            self.list_top = self.list_sel + 1 - h;
        }
    }

    fn scroll_nodes(&mut self) {
        let h = self.inner_height(Pane::Outline);
        if self.node_sel < self.node_top {
            self.node_top = self.node_sel;
        } else if self.node_sel >= self.node_top + h {
            self.node_top = self.node_sel + 1 - h;
        }
    }

    /// Scrolls the text so the highlighted span (or first block) is in view, a few
    /// lines from the top.
    fn scroll_text_to_focus(&mut self) {
        let line = match (&self.highlight.span, self.highlight.blocks.first()) {
            (Some(s), _) => self.text.line_of_offset(s.start),
            (None, Some(&b)) => self.text.line_of_block(b),
            _ => None,
        };
        if let Some(l) = line {
            self.text_top = l.saturating_sub(2);
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                self.open_selected();
                self.set_focus(Pane::Text);
            }
            Pane::Outline => {
                self.refresh_highlight();
                self.scroll_text_to_focus();
                self.set_focus(Pane::Text);
                // Keep the node's highlight while reading.
                if let Some(n) = self.nodes.get(self.node_sel) {
                    self.highlight = Focus {
                        blocks: n.blocks.clone(),
                        span: n.span.clone(),
                    };
                }
            }
            Pane::Text => {}
        }
    }

    /// `]` / `[`: the next agenda item of the article; past the last one, the next
    /// listed article that has an agenda.
    fn agenda_step(&mut self, forward: bool) {
        let Some(a) = self.open else { return };
        let n = self.lib.outlines[a].agenda.len();
        let next = match (self.agenda_cursor, forward) {
            (None, true) if n > 0 => Some(0),
            (None, false) if n > 0 => Some(n - 1),
            (Some(i), true) if i + 1 < n => Some(i + 1),
            (Some(i), false) if i > 0 => Some(i - 1),
            _ => None,
        };
        match next {
            Some(i) => self.select_agenda(i),
            None => {
                // Another article with an agenda, in list order.
                let pos = self.list_sel;
                let found = if forward {
                    (pos + 1..self.visible.len())
                        .find(|&k| !self.lib.outlines[self.visible[k]].agenda.is_empty())
                } else {
                    (0..pos)
                        .rev()
                        .find(|&k| !self.lib.outlines[self.visible[k]].agenda.is_empty())
                };
                match found {
                    Some(k) => {
                        self.list_sel = k;
                        self.scroll_list();
                        self.open_selected();
                        let n = self.lib.outlines[self.visible[k]].agenda.len();
                        self.select_agenda(if forward { 0 } else { n - 1 });
                    }
                    None => {
                        self.message = Some(
                            if forward {
                                "no further agenda items"
                            } else {
                                "no earlier agenda items"
                            }
                            .into(),
                        )
                    }
                }
            }
        }
    }

    fn select_agenda(&mut self, i: usize) {
        self.agenda_cursor = Some(i);
        self.statement_cursor = None;
        if let Some(k) = self
            .nodes
            .iter()
            .position(|n| n.kind == NodeKind::Agenda(i))
        {
            self.node_sel = k;
            self.scroll_nodes();
            let n = &self.nodes[k];
            // The paragraphs that discuss the item (not where it is listed).
            self.highlight = Focus {
                blocks: n.blocks.clone(),
                span: None,
            };
            if let Some(&b) = n.blocks.first()
                && let Some(l) = self.text.line_of_block(b)
            {
                self.text_top = l.saturating_sub(1);
            }
        }
    }

    /// `}` / `{`: the next statement of the selected speaker (or of the filtered
    /// speaker, or of anyone).
    fn statement_step(&mut self, forward: bool) {
        let Some(a) = self.open else { return };
        let outline = &self.lib.outlines[a];
        let speaker = match self.nodes.get(self.node_sel).map(|n| n.kind) {
            Some(NodeKind::Speaker(s) | NodeKind::Statement(s, _)) => Some(s),
            _ => self.speaker_filter.iter().find_map(|&e| {
                outline.speakers.iter().position(|s| {
                    crate::extract::lexicon::word_key(&s.name)
                        == crate::extract::lexicon::word_key(&self.lib.speakers.entries[e].name)
                })
            }),
        };
        // Every (speaker, statement) in text order.
        let mut all: Vec<(usize, usize, usize)> = outline
            .speakers
            .iter()
            .enumerate()
            .filter(|(si, _)| speaker.is_none_or(|s| s == *si))
            .flat_map(|(si, s)| {
                s.statements
                    .iter()
                    .enumerate()
                    .map(move |(ti, st)| (st.span.start, si, ti))
            })
            .collect();
        all.sort_unstable();
        if all.is_empty() {
            self.message = Some("no statements here".into());
            return;
        }
        let cur = self
            .statement_cursor
            .and_then(|c| all.iter().position(|&(_, si, ti)| (si, ti) == c));
        let k = match (cur, forward) {
            (None, true) => 0,
            (None, false) => all.len() - 1,
            (Some(k), true) => (k + 1).min(all.len() - 1),
            (Some(k), false) => k.saturating_sub(1),
        };
        let (_, si, ti) = all[k];
        self.statement_cursor = Some((si, ti));
        self.agenda_cursor = None;
        if let Some(pos) = self
            .nodes
            .iter()
            .position(|n| n.kind == NodeKind::Statement(si, ti))
        {
            self.node_sel = pos;
            self.scroll_nodes();
            let n = &self.nodes[pos];
            self.highlight = Focus {
                blocks: n.blocks.clone(),
                span: n.span.clone(),
            };
            self.scroll_text_to_focus();
        }
    }

    fn hit_step(&mut self, forward: bool) {
        if self.hits.is_empty() {
            // Past the last hit: the next (or previous) result.
            if self.search.query.is_some() && !self.visible.is_empty() {
                self.message = Some("no hits in this article".into());
            }
            return;
        }
        let n = self.hits.len();
        let k = match (self.hit_cursor, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(k), true) if k + 1 < n => k + 1,
            (Some(k), false) if k > 0 => k - 1,
            (Some(_), true) => {
                if self.list_sel + 1 < self.visible.len() {
                    self.list_sel += 1;
                    self.scroll_list();
                    self.open_selected();
                    if !self.hits.is_empty() {
                        self.goto_hit(0);
                    }
                }
                return;
            }
            (Some(_), false) => {
                if self.list_sel > 0 {
                    self.list_sel -= 1;
                    self.scroll_list();
                    self.open_selected();
                    if !self.hits.is_empty() {
                        let last = self.hits.len() - 1;
                        self.goto_hit(last);
                    }
                }
                return;
            }
        };
        self.goto_hit(k);
    }

    fn goto_hit(&mut self, k: usize) {
        self.hit_cursor = Some(k);
        if let Some(r) = self.hits.get(k)
            && let Some(l) = self.text.line_of_offset(r.start)
        {
            self.text_top = l.saturating_sub(3);
        }
    }

    fn bookmark(&mut self) -> Vec<Effect> {
        let Some(a) = self.open else {
            return Vec::new();
        };
        let article = &self.lib.articles[a];
        let block = self.text.block_at_line(self.text_top).unwrap_or(0);
        let b = Bookmark {
            article: hash_hex(article.content_hash()),
            title: article.display_title().to_owned(),
            block,
        };
        if let Some(pos) = self.state.bookmarks.iter().position(|x| x == &b) {
            self.state.bookmarks.remove(pos);
            self.message = Some("bookmark removed".into());
        } else {
            self.state.bookmarks.push(b);
            self.message = Some(format!(
                "bookmarked ({} in all)",
                self.state.bookmarks.len()
            ));
        }
        vec![Effect::SaveState]
    }

    fn copy(&mut self) -> Vec<Effect> {
        let Some(a) = self.open else {
            return Vec::new();
        };
        let article = &self.lib.articles[a];
        let text = match self.nodes.get(self.node_sel) {
            Some(n) => match (&n.span, n.blocks.first()) {
                (Some(s), _) if matches!(n.kind, NodeKind::Statement(..)) => {
                    article.slice(s).to_owned()
                }
                (_, Some(&b)) => article.slice(&article.blocks[b].span).to_owned(),
                _ => n.label.clone(),
            },
            None => return Vec::new(),
        };
        self.message = Some(format!("copied {} characters", text.chars().count()));
        vec![Effect::Copy(crate::text::collapse_spaces(&text))]
    }

    fn open_speaker_view(&mut self) {
        // The selected speaker in the outline, or the first of the filter.
        let entry = match (self.open, self.nodes.get(self.node_sel).map(|n| n.kind)) {
            (Some(a), Some(NodeKind::Speaker(s) | NodeKind::Statement(s, _))) => self
                .lib
                .speakers
                .position(&self.lib.outlines[a].speakers[s].name),
            _ => self.speaker_filter.first().copied(),
        };
        let Some(entry) = entry else {
            self.message =
                Some("select a speaker in the outline first (or filter by one with s)".into());
            return;
        };
        let key = crate::extract::lexicon::word_key(&self.lib.speakers.entries[entry].name);
        let mut items: Vec<(usize, usize, usize)> = Vec::new();
        for &a in &self.lib.speakers.entries[entry].articles {
            if let Some(si) = self.lib.outlines[a]
                .speakers
                .iter()
                .position(|s| crate::extract::lexicon::word_key(&s.name) == key)
            {
                for ti in 0..self.lib.outlines[a].speakers[si].statements.len() {
                    items.push((a, si, ti));
                }
            }
        }
        // By date (undated last), then article order.
        items.sort_by_key(|&(a, _, _)| {
            (
                self.lib.articles[a]
                    .published
                    .map(|d| d.iso())
                    .unwrap_or_else(|| "9999".into()),
                a,
            )
        });
        self.overlay = Some(Overlay::SpeakerView {
            entry,
            items,
            sel: 0,
        });
    }

    fn update_overlay(&mut self, action: Action) -> Vec<Effect> {
        let Some(ov) = self.overlay.as_mut() else {
            return Vec::new();
        };
        let len = match ov {
            Overlay::Help { .. } => self.keymap.bindings.len() + 8,
            Overlay::Picker { matches, .. } => matches.len(),
            Overlay::SpeakerView { items, .. } => items.len(),
            Overlay::Meetings { groups, open, .. } => match open {
                Some((g, _)) => self.lib.meetings.groups[groups[*g]].reports.len(),
                None => groups.len(),
            },
            Overlay::Warnings { .. } => self.warnings.len(),
            Overlay::Bookmarks { .. } => self.state.bookmarks.len(),
        };
        let page = 10isize;
        let mv = |sel: &mut usize, d: isize| {
            *sel = (*sel as isize + d).clamp(0, len.saturating_sub(1) as isize) as usize;
        };
        let sel: &mut usize = match ov {
            Overlay::Help { scroll } => scroll,
            Overlay::Picker { sel, .. }
            | Overlay::SpeakerView { sel, .. }
            | Overlay::Warnings { sel }
            | Overlay::Bookmarks { sel } => sel,
            Overlay::Meetings { sel, open, .. } => match open {
                Some((_, s)) => s,
                None => sel,
            },
        };
        match action {
            Action::Up => mv(sel, -1),
            Action::Down => mv(sel, 1),
            Action::PageUp => mv(sel, -page),
            Action::PageDown => mv(sel, page),
            Action::Top => mv(sel, isize::MIN / 2),
            Action::Bottom => mv(sel, isize::MAX / 2),
            Action::Back => {
                if let Some(Overlay::Meetings {
                    open: open @ Some(_),
                    ..
                }) = &mut self.overlay
                {
                    *open = None;
                } else {
                    self.overlay = None;
                }
            }
            Action::Activate => return self.activate_overlay(),
            _ => {}
        }
        Vec::new()
    }

    fn activate_overlay(&mut self) -> Vec<Effect> {
        let Some(ov) = self.overlay.clone() else {
            return Vec::new();
        };
        match ov {
            Overlay::SpeakerView { items, sel, .. } => {
                if let Some(&(a, si, ti)) = items.get(sel) {
                    self.overlay = None;
                    self.show_article(a);
                    if let Some(pos) = self
                        .nodes
                        .iter()
                        .position(|n| n.kind == NodeKind::Statement(si, ti))
                    {
                        self.node_sel = pos;
                        self.scroll_nodes();
                        self.statement_cursor = Some((si, ti));
                        let n = &self.nodes[pos];
                        self.highlight = Focus {
                            blocks: n.blocks.clone(),
                            span: n.span.clone(),
                        };
                        self.scroll_text_to_focus();
                    }
                    self.set_focus(Pane::Text);
                    self.highlight = self
                        .nodes
                        .get(self.node_sel)
                        .map(|n| Focus {
                            blocks: n.blocks.clone(),
                            span: n.span.clone(),
                        })
                        .unwrap_or_default();
                }
            }
            Overlay::Meetings {
                groups,
                sel,
                open: None,
            } => {
                if sel < groups.len() {
                    self.overlay = Some(Overlay::Meetings {
                        groups,
                        sel,
                        open: Some((sel, 0)),
                    });
                }
            }
            Overlay::Meetings {
                groups,
                open: Some((g, s)),
                ..
            } => {
                if let Some(&(a, _)) = self.lib.meetings.groups[groups[g]].reports.get(s) {
                    self.overlay = None;
                    self.show_article(a);
                }
            }
            Overlay::Bookmarks { sel } => {
                if let Some(b) = self.state.bookmarks.get(sel).cloned() {
                    match self
                        .lib
                        .articles
                        .iter()
                        .position(|a| hash_hex(a.content_hash()) == b.article)
                    {
                        Some(a) => {
                            self.overlay = None;
                            self.show_article(a);
                            if let Some(l) = self.text.line_of_block(b.block) {
                                self.text_top = l.saturating_sub(1);
                            }
                            self.set_focus(Pane::Text);
                        }
                        None => {
                            self.message = Some("that article is not in this collection".into())
                        }
                    }
                }
            }
            Overlay::Warnings { .. } | Overlay::Help { .. } | Overlay::Picker { .. } => {
                self.overlay = None
            }
        }
        Vec::new()
    }

    /// Opens an article, clearing filters that would hide it.
    fn show_article(&mut self, a: usize) {
        if !self.visible.contains(&a) {
            self.speaker_filter.clear();
            self.search = SearchState::default();
            self.refilter();
        }
        if let Some(k) = self.visible.iter().position(|&v| v == a) {
            self.list_sel = k;
            self.scroll_list();
        }
        self.open_article(a);
    }

    // ---------------------------------------------------------------- mouse

    /// A click at a cell: focus the pane and select the row.
    pub fn click(&mut self, col: u16, row: u16) {
        let p = self.panes();
        for pane in [Pane::List, Pane::Outline, Pane::Text] {
            let Some(r) = p.get(pane) else { continue };
            if col >= r.x && col < r.right() && row > r.y && row + 1 < r.bottom() {
                self.set_focus(pane);
                let line = usize::from(row - r.y - 1);
                match pane {
                    Pane::List => {
                        let k = self.list_top + line;
                        if k < self.visible.len() {
                            self.list_sel = k;
                            self.open_selected();
                        }
                    }
                    Pane::Outline => {
                        let k = self.node_top + line;
                        if k < self.nodes.len() && self.nodes[k].kind != NodeKind::Section {
                            self.node_sel = k;
                            self.refresh_highlight();
                            self.scroll_text_to_focus();
                        }
                    }
                    Pane::Text => {}
                }
            }
        }
    }

    /// The wheel over a pane scrolls it.
    pub fn wheel(&mut self, col: u16, row: u16, down: bool) {
        let p = self.panes();
        for pane in [Pane::List, Pane::Outline, Pane::Text] {
            if p.get(pane)
                .is_some_and(|r| col >= r.x && col < r.right() && row >= r.y && row < r.bottom())
            {
                let keep = self.focus;
                self.focus = pane;
                self.move_by(if down { 3 } else { -3 });
                self.focus = keep;
            }
        }
    }

    // ---------------------------------------------------------------- for views

    /// The block at the top of the text: the reading position.
    pub fn reading_block(&self) -> Option<usize> {
        self.text.block_at_line(self.text_top)
    }

    /// Speaker filter as names, for titles.
    pub fn filter_label(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.speaker_filter.is_empty() {
            let names: Vec<&str> = self
                .speaker_filter
                .iter()
                .map(|&e| self.lib.speakers.entries[e].name.as_str())
                .collect();
            parts.push(format!("speaker: {}", names.join(" & ")));
        }
        if self.search.query.is_some() {
            parts.push(format!("search: {}", self.search.input));
        }
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
