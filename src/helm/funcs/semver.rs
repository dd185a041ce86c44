//! Semantic versions and constraints as Masterminds/semver v3 reads them (Sprig's
//! `semverCompare`, Helm's `kubeVersion` check): a leading `v`, missing minor/patch,
//! wildcards, `^`/`~`/comparison operators, `,`/space as AND, `||` as OR, hyphen ranges, and
//! prerelease versions only matched by constraints that carry a prerelease.

use std::cmp::Ordering;

/// A parsed version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    /// Major.
    pub major: u64,
    /// Minor.
    pub minor: u64,
    /// Patch.
    pub patch: u64,
    /// Prerelease (without `-`).
    pub pre: String,
    /// Build metadata (without `+`).
    pub meta: String,
}

fn valid_ident(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

impl Version {
    /// Parses leniently as `semver.NewVersion` does.
    pub fn parse(s: &str) -> Result<Version, String> {
        let bad = || "Invalid Semantic Version".to_string();
        let t = s.strip_prefix('v').unwrap_or(s);
        let (rest, meta) = match t.split_once('+') {
            Some((a, b)) => (a, b.to_string()),
            None => (t, String::new()),
        };
        let (core, pre) = match rest.split_once('-') {
            Some((a, b)) => (a, b.to_string()),
            None => (rest, String::new()),
        };
        if (!pre.is_empty() || rest.contains('-')) && !valid_ident(&pre) {
            return Err(bad());
        }
        if (!meta.is_empty() || t.contains('+')) && !valid_ident(&meta) {
            return Err(bad());
        }
        let parts: Vec<&str> = core.split('.').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(bad());
        }
        let mut nums = [0u64; 3];
        for (i, p) in parts.iter().enumerate() {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            nums[i] = p.parse().map_err(|_| bad())?;
        }
        Ok(Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            pre,
            meta,
        })
    }

    /// Total order of semantic versions (build metadata ignored).
    pub fn compare(&self, o: &Version) -> Ordering {
        (self.major, self.minor, self.patch)
            .cmp(&(o.major, o.minor, o.patch))
            .then_with(|| compare_pre(&self.pre, &o.pre))
    }
}

fn compare_pre(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, true) => return Ordering::Equal,
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let (pa, pb): (Vec<&str>, Vec<&str>) = (a.split('.').collect(), b.split('.').collect());
    for (x, y) in pa.iter().zip(pb.iter()) {
        let o = match (x.parse::<u64>(), y.parse::<u64>()) {
            (Ok(m), Ok(n)) => m.cmp(&n),
            (Ok(_), Err(_)) => Ordering::Less,
            (Err(_), Ok(_)) => Ordering::Greater,
            _ => x.cmp(y),
        };
        if o != Ordering::Equal {
            return o;
        }
    }
    pa.len().cmp(&pb.len())
}

#[derive(Debug, Clone)]
struct Constraint {
    op: String,
    con: Version,
    minor_dirty: bool,
    patch_dirty: bool,
    dirty: bool,
}

/// A parsed constraint: OR of ANDs.
#[derive(Debug, Clone)]
pub struct Constraints {
    groups: Vec<Vec<Constraint>>,
}

fn is_wild(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

fn parse_one(op: &str, ver: &str) -> Result<Constraint, String> {
    let bad = || format!("improper constraint: {op}{ver}");
    let v = ver.strip_prefix('v').unwrap_or(ver);
    let (core, tail) = match v.find(['-', '+']) {
        Some(i) => (&v[..i], &v[i..]),
        None => (v, ""),
    };
    let parts: Vec<&str> = core.split('.').collect();
    if parts.is_empty() || parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(bad());
    }
    let mut dirty = false;
    let mut minor_dirty = false;
    let mut patch_dirty = false;
    let mut nums = Vec::new();
    for (i, p) in parts.iter().enumerate() {
        if is_wild(p) {
            dirty = true;
            if i <= 1 {
                minor_dirty = true;
                patch_dirty = true;
            } else {
                patch_dirty = true;
            }
            nums.push("0".to_string());
        } else {
            nums.push((*p).to_string());
        }
    }
    if parts.len() < 3 {
        patch_dirty = true;
        dirty = true;
        if parts.len() < 2 {
            minor_dirty = true;
        }
    }
    while nums.len() < 3 {
        nums.push("0".into());
    }
    let con = Version::parse(&format!("{}{tail}", nums.join("."))).map_err(|_| bad())?;
    // Only a wildcard or missing part makes an equality/comparison a range.
    let explicit_dirty = parts.iter().any(|p| is_wild(p));
    Ok(Constraint {
        op: op.to_string(),
        con,
        minor_dirty,
        patch_dirty,
        dirty: dirty && (explicit_dirty || parts.len() < 3),
    })
}

impl Constraints {
    /// Parses a constraint string.
    pub fn parse(s: &str) -> Result<Constraints, String> {
        let mut groups = Vec::new();
        for or in s.split("||") {
            let or = or.trim();
            let mut group = Vec::new();
            // Hyphen ranges: `1.2 - 1.4.5`.
            let tokens: Vec<String> = tokenize(or);
            let mut i = 0;
            while i < tokens.len() {
                if i + 2 < tokens.len() && tokens[i + 1] == "-" {
                    group.push(parse_one(">=", &tokens[i])?);
                    group.push(parse_one("<=", &tokens[i + 2])?);
                    i += 3;
                    continue;
                }
                let t = &tokens[i];
                let op_len = t
                    .find(|c: char| c.is_ascii_alphanumeric() || c == '*')
                    .unwrap_or(t.len());
                let (op, ver) = t.split_at(op_len);
                let op = match op {
                    "" | "=" | "!=" | ">" | "<" | ">=" | "<=" | "~" | "^" => op,
                    "=>" => ">=",
                    "=<" => "<=",
                    "~>" => "~",
                    _ => return Err(format!("improper constraint: {t}")),
                };
                if ver.is_empty() {
                    return Err(format!("improper constraint: {t}"));
                }
                group.push(parse_one(op, ver)?);
                i += 1;
            }
            if group.is_empty() {
                return Err(format!("improper constraint: {s}"));
            }
            groups.push(group);
        }
        Ok(Constraints { groups })
    }

    /// Whether `v` satisfies the constraints.
    pub fn check(&self, v: &Version) -> bool {
        self.groups.iter().any(|g| g.iter().all(|c| check_one(c, v)))
    }
}

fn tokenize(s: &str) -> Vec<String> {
    // Operators may be separated from their versions by spaces (`>= 1.2`).
    let mut out: Vec<String> = Vec::new();
    let mut pending_op = String::new();
    for raw in s.split([',', ' ']).filter(|t| !t.is_empty()) {
        if raw.chars().all(|c| "<>=!~^".contains(c)) && raw != "-" {
            pending_op.push_str(raw);
            continue;
        }
        out.push(format!("{pending_op}{raw}"));
        pending_op.clear();
    }
    out
}

fn check_one(c: &Constraint, v: &Version) -> bool {
    if !v.pre.is_empty() && c.con.pre.is_empty() {
        return false;
    }
    let cmp = v.compare(&c.con);
    match c.op.as_str() {
        "" | "=" => {
            if c.dirty {
                if v.major != c.con.major {
                    return false;
                }
                if c.minor_dirty {
                    return true;
                }
                if v.minor != c.con.minor {
                    return false;
                }
                c.patch_dirty || v.patch == c.con.patch
            } else {
                cmp == Ordering::Equal
            }
        }
        "!=" => {
            let eq = Constraint {
                op: "=".into(),
                ..c.clone()
            };
            !check_one(&eq, v)
        }
        ">" => {
            if !c.dirty {
                return cmp == Ordering::Greater;
            }
            if v.major != c.con.major {
                return v.major > c.con.major;
            }
            if c.minor_dirty {
                return false;
            }
            if c.patch_dirty {
                return v.minor > c.con.minor;
            }
            cmp == Ordering::Greater
        }
        ">=" => cmp != Ordering::Less,
        "<" => cmp == Ordering::Less,
        "<=" => {
            if !c.dirty {
                return cmp != Ordering::Greater;
            }
            if v.major != c.con.major {
                return v.major < c.con.major;
            }
            if c.minor_dirty {
                return true;
            }
            if v.minor != c.con.minor {
                return v.minor < c.con.minor;
            }
            c.patch_dirty || v.patch <= c.con.patch
        }
        "~" => {
            if cmp == Ordering::Less {
                return false;
            }
            if c.con.major == 0 && c.con.minor == 0 && c.con.patch == 0 && !c.minor_dirty && !c.patch_dirty {
                return true;
            }
            if v.major != c.con.major {
                return false;
            }
            if v.minor != c.con.minor && !c.minor_dirty {
                return false;
            }
            true
        }
        "^" => {
            if cmp == Ordering::Less {
                return false;
            }
            if c.con.major > 0 || c.minor_dirty {
                return v.major == c.con.major;
            }
            if v.major > 0 {
                return false;
            }
            if c.con.minor > 0 || c.patch_dirty {
                return v.minor == c.con.minor;
            }
            if v.minor > 0 {
                return false;
            }
            c.con.patch == v.patch
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(c: &str, v: &str) -> bool {
        Constraints::parse(c).unwrap().check(&Version::parse(v).unwrap())
    }

    #[test]
    fn constraints_match_as_masterminds_semver() {
        assert!(ok(">=1.19-0", "v1.36.0"));
        assert!(ok(">=1.19-0", "v1.33.4-gke.1245000"));
        assert!(!ok(">=1.19", "v1.33.4-gke.1245000"));
        assert!(ok("^1.2.3", "1.9.0"));
        assert!(!ok("^1.2.3", "2.0.0"));
        assert!(ok("~1.2", "1.2.9"));
        assert!(!ok("~1.2", "1.3.0"));
        assert!(ok("1.2.x", "1.2.7"));
        assert!(ok("<1.16-0 || >=1.20", "1.25.0"));
        assert!(ok(">= 1.2, < 2", "1.5.0"));
        assert!(ok("1.2 - 1.4.5", "1.4.5"));
        assert!(!ok(">1.2.x", "1.2.9"));
        assert!(Version::parse("1.2.3.4").is_err());
    }
}
