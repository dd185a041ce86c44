//! Go `time.Duration` text, as Kubernetes and Flux write it: parse `1m`, `1.5h`, `10m0s`,
//! `300ms`; print `1m0s`, `10m0s`, `1h0m0s`, `500ms` (the form upstream stores in specs).

use std::fmt;
use std::time::Duration;

/// A duration string that is not valid Go duration syntax.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid duration {input:?}: {why} (expected Go duration syntax such as 30s, 5m, 1h30m)")]
pub struct ParseDurationError {
    input: String,
    why: &'static str,
}

/// Parses Go duration syntax: a sequence of decimal numbers with a unit each
/// (`ns`, `us`, `µs`, `ms`, `s`, `m`, `h`), such as `1h30m` or `1.5s`. Negative durations
/// are rejected: nothing in Flux accepts them.
pub fn parse(input: &str) -> Result<Duration, ParseDurationError> {
    let err = |why| ParseDurationError {
        input: input.to_string(),
        why,
    };
    let s = input.trim();
    if s.is_empty() {
        return Err(err("empty"));
    }
    if s == "0" {
        return Ok(Duration::ZERO);
    }
    if s.starts_with('-') {
        return Err(err("negative"));
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    let mut rest = s;
    let mut total_nanos: u128 = 0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(err("expected a number"));
        }
        let (num, tail) = rest.split_at(num_len);
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        let unit_nanos: u128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(err("missing unit")),
            _ => return Err(err("unknown unit")),
        };
        let (int_part, frac_part) = num.split_once('.').unwrap_or((num, ""));
        if int_part.is_empty() && frac_part.is_empty() || frac_part.contains('.') {
            return Err(err("malformed number"));
        }
        let int: u128 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| err("number too large"))?
        };
        total_nanos = total_nanos
            .checked_add(int.checked_mul(unit_nanos).ok_or_else(|| err("overflow"))?)
            .ok_or_else(|| err("overflow"))?;
        if !frac_part.is_empty() {
            let digits = frac_part.len().min(30);
            let frac: u128 = frac_part[..digits].parse().map_err(|_| err("malformed number"))?;
            let scale = 10u128.pow(u32::try_from(digits).unwrap_or(30));
            total_nanos += frac * unit_nanos / scale;
        }
        rest = tail;
    }
    let secs = u64::try_from(total_nanos / 1_000_000_000).map_err(|_| err("overflow"))?;
    let nanos = u32::try_from(total_nanos % 1_000_000_000).map_err(|_| err("overflow"))?;
    Ok(Duration::new(secs, nanos))
}

/// Formats a duration as Go's `Duration.String()` does: `1h0m0s`, `10m0s`, `1.5s`, `300ms`.
pub fn format(d: Duration) -> String {
    GoDuration(d).to_string()
}

/// Display adapter printing a [`Duration`] in Go syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoDuration(pub Duration);

impl fmt::Display for GoDuration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = self.0;
        let total = d.as_nanos();
        if total == 0 {
            return f.write_str("0s");
        }
        if total < 1_000_000_000 {
            // Sub-second: the largest unit that keeps the integer part non-zero.
            let (unit, div) = if total < 1_000 {
                ("ns", 1)
            } else if total < 1_000_000 {
                ("µs", 1_000)
            } else {
                ("ms", 1_000_000)
            };
            return write!(f, "{}{unit}", frac(total, div));
        }
        let hours = total / 3_600_000_000_000;
        let minutes = (total / 60_000_000_000) % 60;
        let sec_nanos = total % 60_000_000_000;
        if hours > 0 {
            write!(f, "{hours}h{minutes}m")?;
        } else if minutes > 0 {
            write!(f, "{minutes}m")?;
        }
        write!(f, "{}s", frac(sec_nanos, 1_000_000_000))
    }
}

/// `value / div` printed with the fractional part trimmed of trailing zeros.
fn frac(value: u128, div: u128) -> String {
    let int = value / div;
    let rem = value % div;
    if rem == 0 {
        return int.to_string();
    }
    let width = div.to_string().len() - 1;
    let digits = format!("{rem:0width$}");
    format!("{int}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_go_syntax() {
        let cases = [
            ("1m", 60_000),
            ("10m0s", 600_000),
            ("1h30m", 5_400_000),
            ("1.5s", 1_500),
            ("300ms", 300),
            ("0", 0),
            ("2h45m30.5s", 9_930_500),
            (".5m", 30_000),
        ];
        for (input, millis) in cases {
            assert_eq!(parse(input).unwrap(), Duration::from_millis(millis), "{input}");
        }
    }

    #[test]
    fn rejects_bad_input_with_a_clear_message() {
        for input in ["", "5", "1x", "-1s", "m", "1..5s", "1.2.3s"] {
            let e = parse(input).unwrap_err().to_string();
            assert!(e.contains("invalid duration"), "{input}: {e}");
        }
    }

    #[test]
    fn formats_like_go() {
        let cases = [
            (Duration::from_secs(60), "1m0s"),
            (Duration::from_secs(600), "10m0s"),
            (Duration::from_secs(3600), "1h0m0s"),
            (Duration::from_secs(5400), "1h30m0s"),
            (Duration::from_millis(1500), "1.5s"),
            (Duration::from_millis(300), "300ms"),
            (Duration::from_secs(30), "30s"),
            (Duration::ZERO, "0s"),
            (Duration::from_nanos(1500), "1.5µs"),
        ];
        for (d, want) in cases {
            assert_eq!(format(d), want);
            assert_eq!(parse(want).unwrap(), d);
        }
    }
}
