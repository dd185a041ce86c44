//! Go `text/template` syntax: the lexer (delimiters, `{{-`/`-}}` trimming, comments, strings,
//! numbers, fields, variables) and the parser producing [`Tree`]s, with Go's parse errors
//! (`template: NAME:LINE: ...`), variable scoping and `function "x" not defined` checks.

use std::rc::Rc;

use super::funcs::{Func, lookup};

/// A byte offset into a template's source.
pub type Pos = u32;

/// Source of one parsed file, shared by every tree defined in it (for error positions).
#[derive(Debug)]
pub struct Source {
    /// The name the file was parsed under (`chart/templates/x.yaml`).
    pub name: Rc<str>,
    line_starts: Vec<u32>,
}

impl Source {
    fn new(name: &str, text: &str) -> Source {
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(u32::try_from(i + 1).unwrap_or(u32::MAX));
            }
        }
        Source {
            name: name.into(),
            line_starts,
        }
    }

    /// Line (1-based) and byte column (0-based, as Go prints it) of a position.
    pub fn line_col(&self, pos: Pos) -> (usize, usize) {
        let idx = match self.line_starts.binary_search(&pos) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        (idx + 1, (pos - self.line_starts[idx]) as usize)
    }

    /// `NAME:LINE:COL`.
    pub fn location(&self, pos: Pos) -> String {
        let (l, c) = self.line_col(pos);
        format!("{}:{l}:{c}", self.name)
    }
}

/// A parsed template (a file or a `define`).
#[derive(Debug)]
pub struct Tree {
    /// The template's name.
    pub name: Rc<str>,
    /// Where it was parsed from.
    pub source: Rc<Source>,
    /// Its body.
    pub root: Vec<Node>,
}

impl Tree {
    /// Go's `IsEmptyTree`: only whitespace text (such a define does not replace another).
    pub fn is_empty(&self) -> bool {
        self.root
            .iter()
            .all(|n| matches!(n, Node::Text(t) if t.trim().is_empty()))
    }
}

/// A node of a template body.
#[derive(Debug)]
pub enum Node {
    /// Literal text.
    Text(Rc<str>),
    /// `{{pipeline}}`.
    Action(Pipe),
    /// `{{if}}`.
    If(Branch),
    /// `{{range}}`.
    Range(Branch),
    /// `{{with}}`.
    With(Branch),
    /// `{{template "name" pipeline}}`.
    Template {
        /// Position.
        pos: Pos,
        /// Name of the template to run.
        name: Rc<str>,
        /// Its data.
        pipe: Option<Pipe>,
    },
    /// `{{break}}`.
    Break(Pos),
    /// `{{continue}}`.
    Continue(Pos),
}

/// `if`, `range` and `with` bodies.
#[derive(Debug)]
pub struct Branch {
    /// Position.
    pub pos: Pos,
    /// The condition.
    pub pipe: Pipe,
    /// Body.
    pub list: Vec<Node>,
    /// `{{else}}` body.
    pub else_list: Option<Vec<Node>>,
}

/// A pipeline with optional variable declarations.
#[derive(Debug)]
pub struct Pipe {
    /// Position.
    pub pos: Pos,
    /// `=` rather than `:=`.
    pub is_assign: bool,
    /// Declared or assigned variables.
    pub decl: Vec<Rc<str>>,
    /// Commands joined by `|`.
    pub cmds: Vec<Cmd>,
}

/// One command of a pipeline.
#[derive(Debug)]
pub struct Cmd {
    /// Position.
    pub pos: Pos,
    /// Operands (the first is the function or value).
    pub args: Vec<Arg>,
}

/// An operand.
#[derive(Debug)]
pub enum Arg {
    /// `.A.B`.
    Field(Pos, Vec<Rc<str>>),
    /// `$x.A`.
    Var(Pos, Rc<str>, Vec<Rc<str>>),
    /// `.`.
    Dot(Pos),
    /// `nil`.
    Nil(Pos),
    /// `true`/`false`.
    Bool(Pos, bool),
    /// A number constant.
    Num(Pos, Rc<str>, Number),
    /// A string constant (original text, value).
    Str(Pos, Rc<str>, Rc<str>),
    /// A function name.
    Func(Pos, Rc<str>, Func),
    /// `(pipeline).A.B` or `func.A`.
    Chain(Pos, Box<Arg>, Vec<Rc<str>>),
    /// `(pipeline)`.
    Pipe(Pos, Box<Pipe>),
}

/// A numeric constant, typed as Go's ideal constants resolve for `interface{}` arguments.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// An integer constant.
    Int(i64),
    /// A floating-point constant.
    Float(f64),
}

impl Arg {
    /// Position.
    pub fn pos(&self) -> Pos {
        match self {
            Arg::Field(p, _)
            | Arg::Var(p, _, _)
            | Arg::Dot(p)
            | Arg::Nil(p)
            | Arg::Bool(p, _)
            | Arg::Num(p, _, _)
            | Arg::Str(p, _, _)
            | Arg::Func(p, _, _)
            | Arg::Chain(p, _, _)
            | Arg::Pipe(p, _) => *p,
        }
    }
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Field(_, ids) => {
                for i in ids {
                    write!(f, ".{i}")?;
                }
                Ok(())
            }
            Arg::Var(_, name, ids) => {
                write!(f, "{name}")?;
                for i in ids {
                    write!(f, ".{i}")?;
                }
                Ok(())
            }
            Arg::Dot(_) => write!(f, "."),
            Arg::Nil(_) => write!(f, "nil"),
            Arg::Bool(_, b) => write!(f, "{b}"),
            Arg::Num(_, t, _) | Arg::Str(_, t, _) | Arg::Func(_, t, _) => write!(f, "{t}"),
            Arg::Chain(_, node, ids) => {
                write!(f, "{node}")?;
                for i in ids {
                    write!(f, ".{i}")?;
                }
                Ok(())
            }
            Arg::Pipe(_, p) => write!(f, "({p})"),
        }
    }
}

impl std::fmt::Display for Cmd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, a) in self.args.iter().enumerate() {
            if i > 0 {
                write!(f, " ")?;
            }
            write!(f, "{a}")?;
        }
        Ok(())
    }
}

impl std::fmt::Display for Pipe {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.decl.is_empty() {
            write!(
                f,
                "{} {} ",
                self.decl.join(", "),
                if self.is_assign { "=" } else { ":=" }
            )?;
        }
        for (i, c) in self.cmds.iter().enumerate() {
            if i > 0 {
                write!(f, " | ")?;
            }
            write!(f, "{c}")?;
        }
        Ok(())
    }
}

/// A parse error, formatted as Go's `template: NAME:LINE: message`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("template: {name}:{line}: {message}")]
pub struct ParseError {
    /// Template (file) name.
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    /// A lexing error, reported when the parser reaches it (as Go's lexer does).
    Error(String),
    Text(String),
    Left,
    Right,
    Ident(String),
    Field(String),
    Var(String),
    Str(String, String),
    Char(String, i64),
    Num(String),
    Bool(bool),
    Nil,
    Dot,
    Pipe,
    LParen,
    RParen,
    Declare,
    Assign,
    Comma,
    Space,
    Eof,
}

struct Item {
    tok: Tok,
    pos: Pos,
    line: usize,
}

const KEYWORDS: &[&str] = &[
    "block", "break", "continue", "define", "else", "end", "if", "range", "nil", "template", "with",
];

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

fn is_alnum(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    items: Vec<Item>,
    name: &'a str,
}

fn line_of(src: &str, pos: usize) -> usize {
    1 + src[..pos.min(src.len())].matches('\n').count()
}

impl Lexer<'_> {
    fn err(&self, pos: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            name: self.name.to_string(),
            line: line_of(self.src, pos),
            message: message.into(),
        }
    }

    fn push(&mut self, tok: Tok, pos: usize) {
        self.items.push(Item {
            tok,
            pos: u32::try_from(pos).unwrap_or(u32::MAX),
            line: 0,
        });
    }

    fn run(mut self) -> Result<Vec<Item>, ParseError> {
        let bytes = self.src.as_bytes();
        let mut trim_next = false;
        loop {
            let rest = &self.src[self.pos..];
            let start = self.pos;
            let Some(i) = rest.find("{{") else {
                let mut text = rest;
                if trim_next {
                    text = text.trim_start_matches([' ', '\t', '\r', '\n']);
                }
                if !text.is_empty() {
                    let p = self.src.len() - text.len();
                    self.push(Tok::Text(text.to_string()), p);
                }
                let end = self.src.len();
                self.push(Tok::Eof, end);
                break;
            };
            let delim_pos = self.pos + i;
            let left_trim = bytes.get(delim_pos + 2) == Some(&b'-')
                && bytes.get(delim_pos + 3).is_some_and(|&c| is_space(c));
            let mut text = &self.src[start..delim_pos];
            let mut text_start = start;
            if trim_next {
                let t = text.trim_start_matches([' ', '\t', '\r', '\n']);
                text_start += text.len() - t.len();
                text = t;
            }
            if left_trim {
                text = text.trim_end_matches([' ', '\t', '\r', '\n']);
            }
            if !text.is_empty() {
                self.push(Tok::Text(text.to_string()), text_start);
            }
            self.pos = delim_pos + 2;
            if left_trim {
                self.pos += 2;
            }
            // A comment right after the delimiter.
            let after = &self.src[self.pos..];
            if after.starts_with("/*") {
                let Some(end) = after.find("*/") else {
                    return Err(self.err(delim_pos, "unclosed comment"));
                };
                self.pos += end + 2;
                let tail = &self.src[self.pos..];
                if tail.starts_with("}}") {
                    self.pos += 2;
                    trim_next = false;
                } else if tail.len() >= 4 && is_space(tail.as_bytes()[0]) && tail[1..].starts_with("-}}") {
                    self.pos += 4;
                    trim_next = true;
                } else {
                    return Err(self.err(delim_pos, "comment ends before closing delimiter"));
                }
                continue;
            }
            self.push(Tok::Left, delim_pos);
            match self.action(delim_pos) {
                Ok(t) => trim_next = t,
                Err(e) => {
                    let p = self.pos.min(self.src.len());
                    self.push(Tok::Error(e.message), p);
                    break;
                }
            }
        }
        let src = self.src;
        let mut line = 1;
        let mut last = 0usize;
        for it in &mut self.items {
            let p = (it.pos as usize).min(src.len());
            if p >= last {
                line += src.get(last..p).map_or(0, |t| t.matches('\n').count());
                last = p;
            }
            it.line = line;
        }
        Ok(self.items)
    }

    /// Lexes inside an action; returns whether the closing delimiter trims.
    fn action(&mut self, open: usize) -> Result<bool, ParseError> {
        let bytes = self.src.as_bytes();
        let mut paren = 0i32;
        loop {
            let rest = &self.src[self.pos..];
            if rest.starts_with("}}") {
                if paren > 0 {
                    return Err(self.err(self.pos, "unclosed left paren"));
                }
                self.push(Tok::Right, self.pos);
                self.pos += 2;
                return Ok(false);
            }
            if rest.len() >= 4 && is_space(bytes[self.pos]) && rest[1..].starts_with("-}}") {
                if paren > 0 {
                    return Err(self.err(self.pos, "unclosed left paren"));
                }
                self.push(Tok::Right, self.pos + 2);
                self.pos += 4;
                return Ok(true);
            }
            let Some(c) = rest.chars().next() else {
                return Err(self.err(open, "unclosed action"));
            };
            let start = self.pos;
            match c {
                ' ' | '\t' | '\r' | '\n' => self.spaces(),
                '=' => {
                    self.pos += 1;
                    self.push(Tok::Assign, start);
                }
                ':' => {
                    if !rest.starts_with(":=") {
                        return Err(self.err(start, "expected :="));
                    }
                    self.pos += 2;
                    self.push(Tok::Declare, start);
                }
                '|' => {
                    self.pos += 1;
                    self.push(Tok::Pipe, start);
                }
                ',' => {
                    self.pos += 1;
                    self.push(Tok::Comma, start);
                }
                '(' => {
                    paren += 1;
                    self.pos += 1;
                    self.push(Tok::LParen, start);
                }
                ')' => {
                    paren -= 1;
                    if paren < 0 {
                        return Err(self.err(start, format!("unexpected right paren {}", quote_char(')'))));
                    }
                    self.pos += 1;
                    self.push(Tok::RParen, start);
                }
                '"' => self.quoted_string(start)?,
                '`' => self.raw_string(start)?,
                '\'' => self.char_constant(start)?,
                '$' => {
                    let p = self.alnum_end(self.pos + 1);
                    let name = self.src[self.pos..p].to_string();
                    self.pos = p;
                    self.push(Tok::Var(name), start);
                }
                '.' => {
                    let next = rest[1..].chars().next();
                    if next.is_some_and(|n| n.is_ascii_digit()) {
                        self.number()?;
                        continue;
                    }
                    let p = self.alnum_end(self.pos + 1);
                    if p == self.pos + 1 {
                        self.pos = p;
                        self.push(Tok::Dot, start);
                    } else {
                        let name = self.src[self.pos + 1..p].to_string();
                        self.pos = p;
                        self.push(Tok::Field(name), start);
                    }
                }
                '+' | '-' | '0'..='9' => self.number()?,
                c if is_alnum(c) => {
                    let p = self.alnum_end(self.pos);
                    let word = &self.src[self.pos..p];
                    let tok = match word {
                        "true" => Tok::Bool(true),
                        "false" => Tok::Bool(false),
                        "nil" => Tok::Nil,
                        w => Tok::Ident(w.to_string()),
                    };
                    self.pos = p;
                    self.push(tok, start);
                }
                c => {
                    return Err(self.err(
                        start,
                        format!("unrecognized character in action: {}", quote_char(c)),
                    ));
                }
            }
        }
    }

    /// The end of the run of letters, digits and `_` that starts at `from`.
    fn alnum_end(&self, from: usize) -> usize {
        let mut p = from;
        for ch in self.src[p..].chars() {
            if !is_alnum(ch) {
                break;
            }
            p += ch.len_utf8();
        }
        p
    }

    /// Spaces inside an action, up to a trimming `-}}`.
    fn spaces(&mut self) {
        let bytes = self.src.as_bytes();
        let start = self.pos;
        let mut p = self.pos;
        while p < bytes.len() && is_space(bytes[p]) {
            if bytes.get(p + 1) == Some(&b'-') && self.src[p + 1..].starts_with("-}}") {
                break;
            }
            p += 1;
        }
        if p == self.pos {
            p += 1;
        }
        self.pos = p;
        self.push(Tok::Space, start);
    }

    /// A `"…"` string.
    fn quoted_string(&mut self, start: usize) -> Result<(), ParseError> {
        let bytes = self.src.as_bytes();
        let mut p = self.pos + 1;
        loop {
            match bytes.get(p) {
                None | Some(b'\n') => return Err(self.err(start, "unterminated quoted string")),
                Some(b'\\') => p += 2,
                Some(b'"') => break,
                Some(_) => p += 1,
            }
        }
        let raw = &self.src[self.pos..=p];
        let val = unquote(raw).ok_or_else(|| self.err(start, format!("invalid syntax: {raw}")))?;
        self.pos = p + 1;
        self.push(Tok::Str(raw.to_string(), val), start);
        Ok(())
    }

    /// A `` `…` `` raw string.
    fn raw_string(&mut self, start: usize) -> Result<(), ParseError> {
        let rest = &self.src[self.pos..];
        let Some(end) = rest[1..].find('`') else {
            return Err(self.err(start, "unterminated raw quoted string"));
        };
        let raw = &rest[..end + 2];
        let val = raw[1..raw.len() - 1].replace('\r', "");
        self.pos += end + 2;
        self.push(Tok::Str(raw.to_string(), val), start);
        Ok(())
    }

    /// A `'c'` character constant.
    fn char_constant(&mut self, start: usize) -> Result<(), ParseError> {
        let bytes = self.src.as_bytes();
        let mut p = self.pos + 1;
        loop {
            match bytes.get(p) {
                None | Some(b'\n') => {
                    return Err(self.err(start, "unterminated character constant"));
                }
                Some(b'\\') => p += 2,
                Some(b'\'') => break,
                Some(_) => p += 1,
            }
        }
        let raw = &self.src[self.pos..=p];
        let inner = format!("\"{}\"", &raw[1..raw.len() - 1]);
        let val = unquote(&inner)
            .filter(|s| s.chars().count() == 1)
            .ok_or_else(|| self.err(start, format!("malformed character constant: {raw}")))?;
        self.pos = p + 1;
        let ch = val.chars().next().map_or(0, |c| i64::from(c as u32));
        self.push(Tok::Char(raw.to_string(), ch), start);
        Ok(())
    }

    fn number(&mut self) -> Result<(), ParseError> {
        let start = self.pos;
        let bytes = self.src.as_bytes();
        let mut p = self.pos;
        if matches!(bytes.get(p), Some(b'+' | b'-')) {
            p += 1;
        }
        let mut digits: &str = "0123456789_";
        if bytes.get(p) == Some(&b'0')
            && matches!(bytes.get(p + 1), Some(b'x' | b'X' | b'o' | b'O' | b'b' | b'B'))
        {
            digits = match bytes[p + 1] {
                b'x' | b'X' => "0123456789abcdefABCDEF_",
                b'o' | b'O' => "01234567_",
                _ => "01_",
            };
            p += 2;
        }
        let accept = |p: &mut usize, set: &str| {
            while *p < bytes.len() && set.as_bytes().contains(&bytes[*p]) {
                *p += 1;
            }
        };
        accept(&mut p, digits);
        if bytes.get(p) == Some(&b'.') {
            p += 1;
            accept(&mut p, digits);
        }
        if digits.len() == 11 && matches!(bytes.get(p), Some(b'e' | b'E')) {
            p += 1;
            if matches!(bytes.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            accept(&mut p, "0123456789_");
        }
        if digits.len() == 23 && matches!(bytes.get(p), Some(b'p' | b'P')) {
            p += 1;
            if matches!(bytes.get(p), Some(b'+' | b'-')) {
                p += 1;
            }
            accept(&mut p, "0123456789_");
        }
        if bytes.get(p) == Some(&b'i') {
            p += 1;
        }
        if let Some(c) = self.src[p..].chars().next()
            && is_alnum(c)
        {
            let mut q = p;
            for ch in self.src[q..].chars() {
                if !is_alnum(ch) {
                    break;
                }
                q += ch.len_utf8();
            }
            return Err(self.err(start, format!("bad number syntax: {:?}", &self.src[start..q])));
        }
        if p == start {
            return Err(self.err(start, "bad number syntax"));
        }
        let text = self.src[start..p].to_string();
        self.pos = p;
        self.push(Tok::Num(text), start);
        Ok(())
    }
}

fn quote_char(c: char) -> String {
    format!("{c:?}").replace('\'', "'")
}

/// Decodes a Go double-quoted string literal.
pub fn unquote(raw: &str) -> Option<String> {
    let inner = raw.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut bytes_out: Vec<u8> = Vec::new();
    let mut chars = inner.chars().peekable();
    let flush = |out: &mut String, b: &mut Vec<u8>| {
        if !b.is_empty() {
            out.push_str(&String::from_utf8_lossy(b));
            b.clear();
        }
    };
    while let Some(c) = chars.next() {
        if c != '\\' {
            flush(&mut out, &mut bytes_out);
            out.push(c);
            continue;
        }
        let e = chars.next()?;
        let hex = |chars: &mut std::iter::Peekable<std::str::Chars>, n: usize| -> Option<u32> {
            let mut v = 0u32;
            for _ in 0..n {
                v = v * 16 + chars.next()?.to_digit(16)?;
            }
            Some(v)
        };
        match e {
            'a' => out.push('\u{7}'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\u{b}'),
            '\\' => out.push('\\'),
            '"' => out.push('"'),
            '\'' => return None,
            'x' => {
                bytes_out.push(u8::try_from(hex(&mut chars, 2)?).ok()?);
                continue;
            }
            'u' => out.push(char::from_u32(hex(&mut chars, 4)?)?),
            'U' => out.push(char::from_u32(hex(&mut chars, 8)?)?),
            '0'..='7' => {
                let mut v = e.to_digit(8)?;
                for _ in 0..2 {
                    v = v * 8 + chars.next()?.to_digit(8)?;
                }
                bytes_out.push(u8::try_from(v).ok()?);
                continue;
            }
            _ => return None,
        }
        flush(&mut out, &mut bytes_out);
    }
    flush(&mut out, &mut bytes_out);
    Some(out)
}

/// Parses a Go number literal as the template parser types it for `interface{}` arguments.
pub fn parse_number(text: &str) -> Option<Number> {
    let clean = text.replace('_', "");
    let (neg, body) = match clean.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, clean.strip_prefix('+').unwrap_or(&clean)),
    };
    if body.ends_with('i') {
        return None;
    }
    let lower = body.to_ascii_lowercase();
    let int = if let Some(h) = lower.strip_prefix("0x") {
        if h.contains('.') || h.contains('p') {
            None
        } else {
            i64::from_str_radix(h, 16).ok()
        }
    } else if let Some(o) = lower.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()
    } else if let Some(b) = lower.strip_prefix("0b") {
        i64::from_str_radix(b, 2).ok()
    } else if lower.len() > 1 && lower.starts_with('0') && lower.bytes().all(|c| c.is_ascii_digit()) {
        i64::from_str_radix(&lower[1..], 8).ok()
    } else if lower.bytes().all(|c| c.is_ascii_digit()) {
        lower.parse::<i64>().ok()
    } else {
        None
    };
    if let Some(i) = int
        && (!lower.contains(['.', 'e']) || lower.starts_with("0x"))
    {
        return Some(Number::Int(if neg { -i } else { i }));
    }
    if lower.starts_with("0x") {
        return None;
    }
    let f: f64 = lower.parse().ok()?;
    if f.fract() == 0.0 && !lower.contains(['.', 'e']) {
        // An integer too large for int64.
        return Some(Number::Float(if neg { -f } else { f }));
    }
    Some(Number::Float(if neg { -f } else { f }))
}

/// Everything a file defines: its own body (under the file name) and its `define`s.
pub struct Parsed {
    /// `(name, tree)` in definition order; the file's own tree first.
    pub trees: Vec<Rc<Tree>>,
}

struct Parser<'a> {
    items: Vec<Item>,
    i: usize,
    name: &'a str,
    source: Rc<Source>,
    vars: Vec<Rc<str>>,
    range_depth: usize,
    defines: Vec<Rc<Tree>>,
    depth: usize,
}

/// Nesting of blocks and parentheses beyond which a template is refused.
const MAX_NESTING: usize = 100;

#[allow(clippy::enum_variant_names)]
enum End {
    End,
    Else(Pos, usize),
    Eof,
}

/// Parses a template file named `name`.
pub fn parse(name: &str, text: &str) -> Result<Parsed, ParseError> {
    let items = Lexer {
        src: text,
        pos: 0,
        items: Vec::new(),
        name,
    }
    .run()?;
    let source = Rc::new(Source::new(name, text));
    let mut p = Parser {
        items,
        i: 0,
        name,
        source: source.clone(),
        vars: vec!["$".into()],
        range_depth: 0,
        defines: Vec::new(),
        depth: 0,
    };
    let (root, end) = p.list(true)?;
    if let End::Else(_, line) = end {
        return Err(p.err_line(line, "unexpected {{else}}"));
    }
    if let End::End = end {
        return Err(p.err_at(p.i.saturating_sub(1), "unexpected {{end}}"));
    }
    let mut trees = vec![Rc::new(Tree {
        name: name.into(),
        source,
        root,
    })];
    trees.append(&mut p.defines);
    Ok(Parsed { trees })
}

impl Parser<'_> {
    fn err_line(&self, line: usize, message: impl Into<String>) -> ParseError {
        ParseError {
            name: self.name.to_string(),
            line,
            message: message.into(),
        }
    }

    fn err_at(&self, i: usize, message: impl Into<String>) -> ParseError {
        let line = self.items.get(i).or(self.items.last()).map_or(1, |it| it.line);
        self.err_line(line, message)
    }

    fn err(&self, message: impl Into<String>) -> ParseError {
        self.err_at(self.i.min(self.items.len().saturating_sub(1)), message)
    }

    fn peek(&self) -> &Tok {
        self.items.get(self.i).map_or(&Tok::Eof, |it| &it.tok)
    }

    fn lex_error(&self) -> Option<ParseError> {
        match self.items.get(self.i) {
            Some(Item {
                tok: Tok::Error(m),
                line,
                ..
            }) => Some(self.err_line(*line, m.clone())),
            _ => None,
        }
    }

    fn pos(&self) -> Pos {
        self.items.get(self.i).map_or(0, |it| it.pos)
    }

    fn next(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.i < self.items.len() {
            self.i += 1;
        }
        t
    }

    fn next_non_space(&mut self) -> Tok {
        loop {
            let t = self.next();
            if t != Tok::Space {
                return t;
            }
        }
    }

    fn peek_non_space(&mut self) -> Tok {
        while *self.peek() == Tok::Space {
            self.i += 1;
        }
        self.peek().clone()
    }

    fn unexpected(&self, tok: &Tok, context: &str) -> ParseError {
        let raw = match tok {
            Tok::Eof => return self.err_at(self.i.saturating_sub(1), format!("unexpected EOF in {context}")),
            Tok::Error(m) => return self.err_at(self.i.saturating_sub(1), m.clone()),
            Tok::Ident(s) if KEYWORDS.contains(&s.as_str()) && s != "nil" => {
                return self.err_at(self.i.saturating_sub(1), format!("unexpected <{s}> in {context}"));
            }
            Tok::Text(s) | Tok::Ident(s) | Tok::Var(s) | Tok::Num(s) | Tok::Str(s, _) | Tok::Char(s, _) => {
                s.clone()
            }
            Tok::Field(s) => format!(".{s}"),
            Tok::Left => "{{".into(),
            Tok::Right => "}}".into(),
            Tok::Bool(b) => b.to_string(),
            Tok::Nil => "nil".into(),
            Tok::Dot => ".".into(),
            Tok::Pipe => "|".into(),
            Tok::LParen => "(".into(),
            Tok::RParen => ")".into(),
            Tok::Declare => ":=".into(),
            Tok::Assign => "=".into(),
            Tok::Comma => ",".into(),
            Tok::Space => " ".into(),
        };
        let desc = if raw.chars().count() > 10 {
            format!(
                "{}...",
                crate::helm::template::gofmt::quote(&raw.chars().take(10).collect::<String>())
            )
        } else {
            crate::helm::template::gofmt::quote(&raw)
        };
        self.err_at(
            self.i.saturating_sub(1),
            format!("unexpected {desc} in {context}"),
        )
    }

    /// Parses nodes until `{{end}}`, `{{else}}` or EOF.
    fn list(&mut self, top: bool) -> Result<(Vec<Node>, End), ParseError> {
        let mut nodes = Vec::new();
        loop {
            if let Some(e) = self.lex_error() {
                return Err(e);
            }
            match self.next() {
                Tok::Text(t) => nodes.push(Node::Text(t.into())),
                Tok::Eof => {
                    if !top {
                        return Err(self.err("unexpected EOF"));
                    }
                    return Ok((nodes, End::Eof));
                }
                Tok::Left => {
                    let left = self.i - 1;
                    let pos = self.items[left].pos;
                    match self.peek_non_space() {
                        Tok::Ident(k) if KEYWORDS.contains(&k.as_str()) => {
                            self.next();
                            match k.as_str() {
                                "end" => {
                                    self.expect_right("end")?;
                                    if top {
                                        return Err(self.err("unexpected {{end}}"));
                                    }
                                    return Ok((nodes, End::End));
                                }
                                "else" => {
                                    if top {
                                        return Err(self.err("unexpected {{else}}"));
                                    }
                                    let line = self.items[left].line;
                                    return Ok((nodes, End::Else(pos, line)));
                                }
                                "if" => nodes.push(Node::If(self.branch("if", pos)?)),
                                "with" => nodes.push(Node::With(self.branch("with", pos)?)),
                                "range" => nodes.push(Node::Range(self.branch("range", pos)?)),
                                "template" => nodes.push(self.template(pos)?),
                                "define" => {
                                    if !top || self.range_depth > 0 {
                                        return Err(self.err("unexpected <define> in command"));
                                    }
                                    self.define()?;
                                }
                                "block" => nodes.push(self.block(pos)?),
                                "break" | "continue" => {
                                    if self.range_depth == 0 {
                                        return Err(self.err(format!("{{{{{k}}}}} outside {{{{range}}}}")));
                                    }
                                    self.expect_right(&k)?;
                                    nodes.push(if k == "break" {
                                        Node::Break(pos)
                                    } else {
                                        Node::Continue(pos)
                                    });
                                }
                                _ => return Err(self.err(format!("unexpected {k:?} in command"))),
                            }
                        }
                        _ => {
                            let pipe = self.pipeline("command", pos, false)?;
                            nodes.push(Node::Action(pipe));
                        }
                    }
                }
                t => return Err(self.unexpected(&t, "input")),
            }
        }
    }

    fn expect_right(&mut self, context: &str) -> Result<(), ParseError> {
        match self.next_non_space() {
            Tok::Right => Ok(()),
            t => Err(self.unexpected(&t, context)),
        }
    }

    fn branch(&mut self, kind: &str, pos: Pos) -> Result<Branch, ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.err("template nested too deeply"));
        }
        let r = self.branch_inner(kind, pos);
        self.depth -= 1;
        r
    }

    fn branch_inner(&mut self, kind: &str, pos: Pos) -> Result<Branch, ParseError> {
        let mark = self.vars.len();
        if kind == "range" {
            self.range_depth += 1;
        }
        let pipe = self.pipeline(kind, pos, kind == "range")?;
        let (list, end) = self.list(false)?;
        if kind == "range" {
            self.range_depth -= 1;
        }
        let else_list = match end {
            End::End => None,
            End::Eof => return Err(self.err("unexpected EOF")),
            End::Else(epos, _) => {
                // `{{else if ...}}` / `{{else with ...}}` chain into a nested branch.
                let nested = match self.peek_non_space() {
                    Tok::Ident(k) if (k == "if" && kind == "if") || (k == "with" && kind == "with") => {
                        Some(k)
                    }
                    _ => None,
                };
                if let Some(k) = nested {
                    // Go keeps the body's variables in scope for the else branch.
                    self.next();
                    let inner = self.branch(&k, epos)?;
                    Some(vec![if k == "if" {
                        Node::If(inner)
                    } else {
                        Node::With(inner)
                    }])
                } else {
                    self.expect_right("else")?;
                    let (else_list, end) = self.list(false)?;
                    match end {
                        End::End => {}
                        End::Else(..) => return Err(self.err("expected end; found {{else}}")),
                        End::Eof => return Err(self.err("unexpected EOF")),
                    }
                    Some(else_list)
                }
            }
        };
        self.vars.truncate(mark);
        Ok(Branch {
            pos,
            pipe,
            list,
            else_list,
        })
    }

    fn template_name(&mut self, context: &str) -> Result<Rc<str>, ParseError> {
        match self.next_non_space() {
            Tok::Str(_, v) => Ok(v.into()),
            t => Err(self.unexpected(&t, context)),
        }
    }

    fn template(&mut self, pos: Pos) -> Result<Node, ParseError> {
        let name = self.template_name("template clause")?;
        let pipe = match self.peek_non_space() {
            Tok::Right => {
                self.next();
                None
            }
            _ => Some(self.pipeline("template clause", pos, false)?),
        };
        Ok(Node::Template { pos, name, pipe })
    }

    fn define(&mut self) -> Result<(), ParseError> {
        let name = self.template_name("define clause")?;
        self.expect_right("define clause")?;
        let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let (root, end) = self.list(false)?;
        self.vars = saved;
        match end {
            End::End => {}
            End::Else(..) => return Err(self.err("unexpected {{else}}")),
            End::Eof => return Err(self.err("unexpected EOF")),
        }
        self.defines.push(Rc::new(Tree {
            name,
            source: self.source.clone(),
            root,
        }));
        Ok(())
    }

    fn block(&mut self, pos: Pos) -> Result<Node, ParseError> {
        let name = self.template_name("block clause")?;
        let pipe = self.pipeline("block clause", pos, false)?;
        let saved = std::mem::replace(&mut self.vars, vec!["$".into()]);
        let (root, end) = self.list(false)?;
        self.vars = saved;
        match end {
            End::End => {}
            End::Else(..) => return Err(self.err("unexpected {{else}}")),
            End::Eof => return Err(self.err("unexpected EOF")),
        }
        self.defines.push(Rc::new(Tree {
            name: name.clone(),
            source: self.source.clone(),
            root,
        }));
        Ok(Node::Template {
            pos,
            name,
            pipe: Some(pipe),
        })
    }

    fn pipeline(&mut self, context: &str, pos: Pos, multi: bool) -> Result<Pipe, ParseError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.err("template nested too deeply"));
        }
        let r = self.pipeline_inner(context, pos, multi);
        self.depth -= 1;
        r
    }

    fn pipeline_inner(&mut self, context: &str, pos: Pos, multi: bool) -> Result<Pipe, ParseError> {
        let mut decl = Vec::new();
        let mut is_assign = false;
        // Variable declarations: `$x :=`, `$x =`, `$i, $v :=`.
        let save = self.i;
        if let Tok::Var(v) = self.peek_non_space() {
            self.next();
            let after = self.peek_non_space();
            match after {
                Tok::Declare | Tok::Assign => {
                    self.next();
                    is_assign = after == Tok::Assign;
                    decl.push(v.into());
                }
                Tok::Comma if multi => {
                    self.next();
                    match self.next_non_space() {
                        Tok::Var(v2) => {
                            let op = self.next_non_space();
                            if op != Tok::Declare && op != Tok::Assign {
                                return Err(self.unexpected(&op, "range"));
                            }
                            is_assign = op == Tok::Assign;
                            decl.push(v.into());
                            decl.push(v2.into());
                        }
                        t => return Err(self.unexpected(&t, "range")),
                    }
                }
                _ => self.i = save,
            }
        }
        if is_assign {
            for d in &decl {
                if !self.vars.contains(d) {
                    return Err(self.err(format!("undefined variable {:?}", &**d)));
                }
            }
        }
        let mut cmds = Vec::new();
        loop {
            match self.peek_non_space() {
                Tok::Right => {
                    self.next();
                    break;
                }
                Tok::RParen if context == "parenthesized pipeline" => {
                    self.next();
                    break;
                }
                Tok::Eof => return Err(self.err(format!("unclosed action in {context}"))),
                _ => {
                    let cmd = self.command()?;
                    cmds.push(cmd);
                }
            }
            match self.peek_non_space() {
                Tok::Pipe => {
                    self.next();
                    if matches!(self.peek_non_space(), Tok::Right | Tok::RParen) {
                        return Err(self.err("missing command"));
                    }
                }
                Tok::Right | Tok::RParen => {}
                t => {
                    self.next();
                    return Err(self.unexpected(&t, "operand"));
                }
            }
        }
        if cmds.is_empty() {
            return Err(self.err(format!("missing value for {context}")));
        }
        for (i, c) in cmds.iter().enumerate().skip(1) {
            if matches!(
                c.args[0],
                Arg::Bool(..) | Arg::Dot(_) | Arg::Nil(_) | Arg::Num(..) | Arg::Str(..)
            ) {
                return Err(self.err(format!("non executable command in pipeline stage {}", i + 1)));
            }
        }
        if !is_assign {
            for d in &decl {
                self.vars.push(d.clone());
            }
        }
        Ok(Pipe {
            pos,
            is_assign,
            decl,
            cmds,
        })
    }

    fn command(&mut self) -> Result<Cmd, ParseError> {
        let pos = self.pos();
        let mut args = Vec::new();
        loop {
            self.peek_non_space();
            let Some(op) = self.operand()? else { break };
            args.push(op);
            match self.peek() {
                Tok::Space => {
                    self.peek_non_space();
                }
                Tok::Right | Tok::RParen | Tok::Pipe => break,
                t => {
                    let t = t.clone();
                    self.next();
                    return Err(self.unexpected(&t, "operand"));
                }
            }
        }
        if args.is_empty() {
            return Err(self.err("empty command"));
        }
        Ok(Cmd { pos, args })
    }

    fn operand(&mut self) -> Result<Option<Arg>, ParseError> {
        let Some(term) = self.term()? else {
            return Ok(None);
        };
        if let Tok::Field(_) = self.peek() {
            // Go positions a chain at its first chained field.
            let pos = self.pos();
            let mut fields = Vec::new();
            while let Tok::Field(f) = self.peek().clone() {
                self.next();
                fields.push(f.into());
            }
            return Ok(Some(match term {
                Arg::Field(_, mut ids) => {
                    ids.extend(fields);
                    Arg::Field(pos, ids)
                }
                Arg::Var(_, name, mut ids) => {
                    ids.extend(fields);
                    Arg::Var(pos, name, ids)
                }
                Arg::Bool(..) | Arg::Str(..) | Arg::Num(..) | Arg::Nil(_) | Arg::Dot(_) => {
                    return Err(self.err(format!("unexpected . after term {:?}", term.to_string())));
                }
                t => Arg::Chain(pos, Box::new(t), fields),
            }));
        }
        Ok(Some(term))
    }

    fn term(&mut self) -> Result<Option<Arg>, ParseError> {
        if let Some(e) = self.lex_error() {
            return Err(e);
        }
        let pos = self.pos();
        let arg = match self.peek().clone() {
            Tok::Ident(name) => {
                self.next();
                let Some(f) = lookup(&name) else {
                    return Err(self.err(format!("function {name:?} not defined")));
                };
                Arg::Func(pos, name.into(), f)
            }
            Tok::Dot => {
                self.next();
                Arg::Dot(pos)
            }
            Tok::Nil => {
                self.next();
                Arg::Nil(pos)
            }
            Tok::Var(v) => {
                self.next();
                if !self.vars.iter().any(|x| **x == *v) {
                    return Err(self.err(format!("undefined variable {v:?}")));
                }
                Arg::Var(pos, v.into(), Vec::new())
            }
            Tok::Field(f) => {
                self.next();
                Arg::Field(pos, vec![f.into()])
            }
            Tok::Bool(b) => {
                self.next();
                Arg::Bool(pos, b)
            }
            Tok::Char(raw, c) => {
                self.next();
                Arg::Num(pos, raw.into(), Number::Int(c))
            }
            Tok::Num(text) => {
                self.next();
                let Some(n) = parse_number(&text) else {
                    return Err(self.err(format!("illegal number syntax: {text:?}")));
                };
                Arg::Num(pos, text.into(), n)
            }
            Tok::LParen => {
                self.next();
                let p = self.pipeline("parenthesized pipeline", pos, false)?;
                Arg::Pipe(pos, Box::new(p))
            }
            Tok::Str(raw, val) => {
                self.next();
                Arg::Str(pos, raw.into(), val.into())
            }
            _ => return Ok(None),
        };
        Ok(Some(arg))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> String {
        match parse("t", text) {
            Ok(_) => String::new(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn parse_errors_read_as_go_writes_them() {
        assert_eq!(
            err("a\n{{ nosuch 1 }}"),
            "template: t:2: function \"nosuch\" not defined"
        );
        assert_eq!(err("{{ if 1 }}x"), "template: t:1: unexpected EOF");
        assert_eq!(err("{{ $x }}"), "template: t:1: undefined variable \"$x\"");
        assert_eq!(err("{{ break }}"), "template: t:1: {{break}} outside {{range}}");
        assert_eq!(err("{{ end }}"), "template: t:1: unexpected {{end}}");
        assert!(err("{{ .a | \"x\" }}").contains("non executable command in pipeline stage 2"));
        assert!(err("{{/* x */}}{{ 1 }}").is_empty());
        assert!(err("{{ (1 }}").contains("unclosed left paren"));
    }

    #[test]
    fn numbers_are_typed_as_go_types_constants() {
        assert_eq!(parse_number("10"), Some(Number::Int(10)));
        assert_eq!(parse_number("0x1F"), Some(Number::Int(31)));
        assert_eq!(parse_number("010"), Some(Number::Int(8)));
        assert_eq!(parse_number("1.5"), Some(Number::Float(1.5)));
        assert_eq!(parse_number("1e3"), Some(Number::Float(1000.0)));
        assert_eq!(parse_number("-3"), Some(Number::Int(-3)));
        assert_eq!(parse_number("1_000"), Some(Number::Int(1000)));
    }
}
