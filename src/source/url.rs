//! Git repository URLs: `file://`, `ssh://`, scp-like `user@host:path`, `http://` and
//! `https://`. Parsed once, so the engine knows the transport (shallow fetches, which
//! credentials apply), the host and port a host key belongs to, and a form of the URL that is
//! safe to print (a password in the URL is replaced by `***`).

use std::fmt;

/// How a repository is reached.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// A repository on this machine (`file:///abs/path`).
    File,
    /// SSH (`ssh://` or scp-like `user@host:path`).
    Ssh,
    /// Plain HTTP.
    Http,
    /// HTTPS.
    Https,
}

impl Scheme {
    /// The scheme's name as written in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::File => "file",
            Scheme::Ssh => "ssh",
            Scheme::Http => "http",
            Scheme::Https => "https",
        }
    }

    /// Whether the transport can fetch shallow (libgit2 cannot over `file://`).
    pub fn supports_shallow(self) -> bool {
        !matches!(self, Scheme::File)
    }
}

/// A parsed repository URL.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct GitUrl {
    /// The transport.
    pub scheme: Scheme,
    /// User name given in the URL (`git` in `ssh://git@host/x`).
    pub user: Option<String>,
    /// Password given in the URL (never printed).
    password: Option<String>,
    /// Host name or address (empty for `file://`); IPv6 addresses without brackets.
    pub host: String,
    /// Port given in the URL.
    pub port: Option<u16>,
    /// Path on the server (absolute for `ssh://`, `http(s)://` and `file://`; as written for
    /// scp-like URLs, which are relative to the user's home unless they start with `/`).
    pub path: String,
    /// Whether the URL was written scp-like (`git@host:path`).
    pub scp_like: bool,
    raw: String,
}

/// A URL that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid Git URL {url:?}: {reason}")]
pub struct InvalidUrl {
    /// The URL, with any password masked.
    pub url: String,
    /// What is wrong.
    pub reason: String,
}

fn invalid(url: &str, reason: impl Into<String>) -> InvalidUrl {
    InvalidUrl {
        url: mask_userinfo(url),
        reason: reason.into(),
    }
}

/// Replaces the password of `scheme://user:password@host` by `***`.
fn mask_userinfo(url: &str) -> String {
    let Some(rest_at) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let rest = &url[rest_at..];
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    match (authority.rfind('@'), authority.find(':')) {
        (Some(at), Some(colon)) if colon < at => {
            format!("{}{}:***{}", &url[..rest_at], &authority[..colon], &rest[at..])
        }
        _ => url.to_string(),
    }
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl GitUrl {
    /// Parses a repository URL.
    pub fn parse(url: &str) -> Result<GitUrl, InvalidUrl> {
        let url = url.trim();
        if url.is_empty() {
            return Err(invalid(url, "the URL is empty"));
        }
        if url.chars().any(char::is_whitespace) {
            return Err(invalid(url, "the URL contains white space"));
        }
        if let Some(i) = url.find("://") {
            let scheme = match url[..i].to_ascii_lowercase().as_str() {
                "file" => Scheme::File,
                "ssh" | "git+ssh" | "ssh+git" => Scheme::Ssh,
                "http" => Scheme::Http,
                "https" => Scheme::Https,
                other => {
                    return Err(invalid(
                        url,
                        format!("unsupported scheme {other:?} (use https://, http://, ssh:// or file://)"),
                    ));
                }
            };
            let rest = &url[i + 3..];
            if scheme == Scheme::File {
                // file:///abs/path (an empty host) or file://localhost/abs/path.
                let path = rest.strip_prefix("localhost").unwrap_or(rest);
                if !path.starts_with('/') {
                    return Err(invalid(
                        url,
                        "a file:// URL needs an absolute path (file:///path/to/repo)",
                    ));
                }
                return Ok(GitUrl {
                    scheme,
                    user: None,
                    password: None,
                    host: String::new(),
                    port: None,
                    path: percent_decode(path),
                    scp_like: false,
                    raw: url.to_string(),
                });
            }
            let authority_end = rest.find('/').unwrap_or(rest.len());
            let (authority, path) = rest.split_at(authority_end);
            let (userinfo, hostport) = match authority.rfind('@') {
                Some(at) => (Some(&authority[..at]), &authority[at + 1..]),
                None => (None, authority),
            };
            let (user, password) = match userinfo {
                Some(ui) => match ui.split_once(':') {
                    Some((u, p)) => (Some(percent_decode(u)), Some(percent_decode(p))),
                    None => (Some(percent_decode(ui)), None),
                },
                None => (None, None),
            };
            let (host, port) = split_host_port(hostport).map_err(|r| invalid(url, r))?;
            if host.is_empty() {
                return Err(invalid(url, "the URL has no host"));
            }
            let path = if path.is_empty() {
                "/".to_string()
            } else {
                path.to_string()
            };
            return Ok(GitUrl {
                scheme,
                user: user.filter(|u| !u.is_empty()),
                password,
                host,
                port,
                path,
                scp_like: false,
                raw: url.to_string(),
            });
        }
        // scp-like: [user@]host:path (no "/" before the first ':').
        if let Some(colon) = url.find(':') {
            let (before, path) = (&url[..colon], &url[colon + 1..]);
            if !before.contains('/') && !before.is_empty() && !path.is_empty() {
                let (user, host) = match before.rfind('@') {
                    Some(at) => (Some(before[..at].to_string()), before[at + 1..].to_string()),
                    None => (None, before.to_string()),
                };
                let host = host.trim_start_matches('[').trim_end_matches(']').to_string();
                if host.is_empty() {
                    return Err(invalid(url, "the URL has no host"));
                }
                return Ok(GitUrl {
                    scheme: Scheme::Ssh,
                    user: user.filter(|u| !u.is_empty()),
                    password: None,
                    host,
                    port: None,
                    path: path.to_string(),
                    scp_like: true,
                    raw: url.to_string(),
                });
            }
        }
        Err(invalid(
            url,
            "not a URL: use https://host/path, ssh://user@host/path, user@host:path or file:///path",
        ))
    }

    /// The URL as given (may hold a password: pass it to libgit2, never print it).
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The password embedded in the URL, if any.
    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The port connections go to (SSH 22, HTTP 80, HTTPS 443 unless given).
    pub fn effective_port(&self) -> u16 {
        self.port.unwrap_or(match self.scheme {
            Scheme::Ssh => 22,
            Scheme::Http => 80,
            Scheme::Https => 443,
            Scheme::File => 0,
        })
    }

    /// The key of the local Git cache: the URL without a password, so the same repository
    /// fetched with other credentials shares one cache.
    pub fn cache_key(&self) -> String {
        mask_userinfo(&self.raw).replace(":***@", "@")
    }

    /// The same repository as an `ssh://` URL (scp-like `git@host:org/repo` becomes
    /// `ssh://git@host/org/repo`, as upstream's bootstrap writes it); other URLs unchanged.
    pub fn to_ssh_url(&self) -> String {
        if !self.scp_like {
            return self.raw.clone();
        }
        let user = self.user.as_deref().map(|u| format!("{u}@")).unwrap_or_default();
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        let path = if self.path.starts_with('/') {
            self.path.clone()
        } else {
            format!("/{}", self.path)
        };
        format!("ssh://{user}{host}{path}")
    }
}

fn split_host_port(hostport: &str) -> Result<(String, Option<u16>), String> {
    let (host, port) = if let Some(rest) = hostport.strip_prefix('[') {
        let end = rest.find(']').ok_or("unclosed '[' in the host")?;
        let host = &rest[..end];
        let after = &rest[end + 1..];
        match after.strip_prefix(':') {
            Some(p) => (host, Some(p)),
            None if after.is_empty() => (host, None),
            None => return Err("unexpected text after the host".into()),
        }
    } else {
        match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        }
    };
    let port = match port {
        None | Some("") => None,
        Some(p) => Some(
            p.parse::<u16>()
                .ok()
                .filter(|p| *p > 0)
                .ok_or_else(|| format!("invalid port {p:?}"))?,
        ),
    };
    Ok((host.to_string(), port))
}

impl fmt::Display for GitUrl {
    /// The URL with any password masked.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&mask_userinfo(&self.raw))
    }
}

impl fmt::Debug for GitUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GitUrl({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        let u = GitUrl::parse("ssh://git@127.0.0.1:2222/srv/repo.git").unwrap();
        assert_eq!(u.scheme, Scheme::Ssh);
        assert_eq!(u.user.as_deref(), Some("git"));
        assert_eq!((u.host.as_str(), u.port), ("127.0.0.1", Some(2222)));
        assert_eq!(u.path, "/srv/repo.git");
        assert_eq!(u.effective_port(), 2222);

        let u = GitUrl::parse("git@github.com:org/repo.git").unwrap();
        assert!(u.scp_like);
        assert_eq!(
            (u.scheme, u.host.as_str(), u.path.as_str(), u.effective_port()),
            (Scheme::Ssh, "github.com", "org/repo.git", 22)
        );
        assert_eq!(u.to_ssh_url(), "ssh://git@github.com/org/repo.git");

        let u = GitUrl::parse("file:///tmp/a%20b/repo").unwrap();
        assert_eq!((u.scheme, u.path.as_str()), (Scheme::File, "/tmp/a b/repo"));
        assert!(!u.scheme.supports_shallow());

        let u = GitUrl::parse("https://user:s3cret@example.com/org/repo").unwrap();
        assert_eq!(u.scheme, Scheme::Https);
        assert_eq!(u.password(), Some("s3cret"));
        assert_eq!(u.to_string(), "https://user:***@example.com/org/repo");
        assert_eq!(u.cache_key(), "https://user@example.com/org/repo");
        assert!(!format!("{u:?}").contains("s3cret"));

        let u = GitUrl::parse("ssh://[::1]:22/x").unwrap();
        assert_eq!((u.host.as_str(), u.port), ("::1", Some(22)));
        assert_eq!(GitUrl::parse("http://h").unwrap().path, "/");
    }

    #[test]
    fn bad_urls_are_clear_errors() {
        for (url, want) in [
            ("", "empty"),
            ("ftp://host/x", "unsupported scheme \"ftp\""),
            ("file://relative/path", "absolute path"),
            ("https://host:99999/x", "invalid port"),
            ("https:///x", "no host"),
            ("/just/a/path", "not a URL"),
            ("ssh://h/a b", "white space"),
        ] {
            let e = GitUrl::parse(url).unwrap_err().to_string();
            assert!(e.contains(want), "{url}: {e}");
        }
        let e = GitUrl::parse("ftp://u:pw@h/x").unwrap_err().to_string();
        assert!(!e.contains("pw@"), "{e}");
    }
}
