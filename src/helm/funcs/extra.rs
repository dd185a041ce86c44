//! Sprig's date functions (Go time layouts, times as Unix seconds between functions), URL
//! helpers, and the functions flux-rs does not implement yet: they parse (so charts that do
//! not call them render) and fail when called, naming themselves.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, TimeZone, Timelike, Utc};

use super::{arg_int, arg_str};
use crate::helm::template::exec::{Exec, FuncResult};
use crate::helm::template::funcs::FnPtr;
use crate::helm::value::Value;

type F = fn(&mut Exec<'_>, Vec<Value>) -> FuncResult;

fn unsupported(name: &str) -> FuncResult {
    Err(format!("{name} is not supported by flux-rs yet (UnsupportedFeature)").into())
}

/// Date, URL and not-yet-supported functions.
pub fn functions() -> Vec<(&'static str, FnPtr)> {
    [dates(), urls_and_the_rest()]
        .concat()
        .into_iter()
        .map(|(n, f)| (n, f as FnPtr))
        .collect()
}

/// Date and duration functions.
fn dates() -> Vec<(&'static str, F)> {
    vec![
        ("date", |_, a| date_fn(&a, "date", false)),
        ("dateInZone", |_, a| date_fn(&a, "dateInZone", true)),
        ("date_in_zone", |_, a| date_fn(&a, "date_in_zone", true)),
        ("htmlDate", |_, a| {
            let t = time_of(a.first().unwrap_or(&Value::Nil));
            Ok(Value::from(format_go(&t, "2006-01-02")))
        }),
        ("htmlDateInZone", |_, a| {
            let t = time_of(a.first().unwrap_or(&Value::Nil));
            Ok(Value::from(format_go(&t, "2006-01-02")))
        }),
        ("toDate", |_, a| to_date(&a, "toDate", false)),
        ("mustToDate", |_, a| to_date(&a, "mustToDate", true)),
        ("dateModify", |_, a| date_modify(&a, "dateModify", false)),
        ("date_modify", |_, a| date_modify(&a, "date_modify", false)),
        ("mustDateModify", |_, a| date_modify(&a, "mustDateModify", true)),
        ("must_date_modify", |_, a| {
            date_modify(&a, "must_date_modify", true)
        }),
        ("ago", |_, a| {
            let t = time_of(a.first().unwrap_or(&Value::Nil));
            let secs = (Utc::now() - t.with_timezone(&Utc)).num_seconds();
            Ok(Value::from(crate::duration::format(
                std::time::Duration::from_secs(secs.max(0).unsigned_abs()),
            )))
        }),
        ("duration", |_, a| {
            let secs = super::to_int64(a.first().unwrap_or(&Value::Nil));
            Ok(Value::from(crate::duration::format(
                std::time::Duration::from_secs(secs.max(0).unsigned_abs()),
            )))
        }),
        ("durationRound", |_, a| {
            let secs = match a.first() {
                Some(Value::Str(s)) => crate::duration::parse(s).map_or(0, |d| d.as_secs()),
                Some(v) => super::to_int64(v).max(0).unsigned_abs() / 1_000_000_000,
                None => 0,
            };
            Ok(Value::from(duration_round(secs)))
        }),
    ]
}

/// URL, path and list functions, and the ones flux-rs does not support yet.
fn urls_and_the_rest() -> Vec<(&'static str, F)> {
    vec![
        ("urlJoin", |_, a| {
            let m = match a.first() {
                Some(Value::Map(m)) => m.clone(),
                _ => return Err("urlJoin: expected a map".into()),
            };
            let m = m.borrow();
            let g = |k: &str| m.get(k).map(super::strval).unwrap_or_default();
            let mut out = String::new();
            if !g("scheme").is_empty() {
                out.push_str(&g("scheme"));
                out.push(':');
            }
            if !g("host").is_empty() {
                out.push_str("//");
                if !g("userinfo").is_empty() {
                    out.push_str(&g("userinfo"));
                    out.push('@');
                }
                out.push_str(&g("host"));
            }
            out.push_str(&g("path"));
            if !g("query").is_empty() {
                out.push('?');
                out.push_str(&g("query"));
            }
            if !g("fragment").is_empty() {
                out.push('#');
                out.push_str(&g("fragment"));
            }
            Ok(Value::from(out))
        }),
        ("urlParse", |_, a| {
            let s = arg_str(&a, 0, "urlParse")?;
            let mut m = BTreeMap::new();
            let (rest, fragment) = s.split_once('#').unwrap_or((&s, ""));
            let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
            let (scheme, rest) = match rest.split_once("://") {
                Some((sc, r)) => (sc, r),
                None => ("", rest),
            };
            let (authority, path) = if scheme.is_empty() {
                ("", rest)
            } else {
                match rest.find('/') {
                    Some(i) => (&rest[..i], &rest[i..]),
                    None => (rest, ""),
                }
            };
            let (userinfo, host) = authority.rsplit_once('@').unwrap_or(("", authority));
            for (k, v) in [
                ("scheme", scheme),
                ("host", host),
                ("hostname", host.split(':').next().unwrap_or("")),
                ("path", path),
                ("query", query),
                ("opaque", ""),
                ("fragment", fragment),
                ("userinfo", userinfo),
            ] {
                m.insert(k.to_string(), Value::from(v));
            }
            Ok(Value::map_from(m))
        }),
        ("abbrevboth", |_, a| {
            let (l, r, s) = (
                arg_int(&a, 0, "abbrevboth")?,
                arg_int(&a, 1, "abbrevboth")?,
                arg_str(&a, 2, "abbrevboth")?,
            );
            let chars: Vec<char> = s.chars().collect();
            let n = chars.len() as i64;
            if r < 4 || n <= r {
                return Ok(Value::from(s));
            }
            let l = l.clamp(0, n);
            let start = if l > 0 && l <= 4 { 0 } else { l };
            if start == 0 {
                let keep: String = chars[..(r - 3) as usize].iter().collect();
                return Ok(Value::from(format!("{keep}...")));
            }
            let tail: String = chars[start as usize..].iter().collect();
            let inner = if (tail.chars().count() as i64) + 3 > r {
                let k: String = tail.chars().take((r - 6).max(1) as usize).collect();
                format!("{k}...")
            } else {
                tail
            };
            Ok(Value::from(format!("...{inner}")))
        }),
        ("osExt", |_, a| {
            let s = arg_str(&a, 0, "osExt")?;
            let b = s.rsplit('/').next().unwrap_or(&s);
            Ok(Value::from(
                b.rfind('.').map_or(String::new(), |i| b[i..].to_string()),
            ))
        }),
        ("osIsAbs", |_, a| {
            Ok(Value::Bool(arg_str(&a, 0, "osIsAbs")?.starts_with('/')))
        }),
        ("mustChunk", |_, a| {
            let size = arg_int(&a, 0, "mustChunk")?;
            let l = super::as_list(a.get(1).unwrap_or(&Value::Nil)).ok_or("Cannot chunk type")?;
            if size <= 0 {
                return Ok(Value::list(Vec::new()));
            }
            Ok(Value::list(
                l.chunks(size as usize).map(|c| Value::list(c.to_vec())).collect(),
            ))
        }),
        ("bcrypt", |_, _| unsupported("bcrypt")),
        ("htpasswd", |_, _| unsupported("htpasswd")),
        ("derivePassword", |_, _| unsupported("derivePassword")),
        ("genSelfSignedCertWithKey", |_, _| {
            unsupported("genSelfSignedCertWithKey")
        }),
        ("encryptAES", |_, _| unsupported("encryptAES")),
        ("decryptAES", |_, _| unsupported("decryptAES")),
    ]
}

/// A time from a template value: Unix seconds (what `toDate`/`dateModify` return here), else
/// now (as Sprig does for anything that is not a time).
fn time_of(v: &Value) -> DateTime<FixedOffset> {
    let utc = FixedOffset::east_opt(0).unwrap_or_else(unreachable_offset);
    match v {
        Value::Int(secs) => utc
            .timestamp_opt(*secs, 0)
            .single()
            .unwrap_or_else(|| Utc::now().fixed_offset()),
        _ => Utc::now().fixed_offset(),
    }
}

#[allow(clippy::unwrap_used)]
fn unreachable_offset() -> FixedOffset {
    FixedOffset::east_opt(0).unwrap()
}

fn date_fn(a: &[Value], name: &str, zone: bool) -> FuncResult {
    let layout = arg_str(a, 0, name)?;
    let t = time_of(a.get(1).unwrap_or(&Value::Nil));
    if zone {
        let z = arg_str(a, 2, name)?;
        if z != "UTC" && z != "Local" && !z.is_empty() {
            return Err(format!(
                "{name}: time zone {z:?} is not supported by flux-rs yet (UnsupportedFeature)"
            )
            .into());
        }
    }
    Ok(Value::from(format_go(&t, &layout)))
}

fn to_date(a: &[Value], name: &str, must: bool) -> FuncResult {
    let layout = arg_str(a, 0, name)?;
    let s = arg_str(a, 1, name)?;
    let fmt = chrono_layout(&layout);
    let parsed = DateTime::parse_from_str(&s, &fmt)
        .map(|t| t.timestamp())
        .or_else(|_| chrono::NaiveDateTime::parse_from_str(&s, &fmt).map(|t| t.and_utc().timestamp()))
        .or_else(|_| {
            chrono::NaiveDate::parse_from_str(&s, &fmt)
                .map(|d| d.and_hms_opt(0, 0, 0).map_or(0, |t| t.and_utc().timestamp()))
        });
    match parsed {
        Ok(secs) => Ok(Value::Int(secs)),
        Err(e) if must => Err(format!("parsing time {s:?} as {layout:?}: {e}").into()),
        Err(_) => Ok(Value::Int(-62_135_596_800)),
    }
}

fn date_modify(a: &[Value], name: &str, must: bool) -> FuncResult {
    let m = arg_str(a, 0, name)?;
    let t = time_of(a.get(1).unwrap_or(&Value::Nil));
    let neg = m.starts_with('-');
    match crate::duration::parse(m.trim_start_matches(['-', '+'])) {
        Ok(d) => {
            let secs = i64::try_from(d.as_secs()).unwrap_or(0);
            Ok(Value::Int(t.timestamp() + if neg { -secs } else { secs }))
        }
        Err(e) if must => Err(format!("{e}").into()),
        Err(_) => Ok(Value::Int(t.timestamp())),
    }
}

fn duration_round(secs: u64) -> String {
    const Y: u64 = 365 * 24 * 3600;
    const MO: u64 = 30 * 24 * 3600;
    const D: u64 = 24 * 3600;
    match secs {
        s if s > Y => format!("{}y", s / Y),
        s if s > MO => format!("{}mo", s / MO),
        s if s > D => format!("{}d", s / D),
        s if s > 3600 => format!("{}h", s / 3600),
        s if s > 60 => format!("{}m", s / 60),
        s if s > 0 => format!("{s}s"),
        _ => "0s".into(),
    }
}

/// Go layout → chrono format (for parsing).
fn chrono_layout(layout: &str) -> String {
    let mut out = String::new();
    let mut rest = layout;
    const MAP: &[(&str, &str)] = &[
        ("January", "%B"),
        ("Jan", "%b"),
        ("Monday", "%A"),
        ("Mon", "%a"),
        ("2006", "%Y"),
        ("MST", "%Z"),
        ("Z07:00", "%:z"),
        ("-07:00", "%:z"),
        ("-0700", "%z"),
        ("Z0700", "%z"),
        (".000000000", "%.9f"),
        (".000000", "%.6f"),
        (".000", "%.3f"),
        ("15", "%H"),
        ("01", "%m"),
        ("02", "%d"),
        ("03", "%I"),
        ("04", "%M"),
        ("05", "%S"),
        ("06", "%y"),
        ("PM", "%p"),
        ("pm", "%P"),
        ("_2", "%e"),
    ];
    'outer: while !rest.is_empty() {
        for (g, c) in MAP {
            if let Some(r) = rest.strip_prefix(g) {
                out.push_str(c);
                rest = r;
                continue 'outer;
            }
        }
        let ch = rest.chars().next().unwrap_or(' ');
        if ch == '%' {
            out.push_str("%%");
        } else {
            out.push(ch);
        }
        rest = &rest[ch.len_utf8()..];
    }
    out
}

/// Formats a time with a Go layout (`2006-01-02T15:04:05Z07:00`).
pub fn format_go(t: &DateTime<FixedOffset>, layout: &str) -> String {
    let mut out = String::new();
    let mut rest = layout;
    let off = t.offset().local_minus_utc();
    let (sign, oh, om) = (
        if off < 0 { '-' } else { '+' },
        off.abs() / 3600,
        (off.abs() % 3600) / 60,
    );
    let months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let month = months[t.month0() as usize];
    let day = days[t.weekday().num_days_from_monday() as usize];
    let h12 = if t.hour().is_multiple_of(12) {
        12
    } else {
        t.hour() % 12
    };
    while !rest.is_empty() {
        let tokens: &[(&str, String)] = &[
            ("January", month.to_string()),
            ("Jan", month[..3].to_string()),
            ("Monday", day.to_string()),
            ("Mon", day[..3].to_string()),
            ("2006", format!("{:04}", t.year())),
            (
                "Z07:00",
                if off == 0 {
                    "Z".into()
                } else {
                    format!("{sign}{oh:02}:{om:02}")
                },
            ),
            (
                "Z0700",
                if off == 0 {
                    "Z".into()
                } else {
                    format!("{sign}{oh:02}{om:02}")
                },
            ),
            ("-07:00", format!("{sign}{oh:02}:{om:02}")),
            ("-0700", format!("{sign}{oh:02}{om:02}")),
            (
                "MST",
                if off == 0 {
                    "UTC".into()
                } else {
                    format!("{sign}{oh:02}")
                },
            ),
            (".000000000", format!(".{:09}", t.nanosecond())),
            (".000000", format!(".{:06}", t.nanosecond() / 1000)),
            (".000", format!(".{:03}", t.nanosecond() / 1_000_000)),
            (".999999999", trim_frac(t.nanosecond(), 9)),
            (".999999", trim_frac(t.nanosecond() / 1000, 6)),
            (".999", trim_frac(t.nanosecond() / 1_000_000, 3)),
            ("002", format!("{:03}", t.ordinal())),
            ("15", format!("{:02}", t.hour())),
            ("01", format!("{:02}", t.month())),
            ("02", format!("{:02}", t.day())),
            ("_2", format!("{:>2}", t.day())),
            ("03", format!("{h12:02}")),
            ("04", format!("{:02}", t.minute())),
            ("05", format!("{:02}", t.second())),
            ("06", format!("{:02}", t.year() % 100)),
            ("PM", if t.hour() >= 12 { "PM".into() } else { "AM".into() }),
            ("pm", if t.hour() >= 12 { "pm".into() } else { "am".into() }),
            ("1", t.month().to_string()),
            ("2", t.day().to_string()),
            ("3", h12.to_string()),
            ("4", t.minute().to_string()),
            ("5", t.second().to_string()),
        ];
        if let Some((g, v)) = tokens.iter().find(|(g, _)| rest.starts_with(g)) {
            out.push_str(v);
            rest = &rest[g.len()..];
            continue;
        }
        let ch = rest.chars().next().unwrap_or(' ');
        out.push(ch);
        rest = &rest[ch.len_utf8()..];
    }
    out
}

fn trim_frac(v: u32, width: usize) -> String {
    let s = format!("{v:0width$}");
    let s = s.trim_end_matches('0');
    if s.is_empty() {
        String::new()
    } else {
        format!(".{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_layouts_format_as_go() {
        let t = FixedOffset::east_opt(0)
            .unwrap()
            .with_ymd_and_hms(2024, 3, 9, 14, 5, 7)
            .unwrap();
        assert_eq!(format_go(&t, "2006-01-02T15:04:05Z07:00"), "2024-03-09T14:05:07Z");
        assert_eq!(format_go(&t, "Mon Jan _2 3:04PM"), "Sat Mar  9 2:05PM");
        assert_eq!(duration_round(3 * 24 * 3600 + 5), "3d");
    }
}
