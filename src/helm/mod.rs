//! The native Helm engine: charts rendered exactly as Helm 4's `helm template` renders them,
//! without a cluster, a network or a `helm` binary. Pure: it reads the chart files it is
//! given and returns text; `lookup` goes through a [`template::exec::Lookup`] the caller may
//! pass (a reconciler's live cluster), empty otherwise.
//!
//! [`chart`] loads charts and processes dependencies, [`values`] reads and coalesces values,
//! [`template`] is Go's `text/template`, [`funcs`] holds Sprig's and Helm's functions,
//! [`render`] renders and sorts documents into what `helm template` prints, [`schema`]
//! validates values against `values.schema.json`.

pub mod chart;
pub mod files;
pub mod funcs;
pub mod render;
pub mod schema;
pub mod template;
pub mod value;
pub mod values;

pub use chart::{Chart, ChartError, load};
pub use render::{Options, PrintOptions, Release, RenderError, install, template_output};
