//! A local stand-in for the GitHub REST API — the only fake in the product's tests, because
//! GitHub cannot be reached from here. It serves exactly the endpoints `bootstrap github`
//! uses, with JSON shaped as GitHub's (octocrab's models are strict):
//!
//! * `GET /repos/{owner}/{repo}` (404 until created), `POST /orgs/{org}/repos`,
//!   `POST /user/repos` — creating a repository makes a real bare repository (with a README
//!   commit on `main`, as `auto_init` does) in the smart-HTTP Git fixture, whose URL is the
//!   `clone_url`, and whose path the sshd fixture serves as the `ssh_url`;
//! * `GET|POST /repos/{owner}/{repo}/keys`, `DELETE /repos/{owner}/{repo}/keys/{id}` — a
//!   registered deploy key is authorized in the sshd fixture (read-only keys may only fetch);
//! * `PUT /orgs/{org}/teams/{slug}/repos/{owner}/{repo}`;
//! * `POST /repos/{owner}/{repo}/statuses/{sha}` — commit statuses (the notification
//!   provider `github`), recorded as sent.
//!
//! Paths may carry GitHub Enterprise's `/api/v3` prefix.
//!
//! Every request must carry the token (`Authorization: Bearer <token>` or `token <token>`).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::gitrepo::git;
use crate::sshd::SshdAccess;

/// A deploy key as stored (fields named as GitHub names them).
#[derive(Clone, Debug)]
#[allow(clippy::struct_field_names)]
pub struct Key {
    /// Id.
    pub id: u64,
    /// Title (the name).
    pub title: String,
    /// Public key line.
    pub key: String,
    /// Read-only.
    pub read_only: bool,
}

/// The fake's state.
#[derive(Debug, Default)]
pub struct State {
    /// Created repositories: (owner, name, private).
    pub repos: Vec<(String, String, bool)>,
    /// Deploy keys.
    pub keys: Vec<Key>,
    /// Team grants: (org, slug, permission).
    pub teams: Vec<(String, String, String)>,
    /// Requests: `METHOD path status`.
    pub log: Vec<String>,
    /// Commit statuses: (`owner/repo`, sha, the request body).
    pub statuses: Vec<(String, String, Value)>,
    next_id: u64,
}

struct Config {
    token: String,
    /// Root of the HTTP Git fixture (bare repositories are made here).
    git_root: PathBuf,
    /// Base URL of the HTTP Git fixture.
    git_http: String,
    /// `ssh://user@127.0.0.1:port` of the sshd fixture.
    ssh_base: String,
    sshd: Option<SshdAccess>,
}

/// A running fake.
pub struct GitHubFake {
    /// Its port (127.0.0.1).
    pub port: u16,
    /// What it saw and holds.
    pub state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

fn author(login: &str, kind: &str) -> Value {
    let api = format!("https://api.github.com/users/{login}");
    json!({
        "login": login, "id": 4242, "node_id": "MDQ6VXNlcjQyNDI=",
        "avatar_url": "https://avatars.githubusercontent.com/u/4242?v=4", "gravatar_id": "",
        "url": api, "html_url": format!("https://github.com/{login}"),
        "followers_url": format!("{api}/followers"), "following_url": format!("{api}/following{{/other_user}}"),
        "gists_url": format!("{api}/gists{{/gist_id}}"), "starred_url": format!("{api}/starred{{/owner}}{{/repo}}"),
        "subscriptions_url": format!("{api}/subscriptions"), "organizations_url": format!("{api}/orgs"),
        "repos_url": format!("{api}/repos"), "events_url": format!("{api}/events{{/privacy}}"),
        "received_events_url": format!("{api}/received_events"), "type": kind, "site_admin": false
    })
}

impl Config {
    fn repo_path(&self, name: &str) -> PathBuf {
        self.git_root.join(format!("{name}.git"))
    }

    fn repo_json(&self, owner: &str, name: &str, private: bool, personal: bool) -> Value {
        let api = format!("https://api.github.com/repos/{owner}/{name}");
        json!({
            "id": 1_296_269, "node_id": "MDEwOlJlcG9zaXRvcnkxMjk2MjY5", "name": name,
            "full_name": format!("{owner}/{name}"),
            "owner": author(owner, if personal { "User" } else { "Organization" }),
            "private": private, "html_url": format!("https://github.com/{owner}/{name}"),
            "description": null, "fork": false, "url": api,
            "keys_url": format!("{api}/keys{{/key_id}}"), "teams_url": format!("{api}/teams"),
            "clone_url": format!("{}/{name}.git", self.git_http),
            "git_url": format!("git://github.com/{owner}/{name}.git"),
            "ssh_url": format!("{}{}", self.ssh_base, self.repo_path(name).display()),
            "svn_url": format!("https://github.com/{owner}/{name}"),
            "default_branch": "main", "visibility": if private { "private" } else { "public" },
            "archived": false, "disabled": false, "size": 0,
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
            "pushed_at": "2024-01-01T00:00:00Z"
        })
    }

    fn key_json(owner: &str, name: &str, k: &Key) -> Value {
        json!({
            "id": k.id, "key": k.key, "url": format!("https://api.github.com/repos/{owner}/{name}/keys/{}", k.id),
            "title": k.title, "verified": true, "created_at": "2024-01-01T00:00:00Z",
            "read_only": k.read_only, "added_by": "acme-bot", "last_used": null, "enabled": true
        })
    }
}

fn not_found() -> (u16, Value) {
    (
        404,
        json!({"message": "Not Found", "documentation_url": "https://docs.github.com/rest", "status": "404"}),
    )
}

fn handle(cfg: &Config, state: &Mutex<State>, method: &str, path: &str, body: &[u8]) -> (u16, Value) {
    let path = path.strip_prefix("/api/v3").unwrap_or(path);
    let parts: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let body: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let mut st = state.lock().unwrap();
    let created = |st: &State, owner: &str, name: &str| {
        st.repos
            .iter()
            .find(|(o, n, _)| o == owner && n == name)
            .map(|(_, _, p)| *p)
    };
    match (method, parts.as_slice()) {
        ("POST", ["repos", owner, name, "statuses", sha]) => {
            st.statuses
                .push((format!("{owner}/{name}"), (*sha).to_string(), body.clone()));
            (
                201,
                json!({"id": st.statuses.len(), "state": body["state"], "context": body["context"]}),
            )
        }
        ("GET", ["repos", owner, name]) => match created(&st, owner, name) {
            Some(private) => (200, cfg.repo_json(owner, name, private, false)),
            None => not_found(),
        },
        ("POST", ["orgs", _, "repos"] | ["user", "repos"]) => {
            let owner = if parts[0] == "user" {
                "me"
            } else {
                owner_of(&parts)
            };
            let name = body["name"].as_str().unwrap_or_default().to_string();
            let private = body["private"].as_bool().unwrap_or(false);
            let path = cfg.repo_path(&name);
            let out = std::process::Command::new("git")
                .args(["init", "--bare", "-q", "-b", "main"])
                .arg(&path)
                .output()
                .unwrap();
            assert!(out.status.success());
            if body["auto_init"].as_bool() == Some(true) {
                let work = tempfile::tempdir().unwrap();
                git(work.path(), &["init", "-q", "-b", "main"]);
                std::fs::write(work.path().join("README.md"), format!("# {name}\n")).unwrap();
                git(work.path(), &["add", "-A"]);
                git(work.path(), &["commit", "-q", "-m", "Initial commit"]);
                git(work.path(), &["push", "-q", path.to_str().unwrap(), "main"]);
            }
            st.repos.push((owner.to_string(), name.clone(), private));
            (201, cfg.repo_json(owner, &name, private, parts[0] == "user"))
        }
        ("GET", ["repos", owner, name, "keys"]) => {
            if created(&st, owner, name).is_none() {
                return not_found();
            }
            let keys: Vec<Value> = st.keys.iter().map(|k| Config::key_json(owner, name, k)).collect();
            (200, Value::Array(keys))
        }
        ("POST", ["repos", owner, name, "keys"]) => {
            if created(&st, owner, name).is_none() {
                return not_found();
            }
            st.next_id += 1;
            let key = Key {
                id: st.next_id,
                title: body["title"].as_str().unwrap_or_default().to_string(),
                key: body["key"].as_str().unwrap_or_default().to_string(),
                read_only: body["read_only"].as_bool().unwrap_or(true),
            };
            if st.keys.iter().any(|k| k.key == key.key) {
                return (
                    422,
                    json!({"message": "Validation Failed", "errors": [{"resource": "PublicKey", "code": "custom",
                        "field": "key", "message": "key is already in use"}], "documentation_url": "https://docs.github.com/rest"}),
                );
            }
            if let Some(sshd) = &cfg.sshd {
                sshd.authorize(&key.key, key.read_only);
            }
            let v = Config::key_json(owner, name, &key);
            st.keys.push(key);
            (201, v)
        }
        ("DELETE", ["repos", _, _, "keys", id]) => {
            let id: u64 = id.parse().unwrap_or(0);
            let before = st.keys.len();
            st.keys.retain(|k| k.id != id);
            if st.keys.len() == before {
                return not_found();
            }
            (204, Value::Null)
        }
        ("PUT", ["orgs", org, "teams", slug, "repos", _, _]) => {
            let permission = body["permission"].as_str().unwrap_or("pull").to_string();
            st.teams
                .push(((*org).to_string(), (*slug).to_string(), permission));
            (204, Value::Null)
        }
        _ => not_found(),
    }
}

fn owner_of<'a>(parts: &[&'a str]) -> &'a str {
    parts.get(1).copied().unwrap_or_default()
}

fn serve(stream: TcpStream, cfg: &Config, state: &Mutex<State>) {
    let mut w = stream.try_clone().unwrap();
    let mut r = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut it = line.split_whitespace();
        let (method, target) = (
            it.next().unwrap_or("").to_string(),
            it.next().unwrap_or("").to_string(),
        );
        let mut len = 0;
        let mut auth = String::new();
        loop {
            let mut h = String::new();
            if r.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
                if k.eq_ignore_ascii_case("authorization") {
                    auth = v.trim().to_string();
                }
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let path = target.split('?').next().unwrap_or_default().to_string();
        let (status, value) = if auth == format!("Bearer {}", cfg.token)
            || auth == format!("token {}", cfg.token)
        {
            handle(cfg, state, &method, &path, &body)
        } else {
            (
                401,
                json!({"message": "Bad credentials", "documentation_url": "https://docs.github.com/rest", "status": "401"}),
            )
        };
        state
            .lock()
            .unwrap()
            .log
            .push(format!("{method} {path} {status}"));
        let body = if status == 204 {
            Vec::new()
        } else {
            serde_json::to_vec(&value).unwrap()
        };
        let reason = match status {
            200 => "OK",
            201 => "Created",
            204 => "No Content",
            401 => "Unauthorized",
            404 => "Not Found",
            _ => "Unprocessable Entity",
        };
        let head = format!(
            "HTTP/1.1 {status} {reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
            body.len()
        );
        if w.write_all(head.as_bytes())
            .and_then(|()| w.write_all(&body))
            .is_err()
        {
            return;
        }
        let _ = w.flush();
    }
}

impl GitHubFake {
    /// Starts the fake: repositories live in `git_root` (served by the HTTP Git fixture at
    /// `git_http`, and by the sshd fixture at `ssh_base` + path), keys are authorized with
    /// `sshd`.
    pub fn start(
        token: &str,
        git_root: PathBuf,
        git_http: String,
        ssh_base: String,
        sshd: SshdAccess,
    ) -> GitHubFake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let cfg = Arc::new(Config {
            token: token.to_string(),
            git_root,
            git_http,
            ssh_base,
            sshd: Some(sshd),
        });
        let (state2, stop2) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let (cfg, state) = (cfg.clone(), state2.clone());
                std::thread::spawn(move || serve(stream, &cfg, &state));
            }
        });
        GitHubFake {
            port,
            state,
            stop,
            thread: Some(thread),
        }
    }

    /// The fake with only the API (no Git fixtures: creating repositories is not served).
    pub fn start_api(token: &str) -> GitHubFake {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let cfg = Arc::new(Config {
            token: token.to_string(),
            git_root: PathBuf::from("/nonexistent"),
            git_http: String::new(),
            ssh_base: String::new(),
            sshd: None,
        });
        let (state2, stop2) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                let (cfg, state) = (cfg.clone(), state2.clone());
                std::thread::spawn(move || serve(stream, &cfg, &state));
            }
        });
        GitHubFake {
            port,
            state,
            stop,
            thread: Some(thread),
        }
    }

    /// The API base URL.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for GitHubFake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
