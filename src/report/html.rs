//! HTML escaping in exactly one function, used by every page luoshi writes.

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Percent-encodes one path segment of a link (`#`, `?`, `%`, spaces, quotes, controls), so a
/// unit named `a#b c` still links to its page; letters beyond ASCII stay readable (browsers
/// encode them themselves).
pub fn url_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if (!c.is_ascii() && !c.is_control())
            || c.is_ascii_alphanumeric()
            || "-_.~()!*'".contains(c)
        {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Escapes `text` and wraps the given character ranges in `<mark>`, merging overlaps.
pub fn mark(text: &str, ranges: &[(usize, usize)]) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut on = vec![false; chars.len()];
    for &(s, e) in ranges {
        for flag in on.iter_mut().take(e.min(chars.len())).skip(s) {
            *flag = true;
        }
    }
    let mut out = String::new();
    let mut open = false;
    for (i, c) in chars.iter().enumerate() {
        if on[i] != open {
            out.push_str(if on[i] { "<mark>" } else { "</mark>" });
            open = on[i];
        }
        out.push_str(&escape(&c.to_string()));
    }
    if open {
        out.push_str("</mark>");
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn marks_merge_and_escape() {
        assert_eq!(
            super::mark("谈心<谈话>", &[(0, 2), (1, 3)]),
            "<mark>谈心&lt;</mark>谈话&gt;"
        );
    }
}
