//! Helm sources: a repository's `index.yaml` read lean ([`index`]), the HelmRepository
//! engine ([`repository`]) and the HelmChart engine ([`chart`]). Nothing here prints.

pub mod chart;
pub mod index;
pub mod repository;
