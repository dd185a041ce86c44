//! The GitHub provider of `bootstrap github` (octocrab): get the repository or create it
//! (for the user with `--personal`, else in the organization; private unless told
//! otherwise), grant teams access (organizations only; failures are warnings, as upstream),
//! and register the cluster's public key as a deploy key named as upstream names it —
//! read-only unless asked, replaced when a key of that name has other content.
//!
//! Endpoints used (and nothing else, so a local stand-in can serve them in tests):
//! `GET /repos/{owner}/{repo}`, `POST /user/repos`, `POST /orgs/{org}/repos`,
//! `PUT /orgs/{org}/teams/{slug}/repos/{owner}/{repo}`, `GET /repos/{owner}/{repo}/keys`,
//! `POST /repos/{owner}/{repo}/keys`, `DELETE /repos/{owner}/{repo}/keys/{id}`.

use std::time::Duration;

use octocrab::Octocrab;
use octocrab::params::teams::Permission;
use zeroize::Zeroizing;

use super::{Event, Ui};

/// The API of github.com.
pub const GITHUB_API: &str = "https://api.github.com";

/// A team given access to an organization's repository (`--team slug[:permission]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    /// The team's slug.
    pub slug: String,
    /// `pull`, `triage`, `push`, `maintain` (the default) or `admin`.
    pub permission: String,
}

/// Why a `--team` value or a team permission is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum InvalidTeam {
    /// No slug before the `:`.
    #[error("invalid team {given:?}: expected slug[:permission]")]
    NoSlug {
        /// The value given.
        given: String,
    },
    /// A permission GitHub does not have.
    #[error("invalid team permission {permission:?} (use pull, triage, push, maintain or admin)")]
    Permission {
        /// The permission given.
        permission: String,
    },
}

impl Team {
    /// Parses `slug[:permission]`.
    pub fn parse(s: &str) -> Result<Team, InvalidTeam> {
        let (slug, permission) = s.split_once(':').unwrap_or((s, "maintain"));
        if slug.is_empty() {
            return Err(InvalidTeam::NoSlug { given: s.to_string() });
        }
        permission_of(permission)?;
        Ok(Team {
            slug: slug.to_string(),
            permission: permission.to_string(),
        })
    }
}

fn permission_of(p: &str) -> Result<Permission, InvalidTeam> {
    Ok(match p {
        "pull" => Permission::Pull,
        "triage" => Permission::Triage,
        "push" => Permission::Push,
        "maintain" => Permission::Maintain,
        "admin" => Permission::Admin,
        other => {
            return Err(InvalidTeam::Permission {
                permission: other.to_string(),
            });
        }
    })
}

/// What to connect to and which repository to reconcile.
#[derive(Clone)]
pub struct GitHubOptions {
    /// The GitHub host (`github.com`, or a GitHub Enterprise host).
    pub hostname: String,
    /// The API's base URL; `None`: `https://api.github.com` for github.com, else
    /// `https://<hostname>/api/v3`.
    pub api_url: Option<String>,
    /// A personal access token.
    pub token: Zeroizing<String>,
    /// The user or organization.
    pub owner: String,
    /// The repository's name.
    pub repository: String,
    /// The owner is the token's user (else an organization).
    pub personal: bool,
    /// Create the repository private.
    pub private: bool,
    /// Teams to grant access (organizations only).
    pub teams: Vec<Team>,
}

impl GitHubOptions {
    /// The API base URL in use.
    pub fn api_url(&self) -> String {
        match &self.api_url {
            Some(u) => u.trim_end_matches('/').to_string(),
            None if self.hostname == "github.com" => GITHUB_API.to_string(),
            None => format!("https://{}/api/v3", self.hostname),
        }
    }
}

/// A failure talking to GitHub; messages name the repository and never hold the token.
#[derive(Debug, thiserror::Error)]
#[error("GitHub repository {repository}: {message}")]
pub struct GitHubError {
    /// `owner/name`.
    pub repository: String,
    /// What failed.
    pub message: String,
}

/// The repository as GitHub describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RepoInfo {
    /// The web page (`https://github.com/owner/name`), used in messages as upstream does.
    pub html_url: String,
    /// The HTTPS clone URL.
    pub clone_url: String,
    /// The SSH clone URL (`git@github.com:owner/name.git`).
    pub ssh_url: String,
    /// The default branch, if GitHub named one.
    pub default_branch: Option<String>,
}

/// A connected client for one repository.
pub struct GitHub {
    client: Octocrab,
    opts: GitHubOptions,
}

/// Whether an octocrab error is an HTTP 404.
fn is_not_found(e: &octocrab::Error) -> bool {
    matches!(e, octocrab::Error::GitHub { source, .. } if source.status_code.as_u16() == 404)
}

/// One line about an octocrab error, without the token.
fn describe(e: &octocrab::Error) -> String {
    match e {
        octocrab::Error::GitHub { source, .. } => {
            let mut m = format!("{} ({})", source.message, source.status_code);
            if let Some(errors) = &source.errors {
                let details: Vec<String> = errors
                    .iter()
                    .map(|d| {
                        d.get("message")
                            .and_then(|m| m.as_str())
                            .map_or_else(|| d.to_string(), str::to_string)
                    })
                    .collect();
                if !details.is_empty() {
                    m.push_str(": ");
                    m.push_str(&details.join("; "));
                }
            }
            m
        }
        other => {
            // Chains like "Service error: … Connection refused".
            let mut m = other.to_string();
            let mut cause = std::error::Error::source(other);
            while let Some(c) = cause {
                let s = c.to_string();
                if !m.contains(&s) {
                    m.push_str(": ");
                    m.push_str(&s);
                }
                cause = c.source();
            }
            m
        }
    }
}

/// The public key's type and base64 (a deploy key's identity; the comment is ignored).
fn key_identity(line: &str) -> String {
    line.split_whitespace().take(2).collect::<Vec<_>>().join(" ")
}

impl GitHub {
    /// A client for the options' API with the token.
    pub fn new(opts: GitHubOptions) -> Result<GitHub, GitHubError> {
        let repository = format!("{}/{}", opts.owner, opts.repository);
        let fail = |m: String| GitHubError {
            repository: repository.clone(),
            message: m,
        };
        let client = Octocrab::builder()
            .base_uri(opts.api_url())
            .map_err(|e| fail(format!("invalid API URL {}: {}", opts.api_url(), describe(&e))))?
            .personal_token(opts.token.to_string())
            .set_connect_timeout(Some(Duration::from_secs(30)))
            .set_read_timeout(Some(Duration::from_secs(60)))
            .build()
            .map_err(|e| fail(format!("cannot build the GitHub client: {}", describe(&e))))?;
        Ok(GitHub { client, opts })
    }

    fn err(&self, message: String) -> GitHubError {
        GitHubError {
            repository: format!("{}/{}", self.opts.owner, self.opts.repository),
            message,
        }
    }

    /// Gets the repository, creating it when missing, and grants the teams access.
    pub async fn reconcile_repository(&self, ui: &dyn Ui) -> Result<RepoInfo, GitHubError> {
        let (owner, name) = (&self.opts.owner, &self.opts.repository);
        ui.event(Event::Action(format!("connecting to {}", self.opts.hostname)));
        let repo = match self.client.repos(owner, name).get().await {
            Ok(r) => r,
            Err(e) if is_not_found(&e) => {
                let created = if self.opts.personal {
                    self.client
                        .current()
                        .create_repo(name)
                        .private(self.opts.private)
                        .auto_init(true)
                        .send()
                        .await
                } else {
                    self.client
                        .orgs(owner)
                        .create_repo(name)
                        .private(self.opts.private)
                        .auto_init(true)
                        .send()
                        .await
                };
                let r = created
                    .map_err(|e| self.err(format!("failed to create the repository: {}", describe(&e))))?;
                let url = r.html_url.as_ref().map_or_else(String::new, ToString::to_string);
                ui.event(Event::Success(format!("repository {url:?} created")));
                r
            }
            Err(e) => return Err(self.err(format!("failed to get the repository: {}", describe(&e)))),
        };
        let info = RepoInfo {
            html_url: repo.html_url.as_ref().map_or_else(
                || format!("https://{}/{owner}/{name}", self.opts.hostname),
                ToString::to_string,
            ),
            clone_url: repo
                .clone_url
                .as_ref()
                .map(ToString::to_string)
                .ok_or_else(|| self.err("GitHub returned no clone_url".into()))?,
            ssh_url: repo
                .ssh_url
                .clone()
                .ok_or_else(|| self.err("GitHub returned no ssh_url".into()))?,
            default_branch: repo.default_branch.clone(),
        };
        if !self.opts.personal && !self.opts.teams.is_empty() {
            ui.event(Event::Action("reconciling repository permissions".into()));
            for team in &self.opts.teams {
                let permission = permission_of(&team.permission).map_err(|e| self.err(e.to_string()))?;
                match self
                    .client
                    .teams(owner)
                    .repos(&team.slug)
                    .add_or_update(owner, name, permission)
                    .await
                {
                    Ok(()) => ui.event(Event::Success(format!(
                        "granted {:?} permissions to {:?}",
                        team.permission, team.slug
                    ))),
                    Err(e) => ui.event(Event::Failure(format!(
                        "failed to grant {:?} permissions to {:?}: {}",
                        team.permission,
                        team.slug,
                        describe(&e)
                    ))),
                }
            }
            ui.event(Event::Success("reconciled repository permissions".into()));
        }
        Ok(info)
    }

    /// Registers `public_key` as the deploy key `name` (read-only unless `read_write`).
    /// A key of that name with the same key and access is kept; one with other content is
    /// replaced. Returns whether anything changed.
    pub async fn reconcile_deploy_key(
        &self,
        name: &str,
        public_key: &str,
        read_write: bool,
    ) -> Result<bool, GitHubError> {
        let repos = self.client.repos(&self.opts.owner, &self.opts.repository);
        let keys = repos.keys();
        let mut page = keys
            .list()
            .per_page(100)
            .send()
            .await
            .map_err(|e| self.err(format!("failed to list deploy keys: {}", describe(&e))))?;
        let mut existing = Vec::new();
        loop {
            existing.extend(page.take_items());
            match self
                .client
                .get_page(&page.next)
                .await
                .map_err(|e| self.err(format!("failed to list deploy keys: {}", describe(&e))))?
            {
                Some(next) => page = next,
                None => break,
            }
        }
        let want = key_identity(public_key);
        let mut changed = false;
        for k in existing.iter().filter(|k| k.title == name) {
            if key_identity(&k.key) == want && k.read_only != read_write {
                return Ok(changed);
            }
            keys.delete(k.id)
                .await
                .map_err(|e| self.err(format!("failed to delete deploy key {name:?}: {}", describe(&e))))?;
            changed = true;
        }
        keys.create(name, public_key)
            .read_only(!read_write)
            .send()
            .await
            .map_err(|e| self.err(format!("failed to create deploy key {name:?}: {}", describe(&e))))?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teams_and_api_urls() {
        assert_eq!(
            Team::parse("platform").unwrap(),
            Team {
                slug: "platform".into(),
                permission: "maintain".into()
            }
        );
        assert_eq!(Team::parse("ops:admin").unwrap().permission, "admin");
        assert!(
            Team::parse("ops:owner")
                .unwrap_err()
                .to_string()
                .contains("owner")
        );
        let mut o = GitHubOptions {
            hostname: "github.com".into(),
            api_url: None,
            token: Zeroizing::new("t".into()),
            owner: "acme".into(),
            repository: "fleet".into(),
            personal: false,
            private: true,
            teams: Vec::new(),
        };
        assert_eq!(o.api_url(), "https://api.github.com");
        o.hostname = "git.example.com".into();
        assert_eq!(o.api_url(), "https://git.example.com/api/v3");
        o.api_url = Some("http://127.0.0.1:8080/".into());
        assert_eq!(o.api_url(), "http://127.0.0.1:8080");
        assert_eq!(key_identity("ssh-ed25519 AAAA comment"), "ssh-ed25519 AAAA");
    }
}
