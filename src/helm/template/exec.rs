//! Executing parsed templates with Go's `text/template` semantics (Helm's `missingkey=zero`):
//! pipelines, variables, `if`/`with`/`range` (maps in key order, integers), `break`/`continue`,
//! `template`, function calls with lazily evaluated `and`/`or`, and errors that read as Go's
//! (`template: NAME:LINE:COL: executing "NAME" at <NODE>: message`).

use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use super::funcs::Func;
use super::gofmt;
use super::parse::{Arg, Branch, Cmd, Node, Number, Parsed, Pipe, Pos, Tree};
use crate::helm::value::{Object, Value};

/// Templates by name: every file and every `define`.
#[derive(Default)]
pub struct Templates {
    map: HashMap<Rc<str>, Rc<Tree>>,
}

impl Templates {
    /// Adds what a file defines; as in Go, an empty definition does not replace a non-empty one
    /// and a later definition replaces an earlier one.
    pub fn add(&mut self, parsed: Parsed) {
        for t in parsed.trees {
            if t.is_empty() && self.map.get(&t.name).is_some_and(|old| !old.is_empty()) {
                continue;
            }
            self.map.insert(t.name.clone(), t);
        }
    }

    /// The template named `name`.
    pub fn get(&self, name: &str) -> Option<&Rc<Tree>> {
        self.map.get(name)
    }
}

/// An execution error, with the chain of template calls that led to it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExecError {
    /// `NAME:LINE:COL` of the node (empty when there was none).
    pub location: String,
    /// The template being executed.
    pub name: String,
    /// The node, as Go prints it.
    pub context: String,
    /// This frame's message (for a failed call: `error calling f: ` and the cause's own text).
    pub message: String,
    /// The error of a nested template call (`include`, `tpl`), if that is the cause.
    pub inner: Option<Box<ExecError>>,
    /// Whether the message ends with a function's own error (Helm then prints the error as
    /// Go formats it instead of its trace).
    pub plain_cause: bool,
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "template: {}: {}", self.name, self.message)?;
        } else {
            write!(
                f,
                "template: {}: executing {:?} at <{}>: {}",
                self.location, self.name, self.context, self.message
            )?;
        }
        if let Some(i) = &self.inner {
            write!(f, "{i}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ExecError {}

/// What a function returns on failure.
#[derive(Debug)]
pub enum FuncError {
    /// A message.
    Msg(String),
    /// A failed nested template execution.
    Exec(Box<ExecError>),
}

impl From<String> for FuncError {
    fn from(s: String) -> FuncError {
        FuncError::Msg(s)
    }
}

impl From<&str> for FuncError {
    fn from(s: &str) -> FuncError {
        FuncError::Msg(s.to_string())
    }
}

/// A function's result.
pub type FuncResult = Result<Value, FuncError>;

enum Flow {
    Break,
    Continue,
    Err(Box<ExecError>),
}

impl From<Box<ExecError>> for Flow {
    fn from(e: Box<ExecError>) -> Flow {
        Flow::Err(e)
    }
}

/// Read access to live cluster objects for Helm's `lookup` (the engine itself never has one;
/// offline, `lookup` returns an empty map as `helm template` does).
pub trait Lookup {
    /// `lookup apiVersion kind namespace name`: the object, a list, or an empty map.
    fn lookup(&self, api_version: &str, kind: &str, namespace: &str, name: &str) -> Result<Value, String>;
}

/// Limits against hostile templates.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Nested template calls (`template`, `include`, `tpl`).
    pub max_depth: usize,
    /// Bytes written in all, over every template.
    pub max_output: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 10_000,
            max_output: 1 << 30,
        }
    }
}

/// Executes templates of one set; holds what Helm's functions need between calls.
pub struct Exec<'a> {
    set: &'a Templates,
    overlays: Vec<Templates>,
    depth: usize,
    written: usize,
    limits: Limits,
    /// How many times each template is being included right now (Helm's recursion limit).
    pub include_counts: HashMap<String, usize>,
    /// The cluster, when one is there.
    pub lookup: Option<&'a dyn Lookup>,
    /// Name of the root template set (`tpl` parses its text under it).
    pub root_name: String,
}

struct State {
    tree: Rc<Tree>,
    vars: Vec<(Rc<str>, Value)>,
}

impl<'a> Exec<'a> {
    /// An executor over `set`.
    pub fn new(set: &'a Templates, limits: Limits) -> Exec<'a> {
        Exec {
            set,
            overlays: Vec::new(),
            depth: 0,
            written: 0,
            limits,
            include_counts: HashMap::new(),
            lookup: None,
            root_name: "gotpl".into(),
        }
    }

    /// Finds a template, looking first in templates `tpl` added.
    pub fn find(&self, name: &str) -> Option<Rc<Tree>> {
        for o in self.overlays.iter().rev() {
            if let Some(t) = o.get(name) {
                return Some(t.clone());
            }
        }
        self.set.get(name).cloned()
    }

    /// Runs `f` with extra templates visible (what `tpl` parsed).
    pub fn with_overlay<T>(&mut self, extra: Templates, f: impl FnOnce(&mut Self) -> T) -> T {
        self.overlays.push(extra);
        let r = f(self);
        self.overlays.pop();
        r
    }

    /// Executes the template `name` with `dot` as data.
    pub fn execute(&mut self, name: &str, dot: Value) -> Result<String, Box<ExecError>> {
        let Some(tree) = self.find(name) else {
            return Err(Box::new(ExecError {
                location: String::new(),
                name: name.to_string(),
                context: String::new(),
                message: format!(
                    "no template {name:?} associated with template {:?}",
                    self.root_name
                ),
                inner: None,
                plain_cause: true,
            }));
        };
        let mut out = String::new();
        self.run_tree(&tree, dot, &mut out)?;
        Ok(out)
    }

    fn run_tree(&mut self, tree: &Rc<Tree>, dot: Value, out: &mut String) -> Result<(), Box<ExecError>> {
        if self.depth >= self.limits.max_depth {
            return Err(Box::new(ExecError {
                location: String::new(),
                name: tree.name.to_string(),
                context: String::new(),
                message: format!("exceeded maximum template depth ({})", self.limits.max_depth),
                inner: None,
                plain_cause: false,
            }));
        }
        self.depth += 1;
        let mut st = State {
            tree: tree.clone(),
            vars: vec![("$".into(), dot.clone())],
        };
        let r = self.walk_list(&mut st, &tree.root, &dot, out);
        self.depth -= 1;
        match r {
            Ok(()) => Ok(()),
            Err(Flow::Err(e)) => Err(e),
            Err(Flow::Break | Flow::Continue) => Ok(()),
        }
    }

    fn error(&self, st: &State, pos: Option<(Pos, String)>, message: String) -> Box<ExecError> {
        let (location, context) = match pos {
            Some((p, ctx)) => (st.tree.source.location(p), ctx),
            None => (String::new(), String::new()),
        };
        Box::new(ExecError {
            location,
            name: st.tree.name.to_string(),
            context,
            message,
            inner: None,
            plain_cause: false,
        })
    }

    fn write(&mut self, st: &State, out: &mut String, s: &str) -> Result<(), Flow> {
        self.written += s.len();
        if self.written > self.limits.max_output {
            return Err(Flow::Err(self.error(
                st,
                None,
                format!("output exceeds the limit of {} bytes", self.limits.max_output),
            )));
        }
        out.push_str(s);
        Ok(())
    }

    fn walk_list(
        &mut self,
        st: &mut State,
        list: &[Node],
        dot: &Value,
        out: &mut String,
    ) -> Result<(), Flow> {
        for n in list {
            self.walk(st, n, dot, out)?;
        }
        Ok(())
    }

    fn walk(&mut self, st: &mut State, node: &Node, dot: &Value, out: &mut String) -> Result<(), Flow> {
        match node {
            Node::Text(t) => self.write(st, out, t),
            Node::Action(pipe) => {
                let v = self.eval_pipeline(st, dot, pipe)?;
                if pipe.decl.is_empty() {
                    let s = match &v {
                        Value::NoValue => "<no value>".to_string(),
                        v => gofmt::format_v(v),
                    };
                    self.write(st, out, &s)?;
                }
                Ok(())
            }
            Node::If(b) => self.walk_if_with(st, b, dot, out, false),
            Node::With(b) => self.walk_if_with(st, b, dot, out, true),
            Node::Range(b) => self.walk_range(st, b, dot, out),
            Node::Break(_) => Err(Flow::Break),
            Node::Continue(_) => Err(Flow::Continue),
            Node::Template { pos, name, pipe } => {
                let Some(tree) = self.find(name) else {
                    return Err(Flow::Err(self.error(
                        st,
                        Some((*pos, format!("template {name:?}"))),
                        format!("template {name:?} not defined"),
                    )));
                };
                let data = match pipe {
                    Some(p) => self.eval_pipeline(st, dot, p)?,
                    None => Value::NoValue,
                };
                self.run_tree(&tree, data, out).map_err(Flow::Err)
            }
        }
    }

    fn walk_if_with(
        &mut self,
        st: &mut State,
        b: &Branch,
        dot: &Value,
        out: &mut String,
        with: bool,
    ) -> Result<(), Flow> {
        let mark = st.vars.len();
        let v = self.eval_pipeline(st, dot, &b.pipe)?;
        let r = if v.truthy() {
            if with {
                self.walk_list(st, &b.list, &v, out)
            } else {
                self.walk_list(st, &b.list, dot, out)
            }
        } else if let Some(e) = &b.else_list {
            self.walk_list(st, e, dot, out)
        } else {
            Ok(())
        };
        st.vars.truncate(mark);
        r
    }

    fn walk_range(&mut self, st: &mut State, b: &Branch, dot: &Value, out: &mut String) -> Result<(), Flow> {
        let mark = st.vars.len();
        let v = self.eval_pipeline(st, dot, &b.pipe)?;
        let mark2 = st.vars.len();
        let items: Vec<(Value, Value)> = match &v {
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, e)| (Value::Int(i as i64), e.clone()))
                .collect(),
            Value::Bytes(bs) => bs
                .iter()
                .enumerate()
                .map(|(i, e)| (Value::Int(i as i64), Value::Int(i64::from(*e))))
                .collect(),
            Value::Map(m) => m
                .borrow()
                .iter()
                .map(|(k, e)| (Value::str(k.as_str()), e.clone()))
                .collect(),
            Value::Object(o) => match &**o {
                Object::VersionSet(vs) => vs
                    .iter()
                    .enumerate()
                    .map(|(i, e)| (Value::Int(i as i64), Value::str(e.as_str())))
                    .collect(),
                Object::Files(files) => files
                    .iter()
                    .map(|(k, d)| (Value::str(k.as_str()), Value::Bytes(d.clone())))
                    .collect(),
                _ => {
                    st.vars.truncate(mark);
                    return Err(Flow::Err(self.error(
                        st,
                        Some((b.pos, format!("{}", b.pipe))),
                        format!("range can't iterate over {}", gofmt::format_v(&v)),
                    )));
                }
            },
            Value::Int(n) => {
                if b.pipe.decl.len() > 1 {
                    st.vars.truncate(mark);
                    return Err(Flow::Err(self.error(
                        st,
                        Some((b.pos, format!("{}", b.pipe))),
                        format!("can't use {n} to iterate over more than one variable"),
                    )));
                }
                (0..(*n).max(0)).map(|i| (Value::Int(i), Value::Int(i))).collect()
            }
            Value::NoValue | Value::Nil => Vec::new(),
            _ => {
                st.vars.truncate(mark);
                return Err(Flow::Err(self.error(
                    st,
                    Some((b.pos, format!("{}", b.pipe))),
                    format!("range can't iterate over {}", gofmt::format_v(&v)),
                )));
            }
        };
        if items.is_empty() {
            let r = match &b.else_list {
                Some(e) => self.walk_list(st, e, dot, out),
                None => Ok(()),
            };
            st.vars.truncate(mark);
            return r;
        }
        let decl = &b.pipe.decl;
        for (index, elem) in items {
            if !decl.is_empty() {
                if b.pipe.is_assign {
                    let first = if decl.len() > 1 {
                        index.clone()
                    } else {
                        elem.clone()
                    };
                    set_var(st, &decl[0], first);
                    if decl.len() > 1 {
                        set_var(st, &decl[1], elem.clone());
                    }
                } else if decl.len() > 1 {
                    // Declared in order $index, $elem.
                    let n = st.vars.len();
                    st.vars[n - 2].1 = index.clone();
                    st.vars[n - 1].1 = elem.clone();
                } else {
                    let n = st.vars.len();
                    st.vars[n - 1].1 = elem.clone();
                }
            }
            let r = self.walk_list(st, &b.list, &elem, out);
            st.vars.truncate(mark2);
            match r {
                Ok(()) | Err(Flow::Continue) => {}
                Err(Flow::Break) => break,
                Err(e) => {
                    st.vars.truncate(mark);
                    return Err(e);
                }
            }
        }
        st.vars.truncate(mark);
        Ok(())
    }

    fn eval_pipeline(&mut self, st: &mut State, dot: &Value, pipe: &Pipe) -> Result<Value, Flow> {
        let mut value: Option<Value> = None;
        for cmd in &pipe.cmds {
            let mut v = self.eval_command(st, dot, cmd, value.take())?;
            if let Value::Nil = v {
                v = Value::NoValue;
            }
            value = Some(v);
        }
        let value = value.unwrap_or_default();
        for d in &pipe.decl {
            if pipe.is_assign {
                set_var(st, d, value.clone());
            } else {
                st.vars.push((d.clone(), value.clone()));
            }
        }
        Ok(value)
    }

    fn get_var(&self, st: &State, pos: Pos, node: &Arg, name: &str) -> Result<Value, Flow> {
        lookup_var(st, name).ok_or_else(|| {
            Flow::Err(self.error(
                st,
                Some((pos, node.to_string())),
                format!("undefined variable: {name}"),
            ))
        })
    }

    fn not_a_function(&self, st: &State, cmd: &Cmd, final_: Option<&Value>) -> Result<(), Flow> {
        if cmd.args.len() > 1 || final_.is_some() {
            return Err(Flow::Err(self.error(
                st,
                Some((cmd.args[0].pos(), cmd.args[0].to_string())),
                format!("can't give argument to non-function {}", cmd.args[0]),
            )));
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        st: &mut State,
        dot: &Value,
        cmd: &Cmd,
        final_: Option<Value>,
    ) -> Result<Value, Flow> {
        let first = &cmd.args[0];
        match first {
            Arg::Field(pos, ids) => self.eval_field_chain(
                st,
                dot,
                dot.clone(),
                *pos,
                first,
                ids,
                &cmd.args[1..],
                final_,
                true,
            ),
            Arg::Var(pos, name, ids) => {
                let v = self.get_var(st, *pos, first, name)?;
                if ids.is_empty() {
                    self.not_a_function(st, cmd, final_.as_ref())?;
                    return Ok(v);
                }
                self.eval_field_chain(st, dot, v, *pos, first, ids, &cmd.args[1..], final_, false)
            }
            Arg::Chain(pos, node, ids) => {
                let v = self.eval_arg(st, dot, node)?;
                self.eval_field_chain(st, dot, v, *pos, first, ids, &cmd.args[1..], final_, false)
            }
            Arg::Func(pos, name, f) => self.eval_call(st, dot, *pos, name, *f, &cmd.args[1..], final_),
            Arg::Pipe(_, p) => {
                self.not_a_function(st, cmd, final_.as_ref())?;
                self.eval_pipeline(st, dot, p)
            }
            Arg::Bool(_, b) => {
                self.not_a_function(st, cmd, final_.as_ref())?;
                Ok(Value::Bool(*b))
            }
            Arg::Dot(_) => {
                self.not_a_function(st, cmd, final_.as_ref())?;
                Ok(dot.clone())
            }
            Arg::Nil(pos) => Err(Flow::Err(self.error(
                st,
                Some((*pos, "nil".into())),
                "nil is not a command".into(),
            ))),
            Arg::Num(_, _, n) => {
                self.not_a_function(st, cmd, final_.as_ref())?;
                Ok(number_value(*n))
            }
            Arg::Str(_, _, s) => {
                self.not_a_function(st, cmd, final_.as_ref())?;
                Ok(Value::Str(s.clone()))
            }
        }
    }

    /// Evaluates an argument (not in command position).
    fn eval_arg(&mut self, st: &mut State, dot: &Value, arg: &Arg) -> Result<Value, Flow> {
        match arg {
            Arg::Field(pos, ids) => {
                self.eval_field_chain(st, dot, dot.clone(), *pos, arg, ids, &[], None, true)
            }
            Arg::Var(pos, name, ids) => {
                let v = self.get_var(st, *pos, arg, name)?;
                if ids.is_empty() {
                    return Ok(v);
                }
                self.eval_field_chain(st, dot, v, *pos, arg, ids, &[], None, false)
            }
            Arg::Chain(pos, node, ids) => {
                let v = self.eval_arg(st, dot, node)?;
                self.eval_field_chain(st, dot, v, *pos, arg, ids, &[], None, false)
            }
            Arg::Func(pos, name, f) => self.eval_call(st, dot, *pos, name, *f, &[], None),
            Arg::Pipe(_, p) => {
                let v = self.eval_pipeline(st, dot, p)?;
                Ok(v)
            }
            Arg::Bool(_, b) => Ok(Value::Bool(*b)),
            Arg::Dot(_) => Ok(dot.clone()),
            Arg::Nil(_) => Ok(Value::Nil),
            Arg::Num(_, _, n) => Ok(number_value(*n)),
            Arg::Str(_, _, s) => Ok(Value::Str(s.clone())),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn eval_field_chain(
        &mut self,
        st: &mut State,
        dot: &Value,
        mut receiver: Value,
        pos: Pos,
        node: &Arg,
        ids: &[Rc<str>],
        args: &[Arg],
        final_: Option<Value>,
        _from_dot: bool,
    ) -> Result<Value, Flow> {
        let n = ids.len();
        for (i, id) in ids.iter().enumerate() {
            let last = i + 1 == n;
            let has_args = last && (!args.is_empty() || final_.is_some());
            receiver = if last {
                let mut argv = Vec::with_capacity(args.len() + 1);
                for a in args {
                    let v = self.eval_arg(st, dot, a)?;
                    argv.push(v);
                }
                if let Some(f) = &final_ {
                    argv.push(f.clone());
                }
                self.eval_field(st, pos, node, id, receiver, has_args.then_some(argv))?
            } else {
                self.eval_field(st, pos, node, id, receiver, None)?
            };
        }
        Ok(receiver)
    }

    fn eval_field(
        &mut self,
        st: &State,
        pos: Pos,
        node: &Arg,
        name: &str,
        receiver: Value,
        args: Option<Vec<Value>>,
    ) -> Result<Value, Flow> {
        let err = |me: &Self, msg: String| Flow::Err(me.error(st, Some((pos, node.to_string())), msg));
        match &receiver {
            Value::NoValue => Ok(Value::NoValue),
            Value::Nil => Err(err(self, format!("nil pointer evaluating interface {{}}.{name}"))),
            Value::Map(m) => {
                if args.is_some() {
                    return Err(err(self, format!("{name} is not a method but has arguments")));
                }
                Ok(m.borrow().get(name).cloned().unwrap_or(Value::Nil))
            }
            Value::Object(o) => match object_member(o, name, args.unwrap_or_default()) {
                Some(Ok(v)) => Ok(v),
                Some(Err(e)) => Err(err(self, format!("error calling {name}: {e}"))),
                None => Err(err(
                    self,
                    format!("can't evaluate field {name} in type {}", receiver.type_name()),
                )),
            },
            _ => Err(err(
                self,
                format!("can't evaluate field {name} in type {}", receiver.type_name()),
            )),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn eval_call(
        &mut self,
        st: &mut State,
        dot: &Value,
        pos: Pos,
        name: &Rc<str>,
        f: Func,
        args: &[Arg],
        final_: Option<Value>,
    ) -> Result<Value, Flow> {
        let ctx = || {
            let mut s = name.to_string();
            for a in args {
                s.push(' ');
                s.push_str(&a.to_string());
            }
            s
        };
        match f {
            Func::And | Func::Or => {
                let is_or = matches!(f, Func::Or);
                if args.is_empty() && final_.is_none() {
                    return Err(Flow::Err(self.error(
                        st,
                        Some((pos, ctx())),
                        format!("wrong number of args for {name}: want at least 1 got 0"),
                    )));
                }
                let mut v = Value::NoValue;
                for a in args {
                    v = self.eval_arg(st, dot, a)?;
                    if v.truthy() == is_or {
                        return Ok(v);
                    }
                }
                if let Some(fv) = final_ {
                    v = fv;
                }
                Ok(v)
            }
            Func::Call(fp) => {
                let mut argv = Vec::with_capacity(args.len() + 1);
                for a in args {
                    let v = self.eval_arg(st, dot, a)?;
                    argv.push(if let Value::NoValue = v { Value::Nil } else { v });
                }
                if let Some(fv) = final_ {
                    argv.push(if let Value::NoValue = fv { Value::Nil } else { fv });
                }
                match fp(self, argv) {
                    Ok(v) => Ok(v),
                    Err(FuncError::Msg(m)) => {
                        let mut e = self.error(st, Some((pos, ctx())), format!("error calling {name}: {m}"));
                        e.plain_cause = true;
                        Err(Flow::Err(e))
                    }
                    Err(FuncError::Exec(inner)) => {
                        let mut e = self.error(st, Some((pos, ctx())), format!("error calling {name}: "));
                        e.inner = Some(inner);
                        Err(Flow::Err(e))
                    }
                }
            }
        }
    }
}

fn number_value(n: Number) -> Value {
    match n {
        Number::Int(i) => Value::Int(i),
        Number::Float(f) => Value::Float(f),
    }
}

fn lookup_var(st: &State, name: &str) -> Option<Value> {
    st.vars
        .iter()
        .rev()
        .find(|(n, _)| &**n == name)
        .map(|(_, v)| v.clone())
}

fn set_var(st: &mut State, name: &str, v: Value) {
    if let Some(slot) = st.vars.iter_mut().rev().find(|(n, _)| &**n == name) {
        slot.1 = v;
    }
}

/// Fields and methods of Helm's struct objects.
fn object_member(o: &Rc<Object>, name: &str, args: Vec<Value>) -> Option<Result<Value, String>> {
    use crate::helm::files;
    match &**o {
        Object::Files(f) => files::method(f, name, args),
        Object::Capabilities(c) => match name {
            "KubeVersion" => Some(Ok(Value::Object(Rc::new(Object::KubeVersion(
                c.kube_version.clone(),
            ))))),
            "APIVersions" => Some(Ok(Value::Object(Rc::new(Object::VersionSet(
                c.api_versions.clone(),
            ))))),
            "HelmVersion" => Some(Ok(Value::Object(Rc::new(Object::HelmVersion)))),
            _ => None,
        },
        Object::KubeVersion(k) => match name {
            "Version" => Some(Ok(Value::str(k.version.as_str()))),
            "Major" => Some(Ok(Value::str(k.major.as_str()))),
            "Minor" => Some(Ok(Value::str(k.minor.as_str()))),
            "GitVersion" => Some(Ok(Value::str(k.version.as_str()))),
            "String" => Some(Ok(Value::str(k.normalized.as_str()))),
            _ => None,
        },
        Object::VersionSet(vs) => match name {
            "Has" => Some(match args.as_slice() {
                [Value::Str(s)] => Ok(Value::Bool(vs.iter().any(|v| **v == **s))),
                [other] => Err(format!(
                    "wrong type for value; expected string; got {}",
                    other.type_name()
                )),
                _ => Err(format!("wrong number of args for Has: want 1 got {}", args.len())),
            }),
            _ => None,
        },
        Object::HelmVersion => match name {
            "Version" => Some(Ok(Value::str(crate::helm::value::HELM_VERSION))),
            "GitCommit" | "GitTreeState" => Some(Ok(Value::str(""))),
            "GoVersion" => Some(Ok(Value::str(crate::helm::value::HELM_GO_VERSION))),
            "KubeClientVersion" => Some(Ok(Value::str(crate::helm::value::HELM_KUBE_CLIENT_VERSION))),
            _ => None,
        },
    }
}
