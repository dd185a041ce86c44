//! Controller processes started by tests: the `flux-rs controller` binary itself
//! (`controller_e2e.rs`) or this test binary's recorder entry point (`leader.rs`). Their
//! stderr (JSON logs) is collected; the HTTP endpoints are found from the start-up log line.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::recorder::{eventually, http_get};

/// A running controller process, killed when dropped.
pub struct ControllerProcess {
    /// Name used in messages.
    pub name: String,
    /// The process.
    pub child: Child,
    logs: Arc<Mutex<Vec<String>>>,
    _keep: Vec<tempfile::TempDir>,
}

impl ControllerProcess {
    /// Starts `cmd` (which must log JSON lines on stderr, as `--log-encoding=json` does), with
    /// stdin and stdout closed; `keep` are directories removed when the process is dropped.
    pub fn spawn(name: &str, mut cmd: Command, keep: Vec<tempfile::TempDir>) -> Self {
        let mut child = cmd
            .env_remove("RUST_LOG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let logs = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = logs.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        ControllerProcess {
            name: name.to_string(),
            child,
            logs,
            _keep: keep,
        }
    }

    /// Everything logged so far.
    pub fn logs(&self) -> String {
        self.logs.lock().unwrap().join("\n")
    }

    /// The address of an endpoint (`metrics_addr`, `health_addr`), from the start-up log line.
    pub async fn addr(&self, field: &str) -> SocketAddr {
        eventually(
            Duration::from_secs(30),
            &format!("{} logs {field}", self.name),
            || async {
                self.logs.lock().unwrap().iter().find_map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).ok()?;
                    v[field].as_str()?.parse().ok()
                })
            },
        )
        .await
    }

    /// The body of `/metrics`.
    pub async fn metrics(&self) -> String {
        let (code, body) = http_get(self.addr("metrics_addr").await, "/metrics").await;
        assert_eq!(code, 200, "{body}");
        body
    }

    /// Sends SIGTERM.
    pub fn terminate(&self) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Waits for the process to exit; returns its exit code (panics with the logs after
    /// `timeout`).
    pub fn wait_exit(&mut self, timeout: Duration) -> i32 {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            assert!(
                Instant::now() < deadline,
                "{} did not exit in {timeout:?}; logs:\n{}",
                self.name,
                self.logs()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for ControllerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
