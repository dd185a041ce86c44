//! `flux-rs create secret git NAME --url …`: a Secret a GitRepository can use. For SSH URLs:
//! a generated deploy key (ECDSA P-384 by default, or `--private-key-file`) and the server's
//! host keys scanned into `known_hosts`; the public key is printed to be added to the Git host.
//! For HTTP(S): `username`/`password` or `bearerToken`.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use clap::Args;
use k8s_openapi::api::core::v1::Secret;
use kube::api::Api;
use serde_json::{Value, json};

use super::CliContext;
use super::create::{CreateCommon, apply, exists, export_document};
use crate::source::auth::{BEARER_TOKEN, CA_CRT, IDENTITY, IDENTITY_PUB, KNOWN_HOSTS, PASSWORD, USERNAME};
use crate::source::keys::{self, KeyAlgorithm};
use crate::source::keyscan;
use crate::source::tls::CaBundle;
use crate::source::url::{GitUrl, Scheme};

/// Upstream's timeout of the host-key scan.
const SCAN_TIMEOUT: Duration = Duration::from_secs(30);

const HELP: &str = "\
Examples:
  # A new deploy key (ECDSA P-384) and the host's keys, for an SSH repository
  flux-rs create secret git apps-auth --url=ssh://git@github.com/org/apps

  # An Ed25519 key, on a server listening on another port
  flux-rs create secret git apps-auth --url=ssh://git@git.example.com:2222/srv/apps.git \\
    --ssh-key-algorithm=ed25519

  # An existing (passphrase-protected) key
  flux-rs create secret git apps-auth --url=ssh://git@github.com/org/apps \\
    --private-key-file=./id_ecdsa --password=\"$PASSPHRASE\"

  # HTTPS with a token as password
  flux-rs create secret git apps-auth --url=https://github.com/org/apps -u git -p \"$GITHUB_TOKEN\"

  # Print the Secret instead of creating it
  flux-rs create secret git apps-auth --url=ssh://git@github.com/org/apps --export";

/// `ecdsa`, `ed25519`, and `rsa` (hidden: accepted so that the refusal explains itself).
fn key_algorithms() -> clap::builder::PossibleValuesParser {
    use clap::builder::PossibleValue;
    clap::builder::PossibleValuesParser::new([
        PossibleValue::new("ecdsa"),
        PossibleValue::new("ed25519"),
        PossibleValue::new("rsa").hide(true),
    ])
}

/// Arguments of `create secret git`.
#[derive(Debug, Clone, Args)]
#[command(
    long_about = "Create or update a Secret for a GitRepository's spec.secretRef (server-side apply, \
        field manager `flux`).\n\n\
        For ssh:// (or scp-like git@host:path) URLs: a new SSH key pair is generated (ECDSA P-384 by \
        default; --ssh-key-algorithm and --ssh-ecdsa-curve choose another) unless --private-key-file \
        gives one (with --password for its passphrase), and the server's host keys are scanned over \
        SSH into known_hosts (every key type the server offers; check the printed fingerprints). The \
        Secret holds identity, identity.pub, known_hosts (and password). The public key is printed: \
        add it to the repository as a deploy key.\n\n\
        For https:// and http:// URLs: --username and --password, or --bearer-token; for https:// \
        also --ca-crt-file, certificate authorities the server's certificate may chain to (besides \
        the system's).\n\n\
        With --export the Secret is printed (private key included) and nothing is created.",
    after_help = HELP
)]
pub struct CreateSecretGitArgs {
    /// Name of the Secret.
    pub name: String,
    /// Repository URL (ssh://, user@host:path, https:// or http://).
    #[arg(long)]
    pub url: String,
    /// Algorithm of a generated SSH key (`rsa` is refused: use an existing RSA key with
    /// --private-key-file).
    #[arg(long = "ssh-key-algorithm", default_value = "ecdsa", value_parser = key_algorithms())]
    pub ssh_key_algorithm: String,
    /// Curve of a generated ECDSA key.
    #[arg(long = "ssh-ecdsa-curve", default_value = "p384", value_parser = ["p256", "p384", "p521"])]
    pub ssh_ecdsa_curve: String,
    /// An existing private key (OpenSSH format) instead of a generated one.
    #[arg(long = "private-key-file", value_name = "PATH")]
    pub private_key_file: Option<PathBuf>,
    /// HTTPS user name.
    #[arg(short = 'u', long)]
    pub username: Option<String>,
    /// HTTPS password, or the passphrase of --private-key-file.
    #[arg(short = 'p', long)]
    pub password: Option<String>,
    /// HTTPS bearer token.
    #[arg(long = "bearer-token", value_name = "TOKEN")]
    pub bearer_token: Option<String>,
    /// HTTPS: PEM file of certificate authorities to trust (stored as `ca.crt`).
    #[arg(long = "ca-crt-file", value_name = "PATH")]
    pub ca_crt_file: Option<PathBuf>,
    /// Flags shared by create commands.
    #[command(flatten)]
    pub common: CreateCommon,
}

/// What the Secret will hold, and what to tell the user.
struct Material {
    data: BTreeMap<&'static str, String>,
    /// The deploy key, for SSH.
    public_key: Option<keys::KeyPair>,
    /// Scanned host keys, for SSH.
    host_keys: Vec<keyscan::HostKey>,
}

async fn material(args: &CreateSecretGitArgs, url: &GitUrl, timeout: Duration) -> anyhow::Result<Material> {
    let mut data = BTreeMap::new();
    match url.scheme {
        Scheme::Ssh => {
            if args.ca_crt_file.is_some() {
                anyhow::bail!("--ca-crt-file is for https:// URLs");
            }
            if args.username.is_some() || args.bearer_token.is_some() {
                anyhow::bail!("--username and --bearer-token are for https:// URLs; SSH uses a key");
            }
            let pair = if let Some(path) = &args.private_key_file {
                let text = std::fs::read(path)
                    .map_err(|e| anyhow::anyhow!("cannot read --private-key-file {}: {e}", path.display()))?;
                keys::from_private_key(&text, args.password.as_deref())
                    .map_err(|e| anyhow::anyhow!("--private-key-file {}: {e}", path.display()))?
            } else {
                if args.password.is_some() {
                    anyhow::bail!(
                        "--password with an SSH URL is the passphrase of --private-key-file, which is missing"
                    );
                }
                let alg = KeyAlgorithm::from_flags(&args.ssh_key_algorithm, &args.ssh_ecdsa_curve)?;
                keys::generate(alg)?
            };
            let port = url.effective_port();
            let host_keys = keyscan::scan(&url.host, port, timeout.min(SCAN_TIMEOUT)).await?;
            data.insert(IDENTITY, pair.private_openssh().to_string());
            data.insert(IDENTITY_PUB, format!("{}\n", pair.public_openssh()));
            data.insert(KNOWN_HOSTS, keyscan::known_hosts_text(&host_keys));
            if let Some(p) = &args.password {
                data.insert(PASSWORD, p.clone());
            }
            Ok(Material {
                data,
                public_key: Some(pair),
                host_keys,
            })
        }
        Scheme::Http | Scheme::Https => {
            if args.private_key_file.is_some() {
                anyhow::bail!("--private-key-file is for ssh:// URLs");
            }
            if let Some(path) = &args.ca_crt_file {
                if url.scheme != Scheme::Https {
                    anyhow::bail!("--ca-crt-file is for https:// URLs");
                }
                let pem = std::fs::read(path)
                    .map_err(|e| anyhow::anyhow!("cannot read --ca-crt-file {}: {e}", path.display()))?;
                CaBundle::from_pem(&pem)
                    .map_err(|e| anyhow::anyhow!("--ca-crt-file {}: {e}", path.display()))?;
                let text = String::from_utf8(pem)
                    .map_err(|_| anyhow::anyhow!("--ca-crt-file {}: not PEM text", path.display()))?;
                data.insert(CA_CRT, text);
            }
            match (&args.bearer_token, &args.username, &args.password) {
                (Some(t), None, None) => {
                    data.insert(BEARER_TOKEN, t.clone());
                }
                (Some(_), _, _) => anyhow::bail!("use --bearer-token or --username/--password, not both"),
                (None, Some(u), Some(p)) => {
                    data.insert(USERNAME, u.clone());
                    data.insert(PASSWORD, p.clone());
                }
                (None, None, None) if data.contains_key(CA_CRT) => {}
                (None, _, _) => anyhow::bail!(
                    "for Git over HTTP/S the username and password are required (--username and --password), \
                     or --bearer-token"
                ),
            }
            Ok(Material {
                data,
                public_key: None,
                host_keys: Vec::new(),
            })
        }
        Scheme::File => anyhow::bail!("file:// repositories need no Secret"),
    }
}

fn secret_manifest(
    name: &str,
    namespace: &str,
    labels: &BTreeMap<String, String>,
    data: &BTreeMap<&str, String>,
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
                json!(v)
            } else {
                json!(base64::engine::general_purpose::STANDARD.encode(v))
            };
            ((*k).to_string(), v)
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

/// Runs `create secret git`.
pub async fn run(ctx: &CliContext, args: CreateSecretGitArgs) -> anyhow::Result<()> {
    let ns = ctx.namespace();
    let url = GitUrl::parse(&args.url)?;
    let labels = args.common.labels()?;
    let m = material(&args, &url, ctx.global.timeout).await?;
    if args.common.export {
        ctx.printer.data(export_document(&secret_manifest(
            &args.name, ns, &labels, &m.data, true,
        )));
        return Ok(());
    }
    for k in &m.host_keys {
        ctx.printer.action(format!(
            "host key: {} {} {}",
            crate::source::known_hosts::host_name(&k.host, k.port),
            k.key_type(),
            k.fingerprint()
        ));
    }
    if let Some(pair) = &m.public_key {
        ctx.printer
            .generate(format!("deploy key: {}", pair.public_openssh()));
        ctx.printer
            .generate(format!("fingerprint: {}", pair.fingerprint()));
    }
    let client = ctx.client().await?;
    let api: Api<Secret> = Api::namespaced(client, ns);
    let existed = exists(&api, &args.name).await?;
    apply(
        &api,
        &args.name,
        &secret_manifest(&args.name, ns, &labels, &m.data, false),
    )
    .await
    .map_err(|e| anyhow::anyhow!("Secret/{ns}/{}: {e}", args.name))?;
    ctx.printer.success(format!(
        "git secret '{}' {} in '{ns}' namespace",
        args.name,
        if existed { "updated" } else { "created" }
    ));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_manifests() {
        let data = BTreeMap::from([(USERNAME, "git".to_string()), (PASSWORD, "pw".to_string())]);
        let labels = BTreeMap::from([("team".to_string(), "a".to_string())]);
        let s = secret_manifest("auth", "ns", &labels, &data, false);
        assert_eq!(s["data"]["username"], "Z2l0");
        assert_eq!(s["metadata"]["labels"]["team"], "a");
        let s = secret_manifest("auth", "ns", &BTreeMap::new(), &data, true);
        assert_eq!(s["stringData"]["password"], "pw");
        assert!(s["metadata"].get("labels").is_none());
        let _: Secret = serde_json::from_value(s).unwrap();
    }
}
