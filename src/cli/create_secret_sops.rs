//! `flux-rs create secret sops NAME --age-key-file F…`: the Secret a Kustomization's
//! `spec.decryption.secretRef` names, one `<file>.agekey` entry per age key file, so that
//! setting up SOPS decryption needs no kubectl. The files are checked to hold age identities;
//! only their recipients (public) are printed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use base64::Engine as _;
use clap::Args;
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use crate::sops::{AGE_KEY_SUFFIX, Keys};

/// Arguments of `create secret sops`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update the Secret holding the age keys a Kustomization decrypts its \
        SOPS-encrypted files with (spec.decryption.secretRef; server-side apply, field manager \
        `flux`).\n\n\
        Each --age-key-file (as age-keygen writes it: AGE-SECRET-KEY-1… lines and # comments) \
        becomes one entry named after the file with the extension .agekey (keys.txt → \
        keys.agekey). The files are checked before anything is written, and only the keys' \
        recipients (age1…, public) are printed. With --export the Secret is printed (private \
        keys included) and nothing is created.",
    after_help = "Examples:\n  \
        # A key pair for the cluster, then the Secret and a Kustomization using it\n  \
        age-keygen -o age.agekey\n  \
        flux-rs create secret sops sops-age --age-key-file=age.agekey\n  \
        flux-rs create kustomization apps --source=GitRepository/apps --path=./deploy \\\n    \
        --decryption-provider=sops --decryption-secret=sops-age\n\n  \
        # Several keys (e.g. during a key rotation)\n  \
        flux-rs create secret sops sops-age --age-key-file=old.agekey --age-key-file=new.agekey\n\n  \
        # Print the Secret instead of creating it\n  \
        flux-rs create secret sops sops-age --age-key-file=age.agekey --export\n\n\
        Exit codes:\n  0  created or updated\n  1  an error (unreadable or invalid key file, API error)"
)]
pub struct CreateSecretSopsArgs {
    /// Name of the Secret.
    pub name: String,
    /// age key file (repeat for several); each becomes a `<file>.agekey` entry.
    #[arg(long, value_name = "FILE", required = true)]
    pub age_key_file: Vec<PathBuf>,
    /// Flags every create command takes.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// The entry name of a key file: its file name with the extension replaced by `.agekey`.
fn entry_name(path: &Path) -> anyhow::Result<String> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .with_context(|| format!("{}: not a file name", path.display()))?;
    Ok(format!("{stem}{AGE_KEY_SUFFIX}"))
}

/// Secret entries by name, their text zeroed when dropped.
type Entries = BTreeMap<String, Zeroizing<String>>;

/// The Secret's entries (key files checked) and the recipients of their keys.
fn entries(files: &[PathBuf]) -> anyhow::Result<(Entries, Vec<String>)> {
    let mut data = BTreeMap::new();
    let mut recipients = Vec::new();
    for f in files {
        let text = Zeroizing::new(
            std::fs::read_to_string(f)
                .with_context(|| format!("cannot read the age key file {}", f.display()))?,
        );
        let mut keys = Keys::new();
        keys.add_key_file(&text)
            .with_context(|| format!("age key file {}", f.display()))?;
        recipients.extend(keys.recipients());
        let name = entry_name(f)?;
        if data.insert(name.clone(), text).is_some() {
            anyhow::bail!("two key files would both be stored as {name:?}: rename one of them");
        }
    }
    Ok((data, recipients))
}

fn manifest(
    name: &str,
    namespace: &str,
    labels: &BTreeMap<String, String>,
    data: &Entries,
    string_data: bool,
) -> Value {
    let mut metadata = json!({"name": name, "namespace": namespace});
    if !labels.is_empty() {
        metadata["labels"] = json!(labels);
    }
    let values: serde_json::Map<String, Value> = data
        .iter()
        .map(|(k, v)| {
            let v = if string_data {
                json!(v.as_str())
            } else {
                json!(base64::engine::general_purpose::STANDARD.encode(v.as_bytes()))
            };
            (k.clone(), v)
        })
        .collect();
    json!({
        "apiVersion": "v1",
        "kind": "Secret",
        "metadata": metadata,
        "type": "Opaque",
        if string_data { "stringData" } else { "data" }: values,
    })
}

/// Runs `create secret sops`.
pub async fn run(ctx: &CliContext, args: CreateSecretSopsArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let labels = args.common.labels()?;
    let (data, recipients) = entries(&args.age_key_file)?;
    if args.common.export {
        ctx.printer
            .data(export_document(&manifest(&args.name, ns, &labels, &data, true)));
        return Ok(());
    }
    for r in &recipients {
        ctx.printer.action(format!("age recipient: {r}"));
    }
    let client = ctx.client().await?;
    let api: Api<Secret> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    apply(&api, &args.name, &manifest(&args.name, ns, &labels, &data, false))
        .await
        .map_err(|e| anyhow::anyhow!("Secret/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(format!(
        "sops secret '{}' {} in '{ns}' namespace",
        args.name,
        if existed { "updated" } else { "created" }
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_named_after_their_files_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("keys.txt");
        std::fs::write(&good, include_str!("../../tests/fixtures/sops/keys/age1.agekey")).unwrap();
        let (data, recipients) = entries(std::slice::from_ref(&good)).unwrap();
        assert_eq!(data.keys().collect::<Vec<_>>(), ["keys.agekey"]);
        assert_eq!(recipients.len(), 1);
        assert!(recipients[0].starts_with("age1"));
        let s = manifest("sops-age", "ns", &BTreeMap::new(), &data, false);
        let _: Secret = serde_json::from_value(s).unwrap();

        let bad = dir.path().join("bad.agekey");
        std::fs::write(&bad, "AGE-SECRET-KEY-1SECRETLOOKINGTEXT\n").unwrap();
        let e = format!("{:#}", entries(&[bad]).unwrap_err());
        assert!(
            e.contains("bad.agekey") && !e.contains("SECRETLOOKINGTEXT"),
            "{e}"
        );
        let other = dir.path().join("sub");
        std::fs::create_dir(&other).unwrap();
        let dup = other.join("keys.agekey");
        std::fs::copy(&good, &dup).unwrap();
        let e = entries(&[good, dup]).unwrap_err().to_string();
        assert!(e.contains("\"keys.agekey\""), "{e}");
    }
}
