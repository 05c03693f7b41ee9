//! docket: a terminal reader for collections of news articles about meetings.
//!
//! Data flows one way: files -> [`collection`] (walk, decode, parse) -> [`cleanup`]
//! ([`article::Article`]: paragraphs, captions, byline, title) -> outline -> indexes
//! -> what a view shows. Nothing here draws; the terminal UI lives in the binary's
//! `tui` module.
#![forbid(unsafe_code)]

pub mod article;
pub mod bench;
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
pub mod state;
pub mod text;
