//! Go's `text/template`, written for Helm: [`parse`] (lexer and parser), [`exec`] (the
//! executor), [`funcs`] (the function table), [`gofmt`] (Go's `fmt` formatting).

pub mod exec;
pub mod funcs;
pub mod gofmt;
pub mod parse;
