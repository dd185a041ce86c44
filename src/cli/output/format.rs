//! Text formats shared by the commands' output: shortened hashes, kubectl's relative ages,
//! byte sizes, and kubectl-style `List` documents in YAML or JSON.

use serde_json::{Map, Value, json};

/// Replaces every run of 40 to 128 lowercase hex digits that stands as a word of its own
/// (a SHA-1 to SHA-512 digest) with its first 8 digits, as flux does in tables:
/// `main@sha1:1b2c3d4e…` → `main@sha1:1b2c3d4e`.
pub fn shorten_hex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let hex = (40..=128).contains(&word.len())
            && word
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if hex {
            out.push_str(&word[..8]);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// An age as kubectl prints it (`45s`, `3m12s`, `25m`, `5h30m`, `3d5h`, `2y10d`);
/// `<invalid>` for times more than a second in the future.
pub fn human_duration(seconds: i64) -> String {
    if seconds < -1 {
        return "<invalid>".into();
    }
    if seconds < 0 {
        return "0s".into();
    }
    if seconds < 120 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        return if s == 0 {
            format!("{minutes}m")
        } else {
            format!("{minutes}m{s}s")
        };
    }
    if minutes < 180 {
        return format!("{minutes}m");
    }
    let hours = seconds / 3600;
    if hours < 8 {
        let m = minutes % 60;
        return if m == 0 {
            format!("{hours}h")
        } else {
            format!("{hours}h{m}m")
        };
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        return if h == 0 {
            format!("{}d", hours / 24)
        } else {
            format!("{}d{h}h", hours / 24)
        };
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let days = (hours / 24) % 365;
        return if days == 0 {
            format!("{}y", hours / 24 / 365)
        } else {
            format!("{}y{days}d", hours / 24 / 365)
        };
    }
    format!("{}y", hours / 24 / 365)
}

/// A size in bytes as flux prints storage (`-`, `512 B`, `1.5 KiB`, `2.0 MiB`).
#[allow(clippy::cast_precision_loss)] // one decimal is shown
pub fn size(bytes: u64) -> String {
    if bytes == 0 {
        return "-".into();
    }
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let units = ['K', 'M', 'G', 'T', 'P', 'E'];
    let mut div = 1024u64;
    let mut exp = 0;
    let mut n = bytes / 1024;
    while n >= 1024 && exp < units.len() - 1 {
        div *= 1024;
        exp += 1;
        n /= 1024;
    }
    format!("{:.1} {}iB", bytes as f64 / div as f64, units[exp])
}

/// Drops `metadata.managedFields` (kubectl hides them by default).
pub fn without_managed_fields(mut obj: Value) -> Value {
    if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
        meta.remove("managedFields");
    }
    obj
}

/// A kubectl-style `List` of objects.
pub fn list_document(items: Vec<Value>) -> Value {
    let mut doc =
        json!({"apiVersion": "v1", "items": [], "kind": "List", "metadata": {"resourceVersion": ""}});
    doc["items"] = Value::Array(items);
    doc
}

/// Sorts object keys recursively, as Go prints maps.
pub fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for k in keys {
                out.insert(k.clone(), sorted(&m[k]));
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// JSON with the given indentation and a final newline (kubectl: 4 spaces, sorted keys).
pub fn json_text(value: &Value, indent: usize) -> String {
    let indent = " ".repeat(indent);
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent.as_bytes());
    let mut buf = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    serde::Serialize::serialize(value, &mut ser).expect("JSON values always serialize");
    let mut s = String::from_utf8(buf).expect("serde_json writes UTF-8");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_runs_shorten_like_flux() {
        let sha1 = "16cfcc0b9066b3234dda29927ac1c19860d9663f";
        let sha256 = "c2448c95e262b10f9c1137bf1472f51c04dffca76966ff15eff409d0b300c0b0";
        assert_eq!(shorten_hex(sha1), "16cfcc0b");
        assert_eq!(shorten_hex(&format!("main@sha1:{sha1}")), "main@sha1:16cfcc0b");
        assert_eq!(
            shorten_hex(&format!("tag@sha256:{sha256}")),
            "tag@sha256:c2448c95"
        );
        assert_eq!(shorten_hex(&format!("HEAD/{sha1}")), "HEAD/16cfcc0b");
        assert_eq!(
            shorten_hex(&format!("stored artifact for revision '{sha1}' ok")),
            "stored artifact for revision '16cfcc0b' ok"
        );
        assert_eq!(shorten_hex(&format!("\"{sha256}\"")), "\"c2448c95\"");
        let long = "f".repeat(150);
        assert_eq!(shorten_hex(&long), long, "longer than 128: not a digest");
        assert_eq!(shorten_hex("ffffffffffffff"), "ffffffffffffff");
        assert_eq!(
            shorten_hex(&sha1.to_uppercase()),
            sha1.to_uppercase(),
            "upper case is not shortened"
        );
        assert_eq!(
            shorten_hex(&format!("x{sha1}")),
            format!("x{sha1}"),
            "part of a longer word"
        );
        assert_eq!(
            shorten_hex("which should not be modified"),
            "which should not be modified"
        );
        assert_eq!(shorten_hex(""), "");
    }

    #[test]
    fn ages_print_like_kubectl() {
        for (secs, want) in [
            (-5, "<invalid>"),
            (-1, "0s"),
            (0, "0s"),
            (119, "119s"),
            (120, "2m"),
            (192, "3m12s"),
            (25 * 60, "25m"),
            (179 * 60, "179m"),
            (3 * 3600, "3h"),
            (5 * 3600 + 30 * 60, "5h30m"),
            (30 * 3600, "30h"),
            (3 * 86400 + 5 * 3600, "3d5h"),
            (4 * 86400, "4d"),
            (100 * 86400, "100d"),
            (800 * 86400, "2y70d"),
            (9 * 365 * 86400, "9y"),
        ] {
            assert_eq!(human_duration(secs), want, "{secs}");
        }
    }

    #[test]
    fn sizes_and_documents() {
        assert_eq!(size(0), "-");
        assert_eq!(size(512), "512 B");
        assert_eq!(size(1536), "1.5 KiB");
        assert_eq!(size(2 * 1024 * 1024), "2.0 MiB");
        let doc = list_document(vec![json!({"b": 1, "a": {"d": 1, "c": 2}})]);
        assert_eq!(
            json_text(&sorted(&doc), 4),
            "{\n    \"apiVersion\": \"v1\",\n    \"items\": [\n        {\n            \"a\": {\n                \"c\": 2,\n                \"d\": 1\n            },\n            \"b\": 1\n        }\n    ],\n    \"kind\": \"List\",\n    \"metadata\": {\n        \"resourceVersion\": \"\"\n    }\n}\n"
        );
        let obj = without_managed_fields(json!({"metadata": {"name": "a", "managedFields": []}}));
        assert_eq!(obj, json!({"metadata": {"name": "a"}}));
    }
}
