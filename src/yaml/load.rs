//! Loading YAML text into a [`Node`] tree that keeps each scalar's original text, style, tag
//! and position, so later stages resolve types as kustomize does and errors point at
//! `line:column`. Aliases are expanded with a budget and nesting is bounded, so hostile input
//! fails with an error instead of exhausting memory or the stack.

use std::collections::HashMap;
use std::fmt;

use saphyr_parser::{Event, Parser, ScalarStyle as PScalarStyle, Span};

/// How a scalar was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// Unquoted.
    Plain,
    /// `'single quoted'`.
    SingleQuoted,
    /// `"double quoted"`.
    DoubleQuoted,
    /// `|` block.
    Literal,
    /// `>` block.
    Folded,
}

/// A position in the source text (both 1-based).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// The content of a node.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A scalar, with its text exactly as parsed (escapes decoded) and its style.
    Scalar {
        /// The scalar's value text.
        text: String,
        /// How it was written.
        style: Style,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<(Node, Node)>),
}

/// A YAML node with its tag (shorthand form such as `!!str`, or a local `!tag`) and position.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// Content.
    pub kind: NodeKind,
    /// Explicit tag, if one was written.
    pub tag: Option<String>,
    /// Where the node starts.
    pub mark: Mark,
}

impl Node {
    /// A plain scalar node without position (for nodes built in code).
    pub fn scalar(text: impl Into<String>) -> Node {
        Node {
            kind: NodeKind::Scalar {
                text: text.into(),
                style: Style::Plain,
            },
            tag: None,
            mark: Mark::default(),
        }
    }

    /// The scalar text, if this is a scalar.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// Whether the node is null (`~`, `null`, empty, or `!!null`).
    pub fn is_null(&self) -> bool {
        matches!(super::resolve::resolve_node(self), super::resolve::Resolved::Null)
    }

    /// Looks up a key in a mapping node.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_scalar() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// A short description of the node's kind for error messages.
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar { .. } if self.is_null() => "null",
            NodeKind::Scalar { .. } => "scalar",
            NodeKind::Seq(_) => "sequence",
            NodeKind::Map(_) => "mapping",
        }
    }
}

/// Bounds that protect the loader from hostile input.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Maximum nesting of collections.
    pub max_depth: usize,
    /// Maximum number of nodes created by alias expansion, beyond the nodes written out.
    pub max_alias_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 256,
            max_alias_nodes: 100_000,
        }
    }
}

/// A syntax error or a limit hit, with its position.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{mark}: {message}")]
pub struct LoadError {
    /// Where it happened.
    pub mark: Mark,
    /// What happened.
    pub message: String,
}

fn mark_of(span: &Span) -> Mark {
    Mark {
        line: span.start.line(),
        col: span.start.col() + 1,
    }
}

/// Loads every document of a YAML stream. Empty documents (nothing but comments, or an
/// explicit `---` with no content) are returned as null scalars so callers can skip them.
pub fn load_all(text: &str) -> Result<Vec<Node>, LoadError> {
    load_all_with(text, Limits::default())
}

/// Like [`load_all`] with explicit limits.
pub fn load_all_with(text: &str, limits: Limits) -> Result<Vec<Node>, LoadError> {
    // A byte-order mark is allowed at the start of a stream.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    check_printable(text)?;
    let mut reindented: Option<String> = None;
    // Each re-indented scalar costs a parse of the whole stream again: bounded, so a file
    // made of thousands of such scalars fails instead of taking minutes.
    let mut budget = REINDENT_BUDGET_BYTES;
    loop {
        let current = reindented.as_deref().unwrap_or(text);
        let mut loader = Loader {
            parser: Parser::new_from_str(current),
            limits,
            anchors: HashMap::new(),
            alias_nodes: 0,
            text: current,
            line_starts: Vec::new(),
        };
        match loader.stream() {
            Err(e) if e.message == UNDER_INDENTED_QUOTED && budget >= current.len() => {
                budget -= current.len();
                match reindent_quoted(current, e.mark) {
                    Some(fixed) => reindented = Some(fixed),
                    None => return Err(e),
                }
            }
            other => return other,
        }
    }
}

/// How many bytes may be parsed again to accept under-indented quoted scalars.
const REINDENT_BUDGET_BYTES: usize = 64 << 20;

/// The parser's error for a quoted scalar whose continuation lines are indented less than
/// the block they are in.
const UNDER_INDENTED_QUOTED: &str = "invalid indentation in quoted scalar";

/// go-yaml (like libyaml) does not check the indentation of a quoted scalar's continuation
/// lines, and real files rely on it (CRDs whose descriptions continue at the key's column).
/// Leading white space of a continuation line is not part of the value, so the lines of the
/// quoted scalar starting at `mark` are indented past its opening quote and the stream is
/// parsed again. `None` when `mark` is not at a quote that closes, or nothing changes.
fn reindent_quoted(text: &str, mark: Mark) -> Option<String> {
    let line_start = if mark.line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(mark.line - 2)?.0 + 1
    };
    let (col0, _) = text[line_start..].char_indices().nth(mark.col.checked_sub(1)?)?;
    let open = line_start + col0;
    let quote = text[open..].chars().next()?;
    if quote != '\'' && quote != '"' {
        return None;
    }
    // The closing quote.
    let bytes = text.as_bytes();
    let mut i = open + 1;
    let close = loop {
        match bytes.get(i)? {
            b'\\' if quote == '"' => i += 2,
            b'\'' if quote == '\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            &b if b == quote as u8 => break i,
            _ => i += 1,
        }
    };
    let indent = mark.col; // one past the quote's column (0-based)
    let mut out = String::with_capacity(text.len() + 64);
    out.push_str(&text[..open]);
    let mut changed = false;
    for (n, line) in text[open..close].split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
            let body = line.trim_start_matches([' ', '\t']);
            let lead = line.len() - body.len();
            if !body.is_empty() && !body.starts_with('\r') && lead < indent {
                out.extend(std::iter::repeat_n(' ', indent));
                out.push_str(body);
                changed = true;
                continue;
            }
        }
        out.push_str(line);
    }
    out.push_str(&text[close..]);
    changed.then_some(out)
}

/// Rejects characters YAML does not allow in a stream (control characters other than tab and
/// line breaks, DEL, surrogates' replacements, `U+FFFE`/`U+FFFF`), as go-yaml does.
fn check_printable(text: &str) -> Result<(), LoadError> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r' | '\u{85}')
            || ('\u{20}'..='\u{7e}').contains(&c)
            || ('\u{a0}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    if text.chars().all(allowed) {
        return Ok(());
    }
    let (mut line, mut col) = (1, 1);
    for c in text.chars() {
        if !allowed(c) {
            return Err(LoadError {
                mark: Mark { line, col },
                message: format!("control characters are not allowed (found U+{:04X})", c as u32),
            });
        }
        if c == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    Ok(())
}

/// A block scalar whose last line ends the stream without a line break has no final line
/// break in its value (go-yaml), whatever its chomping: a clipped or kept value drops the one
/// the parser added.
fn chomp_final_break(mut text: String, header: &str) -> String {
    if !header.contains('-') && text.ends_with('\n') {
        text.pop();
    }
    text
}

/// The value of a folded scalar as kustomize ends up with it: kyaml writes folded scalars
/// back as folded text and reads them again, and go-yaml's emitter adds a blank line after
/// each line that does not start with a blank (when the value itself does not), which the
/// parser then reads as a kept line break wherever the next line is more indented. Values
/// that survive that round trip unchanged (the usual case) are returned as they are.
fn folded_round_trip(value: &str) -> String {
    if !value.contains('\n') || value.starts_with([' ', '\t', '\n', '\r']) {
        return value.to_string();
    }
    let body = value.trim_end_matches('\n');
    let trailing = &value[body.len()..];
    let blank = |l: &str| l.starts_with([' ', '\t']);
    // The emitter's lines.
    let lines: Vec<&str> = body.split('\n').collect();
    let mut emitted: Vec<&str> = vec![lines[0]];
    for pair in lines.windows(2) {
        if !pair[0].is_empty() && !blank(pair[0]) {
            emitted.push("");
        }
        emitted.push(pair[1]);
    }
    // The parser's folding of those lines.
    let mut out = String::from(emitted[0]);
    let mut prev_blank = blank(emitted[0]);
    let mut empties = 0;
    for line in &emitted[1..] {
        if line.is_empty() {
            empties += 1;
            continue;
        }
        if !prev_blank && !blank(line) {
            if empties == 0 {
                out.push(' ');
            }
        } else {
            out.push('\n');
        }
        for _ in 0..empties {
            out.push('\n');
        }
        empties = 0;
        out.push_str(line);
        prev_blank = blank(line);
    }
    for _ in 0..empties {
        out.push('\n');
    }
    out.push_str(trailing);
    out
}

/// Loads a stream that must hold exactly one document (a kustomization file, a patch).
pub fn load_one(text: &str) -> Result<Node, LoadError> {
    let mut docs = load_all(text)?.into_iter().filter(|d| !d.is_null());
    let first = docs.next().unwrap_or_else(|| Node::scalar(""));
    if let Some(second) = docs.next() {
        return Err(LoadError {
            mark: second.mark,
            message: "expected a single YAML document, found more".into(),
        });
    }
    Ok(first)
}

struct Loader<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    limits: Limits,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    text: &'a str,
    /// Byte offsets of line starts, computed on first use.
    line_starts: Vec<usize>,
}

impl Loader<'_> {
    fn next(&mut self) -> Result<(Event<'_>, Span), LoadError> {
        match self.parser.next_event() {
            Some(Ok((ev, span))) => Ok((ev, span)),
            Some(Err(e)) => Err(LoadError {
                mark: Mark {
                    line: e.marker().line(),
                    col: e.marker().col() + 1,
                },
                message: e.info().to_string(),
            }),
            None => Err(LoadError {
                mark: Mark::default(),
                message: "unexpected end of input".into(),
            }),
        }
    }

    fn stream(&mut self) -> Result<Vec<Node>, LoadError> {
        let mut docs = Vec::new();
        loop {
            let (ev, span) = self.next()?;
            match ev {
                Event::StreamStart | Event::Nothing => {}
                Event::StreamEnd => return Ok(docs),
                Event::DocumentStart(_) => {
                    self.anchors.clear();
                    let mark = mark_of(&span);
                    let (ev, span) = self.next()?;
                    let ev = ev.into_owned_event();
                    if matches!(ev, OwnedEvent::DocumentEnd) {
                        docs.push(Node {
                            mark,
                            ..Node::scalar("")
                        });
                        continue;
                    }
                    let node = self.node(ev, span, 0, false)?;
                    docs.push(node);
                    let (end, span) = self.next()?;
                    if !matches!(end, Event::DocumentEnd) {
                        return Err(LoadError {
                            mark: mark_of(&span),
                            message: "expected end of document".into(),
                        });
                    }
                }
                _ => {
                    return Err(LoadError {
                        mark: mark_of(&span),
                        message: "unexpected event".into(),
                    });
                }
            }
        }
    }

    /// Whether the node at `span` runs to the end of a stream that has no final line break.
    fn ends_at_eof_without_break(&self, span: &Span) -> bool {
        if self.text.ends_with('\n') || self.text.ends_with('\r') {
            return false;
        }
        let end = span.end.index();
        match self.text.char_indices().nth(end) {
            None => true,
            Some((byte, _)) => self.text[byte..].trim().is_empty(),
        }
    }

    /// The header (`|`, `>-`, `|+2`, …) of the block scalar at `span`.
    fn block_header(&self, span: &Span) -> String {
        let header = |s: &str| -> String {
            s.chars()
                .take_while(|c| !c.is_whitespace() && *c != '#')
                .collect()
        };
        let Some((start, _)) = self.text.char_indices().nth(span.start.index()) else {
            return String::new();
        };
        if self.text[start..].starts_with(['|', '>']) {
            return header(&self.text[start..]);
        }
        // The span starts at the content: the header ends the last line before it that is
        // not blank (`key: |-  # comment`).
        let before = &self.text[..start];
        let Some(line) = before.lines().rev().find(|l| !l.trim().is_empty()) else {
            return String::new();
        };
        let code = match line.find(" #").or_else(|| line.find("\t#")) {
            Some(at) => &line[..at],
            None => line,
        };
        code.split_whitespace()
            .last()
            .filter(|t| t.starts_with(['|', '>']))
            .map(header)
            .unwrap_or_default()
    }

    /// Whether the collection starting at `span` is written in flow style (`[` or `{`).
    fn starts_flow(&mut self, span: &Span) -> bool {
        if self.line_starts.is_empty() {
            self.line_starts.push(0);
            self.line_starts.extend(
                self.text
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            );
        }
        let line = span.start.line().saturating_sub(1);
        let Some(&start) = self.line_starts.get(line) else {
            return false;
        };
        let rest = &self.text[start..];
        let line_text = rest.split('\n').next().unwrap_or("");
        matches!(line_text.chars().nth(span.start.col()), Some('[' | '{'))
    }

    /// A scalar's node: its style, its text as kustomize reads it back, and its tag.
    fn scalar(
        &self,
        text: String,
        style: PScalarStyle,
        tag: Option<String>,
        span: &Span,
        in_flow: bool,
    ) -> Node {
        let style = match style {
            PScalarStyle::Plain => Style::Plain,
            PScalarStyle::SingleQuoted => Style::SingleQuoted,
            PScalarStyle::DoubleQuoted => Style::DoubleQuoted,
            PScalarStyle::Literal => Style::Literal,
            PScalarStyle::Folded => Style::Folded,
        };
        // kustomize re-serializes nodes before typing them for output, and a plain
        // scalar with `:` inside a flow collection is then written quoted: such a
        // timestamp stays the text it was instead of becoming a time.
        let text = match style {
            Style::Literal | Style::Folded if self.ends_at_eof_without_break(span) => {
                chomp_final_break(text, &self.block_header(span))
            }
            _ => text,
        };
        let text = if style == Style::Folded {
            folded_round_trip(&text)
        } else {
            text
        };
        let tag = if in_flow
            && tag.is_none()
            && style == Style::Plain
            && text.contains(':')
            && super::resolve::is_timestamp(&text)
        {
            Some("!!str".to_string())
        } else {
            tag
        };
        Node {
            kind: NodeKind::Scalar { text, style },
            tag,
            mark: mark_of(span),
        }
    }

    /// The node an alias stands for, within the limits on size and depth.
    fn alias(&mut self, id: usize, depth: usize, mark: Mark) -> Result<Node, LoadError> {
        let Some(target) = self.anchors.get(&id) else {
            return Err(LoadError {
                mark,
                message: "alias refers to an unknown anchor".into(),
            });
        };
        let size = count_nodes(target);
        self.alias_nodes = self.alias_nodes.saturating_add(size);
        if self.alias_nodes > self.limits.max_alias_nodes {
            return Err(LoadError {
                mark,
                message: format!(
                    "aliases expand to more than {} nodes (an alias bomb?)",
                    self.limits.max_alias_nodes
                ),
            });
        }
        if depth + node_depth(target) > self.limits.max_depth {
            return Err(LoadError {
                mark,
                message: format!(
                    "nesting deeper than {} levels is not supported",
                    self.limits.max_depth
                ),
            });
        }
        let mut n = target.clone();
        n.mark = mark;
        Ok(n)
    }

    fn node(&mut self, ev: OwnedEvent, span: Span, depth: usize, in_flow: bool) -> Result<Node, LoadError> {
        let mark = mark_of(&span);
        if depth > self.limits.max_depth {
            return Err(LoadError {
                mark,
                message: format!(
                    "nesting deeper than {} levels is not supported",
                    self.limits.max_depth
                ),
            });
        }
        let (node, anchor) = match ev {
            OwnedEvent::Scalar(text, style, anchor, tag) => {
                (self.scalar(text, style, tag, &span, in_flow), anchor)
            }
            OwnedEvent::SeqStart(anchor, tag) => {
                let flow = in_flow || self.starts_flow(&span);
                let mut items = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    let ev = ev.into_owned_event();
                    if matches!(ev, OwnedEvent::SeqEnd) {
                        break;
                    }
                    items.push(self.node(ev, span, depth + 1, flow)?);
                }
                (
                    Node {
                        kind: NodeKind::Seq(items),
                        tag,
                        mark,
                    },
                    anchor,
                )
            }
            OwnedEvent::MapStart(anchor, tag) => {
                let flow = in_flow || self.starts_flow(&span);
                let mut entries = Vec::new();
                loop {
                    let (ev, span) = self.next()?;
                    let ev = ev.into_owned_event();
                    if matches!(ev, OwnedEvent::MapEnd) {
                        break;
                    }
                    let key = self.node(ev, span, depth + 1, flow)?;
                    let (ev, span) = self.next()?;
                    let ev = ev.into_owned_event();
                    let value = self.node(ev, span, depth + 1, flow)?;
                    entries.push((key, value));
                }
                (
                    Node {
                        kind: NodeKind::Map(entries),
                        tag,
                        mark,
                    },
                    anchor,
                )
            }
            OwnedEvent::Alias(id) => return self.alias(id, depth, mark),
            OwnedEvent::DocumentEnd | OwnedEvent::SeqEnd | OwnedEvent::MapEnd | OwnedEvent::Other => {
                return Err(LoadError {
                    mark,
                    message: "unexpected event".into(),
                });
            }
        };
        if anchor != 0 {
            self.anchors.insert(anchor, node.clone());
        }
        Ok(node)
    }
}

fn count_nodes(n: &Node) -> usize {
    match &n.kind {
        NodeKind::Scalar { .. } => 1,
        NodeKind::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
}

fn node_depth(n: &Node) -> usize {
    match &n.kind {
        NodeKind::Scalar { .. } => 0,
        NodeKind::Seq(items) => 1 + items.iter().map(node_depth).max().unwrap_or(0),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| node_depth(k).max(node_depth(v)))
                .max()
                .unwrap_or(0)
        }
    }
}

/// Parser events with owned data, so the loader can recurse while the parser is borrowed.
enum OwnedEvent {
    Scalar(String, PScalarStyle, usize, Option<String>),
    SeqStart(usize, Option<String>),
    SeqEnd,
    MapStart(usize, Option<String>),
    MapEnd,
    Alias(usize),
    DocumentEnd,
    Other,
}

trait IntoOwned {
    fn into_owned_event(self) -> OwnedEvent;
}

fn tag_text(tag: Option<&saphyr_parser::Tag>) -> Option<String> {
    let tag = tag?;
    if tag.handle == "tag:yaml.org,2002:" || tag.handle == "!!" {
        Some(format!("!!{}", tag.suffix))
    } else if tag.handle.is_empty() {
        match tag.suffix.strip_prefix("tag:yaml.org,2002:") {
            Some(rest) => Some(format!("!!{rest}")),
            None => Some(tag.suffix.clone()),
        }
    } else {
        Some(format!("{}{}", tag.handle, tag.suffix))
    }
}

impl IntoOwned for Event<'_> {
    fn into_owned_event(self) -> OwnedEvent {
        match self {
            Event::Scalar(text, style, anchor, tag) => {
                OwnedEvent::Scalar(text.into_owned(), style, anchor, tag_text(tag.as_deref()))
            }
            Event::SequenceStart(anchor, tag) => OwnedEvent::SeqStart(anchor, tag_text(tag.as_deref())),
            Event::SequenceEnd => OwnedEvent::SeqEnd,
            Event::MappingStart(anchor, tag) => OwnedEvent::MapStart(anchor, tag_text(tag.as_deref())),
            Event::MappingEnd => OwnedEvent::MapEnd,
            Event::Alias(id) => OwnedEvent::Alias(id),
            Event::DocumentEnd => OwnedEvent::DocumentEnd,
            _ => OwnedEvent::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_style_and_position() {
        let docs = load_all("a: 'x'\nb:\n  - \"y\"\n  - |\n    z\n").unwrap();
        assert_eq!(docs.len(), 1);
        let a = docs[0].get("a").unwrap();
        assert_eq!(
            a.kind,
            NodeKind::Scalar {
                text: "x".into(),
                style: Style::SingleQuoted
            }
        );
        assert_eq!(a.mark, Mark { line: 1, col: 4 });
        let NodeKind::Seq(items) = &docs[0].get("b").unwrap().kind else {
            panic!()
        };
        assert_eq!(
            items[1].kind,
            NodeKind::Scalar {
                text: "z\n".into(),
                style: Style::Literal
            }
        );
        assert_eq!(items[0].mark.line, 3);
    }

    #[test]
    fn multiple_and_empty_documents() {
        let docs = load_all("---\n# only a comment\n---\na: 1\n...\n---\nb: 2\n").unwrap();
        let non_null: Vec<_> = docs.iter().filter(|d| !d.is_null()).collect();
        assert_eq!(non_null.len(), 2);
        assert!(load_all("").unwrap().iter().all(Node::is_null));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = load_all("a: b\n  c: d\n").unwrap_err();
        assert_eq!(e.mark.line, 2, "{e}");
        let e = load_all("a: [1, 2\n").unwrap_err();
        assert!(e.to_string().contains(':'), "{e}");
    }

    #[test]
    fn aliases_expand_and_bombs_are_stopped() {
        use std::fmt::Write as _;
        let docs = load_all("a: &x {k: v}\nb: *x\n").unwrap();
        assert_eq!(docs[0].get("b").unwrap().get("k").unwrap().as_scalar(), Some("v"));

        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = (b'a' + (i - 1)) as char;
            let cur = (b'a' + i) as char;
            let refs = vec![format!("*{prev}"); 10].join(", ");
            writeln!(bomb, "{cur}: &{cur} [{refs}]").unwrap();
        }
        let e = load_all(&bomb).unwrap_err();
        assert!(e.message.contains("alias bomb"), "{e}");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        let e = load_all(&deep).unwrap_err();
        assert!(e.message.contains("nesting") || !e.message.is_empty(), "{e}");
        let mut deep_block = String::new();
        for i in 0..400 {
            deep_block.push_str(&" ".repeat(i));
            deep_block.push_str("k:\n");
        }
        assert!(load_all(&deep_block).is_err());
    }

    #[test]
    fn tags_are_kept_in_shorthand() {
        let docs = load_all("a: !!str 123\nb: !custom x\n").unwrap();
        assert_eq!(docs[0].get("a").unwrap().tag.as_deref(), Some("!!str"));
        assert_eq!(docs[0].get("b").unwrap().tag.as_deref(), Some("!custom"));
    }
}
