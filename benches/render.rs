//! The reader drawn into a 140x40 TestBackend with the collection listed: one
//! frame, and key to frame (down one article, page down the list), and a speaker
//! filter applied and cleared; over the generated set and, with
//! DOCKET_BENCH_CORPUS, the reference collection.

use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use docket::bench::ReaderDriver;
use docket::index::Library;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod common;

use docket::bench_reader::TuiReader;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const W: u16 = 140;
const H: u16 = 40;

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses `code` and draws, `iters` times; back to the top (untimed) whenever the
/// end of the list is near, so every press moves.
fn keys(r: &mut TuiReader, code: KeyCode, step: usize, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        if r.app.list_sel + step >= r.app.visible.len() {
            r.key(key(KeyCode::Home));
            r.draw();
        }
        let t = Instant::now();
        r.key(key(code));
        r.draw();
        total += t.elapsed();
    }
    total
}

fn bench_reader(c: &mut Criterion, name: &str, lib: Library) {
    let mut r = TuiReader::new(lib, W, H);
    r.draw();
    let page = usize::from(H);
    let top = r.library().speakers.ranked().first().copied();
    let mut g = c.benchmark_group(format!("{name}/reader {W}x{H}"));
    g.bench_function("frame", |b| b.iter(|| r.draw()));
    g.bench_function("key down (next article) + frame", |b| {
        b.iter_custom(|iters| keys(&mut r, KeyCode::Down, 1, iters))
    });
    g.bench_function("key page down (list) + frame", |b| {
        b.iter_custom(|iters| keys(&mut r, KeyCode::PageDown, page, iters))
    });
    if let Some(top) = top {
        g.bench_function("speaker filter on/off + frame", |b| {
            let mut on = false;
            b.iter(|| {
                on = !on;
                let set: &[usize] = if on { &[top] } else { &[] };
                r.filter(None, set);
                r.draw();
            })
        });
    }
    g.finish();
}

fn benches_all(c: &mut Criterion) {
    let corpus = common::corpus();
    let lib = common::scale_library();
    let name = format!("scale-{}", lib.len());
    bench_reader(c, &name, lib);
    if let Some(corpus) = corpus {
        bench_reader(c, "corpus", common::library_of(&corpus));
    }
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = benches_all
}
criterion_main!(benches);
