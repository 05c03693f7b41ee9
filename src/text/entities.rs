//! HTML/SGML character references (`&amp;`, `&#3;`, `&#x1b;`). Decoding happens
//! before sanitising, so a reference that decodes to a control character is caught
//! like any other (glamour PR 615 is the counter-example).

use std::borrow::Cow;

/// Decodes numeric and the common named character references. Unknown names are
/// left as written.
pub fn decode(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail[1..]
            .char_indices()
            .take(12)
            .find(|&(_, c)| c == ';' || c.is_whitespace() || c == '&')
            .filter(|&(_, c)| c == ';')
            .map(|(i, _)| i + 1);
        let decoded = end.and_then(|end| reference(&tail[1..end]).map(|c| (c, end)));
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &tail[end + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

fn reference(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{fffd}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "copy" => '©',
        "reg" => '®',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric() {
        assert_eq!(
            decode("a &amp; b &#233; &#x1EA1; &lt;x&gt;"),
            "a & b é ạ <x>"
        );
    }

    #[test]
    fn leaves_unknown_and_bare_ampersands() {
        assert_eq!(decode("AT&T &foo; & x"), "AT&T &foo; & x");
    }

    #[test]
    fn control_references_decode_so_the_sanitiser_sees_them() {
        let out = crate::text::clean(&decode("x&#27;[2Jy&#3;"));
        assert!(!out.contains('\u{1b}') && !out.contains('\u{3}'));
    }
}
