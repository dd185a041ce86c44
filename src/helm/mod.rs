//! The native Helm engine: charts rendered exactly as Helm 4's `helm template` renders them,
//! without a cluster, a network or a `helm` binary. Pure: it reads the chart files it is
//! given and returns text; `lookup` goes through a [`template::exec::Lookup`] the caller may
//! pass (a reconciler's live cluster), empty otherwise.
//!
//! [`chart`] loads charts and processes dependencies, [`values`] reads and coalesces values,
//! [`template`] is Go's `text/template`, [`funcs`] holds Sprig's and Helm's functions,
//! [`render`] renders and sorts documents into what `helm template` prints, [`schema`]
//! validates values against `values.schema.json`.

// Templates compute with Go's integer and float types, whose conversions wrap and truncate
// as Go's do; function tables pass argument vectors by value to every function; Helm compares
// file extensions case-sensitively (`.tgz`, `.prov`); `args`/`argv` are Go's names.
#![allow(
    clippy::similar_names,
    clippy::case_sensitive_file_extension_comparisons,
    clippy::items_after_statements,
    clippy::unreadable_literal,
    clippy::single_match_else,
    clippy::unused_self,
    clippy::unnecessary_box_returns,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap,
    clippy::cast_precision_loss,
    clippy::needless_pass_by_value
)]

pub mod chart;
pub mod files;
pub mod funcs;
pub mod hooks;
pub mod package;
pub mod render;
pub mod schema;
pub mod storage;
pub mod template;
pub mod value;
pub mod values;

pub use chart::{Chart, ChartError, load};
pub use render::{Options, PrintOptions, Release, RenderError, install, template_output};
