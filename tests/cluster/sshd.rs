//! A real OpenSSH server on loopback for Git-over-SSH tests: its own host keys (Ed25519 and
//! ECDSA P-256, made with `ssh-keygen`), an `authorized_keys` file the test fills, and bare
//! repositories it serves. Stopped (and its files removed) when dropped.
//!
//! ```ignore
//! let sshd = Sshd::start();
//! let bare = sshd.bare_repo("apps");            // git init --bare
//! sshd.authorize(key.public_openssh());         // the client key may log in
//! let url = sshd.url(&bare);                    // ssh://<user>@127.0.0.1:<port>/<path>
//! let known_hosts = sshd.known_hosts();         // "[127.0.0.1]:<port> <type> <key>" lines
//! ```
//!
//! Requirements (installed by `scripts/test`): `openssh-server` (`/usr/sbin/sshd`),
//! `openssh-client` (`ssh-keygen`), `git`. sshd needs `/run/sshd`; the fixture creates it
//! when running as root and explains otherwise.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Path of the OpenSSH server binary (it must be started with an absolute path).
const SSHD: &str = "/usr/sbin/sshd";

/// A running sshd.
pub struct Sshd {
    /// The port it listens on (127.0.0.1).
    pub port: u16,
    /// The user tests log in as (the current user).
    pub user: String,
    dir: tempfile::TempDir,
    child: Child,
    /// Host public keys, `type base64` each.
    host_keys: Vec<String>,
}

fn current_user() -> String {
    let out = Command::new("id").arg("-un").output().expect("run id -un");
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
    l.local_addr().unwrap().port()
}

fn keygen(kind: &[&str], path: &Path) {
    let out = Command::new("ssh-keygen")
        .args(["-q", "-N", "", "-C", ""])
        .args(kind)
        .arg("-f")
        .arg(path)
        .output()
        .expect("run ssh-keygen (package openssh-client)");
    assert!(
        out.status.success(),
        "ssh-keygen: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Sshd {
    /// Starts sshd on a free loopback port and waits until it answers.
    pub fn start() -> Sshd {
        assert!(
            Path::new(SSHD).is_file(),
            "{SSHD} is missing: install openssh-server (scripts/test does)"
        );
        let run = Path::new("/run/sshd");
        if !run.is_dir() {
            let _ = std::fs::create_dir_all(run);
            assert!(
                run.is_dir(),
                "sshd needs the directory /run/sshd: create it as root (scripts/test does)"
            );
        }
        let dir = tempfile::Builder::new()
            .prefix("flux-rs-sshd-")
            .tempdir()
            .unwrap();
        let mut host_keys = Vec::new();
        let mut host_key_lines = String::new();
        for (name, kind) in [
            ("ssh_host_ed25519_key", &["-t", "ed25519"][..]),
            ("ssh_host_ecdsa_key", &["-t", "ecdsa", "-b", "256"][..]),
        ] {
            let path = dir.path().join(name);
            keygen(kind, &path);
            let public = std::fs::read_to_string(path.with_extension("pub")).unwrap();
            let mut fields = public.split_whitespace();
            host_keys.push(format!("{} {}", fields.next().unwrap(), fields.next().unwrap()));
            host_key_lines.push_str("HostKey ");
            host_key_lines.push_str(&path.display().to_string());
            host_key_lines.push('\n');
        }
        let authorized = dir.path().join("authorized_keys");
        std::fs::write(&authorized, "").unwrap();
        let read_only = dir.path().join("git-read-only");
        std::fs::write(
            &read_only,
            "#!/bin/sh\n# Forced command of read-only keys: fetches only, as a Git host's read-only deploy key.\n\
             case \"$SSH_ORIGINAL_COMMAND\" in\n\
             \"git-upload-pack \"*|\"git upload-pack \"*) exec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\" ;;\n\
             esac\n\
             echo \"ERROR: this key is read-only\" >&2\nexit 1\n",
        )
        .unwrap();
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&read_only, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let user = current_user();
        let mut last_log = String::new();
        // A port can be taken between choosing and binding it: try a few.
        for _ in 0..5 {
            let port = free_port();
            let config = dir.path().join("sshd_config");
            let log = dir.path().join("sshd.log");
            std::fs::write(
                &config,
                format!(
                    "Port {port}\nListenAddress 127.0.0.1\n{host_key_lines}\
                     AuthorizedKeysFile {}\nPidFile {}\n\
                     PasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                     PubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
                     StrictModes no\nUsePAM no\nLogLevel VERBOSE\nMaxStartups 100\n\
                     AllowUsers {user}\n",
                    authorized.display(),
                    dir.path().join("sshd.pid").display()
                ),
            )
            .unwrap();
            let mut child = Command::new(SSHD)
                .arg("-D")
                .arg("-f")
                .arg(&config)
                .arg("-E")
                .arg(&log)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start sshd");
            if wait_ready(&mut child, port, Duration::from_secs(10)) {
                return Sshd {
                    port,
                    user,
                    dir,
                    child,
                    host_keys,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
            last_log = std::fs::read_to_string(&log).unwrap_or_default();
        }
        panic!("sshd did not start:\n{last_log}");
    }

    /// Lets a public key (an `authorized_keys` line) log in.
    pub fn authorize(&self, public_key: &str) {
        let path = self.dir.path().join("authorized_keys");
        let mut f = std::fs::OpenOptions::new().append(true).open(path).unwrap();
        writeln!(f, "{}", public_key.trim()).unwrap();
    }

    /// Lets a public key log in for fetches only (pushes are refused, as a read-only deploy
    /// key on a Git host).
    pub fn authorize_read_only(&self, public_key: &str) {
        self.access().authorize(public_key, true);
    }

    /// A handle that authorizes keys, for code that cannot hold the fixture (a fake server).
    pub fn access(&self) -> SshdAccess {
        SshdAccess {
            authorized_keys: self.dir.path().join("authorized_keys"),
            read_only_command: self.dir.path().join("git-read-only"),
        }
    }

    /// Removes every authorized key.
    pub fn revoke_all(&self) {
        std::fs::write(self.dir.path().join("authorized_keys"), "").unwrap();
    }

    /// Creates an empty bare repository served by this sshd.
    pub fn bare_repo(&self, name: &str) -> PathBuf {
        let path = self.dir.path().join("repos").join(format!("{name}.git"));
        std::fs::create_dir_all(&path).unwrap();
        let out = Command::new("git")
            .args(["init", "--bare", "-q", "-b", "main"])
            .arg(&path)
            .output()
            .expect("run git");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        path
    }

    /// The `ssh://` URL of a repository on this server.
    pub fn url(&self, repo: &Path) -> String {
        format!("ssh://{}@127.0.0.1:{}{}", self.user, self.port, repo.display())
    }

    /// `known_hosts` lines for every host key of this server (`[127.0.0.1]:<port> …`).
    pub fn known_hosts(&self) -> String {
        let mut out = String::new();
        for k in &self.host_keys {
            let _ = writeln!(out, "[127.0.0.1]:{} {k}", self.port);
        }
        out
    }

    /// The host public keys (`type base64`).
    pub fn host_keys(&self) -> &[String] {
        &self.host_keys
    }

    /// The server's log (authentication decisions at VERBOSE level).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("sshd.log")).unwrap_or_default()
    }

    /// The fixture's own directory (host keys, config, repositories).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }
}

/// Authorizes keys of an [`Sshd`].
#[derive(Clone, Debug)]
pub struct SshdAccess {
    authorized_keys: PathBuf,
    read_only_command: PathBuf,
}

impl SshdAccess {
    /// Lets a public key log in (read-only: fetches only).
    pub fn authorize(&self, public_key: &str, read_only: bool) {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(&self.authorized_keys)
            .unwrap();
        if read_only {
            writeln!(
                f,
                "restrict,command=\"{}\" {}",
                self.read_only_command.display(),
                public_key.trim()
            )
            .unwrap();
        } else {
            writeln!(f, "{}", public_key.trim()).unwrap();
        }
    }
}

/// Waits until the server sends its SSH banner (false if it exits or the time is up).
fn wait_ready(child: &mut Child, port: u16, timeout: Duration) -> bool {
    let deadline = Instant::now() + timeout;
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if let Ok(mut s) = TcpStream::connect_timeout(&addr, Duration::from_millis(200)) {
            let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
            let mut buf = [0u8; 8];
            if s.read_exact(&mut buf).is_ok() && buf.starts_with(b"SSH-2.0") {
                let _ = s.write_all(b"SSH-2.0-probe\r\n");
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    false
}

impl Drop for Sshd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
