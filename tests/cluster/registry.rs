//! A real OCI registry on loopback: Debian's `docker-registry` (the CNCF distribution
//! registry) with its own configuration file and storage directory, anonymous or with an
//! htpasswd file (bcrypt, made with `htpasswd -B` from apache2-utils), over plain HTTP or
//! TLS with a certificate the test makes. Stopped (and its files removed) when dropped.
//!
//! ```ignore
//! let reg = Registry::start(RegistryAuth::Anonymous, None);
//! let url = reg.url("apps");                 // oci://127.0.0.1:<port>/apps
//! ```
//!
//! Requirements (installed by `scripts/test`): `docker-registry`, `apache2-utils`
//! (`htpasswd`), `openssl`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const REGISTRY: &str = "/usr/bin/docker-registry";

/// How clients authenticate.
#[derive(Clone, Copy)]
pub enum RegistryAuth {
    /// No authentication.
    Anonymous,
    /// HTTP Basic against an htpasswd file with this user and password.
    Htpasswd(&'static str, &'static str),
}

/// A running registry.
pub struct Registry {
    /// `127.0.0.1:<port>`.
    pub host: String,
    dir: tempfile::TempDir,
    child: Child,
    tls: bool,
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    l.local_addr().unwrap().port()
}

impl Registry {
    /// Starts a registry; `tls` is (certificate chain, key) PEM for HTTPS.
    pub fn start(auth: RegistryAuth, tls: Option<(&[u8], &[u8])>) -> Registry {
        assert!(
            Path::new(REGISTRY).is_file(),
            "{REGISTRY} is missing: install the docker-registry package (scripts/test does)"
        );
        let mut dir = tempfile::Builder::new()
            .prefix("flux-rs-registry-")
            .tempdir()
            .unwrap();
        let mut auth_section = String::new();
        if let RegistryAuth::Htpasswd(user, password) = auth {
            let out = Command::new("htpasswd")
                .args(["-Bbn", user, password])
                .output()
                .expect("run htpasswd (package apache2-utils)");
            assert!(
                out.status.success(),
                "htpasswd: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let file = dir.path().join("htpasswd");
            std::fs::write(&file, &out.stdout).unwrap();
            auth_section = format!(
                "auth:\n  htpasswd:\n    realm: flux-rs-test\n    path: {}\n",
                file.display()
            );
        }
        let mut tls_section = String::new();
        if let Some((crt, key)) = tls {
            std::fs::write(dir.path().join("tls.crt"), crt).unwrap();
            std::fs::write(dir.path().join("tls.key"), key).unwrap();
            tls_section = format!(
                "  tls:\n    certificate: {}\n    key: {}\n",
                dir.path().join("tls.crt").display(),
                dir.path().join("tls.key").display()
            );
        }
        let mut last = String::new();
        for _ in 0..5 {
            let port = free_port();
            let config = format!(
                "version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: {}\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:{port}\n  secret: flux-rs-test-secret\n{tls_section}{auth_section}",
                dir.path().join("data").display()
            );
            let cfg = dir.path().join("config.yml");
            std::fs::write(&cfg, config).unwrap();
            let log = std::fs::File::create(dir.path().join("registry.log")).unwrap();
            let child = Command::new(REGISTRY)
                .arg("serve")
                .arg(&cfg)
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .expect("start docker-registry");
            let mut reg = Registry {
                host: format!("127.0.0.1:{port}"),
                dir,
                child,
                tls: tls.is_some(),
            };
            if reg.wait_ready(port) {
                return reg;
            }
            last = std::fs::read_to_string(reg.dir.path().join("registry.log")).unwrap_or_default();
            let _ = reg.child.kill();
            let _ = reg.child.wait();
            dir = std::mem::replace(&mut reg.dir, tempfile::tempdir().unwrap());
        }
        panic!("docker-registry did not start:\n{last}");
    }

    fn wait_ready(&mut self, port: u16) -> bool {
        let deadline = Instant::now() + Duration::from_secs(15);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return false;
            }
            if let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) {
                if self.tls {
                    return true;
                }
                let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
                if s.write_all(b"GET /v2/ HTTP/1.0\r\n\r\n").is_ok() {
                    let mut buf = [0u8; 12];
                    if s.read_exact(&mut buf).is_ok() && buf.starts_with(b"HTTP/1.") {
                        return true;
                    }
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// `oci://<host>/<repository>`.
    pub fn url(&self, repository: &str) -> String {
        format!("oci://{}/{repository}", self.host)
    }

    /// The registry's storage directory (blobs under `docker/registry/v2/blobs`).
    pub fn storage(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The file holding a blob's content in the storage.
    pub fn blob_file(&self, digest: &str) -> PathBuf {
        let hex = digest.trim_start_matches("sha256:");
        self.storage()
            .join("docker/registry/v2/blobs/sha256")
            .join(&hex[..2])
            .join(hex)
            .join("data")
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
