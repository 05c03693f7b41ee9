//! A long text (an article's text, its folded search copy) that is either owned or
//! shared with the cache file it was read from.
//!
//! A reopen maps the cache file and leaves the texts in it, instead of copying
//! every article's text and folded copy into fresh memory: those are two thirds
//! of what a reopen would allocate, and on a VM that hands freed memory back to
//! its host, fresh memory costs more to take than the texts cost to read (the
//! kernel zeroes it page by page). The mapped file's pages are the page cache's,
//! already there.
//!
//! The cache file is never written in place (a new cache replaces it by a rename),
//! so a mapping keeps reading the file it was made from.

use std::cell::RefCell;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use memmap2::Mmap;
use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// A text, owned or in a mapped cache file. Derefs to `str`.
#[derive(Clone)]
pub struct SharedText(Repr);

#[derive(Clone)]
enum Repr {
    Owned(Box<str>),
    /// `len` bytes at `start` of `map`, checked as UTF-8 when made.
    Mapped {
        map: Arc<Mmap>,
        start: usize,
        len: usize,
    },
}

impl SharedText {
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Mapped { map, start, len } => {
                let bytes = &map[*start..*start + *len];
                // SAFETY: checked as UTF-8 in `borrowed`, and the map is read-only
                // (the cache file is replaced by a rename, never written in place).
                #[allow(unsafe_code)]
                unsafe {
                    std::str::from_utf8_unchecked(bytes)
                }
            }
        }
    }

    /// True when the text lives in a mapped cache file.
    pub fn is_mapped(&self) -> bool {
        matches!(self.0, Repr::Mapped { .. })
    }

    /// The text of `bytes`, shared with the mapping being read on this thread
    /// ([`reading_from`]) when they lie in it, copied otherwise; none when they
    /// are not UTF-8.
    fn borrowed(bytes: &[u8]) -> Option<SharedText> {
        // The standard library's check of Vietnamese text was most of the time of
        // reading a cache; simdutf8's is several times faster.
        let text = simdutf8::basic::from_utf8(bytes).ok()?;
        let mapped = SOURCE.with_borrow(|source| {
            let map = source.as_ref()?;
            let base = map.as_ptr() as usize;
            let at = (bytes.as_ptr() as usize).checked_sub(base)?;
            (at + bytes.len() <= map.len()).then(|| Repr::Mapped {
                map: map.clone(),
                start: at,
                len: bytes.len(),
            })
        });
        Some(SharedText(
            mapped.unwrap_or_else(|| Repr::Owned(text.into())),
        ))
    }
}

thread_local! {
    /// The mapping whose bytes texts deserialised on this thread may share.
    static SOURCE: RefCell<Option<Arc<Mmap>>> = const { RefCell::new(None) };
}

/// Runs `read` with texts it deserialises from `map`'s bytes shared with `map`
/// rather than copied.
pub(crate) fn reading_from<R>(map: &Arc<Mmap>, read: impl FnOnce() -> R) -> R {
    /// Puts back the previous source, also when `read` panics.
    struct Restore(Option<Arc<Mmap>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            SOURCE.set(self.0.take());
        }
    }
    let _restore = Restore(SOURCE.replace(Some(map.clone())));
    read()
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self
    }
}

impl Default for SharedText {
    fn default() -> Self {
        SharedText(Repr::Owned(Box::default()))
    }
}

impl From<String> for SharedText {
    fn from(s: String) -> Self {
        SharedText(Repr::Owned(s.into_boxed_str()))
    }
}

impl From<Box<str>> for SharedText {
    fn from(s: Box<str>) -> Self {
        SharedText(Repr::Owned(s))
    }
}

impl From<&str> for SharedText {
    fn from(s: &str) -> Self {
        SharedText(Repr::Owned(s.into()))
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self)
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for SharedText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

/// On the wire a text is a byte string (postcard writes a string and a byte
/// string the same way), so reading it can share the bytes of a mapped file.
impl serde::Serialize for SharedText {
    fn serialize<S: Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        ser.serialize_bytes(self.as_bytes())
    }
}

impl<'de> serde::Deserialize<'de> for SharedText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SharedText, D::Error> {
        d.deserialize_bytes(TextVisitor)
    }
}

struct TextVisitor;

impl<'de> Visitor<'de> for TextVisitor {
    type Value = SharedText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("UTF-8 text")
    }

    fn visit_borrowed_bytes<E: Error>(self, v: &'de [u8]) -> Result<SharedText, E> {
        SharedText::borrowed(v).ok_or_else(|| E::custom("text is not UTF-8"))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<SharedText, E> {
        simdutf8::basic::from_utf8(v)
            .map(SharedText::from)
            .map_err(|_| E::custom("text is not UTF-8"))
    }

    fn visit_byte_buf<E: Error>(self, v: Vec<u8>) -> Result<SharedText, E> {
        String::from_utf8(v)
            .map(SharedText::from)
            .map_err(|_| E::custom("text is not UTF-8"))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<SharedText, E> {
        Ok(v.into())
    }

    fn visit_string<E: Error>(self, v: String) -> Result<SharedText, E> {
        Ok(v.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn mapped(bytes: &[u8]) -> Arc<Mmap> {
        let mut f = tempfile::tempfile().unwrap();
        f.write_all(bytes).unwrap();
        #[allow(unsafe_code)]
        Arc::new(unsafe { Mmap::map(&f) }.unwrap())
    }

    #[test]
    fn texts_read_from_a_mapping_share_it_and_read_the_same() {
        let text = "Hội nghị lần thứ 5";
        let wire = postcard::to_stdvec(&SharedText::from(text)).unwrap();
        let map = mapped(&wire);
        let shared: SharedText = reading_from(&map, || postcard::from_bytes(&map[..])).unwrap();
        assert!(shared.is_mapped());
        assert_eq!(shared, text);
        // Bytes from elsewhere are copied, with or without a mapping in scope.
        let copied: SharedText = reading_from(&map, || postcard::from_bytes(&wire)).unwrap();
        assert!(!copied.is_mapped());
        assert_eq!(copied, text);
        let plain: SharedText = postcard::from_bytes(&map[..]).unwrap();
        assert!(!plain.is_mapped());
        assert_eq!(plain, shared);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused() {
        let wire = postcard::to_stdvec(&serde_bytes_like(&[0x61, 0xff, 0x62])).unwrap();
        let map = mapped(&wire);
        let r: Result<SharedText, _> = reading_from(&map, || postcard::from_bytes(&map[..]));
        assert!(r.is_err());
        assert!(postcard::from_bytes::<SharedText>(&wire).is_err());
    }

    /// A byte string on the wire, as a text is written.
    fn serde_bytes_like(b: &[u8]) -> impl serde::Serialize + '_ {
        struct B<'a>(&'a [u8]);
        impl serde::Serialize for B<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(self.0)
            }
        }
        B(b)
    }
}
