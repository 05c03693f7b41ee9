//! docket: a terminal reader for collections of news articles about meetings.
//!
//! Data flows one way: files -> [`collection`] (walk, decode, parse) -> [`cleanup`]
//! ([`article::Article`]: paragraphs, captions, byline, title) -> outline -> indexes
//! -> what a view shows. Everything but [`tui`] is plain functions over plain data,
//! tested without a terminal; [`tui`] holds the reader's state, actions and views
//! (a library module so tests and benchmarks can draw it into a test backend).
// Unsafe code is refused except where it is allowed by name: the mapped cache
// (`cache::Reader::open`, `shared_text`), which a file mapping cannot do without.
// (The AVX2 builds of per-byte scans are made and chosen by `multiversion`.)
#![deny(unsafe_code)]

pub mod article;
pub mod bench;
pub mod bench_reader;
pub mod cache;
pub mod cleanup;
pub mod collection;
pub mod config;
pub mod dates;
pub mod demo;
pub mod export;
pub mod extract;
pub mod index;
pub mod lexicon;
pub mod outline;
pub mod pipeline;
pub mod shared_text;
pub mod state;
#[cfg(test)]
mod test_support;
pub mod text;
pub mod tui;
