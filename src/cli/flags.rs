//! Value parsers shared by the commands' flags.

use std::time::Duration;

/// Parses a Go duration flag (`30s`, `5m`, `1h30m`).
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    crate::duration::parse(s).map_err(|e| e.to_string())
}

/// Validates a namespace name (a DNS-1123 label, as Kubernetes requires).
pub fn parse_namespace(s: &str) -> Result<String, String> {
    if is_dns1123_label(s) {
        Ok(s.to_string())
    } else {
        Err(format!(
            "{s:?} is not a valid namespace: it must be a DNS-1123 label (lower-case letters, digits and '-', \
             starting and ending with a letter or digit, at most 63 characters)"
        ))
    }
}

/// Whether `s` is a DNS-1123 label.
pub fn is_dns1123_label(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_labels() {
        assert!(is_dns1123_label("flux-system"));
        assert!(is_dns1123_label("a1"));
        for bad in ["", "-a", "a-", "A", "a_b", &"a".repeat(64)] {
            assert!(!is_dns1123_label(bad), "{bad}");
        }
    }
}
