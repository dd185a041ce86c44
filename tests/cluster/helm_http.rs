//! A real HTTP server on loopback serving a Helm repository directory: Python's
//! `http.server` (with `Last-Modified` and `If-Modified-Since` as it implements them),
//! optionally behind HTTP Basic auth and TLS, logging each request's status to a file.
//! Stopped when dropped. Requires `python3` (installed by `scripts/test`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SERVER: &str = r#"
import base64, functools, http.server, os, ssl, sys
port_file, root, log, auth, cert, key = sys.argv[1:7]
class Handler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        if auth != "-":
            want = "Basic " + base64.b64encode(auth.encode()).decode()
            if self.headers.get("Authorization") != want:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="charts"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        return super().do_GET()
    def log_message(self, fmt, *args):
        with open(log, "a") as f:
            f.write((fmt % args) + "\n")
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=root))
if cert != "-":
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert, key)
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
"#;

/// A running server.
pub struct HelmHttp {
    /// `http(s)://127.0.0.1:<port>`.
    pub base: String,
    dir: tempfile::TempDir,
    child: Child,
}

impl HelmHttp {
    /// Serves `<tmp>/www`; `auth` is `user:password`, `tls` (chain, key) PEM.
    pub fn start(auth: Option<&str>, tls: Option<(&[u8], &[u8])>) -> HelmHttp {
        let dir = tempfile::Builder::new()
            .prefix("flux-rs-helm-http-")
            .tempdir()
            .unwrap();
        let www = dir.path().join("www");
        std::fs::create_dir(&www).unwrap();
        let (cert, key) = match tls {
            Some((c, k)) => {
                std::fs::write(dir.path().join("tls.crt"), c).unwrap();
                std::fs::write(dir.path().join("tls.key"), k).unwrap();
                (
                    dir.path().join("tls.crt").display().to_string(),
                    dir.path().join("tls.key").display().to_string(),
                )
            }
            None => ("-".into(), "-".into()),
        };
        let port_file = dir.path().join("port");
        let child = Command::new("python3")
            .arg("-c")
            .arg(SERVER)
            .arg(&port_file)
            .arg(&www)
            .arg(dir.path().join("access.log"))
            .arg(auth.unwrap_or("-"))
            .args([&cert, &key])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start python3 http.server (package python3)");
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            if let Ok(p) = std::fs::read_to_string(&port_file) {
                break p;
            }
            assert!(Instant::now() < deadline, "the Python HTTP server did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        HelmHttp {
            base: format!("{scheme}://127.0.0.1:{}", port.trim()),
            dir,
            child,
        }
    }

    /// The served directory.
    pub fn root(&self) -> PathBuf {
        self.dir.path().join("www")
    }

    /// Writes a file under the served directory.
    pub fn write(&self, path: &str, content: &str) {
        let p = self.root().join(path);
        std::fs::create_dir_all(p.parent().unwrap_or(Path::new("."))).unwrap();
        std::fs::write(p, content).unwrap();
    }

    /// The access log's lines (`"GET /index.yaml HTTP/1.1" 200 -`).
    pub fn log(&self) -> Vec<String> {
        std::fs::read_to_string(self.dir.path().join("access.log"))
            .unwrap_or_default()
            .lines()
            .map(str::to_string)
            .collect()
    }
}

impl Drop for HelmHttp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
