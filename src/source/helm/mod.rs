//! Helm sources: a repository's `index.yaml` read lean ([`index`]) and the HelmRepository
//! engine ([`repository`]). Nothing here prints.

pub mod index;
pub mod repository;
