//! A real Git smart-HTTP server on loopback for tests: a small HTTP/1.1 server in front of
//! `git http-backend` (CGI), serving bare repositories made by the test, optionally behind
//! basic or bearer authentication. Stopped when dropped.
//!
//! ```ignore
//! let srv = GitHttp::start(HttpAuth::Basic { user: "git".into(), password: "pw".into() });
//! let bare = srv.bare_repo("apps");          // git init --bare
//! let url = srv.url("apps");                 // http://127.0.0.1:<port>/apps.git
//! ```

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use base64::Engine as _;

/// Who may fetch.
#[derive(Clone, Debug)]
pub enum HttpAuth {
    /// Anyone.
    None,
    /// HTTP basic authentication.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(String),
}

/// A running server.
pub struct GitHttp {
    /// The port (127.0.0.1).
    pub port: u16,
    root: tempfile::TempDir,
    stop: Arc<AtomicBool>,
    log: Arc<Mutex<Vec<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn read_request<S: Read>(r: &mut BufReader<S>) -> Option<Request> {
    let mut line = String::new();
    if r.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut req = Request {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    if let Some(len) = req.header("content-length").and_then(|l| l.parse::<usize>().ok()) {
        let mut body = vec![0; len];
        r.read_exact(&mut body).ok()?;
        req.body = body;
    } else if req
        .header("transfer-encoding")
        .is_some_and(|t| t.eq_ignore_ascii_case("chunked"))
    {
        loop {
            let mut size = String::new();
            r.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim().split(';').next()?, 16).ok()?;
            let mut chunk = vec![0; size + 2];
            r.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            req.body.extend_from_slice(&chunk[..size]);
        }
    }
    Some(req)
}

fn respond(
    w: &mut impl Write,
    status: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut out = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len()).into_bytes();
    for (k, v) in headers {
        out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(body);
    w.write_all(&out)?;
    w.flush()
}

fn authorized(auth: &HttpAuth, req: &Request) -> bool {
    let given = req.header("authorization").unwrap_or_default();
    match auth {
        HttpAuth::None => true,
        HttpAuth::Basic { user, password } => {
            let want = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
            given == format!("Basic {want}")
        }
        HttpAuth::Bearer(token) => given == format!("Bearer {token}"),
    }
}

/// Runs `git http-backend` for one request: (status line, headers, body). An authenticated
/// user (`REMOTE_USER`) may push, as behind a real server; anonymous requests only fetch.
fn cgi(root: &Path, req: &Request, user: Option<&str>) -> (String, Vec<(String, String)>, Vec<u8>) {
    let (path, query) = req.target.split_once('?').unwrap_or((&req.target, ""));
    let mut cmd = Command::new("git");
    cmd.arg("http-backend")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("GIT_PROJECT_ROOT", root)
        .env("GIT_HTTP_EXPORT_ALL", "1")
        .env("REQUEST_METHOD", &req.method)
        .env("PATH_INFO", path)
        .env("QUERY_STRING", query)
        .env("REMOTE_ADDR", "127.0.0.1")
        .env("CONTENT_LENGTH", req.body.len().to_string())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    if let Some(ct) = req.header("content-type") {
        cmd.env("CONTENT_TYPE", ct);
    }
    if let Some(u) = user {
        cmd.env("REMOTE_USER", u);
    }
    if let Some(p) = req.header("git-protocol") {
        cmd.env("GIT_PROTOCOL", p);
    }
    if let Some(e) = req.header("content-encoding") {
        cmd.env("HTTP_CONTENT_ENCODING", e);
    }
    let mut child = cmd.spawn().expect("run git http-backend");
    let mut stdin = child.stdin.take().unwrap();
    let body = req.body.clone();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&body);
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    let raw = out.stdout;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, 4))
        .or_else(|| raw.windows(2).position(|w| w == b"\n\n").map(|p| (p, 2)));
    let Some((end, sep)) = split else {
        return ("500 Internal Server Error".into(), Vec::new(), raw);
    };
    let mut status = "200 OK".to_string();
    let mut headers = Vec::new();
    for line in String::from_utf8_lossy(&raw[..end]).lines() {
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("status") {
                status = v.trim().to_string();
            } else {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
    }
    (status, headers, raw[end + sep..].to_vec())
}

fn serve<S: Read + Write>(stream: S, root: &Path, auth: &HttpAuth, log: &Mutex<Vec<String>>) {
    let mut r = BufReader::new(stream);
    while let Some(req) = read_request(&mut r) {
        let user = match auth {
            HttpAuth::None => None,
            HttpAuth::Basic { user, .. } => Some(user.as_str()),
            HttpAuth::Bearer(_) => Some("bearer"),
        };
        let (status, headers, body) = if authorized(auth, &req) {
            cgi(root, &req, user)
        } else {
            let challenge = match auth {
                HttpAuth::Bearer(_) => "Bearer realm=\"git\"",
                _ => "Basic realm=\"git\"",
            };
            (
                "401 Unauthorized".to_string(),
                vec![("WWW-Authenticate".to_string(), challenge.to_string())],
                Vec::new(),
            )
        };
        log.lock()
            .unwrap()
            .push(format!("{} {} {}", req.method, req.target, &status[..3]));
        if respond(r.get_mut(), &status, &headers, &body).is_err() {
            return;
        }
    }
}

impl GitHttp {
    /// Starts the server on a free loopback port.
    pub fn start(auth: HttpAuth) -> GitHttp {
        GitHttp::start_with(auth, None)
    }

    /// Starts the server over HTTPS with a PEM certificate chain and key (URLs stay
    /// `http://…` from [`GitHttp::url`]; use [`GitHttp::https_url`]).
    pub fn start_tls(auth: HttpAuth, cert_pem: &[u8], key_pem: &[u8]) -> GitHttp {
        use rustls::pki_types::pem::PemObject;
        use rustls::pki_types::{CertificateDer, PrivateKeyDer};
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(cert_pem)
            .collect::<Result<_, _>>()
            .unwrap();
        let key = PrivateKeyDer::from_pem_slice(key_pem).unwrap();
        let config =
            rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
                .with_safe_default_protocol_versions()
                .unwrap()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .unwrap();
        GitHttp::start_with(auth, Some(Arc::new(config)))
    }

    fn start_with(auth: HttpAuth, tls: Option<Arc<rustls::ServerConfig>>) -> GitHttp {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let root = tempfile::Builder::new()
            .prefix("flux-rs-http-")
            .tempdir()
            .unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (root_path, stop2, log2) = (root.path().to_path_buf(), stop.clone(), log.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let (root, auth, log) = (root_path.clone(), auth.clone(), log2.clone());
                let tls = tls.clone();
                std::thread::spawn(move || match tls {
                    None => serve(stream, &root, &auth, &log),
                    Some(config) => {
                        let Ok(conn) = rustls::ServerConnection::new(config) else {
                            return;
                        };
                        serve(rustls::StreamOwned::new(conn, stream), &root, &auth, &log);
                    }
                });
            }
        });
        GitHttp {
            port,
            root,
            stop,
            log,
            thread: Some(thread),
        }
    }

    /// Creates an empty bare repository `<name>.git`.
    pub fn bare_repo(&self, name: &str) -> PathBuf {
        let path = self.root.path().join(format!("{name}.git"));
        let out = Command::new("git")
            .args(["init", "--bare", "-q", "-b", "main"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        path
    }

    /// The directory the repositories are served from.
    pub fn root(&self) -> &Path {
        self.root.path()
    }

    /// The URL of a repository.
    pub fn url(&self, name: &str) -> String {
        format!("http://127.0.0.1:{}/{name}.git", self.port)
    }

    /// The HTTPS URL of a repository (servers from [`GitHttp::start_tls`]).
    pub fn https_url(&self, name: &str) -> String {
        format!("https://127.0.0.1:{}/{name}.git", self.port)
    }

    /// Requests so far: `METHOD target status`.
    pub fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for GitHttp {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
