//! The reconcile engine: one Kustomization reconciled end to end (source → build → validate →
//! apply → prune → health → status), shared by the CLI's one-shot `reconcile` and by the
//! controller. Nothing here prints.

pub mod status;
