//! Shows how extraction reads the paragraphs of an article that contain a phrase:
//! lexicon hits, people and their mentions, statements. A tool for writing rules.
//!
//!     cargo run --release --example explain -- FILE [PHRASE]

use std::path::PathBuf;

use docket::collection::{LoadOptions, load};
use docket::extract::{doc::Doc, people, speech};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: explain FILE [PHRASE]");
        std::process::exit(2);
    };
    let phrase = args.get(1).cloned().unwrap_or_default();
    let c = load(&[PathBuf::from(path)], &LoadOptions::default());
    for a in &c.articles {
        let doc = Doc::new(a);
        let ppl = people::find(&doc);
        println!("# {} ({} people)", a.id, ppl.persons.len());
        for (i, p) in ppl.persons.iter().enumerate() {
            println!("  P{i} {} {:?}", p.name, p.roles);
        }
        let said = speech::statements(&doc, &ppl);
        for (bi, b) in doc.blocks.iter().enumerate() {
            let s = &doc.text[b.toks[0].start..b.toks[b.toks.len() - 1].end];
            if !phrase.is_empty() && !s.contains(&phrase) {
                continue;
            }
            println!(
                "-- block {} {}",
                b.index,
                if b.caption { "(caption)" } else { "" }
            );
            println!("   {s}");
            let hits: Vec<String> = b
                .hits
                .iter()
                .map(|h| format!("{:?}:{}", h.cat, doc.slice(b, h.first, h.last)))
                .collect();
            println!("   hits: {}", hits.join(" | "));
            for m in ppl.in_block(bi) {
                println!(
                    "   mention {:?} '{}' -> {:?} after={} chain={:?}",
                    m.kind,
                    doc.slice(b, m.first, m.last),
                    m.person.map(|p| &ppl.persons[p].name),
                    m.after,
                    m.chain
                );
            }
            for st in said.iter().filter(|x| x.statement.block == b.index) {
                println!(
                    "   SAID {} [{:?}]: {}",
                    ppl.persons[st.person].name,
                    st.statement.verb,
                    &a.text[st.statement.span.clone()]
                );
            }
        }
    }
}
