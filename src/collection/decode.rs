//! Bytes -> text: BOMs, UTF-16 with or without BOM, UTF-8 (lossy when mostly valid),
//! legacy single-byte encodings (windows-1258 and friends, guessed by chardetng), and
//! the test that turns away binary files.
//!
//! The result is raw decoded text; [`crate::text::clean`] runs after format parsing.

use multiversion::multiversion;
use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::text::sanitize;

/// Text decoded from a file, with what a user should know about how.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// Borrowed from the bytes when they are valid UTF-8 already.
    pub text: Cow<'a, str>,
    /// Name of the encoding used ("UTF-8", "UTF-16LE", "windows-1258", ...).
    pub encoding: &'static str,
    /// Invalid byte sequences replaced by U+FFFD.
    pub replaced: usize,
    /// The text is clean already ([`sanitize::is_clean`]): the sanitiser and
    /// NFC leave it, and every slice of it, as it is.
    pub clean: bool,
}

/// Why bytes could not be read as text.
#[derive(Debug, PartialEq, Eq)]
pub enum NotText {
    Empty,
    Binary,
}

/// Decodes `bytes`, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, NotText> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(NotText::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return check_text(decode_with(enc, &bytes[bom_len..]));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return check_text(decode_with(enc, bytes));
    }
    // simdutf8 validates several times faster than the standard library, and
    // validation touches every byte of a collection.
    let utf8 = simdutf8::basic::from_utf8(bytes).ok();
    // Nearly every file is UTF-8 that the sanitiser leaves as it is. Its scan
    // for that, made here on the whole text, also rules out what the tests
    // below look for (a zero byte and the other controls are suspects; U+FFFD
    // is not NFC on its own), and the format parser's fields, slices of the
    // text, need no second scan.
    if let Some(text) = utf8
        && sanitize::is_clean(text)
    {
        if text.trim().is_empty() {
            return Err(NotText::Empty);
        }
        return Ok(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            replaced: 0,
            clean: true,
        });
    }
    if memchr::memchr(0, bytes).is_some() {
        return Err(NotText::Binary);
    }
    if let Some(text) = utf8 {
        return check_text(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            replaced: 0,
            clean: false,
        });
    }
    let (valid_multibyte, invalid) = utf8_census(bytes);
    if valid_multibyte > 0 && invalid <= valid_multibyte {
        // Mostly UTF-8 with a few broken bytes: keep UTF-8, replace the bad ones.
        check_text(decode_with(UTF_8, bytes))
    } else {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        let enc = detector.guess(Some(b"vn"), chardetng::Utf8Detection::Allow);
        check_text(decode_with(enc, bytes))
    }
}

fn decode_with<'a>(enc: &'static Encoding, bytes: &'a [u8]) -> Decoded<'a> {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let replaced = if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        text.chars().filter(|&c| c == '\u{fffd}').count()
    } else {
        0
    };
    Decoded {
        text,
        encoding: enc.name(),
        replaced,
        clean: false,
    }
}

/// Rejects decoded text that is mostly controls or replacement characters.
fn check_text(d: Decoded<'_>) -> Result<Decoded<'_>, NotText> {
    let sample = &d.text.as_bytes()[..d.text.len().min(1 << 16)];
    match verdict(sample) {
        _ if d.text.trim().is_empty() => Err(NotText::Empty),
        Some(reason) => Err(reason),
        None => Ok(d),
    }
}

/// What [`check_text`] says of the first bytes of a text (a prefix of valid
/// UTF-8): `Empty` with no character, `Binary` when more than one character in
/// ten is a control or one in four undecodable (data, not an article; a few
/// broken bytes in a short note are still text), else nothing.
fn verdict(sample: &[u8]) -> Option<NotText> {
    // A prefix of valid UTF-8 starts with a character, if it has a byte.
    if sample.is_empty() {
        return Some(NotText::Empty);
    }
    // Nearly every text has neither controls nor replacement characters, which a
    // cheaper test than the census finds out.
    if !may_hold_controls(sample) {
        return None;
    }
    let census = Census::of(sample);
    (census.controls * 10 > census.chars || census.replaced * 4 > census.chars)
        .then_some(NotText::Binary)
}

/// Whether `b` has a byte that may start a control or a replacement character
/// (for [`Census`]): a C0 control but line breaks, tabs and form feeds, DEL, C2
/// (C1 controls are C2 80..C2 9F) or EF (U+FFFD is EF BF BD).
#[multiversion(targets("x86_64+avx2"))]
fn may_hold_controls(b: &[u8]) -> bool {
    // This reads the first 64 KiB of every file: with AVX2 the compiler tests
    // 32 bytes per vector operation instead of 16.
    may_hold_controls_portable(b)
}

/// [`may_hold_controls`] for any CPU, inlined into each build that `multiversion`
/// makes of it.
#[inline(always)]
fn may_hold_controls_portable(b: &[u8]) -> bool {
    let suspect = |x: u8| {
        ((x < 0x20) & !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c))
            | (x == 0x7f)
            | (x == 0xc2)
            | (x == 0xef)
    };
    let mut blocks = b.chunks_exact(CENSUS_BLOCK);
    // Block by block with no early exit inside, so the compiler vectorises it.
    let any_in_blocks = blocks.by_ref().any(|block| {
        let block: &[u8; CENSUS_BLOCK] = block.try_into().expect("block length");
        block.iter().fold(false, |any, &x| any | suspect(x))
    });
    any_in_blocks || blocks.remainder().iter().any(|&x| suspect(x))
}

/// What [`check_text`] counts in the UTF-8 bytes of a text.
#[derive(Debug, Default, PartialEq, Eq)]
struct Census {
    /// Characters: the bytes that do not continue one.
    chars: usize,
    /// C0 controls other than line breaks, tabs and form feeds (single bytes), DEL,
    /// and C1 controls (C2 80..C2 9F).
    controls: usize,
    /// U+FFFD replacement characters (EF BF BD).
    replaced: usize,
}

/// Bytes counted at once by [`Census::of`].
const CENSUS_BLOCK: usize = 64;

impl Census {
    /// Counted on bytes, in one pass: a block at a time into byte-sized counters,
    /// which the compiler vectorises (separate iterator counts were three passes
    /// and 9 instructions a byte, on every byte of a collection).
    fn of(b: &[u8]) -> Census {
        let mut census = Census::default();
        let mut at = 0;
        while let Some(w) = b.get(at..at + CENSUS_BLOCK + 2) {
            let w: &[u8; CENSUS_BLOCK + 2] = w.try_into().expect("window length");
            let (mut chars, mut controls, mut replaced) = (0u8, 0u8, 0u8);
            for k in 0..CENSUS_BLOCK {
                let (c, o, r) = census_flags(w[k], w[k + 1], w[k + 2]);
                chars += c;
                controls += o;
                replaced += r;
            }
            census.chars += usize::from(chars);
            census.controls += usize::from(controls);
            census.replaced += usize::from(replaced);
            at += CENSUS_BLOCK;
        }
        let byte = |k: usize| b.get(k).copied().unwrap_or(0);
        for k in at..b.len() {
            let (c, o, r) = census_flags(byte(k), byte(k + 1), byte(k + 2));
            census.chars += usize::from(c);
            census.controls += usize::from(o);
            census.replaced += usize::from(r);
        }
        census
    }
}

/// What byte `x` (followed by `c1` and `c2`) adds to a [`Census`]: a character,
/// a control, a replacement character, each 0 or 1.
#[inline(always)]
fn census_flags(x: u8, c1: u8, c2: u8) -> (u8, u8, u8) {
    let starts_char = (x as i8) >= -0x40;
    let c0 = ((x < 0x20) & !matches!(x, b'\n' | b'\r' | b'\t' | 0x0c)) | (x == 0x7f);
    let c1_control = (x == 0xc2) & (0x80..0xa0).contains(&c1);
    let replacement = (x == 0xef) & (c1 == 0xbf) & (c2 == 0xbd);
    (
        u8::from(starts_char),
        u8::from(c0 | c1_control),
        u8::from(replacement),
    )
}

/// UTF-16 without a BOM: text in Latin scripts has a zero byte in every other
/// position (the high byte of ASCII characters).
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    // Without a zero byte (nearly every file) neither test below can hold; memchr
    // finds that out at a fraction of the cost of counting.
    if sample.len() < 8 || memchr::memchr(0, sample).is_none() {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero * 10 >= pairs * 3 && even_zero * 20 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 3 && odd_zero * 20 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts valid multi-byte UTF-8 sequences and invalid bytes.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let mut valid_multibyte = 0;
    let mut invalid = 0;
    loop {
        match std::str::from_utf8(bytes) {
            Ok(s) => {
                valid_multibyte += s.chars().filter(|c| !c.is_ascii()).count();
                return (valid_multibyte, invalid);
            }
            Err(e) => {
                let (good, rest) = bytes.split_at(e.valid_up_to());
                valid_multibyte += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| !c.is_ascii()).count())
                    .unwrap_or(0);
                let skip = e.error_len().unwrap_or(rest.len()).max(1);
                invalid += skip;
                bytes = &rest[skip.min(rest.len())..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let d = decode("Hội nghị".as_bytes()).unwrap();
        assert_eq!((&*d.text, d.encoding), ("Hội nghị", "UTF-8"));
        let mut b = vec![0xef, 0xbb, 0xbf];
        b.extend_from_slice("Hội nghị".as_bytes());
        assert_eq!(decode(&b).unwrap().text, "Hội nghị");
    }

    #[test]
    fn utf16_with_bom_and_without() {
        let s = "Hội nghị lần thứ 4 của Ban Chấp hành";
        let mut le: Vec<u8> = vec![0xff, 0xfe];
        le.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).unwrap().text, s);
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be).unwrap();
        assert_eq!((&*d.text, d.encoding), (s, "UTF-16BE"));
    }

    #[test]
    fn windows_1258_is_detected() {
        let s = "Sáng nay, Ban Chấp hành Đảng bộ tỉnh tổ chức hội nghị lần thứ tư để bàn về \
                 công tác cán bộ và phát triển kinh tế xã hội của địa phương trong năm tới.";
        // windows-1258 has precomposed base letters (â, ơ, ...) and combining tones.
        use unicode_normalization::UnicodeNormalization;
        let tones = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
        let mut partly = String::new();
        for c in s.chars() {
            let d: String = c.to_string().nfd().collect();
            let base: String = d
                .chars()
                .filter(|m| !tones.contains(m))
                .collect::<String>()
                .nfc()
                .collect();
            partly.push_str(&base);
            partly.extend(d.chars().filter(|m| tones.contains(m)));
        }
        let (bytes, _, bad) = encoding_rs::WINDOWS_1258.encode(&partly);
        assert!(!bad);
        let d = decode(&bytes).unwrap();
        assert_eq!(d.encoding, "windows-1258");
        assert_eq!(crate::text::clean(&d.text), s);
    }

    #[test]
    fn broken_utf8_is_replaced_and_counted() {
        let d =
            decode(b"Ti\xeau \xff\xfe bad utf8\n\n\xc4\x91o\xe1\xba\xa1n v\xc4\x83n\n").unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.replaced >= 2);
        assert!(d.text.contains("đoạn văn"));
    }

    /// [`Census::of`] as it was written first: separate counts over the bytes.
    fn census_by_counts(sample: &[u8]) -> Census {
        Census {
            chars: sample.iter().filter(|&&b| (b as i8) >= -0x40).count(),
            controls: sample
                .iter()
                .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c) || b == 0x7f)
                .count()
                + memchr::memchr_iter(0xc2, sample)
                    .filter(|&i| sample.get(i + 1).is_some_and(|n| (0x80..0xa0).contains(n)))
                    .count(),
            replaced: memchr::memmem::find_iter(sample, "\u{fffd}".as_bytes()).count(),
        }
    }

    /// [`check_text`]'s verdict from the full census alone.
    fn verdict_by_census(sample: &[u8]) -> Option<NotText> {
        let census = Census::of(sample);
        if census.chars == 0 {
            Some(NotText::Empty)
        } else if census.controls * 10 > census.chars || census.replaced * 4 > census.chars {
            Some(NotText::Binary)
        } else {
            None
        }
    }

    #[test]
    fn census_agrees_with_separate_counts() {
        let pieces = [
            "Hội nghị lần thứ tư ",
            "plain words ",
            "\u{fffd}",
            "\u{1}",
            "\n\r\t\u{c}",
            "\u{7f}",
            "\u{85}\u{9f}\u{a0}",
            "😀",
            "\u{feff}",
        ];
        for s in crate::test_support::mixes(&pieces, 0x1234_5678_u32, 2000, 40) {
            assert_eq!(
                Census::of(s.as_bytes()),
                census_by_counts(s.as_bytes()),
                "{s:?}"
            );
            assert_eq!(
                verdict(s.as_bytes()),
                verdict_by_census(s.as_bytes()),
                "{s:?}"
            );
            // The build for any CPU agrees with the one `verdict` chose.
            assert_eq!(
                may_hold_controls(s.as_bytes()),
                may_hold_controls_portable(s.as_bytes()),
                "{s:?}"
            );
            // A sample cut inside a character, as check_text's can be.
            let cut = &s.as_bytes()[..s.len().saturating_sub(1)];
            assert_eq!(Census::of(cut), census_by_counts(cut), "{s:?}");
        }
    }

    #[test]
    fn binary_and_empty_are_refused() {
        assert_eq!(decode(b"").unwrap_err(), NotText::Empty);
        assert_eq!(decode(b" \n\t ").unwrap_err(), NotText::Empty);
        let noise: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert_eq!(decode(&noise).unwrap_err(), NotText::Binary);
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00abc").unwrap_err(),
            NotText::Binary
        );
    }

    /// What [`decode`] gave for valid UTF-8 before its clean-text fast path:
    /// the zero-byte test, then [`check_text`].
    fn decode_utf8_by_checks(bytes: &[u8]) -> Result<(String, usize), NotText> {
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(NotText::Empty);
        }
        if memchr::memchr(0, bytes).is_some() {
            return Err(NotText::Binary);
        }
        let text = std::str::from_utf8(bytes).expect("valid UTF-8");
        check_text(Decoded {
            text: Cow::Borrowed(text),
            encoding: "UTF-8",
            replaced: 0,
            clean: false,
        })
        .map(|d| (d.text.into_owned(), d.replaced))
    }

    #[test]
    fn clean_fast_path_agrees_with_the_checks() {
        let pieces = [
            "Hội nghị",
            "text ",
            " ",
            "\n",
            "\r\n",
            "\t",
            "\0",
            "\x07",
            "\x7f",
            "\u{85}",
            "\u{a0}",
            "\u{fffd}",
            "\u{feff}",
            "\u{200b}",
            "e\u{301}",
            "漢字",
            "“”…",
        ];
        for text in crate::test_support::mixes(&pieces, 0x5eed, 4000, 12) {
            let bytes = text.as_bytes();
            // UTF-16 sniffing comes first either way; its inputs are not these.
            if sniff_utf16(bytes).is_some() || Encoding::for_bom(bytes).is_some() {
                continue;
            }
            let fast = decode(bytes).map(|d| {
                if d.clean {
                    assert_eq!(crate::text::clean(&d.text), *d.text, "{text:?}");
                }
                (d.text.into_owned(), d.replaced)
            });
            assert_eq!(fast, decode_utf8_by_checks(bytes), "{text:?}");
        }
    }
}
