//! A Helm repository's `index.yaml`, read lean: one pass over the YAML events (no document
//! tree), keeping per chart only each version's `version`, `urls` and `digest`. Public
//! repositories publish indexes of tens of megabytes, mostly descriptions, maintainers and
//! dependencies the source engine never looks at.

use std::collections::BTreeMap;

use saphyr_parser::{Event, Parser};

/// One chart version of the index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ChartVersion {
    /// `version`.
    pub version: String,
    /// `urls` (absolute, or relative to the repository URL).
    pub urls: Vec<String>,
    /// `digest` (hex SHA-256 of the package), if given.
    pub digest: Option<String>,
}

/// What the index holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Index {
    /// `apiVersion`.
    pub api_version: String,
    /// Chart name → versions, in the index's order.
    pub entries: BTreeMap<String, Vec<ChartVersion>>,
}

impl Index {
    /// Number of chart versions.
    pub fn versions(&self) -> usize {
        self.entries.values().map(Vec::len).sum()
    }
}

/// Why an index cannot be used; the message says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid index.yaml: {0}")]
pub struct IndexError(pub String);

struct Scanner<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
}

enum Ev {
    Scalar(String),
    MapStart,
    MapEnd,
    SeqStart,
    SeqEnd,
    DocEnd,
    Alias,
}

impl Scanner<'_> {
    fn next(&mut self) -> Result<Ev, IndexError> {
        loop {
            match self.parser.next_event() {
                Some(Ok((ev, span))) => {
                    return Ok(match ev {
                        Event::Scalar(t, ..) => Ev::Scalar(t.into_owned()),
                        Event::MappingStart(..) => Ev::MapStart,
                        Event::MappingEnd => Ev::MapEnd,
                        Event::SequenceStart(..) => Ev::SeqStart,
                        Event::SequenceEnd => Ev::SeqEnd,
                        Event::DocumentEnd | Event::StreamEnd => Ev::DocEnd,
                        Event::Alias(_) => Ev::Alias,
                        _ => {
                            let _ = span;
                            continue;
                        }
                    });
                }
                Some(Err(e)) => {
                    return Err(IndexError(format!(
                        "line {}, column {}: {}",
                        e.marker().line(),
                        e.marker().col() + 1,
                        e.info()
                    )));
                }
                None => return Ok(Ev::DocEnd),
            }
        }
    }

    /// Skips the rest of a node whose start event was `first`.
    fn skip(&mut self, first: &Ev) -> Result<(), IndexError> {
        let mut depth: usize = match first {
            Ev::MapStart | Ev::SeqStart => 1,
            _ => return Ok(()),
        };
        while depth > 0 {
            match self.next()? {
                Ev::MapStart | Ev::SeqStart => depth += 1,
                Ev::MapEnd | Ev::SeqEnd => depth -= 1,
                Ev::DocEnd => return Err(IndexError("unexpected end of document".into())),
                _ => {}
            }
        }
        Ok(())
    }

    fn scalar_list(&mut self, first: Ev, what: &str) -> Result<Vec<String>, IndexError> {
        match first {
            Ev::SeqStart => {}
            other => {
                self.skip(&other)?;
                return Err(IndexError(format!("{what} is not a list")));
            }
        }
        let mut out = Vec::new();
        loop {
            match self.next()? {
                Ev::SeqEnd => return Ok(out),
                Ev::Scalar(s) => out.push(s),
                other => self.skip(&other)?,
            }
        }
    }

    fn version(&mut self, chart: &str) -> Result<ChartVersion, IndexError> {
        let mut v = ChartVersion::default();
        loop {
            let key = match self.next()? {
                Ev::MapEnd => break,
                Ev::Scalar(k) => k,
                other => {
                    self.skip(&other)?;
                    continue;
                }
            };
            let value = self.next()?;
            match (key.as_str(), value) {
                ("version", Ev::Scalar(s)) => v.version = s,
                ("digest", Ev::Scalar(s)) => v.digest = Some(s).filter(|d| !d.is_empty()),
                ("urls", first) => v.urls = self.scalar_list(first, &format!("entries.{chart}[].urls"))?,
                (_, other) => self.skip(&other)?,
            }
        }
        if v.version.is_empty() {
            return Err(IndexError(format!(
                "a version of chart {chart:?} has no 'version'"
            )));
        }
        Ok(v)
    }

    fn entries(&mut self, index: &mut Index) -> Result<(), IndexError> {
        loop {
            let name = match self.next()? {
                Ev::MapEnd => return Ok(()),
                Ev::Scalar(k) => k,
                _ => return Err(IndexError("'entries' keys must be chart names".into())),
            };
            match self.next()? {
                Ev::SeqStart => {}
                Ev::Scalar(s) if s.is_empty() || s == "null" || s == "~" => continue,
                _ => {
                    return Err(IndexError(format!(
                        "entries.{name} is not a list of chart versions"
                    )));
                }
            }
            let mut versions = Vec::new();
            loop {
                match self.next()? {
                    Ev::SeqEnd => break,
                    Ev::MapStart => versions.push(self.version(&name)?),
                    _ => {
                        return Err(IndexError(format!(
                            "entries.{name} holds something other than chart versions"
                        )));
                    }
                }
            }
            index.entries.entry(name).or_default().extend(versions);
        }
    }
}

/// Reads an index: a mapping with `apiVersion` and `entries` (chart name → versions).
/// Anything else (not YAML, several documents, aliases, a missing `apiVersion`) is an error.
pub fn parse(text: &str) -> Result<Index, IndexError> {
    let mut s = Scanner {
        parser: Parser::new_from_str(text),
    };
    let mut index = Index::default();
    let mut has_entries = false;
    match s.next()? {
        Ev::MapStart => {}
        Ev::DocEnd => return Err(IndexError("the file is empty".into())),
        _ => return Err(IndexError("the document is not a mapping".into())),
    }
    loop {
        let key = match s.next()? {
            Ev::MapEnd => break,
            Ev::Scalar(k) => k,
            Ev::Alias => return Err(IndexError("aliases are not accepted".into())),
            _ => return Err(IndexError("top-level keys must be scalars".into())),
        };
        match (key.as_str(), s.next()?) {
            ("apiVersion", Ev::Scalar(v)) => index.api_version = v,
            ("entries", Ev::MapStart) => {
                has_entries = true;
                s.entries(&mut index)?;
            }
            ("entries", Ev::Scalar(v)) if v.is_empty() || v == "null" || v == "~" => has_entries = true,
            ("entries", _) => return Err(IndexError("'entries' is not a mapping".into())),
            (_, Ev::Alias) => return Err(IndexError("aliases are not accepted".into())),
            (_, other) => s.skip(&other)?,
        }
    }
    if index.api_version.is_empty() {
        return Err(IndexError("no apiVersion".into()));
    }
    if !has_entries {
        return Err(IndexError("no entries".into()));
    }
    match s.next()? {
        Ev::DocEnd => {}
        _ => return Err(IndexError("more than one document".into())),
    }
    if let Some(Ok((Event::DocumentStart(_), _))) = s.parser.next_event() {
        return Err(IndexError("more than one document".into()));
    }
    Ok(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_versions_urls_and_digests() {
        let text = "apiVersion: v1\nentries:\n  app:\n  - name: app\n    version: 1.0.0\n    description: x\n    maintainers:\n    - name: a\n    urls:\n    - charts/app-1.0.0.tgz\n    digest: abc\n  - version: 1.1.0\n    urls: [https://h/app-1.1.0.tgz]\n  empty: []\ngenerated: \"2024-01-01T00:00:00Z\"\n";
        let i = parse(text).unwrap();
        assert_eq!(i.api_version, "v1");
        assert_eq!(i.versions(), 2);
        assert_eq!(i.entries["app"][0].urls, ["charts/app-1.0.0.tgz"]);
        assert_eq!(i.entries["app"][0].digest.as_deref(), Some("abc"));
        assert_eq!(i.entries["app"][1].version, "1.1.0");
        assert!(i.entries["empty"].is_empty());
    }

    #[test]
    fn refuses_what_is_not_an_index() {
        for (bad, want) in [
            ("", "empty"),
            ("- a\n", "not a mapping"),
            ("entries: {}\n", "no apiVersion"),
            ("apiVersion: v1\n", "no entries"),
            ("apiVersion: v1\nentries: [1]\n", "not a mapping"),
            ("apiVersion: v1\nentries:\n  a: 3\n", "not a list"),
            ("apiVersion: v1\nentries:\n  a:\n  - urls: [x]\n", "no 'version'"),
            (
                "apiVersion: v1\nentries: {}\n---\na: 1\n",
                "more than one document",
            ),
            ("apiVersion: v1\nentries: {\n", "line"),
        ] {
            let e = parse(bad).unwrap_err().to_string();
            assert!(e.contains(want), "{bad:?}: {e}");
        }
    }
}
