//! Year arguments, parsed one way by every command: a four-digit year (`2022`) or an inclusive
//! range (`2020..2023`, `2020..=2023`); anything else is a usage error that says so.

use crate::error::{Error, Result};

/// Parses a `--year`/`--years` value into an inclusive range; `flag` names the flag in the error.
pub fn parse_range(flag: &str, s: &str) -> Result<(i32, i32)> {
    let bad = |why: &str| {
        Error::Usage(format!(
            "bad {flag} '{s}': {why} (expected a four-digit year such as 2022 or a range such as 2020..2023)"
        ))
    };
    let year = |t: &str| {
        let t = t.trim();
        if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.parse::<i32>().map_err(|_| bad("not a year"))
        } else if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
            Err(bad("a four-digit year is expected"))
        } else {
            Err(bad("not a year"))
        }
    };
    match s.split_once("..") {
        Some((a, b)) => {
            let (a, b) = (year(a)?, year(b.strip_prefix('=').unwrap_or(b))?);
            if a > b {
                return Err(bad("the range runs backwards"));
            }
            Ok((a, b))
        }
        None => year(s).map(|y| (y, y)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_and_ranges() {
        assert_eq!(parse_range("--year", "2022").unwrap(), (2022, 2022));
        assert_eq!(parse_range("--year", "2022..2023").unwrap(), (2022, 2023));
        assert_eq!(parse_range("--year", "2021..=2023").unwrap(), (2021, 2023));
        let e = parse_range("--year", "22").unwrap_err().to_string();
        assert!(e.contains("four-digit year is expected"), "{e}");
        assert!(parse_range("--year", "2023..2022").is_err());
        assert!(parse_range("--year", "+2022").is_err());
        assert!(parse_range("--year", "二〇二二").is_err());
    }
}
