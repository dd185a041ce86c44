//! Applying flux-rs's own components (the objects of [`crate::manifests::install`]) with the
//! CLI's field manager, definitions first: what `install` does, and what `bootstrap` does
//! before the cluster syncs itself from Git.

use std::time::Duration;

use crate::apply::{self, ApplyOptions, Manager, Owner};

use super::DEFAULT_FIELD_MANAGER;

/// Applies installation objects with the field manager `flux` in stages (CRDs and the
/// namespace first, waited for), changing only what differs. `timeout` bounds the waits.
pub async fn apply_components(
    client: kube::Client,
    objects: Vec<serde_json::Value>,
    timeout: Duration,
) -> Result<apply::ChangeSet, apply::Error> {
    let manager = Manager::new(
        client,
        Owner {
            field_manager: DEFAULT_FIELD_MANAGER.into(),
            ..Default::default()
        },
    );
    manager
        .apply_all_staged(
            objects,
            &ApplyOptions {
                wait_timeout: timeout,
                ..Default::default()
            },
        )
        .await
}
