//! Which files of a revision go into the artifact: `.sourceignore` files and
//! `spec.ignore`, in gitignore syntax, with the semantics upstream's source-controller has
//! (go-git's gitignore matcher):
//!
//! * a pattern without `/` (other than a trailing one) matches a file or directory name at
//!   any depth below the directory of its `.sourceignore` file (its *domain*), and so
//!   everything under a matched directory;
//! * a pattern with a `/` is anchored to its domain, `**` matches any number of directories;
//! * a trailing `/` matches directories only, a leading `!` re-includes, the last matching
//!   pattern wins, `#` starts a comment;
//! * names match with Go's `filepath.Match` (`*`, `?`, `[a-z]`, `[^a-z]`, `\` escapes);
//!   a malformed pattern matches nothing.
//!
//! With no `.sourceignore` file and no `spec.ignore`, upstream's defaults apply (VCS files,
//! CI configuration, images and archives); otherwise only the VCS patterns are added to the
//! given ones.

/// Name of the per-directory ignore file.
pub const IGNORE_FILE: &str = ".sourceignore";

/// Always excluded (upstream's `ExcludeVCS`).
const EXCLUDE_VCS: &str = ".git/,.gitignore,.gitmodules,.gitattributes";
/// Excluded unless ignore rules are given (upstream's `ExcludeExt`, `ExcludeCI`,
/// `ExcludeExtra`).
const EXCLUDE_DEFAULTS: &[&str] = &[
    "*.jpg,*.jpeg,*.gif,*.png,*.wmv,*.flv,*.tar.gz,*.zip",
    ".github/,.circleci/,.travis.yml,.gitlab-ci.yml,appveyor.yml,.drone.yml,cloudbuild.yaml,codeship-services.yml,codeship-steps.yml",
    "**/.goreleaser.yml,**/.sops.yaml,**/.flux.yaml",
];

/// One gitignore pattern with the directory it applies below.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    domain: Vec<String>,
    parts: Vec<String>,
    include: bool,
    dir_only: bool,
    glob: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum MatchResult {
    None,
    Exclude,
    Include,
}

impl Pattern {
    /// Parses one pattern line (not a comment, not blank) for the directory `domain`
    /// (path components from the root of the tree).
    pub fn parse(line: &str, domain: &[String]) -> Pattern {
        let mut p = line;
        let mut include = false;
        if let Some(rest) = p.strip_prefix('!') {
            include = true;
            p = rest;
        }
        let trimmed;
        if !p.ends_with("\\ ") {
            trimmed = p.trim_end_matches(' ');
            p = trimmed;
        }
        let mut dir_only = false;
        if let Some(rest) = p.strip_suffix('/') {
            dir_only = true;
            p = rest;
        }
        Pattern {
            domain: domain.to_vec(),
            glob: p.contains('/'),
            parts: p.split('/').map(str::to_string).collect(),
            include,
            dir_only,
        }
    }

    fn matches(&self, path: &[&str], is_dir: bool) -> MatchResult {
        if path.len() <= self.domain.len() {
            return MatchResult::None;
        }
        if self.domain.iter().zip(path).any(|(d, p)| d != p) {
            return MatchResult::None;
        }
        let path = &path[self.domain.len()..];
        let hit = if self.glob {
            self.glob_match(path, is_dir)
        } else {
            self.simple_name_match(path, is_dir)
        };
        match (hit, self.include) {
            (false, _) => MatchResult::None,
            (true, true) => MatchResult::Include,
            (true, false) => MatchResult::Exclude,
        }
    }

    fn simple_name_match(&self, path: &[&str], is_dir: bool) -> bool {
        for (i, name) in path.iter().enumerate() {
            if !fnmatch(&self.parts[0], name) {
                continue;
            }
            if self.dir_only && !is_dir && i == path.len() - 1 {
                return false;
            }
            return true;
        }
        false
    }

    // go-git's globMatch, step for step.
    fn glob_match(&self, mut path: &[&str], is_dir: bool) -> bool {
        let mut matched = false;
        let mut can_traverse = false;
        for (i, pattern) in self.parts.iter().enumerate() {
            if pattern.is_empty() {
                can_traverse = false;
                continue;
            }
            if pattern == "**" {
                if i == self.parts.len() - 1 {
                    break;
                }
                can_traverse = true;
                continue;
            }
            if pattern.contains("**") {
                return false;
            }
            if path.is_empty() {
                return false;
            }
            if can_traverse {
                can_traverse = false;
                while let Some((first, rest)) = path.split_first() {
                    path = rest;
                    if fnmatch(pattern, first) {
                        matched = true;
                        break;
                    } else if path.is_empty() {
                        matched = false;
                    }
                }
            } else {
                if !fnmatch(pattern, path[0]) {
                    return false;
                }
                matched = true;
                path = &path[1..];
            }
        }
        if matched && self.dir_only && !is_dir && path.is_empty() {
            matched = false;
        }
        matched
    }
}

/// Reads patterns from the text of an ignore file (or `spec.ignore`) for a domain: one per
/// line, skipping blank lines and `#` comments.
pub fn read_patterns(text: &str, domain: &[String]) -> Vec<Pattern> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| Pattern::parse(l, domain))
        .collect()
}

fn comma_patterns(list: &str) -> Vec<Pattern> {
    list.split(',').map(|p| Pattern::parse(p, &[])).collect()
}

/// Decides which paths are left out of an artifact.
#[derive(Clone, Debug)]
pub struct Matcher {
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// The matcher upstream builds from the patterns of `.sourceignore` files and
    /// `spec.ignore`: when there are none, the VCS patterns and upstream's defaults;
    /// otherwise the VCS patterns followed by the given ones.
    pub fn new(patterns: Vec<Pattern>) -> Matcher {
        let mut all = comma_patterns(EXCLUDE_VCS);
        if patterns.is_empty() {
            for d in EXCLUDE_DEFAULTS {
                all.extend(comma_patterns(d));
            }
        } else {
            all.extend(patterns);
        }
        Matcher { patterns: all }
    }

    /// The VCS patterns followed by `patterns`, never upstream's defaults (what
    /// `push artifact --ignore-paths` uses).
    pub fn vcs_and(patterns: Vec<Pattern>) -> Matcher {
        let mut all = comma_patterns(EXCLUDE_VCS);
        all.extend(patterns);
        Matcher { patterns: all }
    }

    /// Whether the path (components from the root of the tree) is excluded. The last
    /// pattern that matches decides.
    pub fn excluded(&self, path: &[&str], is_dir: bool) -> bool {
        for p in self.patterns.iter().rev() {
            match p.matches(path, is_dir) {
                MatchResult::None => {}
                MatchResult::Exclude => return true,
                MatchResult::Include => return false,
            }
        }
        false
    }
}

/// Go's `filepath.Match` for one path component: `*`, `?`, `[…]` classes (`^` negates,
/// ranges `a-z`), `\` escapes. A malformed pattern matches nothing.
pub fn fnmatch(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    if !well_formed(&p) {
        return false;
    }
    match_from(&p, &n)
}

fn well_formed(p: &[char]) -> bool {
    let mut i = 0;
    while i < p.len() {
        match p[i] {
            '\\' => {
                if i + 1 >= p.len() {
                    return false;
                }
                i += 2;
            }
            '[' => match class_end(p, i) {
                Some(end) => i = end + 1,
                None => return false,
            },
            _ => i += 1,
        }
    }
    true
}

/// Index of the `]` closing the class opened at `start`, if the class is well formed.
fn class_end(p: &[char], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if p.get(i) == Some(&'^') {
        i += 1;
    }
    let mut first = true;
    loop {
        let c = *p.get(i)?;
        if c == ']' && !first {
            return Some(i);
        }
        first = false;
        // One range endpoint, possibly escaped.
        let lo_len = if c == '\\' { 2 } else { 1 };
        if c == '-' || (c == ']') {
            return None;
        }
        if i + lo_len > p.len() {
            return None;
        }
        i += lo_len;
        if p.get(i) == Some(&'-') {
            let hi = *p.get(i + 1)?;
            if hi == ']' || hi == '-' {
                return None;
            }
            i += if hi == '\\' { 3 } else { 2 };
            if i > p.len() {
                return None;
            }
        }
    }
}

fn class_matches(p: &[char], start: usize, end: usize, c: char) -> bool {
    let mut i = start + 1;
    let negated = p[i] == '^';
    if negated {
        i += 1;
    }
    let mut hit = false;
    while i < end {
        let (lo, step) = if p[i] == '\\' { (p[i + 1], 2) } else { (p[i], 1) };
        i += step;
        let hi = if i < end && p[i] == '-' {
            let (hi, step) = if p[i + 1] == '\\' {
                (p[i + 2], 3)
            } else {
                (p[i + 1], 2)
            };
            i += step;
            hi
        } else {
            lo
        };
        if lo <= c && c <= hi {
            hit = true;
        }
    }
    hit != negated
}

fn match_from(p: &[char], n: &[char]) -> bool {
    let (mut pi, mut ni) = (0, 0);
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        if pi < p.len() {
            match p[pi] {
                '*' => {
                    backtrack = Some((pi, ni));
                    pi += 1;
                    continue;
                }
                '?' if ni < n.len() => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                '[' if ni < n.len() => {
                    let end = class_end(p, pi).unwrap_or(p.len() - 1);
                    if class_matches(p, pi, end, n[ni]) {
                        pi = end + 1;
                        ni += 1;
                        continue;
                    }
                }
                '\\' if ni < n.len() && p.get(pi + 1) == Some(&n[ni]) => {
                    pi += 2;
                    ni += 1;
                    continue;
                }
                c if c != '?' && c != '[' && c != '\\' && ni < n.len() && c == n[ni] => {
                    pi += 1;
                    ni += 1;
                    continue;
                }
                _ => {}
            }
        } else if ni == n.len() {
            return true;
        }
        // Mismatch: let the last `*` absorb one more character.
        match backtrack {
            Some((sp, sn)) if sn < n.len() => {
                backtrack = Some((sp, sn + 1));
                pi = sp + 1;
                ni = sn + 1;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Vec<&str> {
        p.split('/').collect()
    }

    fn dom(d: &str) -> Vec<String> {
        if d.is_empty() {
            vec![]
        } else {
            d.split('/').map(str::to_string).collect()
        }
    }

    fn excluded(m: &Matcher, path: &str, is_dir: bool) -> bool {
        m.excluded(&split(path), is_dir)
    }

    #[test]
    fn go_filepath_match() {
        for (p, n, want) in [
            ("abc", "abc", true),
            ("*", "abc", true),
            ("*c", "abc", true),
            ("a*", "a", true),
            ("a*b*c*d*e*", "axbxcxdxe", true),
            ("a*b?c*x", "abxbbxdbxebxczzx", true),
            ("a*b?c*x", "abxbbxdbxebxczzy", false),
            ("ab[c]", "abc", true),
            ("ab[b-d]", "abc", true),
            ("ab[e-g]", "abc", false),
            ("ab[^c]", "abc", false),
            ("ab[^b-d]", "abc", false),
            ("ab[^e-g]", "abc", true),
            ("a\\*b", "a*b", true),
            ("a\\*b", "ab", false),
            ("a?b", "a☺b", true),
            ("a[^a]b", "a☺b", true),
            ("[a-ζ]*", "α", true),
            ("*[a-ζ]", "A", false),
            ("[\\]a]", "]", true),
            ("[\\-]", "-", true),
            ("[x\\-]", "z", false),
            ("*.yaml", "a.yaml", true),
            ("*.yaml", "a.yml", false),
            // Malformed patterns match nothing.
            ("[", "a", false),
            ("[^", "a", false),
            ("[^bc", "a", false),
            ("a[", "a", false),
            ("[-]", "-", false),
            ("[a-]", "a", false),
            ("\\", "a", false),
            ("[]a]", "]", false),
        ] {
            assert_eq!(fnmatch(p, n), want, "Match({p:?}, {n:?})");
        }
    }

    #[test]
    fn defaults_when_no_rules_are_given() {
        let m = Matcher::new(vec![]);
        for (path, dir, want) in [
            (".git", true, true),
            ("sub/.git", true, true),
            (".gitignore", false, true),
            ("img/logo.png", false, true),
            ("release.tar.gz", false, true),
            (".github", true, true),
            (".github/workflows/ci.yaml", false, true),
            ("deep/dir/.sops.yaml", false, true),
            ("apps/deploy.yaml", false, false),
            (".sourceignore", false, false),
        ] {
            assert_eq!(excluded(&m, path, dir), want, "{path}");
        }
    }

    #[test]
    fn given_rules_replace_the_defaults_except_vcs() {
        let m = Matcher::new(read_patterns("# only docs\n/docs/\n*.md\n!keep.md\n", &[]));
        for (path, dir, want) in [
            ("docs", true, true),
            ("docs/a.yaml", false, true),
            ("apps/docs", true, false), // anchored
            ("README.md", false, true),
            ("apps/notes.md", false, true),
            ("apps/keep.md", false, false), // re-included
            ("logo.png", false, false),     // defaults replaced
            (".git", true, true),           // VCS always
            (".gitignore", false, true),
        ] {
            assert_eq!(excluded(&m, path, dir), want, "{path}");
        }
    }

    #[test]
    fn domains_and_globs() {
        let mut ps = read_patterns("*.txt\n", &dom("a"));
        ps.extend(read_patterns("b/**/c.yaml\nlogs/\nx/**\n", &dom("")));
        let m = Matcher::new(ps);
        for (path, dir, want) in [
            ("a/f.txt", false, true),
            ("a/deep/f.txt", false, true),
            ("f.txt", false, false), // outside a's domain
            ("b/c.yaml", false, true),
            ("b/1/2/c.yaml", false, true),
            ("b/1/2/d.yaml", false, false),
            ("logs", true, true),
            ("logs", false, false), // dir-only
            ("q/logs/x.log", false, true),
            ("x", true, true),
            ("x/y/z", false, true),
        ] {
            assert_eq!(excluded(&m, path, dir), want, "{path}");
        }
        // A leading slash anchors to the domain.
        let m = Matcher::new(read_patterns("/top.yaml\n", &dom("sub")));
        assert!(excluded(&m, "sub/top.yaml", false));
        assert!(!excluded(&m, "sub/x/top.yaml", false));
        assert!(!excluded(&m, "top.yaml", false));
    }

    #[test]
    fn trailing_spaces_and_escapes() {
        let p = Pattern::parse("name  ", &[]);
        assert_eq!(p.parts, ["name"]);
        let p = Pattern::parse("name\\ ", &[]);
        assert_eq!(p.parts, ["name\\ "]);
        let m = Matcher::new(read_patterns("\\#file\n", &[]));
        assert!(excluded(&m, "#file", false));
    }
}
