//! Bad kubeconfig, unreachable server and missing context: one clear line and exit 1.

use crate::harness::{flux_bare, kubeconfig};

fn assert_one_line_error(stderr: &str, needle: &str) {
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("✗ ")).collect();
    assert_eq!(errors.len(), 1, "exactly one error line expected:\n{stderr}");
    assert!(
        errors[0].contains(needle),
        "{:?} should mention {needle:?}",
        errors[0]
    );
    assert!(
        !stderr.contains("panicked") && !stderr.contains("backtrace"),
        "{stderr}"
    );
}

#[test]
fn missing_kubeconfig_file() {
    let r = flux_bare(&["check", "--kubeconfig", "/nonexistent/kubeconfig"], &[]);
    r.code(1);
    assert_one_line_error(
        &r.stderr,
        "kubeconfig /nonexistent/kubeconfig: No such file or directory",
    );
}

#[test]
fn invalid_kubeconfig_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    std::fs::write(&path, "clusters: [\n").unwrap();
    let r = flux_bare(&["check", "--kubeconfig", path.to_str().unwrap()], &[]);
    r.code(1);
    assert_one_line_error(&r.stderr, "invalid YAML");
}

#[test]
fn unreachable_server() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters: [{{name: c, cluster: {{server: 'https://127.0.0.1:{port}', insecure-skip-tls-verify: true}}}}]\n\
             users: [{{name: u, user: {{token: t}}}}]\ncontexts: [{{name: x, context: {{cluster: c, user: u}}}}]\ncurrent-context: x\n"
        ),
    )
    .unwrap();
    for args in [&["check"][..], &["install"][..], &["uninstall", "-s"][..]] {
        let mut full = args.to_vec();
        full.extend(["--kubeconfig", path.to_str().unwrap()]);
        let r = flux_bare(&full, &[]);
        r.code(1);
        assert_one_line_error(&r.stderr, "unable to reach the Kubernetes API server");
    }
}

fn kubeconfig_for(path: &std::path::Path, server: &str) {
    std::fs::write(
        path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters: [{{name: c, cluster: {{server: '{server}', insecure-skip-tls-verify: true}}}}]\n\
             users: [{{name: u, user: {{token: t}}}}]\ncontexts: [{{name: x, context: {{cluster: c, user: u}}}}]\ncurrent-context: x\n"
        ),
    )
    .unwrap();
}

/// A connection failure names the server and the kubeconfig, whether it came from
/// --kubeconfig or KUBECONFIG; a server that accepts connections but never answers is
/// reported as unreachable, not as a timeout to raise.
#[test]
fn connection_failures_name_the_server_and_the_kubeconfig() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config");
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = format!("https://127.0.0.1:{port}");
    kubeconfig_for(&path, &server);
    let p = path.to_str().unwrap();
    let want = format!("(server {server}, kubeconfig {p})");
    let r = flux_bare(&["get", "ks", "--kubeconfig", p], &[]);
    r.code(1);
    assert_one_line_error(&r.stderr, "unable to reach the Kubernetes API server");
    assert_one_line_error(&r.stderr, &want);
    let r = flux_bare(&["get", "ks"], &[("KUBECONFIG", p)]);
    r.code(1);
    assert_one_line_error(&r.stderr, &want);
    // diff keeps its own exit code for errors.
    let r = flux_bare(&["diff", "ks", "x", "--path", "."], &[("KUBECONFIG", p)]);
    r.code(2);
    assert_one_line_error(&r.stderr, &want);

    // Accepts, never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let server = format!("https://{}", silent.local_addr().unwrap());
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for c in silent.incoming().take(4) {
            open.push(c);
        }
        std::thread::sleep(std::time::Duration::from_secs(30));
    });
    kubeconfig_for(&path, &server);
    let r = flux_bare(&["get", "ks", "--timeout", "3s"], &[("KUBECONFIG", p)]);
    r.code(1);
    assert_one_line_error(
        &r.stderr,
        "unable to reach the Kubernetes API server: no answer within 3s",
    );
    assert_one_line_error(&r.stderr, &format!("(server {server}, kubeconfig {p})"));
    assert!(!r.stderr.contains("raise --timeout"), "{}", r.stderr);
    drop(held);
}

#[test]
fn missing_context() {
    let kc = kubeconfig();
    let r = flux_bare(
        &[
            "check",
            "--kubeconfig",
            kc.to_str().unwrap(),
            "--context",
            "no-such-context",
        ],
        &[],
    );
    r.code(1);
    assert_one_line_error(&r.stderr, "context \"no-such-context\" not found in kubeconfig");
}

#[test]
fn usage_errors_exit_non_zero_without_a_panic() {
    let r = flux_bare(&["--timeout", "soon", "version", "--client"], &[]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("invalid duration"), "{}", r.stderr);
    let r = flux_bare(&["-n", "Not_Valid", "version", "--client"], &[]);
    assert_ne!(r.code, 0);
    assert!(r.stderr.contains("DNS-1123"), "{}", r.stderr);
}

/// Every usage error exits 2, whether clap finds it (unknown command or flag, bad value) or
/// the command does (flags that do not go together, a value clap cannot check), before any
/// connection is made, with one clear line.
#[test]
fn usage_errors_exit_2_in_every_command() {
    let clap_errors: &[&[&str]] = &[
        &["frobnicate"],
        &["get", "ks", "--bogus"],
        &["get", "ks", "-o", "bogus"],
        &["reconcile", "ks"],
        &["--timeout", "soon", "version", "--client"],
        &["completion", "tcsh"],
    ];
    for args in clap_errors {
        let r = flux_bare(args, &[]);
        assert_eq!(r.code, 2, "{args:?}\n{}", r.stderr);
        assert!(r.stderr.contains("error:"), "{args:?}\n{}", r.stderr);
    }
    let command_errors: &[(&[&str], &str)] = &[
        (&["suspend", "ks"], "name is required"),
        (&["resume", "ks", "a", "--all"], "not both"),
        (&["export", "source", "git"], "name is required"),
        (&["events", "--for", "/x"], "--for must be KIND or KIND/NAME"),
        (&["trace", "deployment"], "TYPE NAME or TYPE/NAME"),
        (
            &["delete", "source", "git", "x", "--keep-objects", "-s"],
            "--keep-objects",
        ),
        (&["get", "all", "--watch"], "--watch needs one kind"),
        (
            &["create", "ks", "x", "--source", "Bucket/y", "--export"],
            "invalid --source",
        ),
        (
            &["create", "source", "git", "x", "--url", "file:///x", "--export"],
            "a Git ref is required",
        ),
        (
            &[
                "create",
                "source",
                "git",
                "x",
                "--url",
                "file:///x",
                "--branch",
                "main",
                "--label",
                "bad",
                "--export",
            ],
            "invalid label",
        ),
        (
            &[
                "create",
                "secret",
                "git",
                "x",
                "--url",
                "https://example.com/x",
                "--export",
            ],
            "--username",
        ),
    ];
    for (args, needle) in command_errors {
        let r = flux_bare(args, &[("KUBECONFIG", "/nonexistent/kubeconfig")]);
        assert_eq!(r.code, 2, "{args:?}\n{}", r.stderr);
        assert_one_line_error(&r.stderr, needle);
    }
}

/// `--help` of every command, nested ones included, ends with the exit codes.
#[test]
fn help_documents_the_exit_codes() {
    for args in [
        &["--help"][..],
        &["get", "ks", "--help"],
        &["resume", "source", "git", "--help"],
    ] {
        let r = flux_bare(args, &[]);
        r.success();
        assert!(
            r.stdout.contains("Exit codes:") && r.stdout.contains("2  a usage error"),
            "{args:?}\n{}",
            r.stdout
        );
    }
}
