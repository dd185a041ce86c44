//! `flux-rs completion SHELL`: completion scripts generated from the CLI definition.

use clap::Args;
use clap_complete::Shell;

use super::CliContext;

/// Flags of `completion`.
#[derive(Debug, Args)]
#[command(
    long_about = "Print a completion script for the given shell. Load it in the current shell or \
        install it where your shell looks for completions.",
    after_help = "Examples:\n  source <(flux-rs completion bash)\n  flux-rs completion zsh > \"${fpath[1]}/_flux-rs\"\n  \
        flux-rs completion fish > ~/.config/fish/completions/flux-rs.fish\n  \
        flux-rs completion powershell | Out-String | Invoke-Expression"
)]
pub struct CompletionArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: CompletionShell,
}

/// Shells with completion support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CompletionShell {
    /// Bash.
    Bash,
    /// Zsh.
    Zsh,
    /// Fish.
    Fish,
    /// PowerShell.
    Powershell,
}

impl CompletionShell {
    /// All shells, for generating every file.
    pub const ALL: [CompletionShell; 4] = [
        CompletionShell::Bash,
        CompletionShell::Zsh,
        CompletionShell::Fish,
        CompletionShell::Powershell,
    ];

    /// File name of the shell's script under `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            CompletionShell::Bash => "flux-rs.bash",
            CompletionShell::Zsh => "_flux-rs",
            CompletionShell::Fish => "flux-rs.fish",
            CompletionShell::Powershell => "_flux-rs.ps1",
        }
    }
}

/// The completion script for a shell.
pub fn render(shell: CompletionShell) -> String {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::Powershell => Shell::PowerShell,
    };
    let mut cmd = super::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "flux-rs", &mut buf);
    let script = String::from_utf8_lossy(&buf).into_owned();
    if shell == Shell::Bash {
        // clap_complete's bash generator names the states of a hyphenated binary in two
        // ways: `flux__rs__subcmd__get` where it walks the words, `flux__subcmd__rs__subcmd__get`
        // where it offers the options, so nothing past the first word completed. One name.
        return script.replace("flux__subcmd__rs", "flux__rs");
    }
    script
}

/// Runs `completion`.
pub fn run(ctx: &CliContext, args: &CompletionArgs) -> anyhow::Result<()> {
    ctx.printer.data(render(args.shell));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::process::Command;

    /// What each shell must offer: a nested subcommand, a flag and a flag's values.
    const CASES: &[(&str, &[&str])] = &[
        ("flux-rs reconcile ", &["kustomization", "source"]),
        ("flux-rs reconcile source ", &["git"]),
        ("flux-rs create secret ", &["git"]),
        ("flux-rs diff ks x --pa", &["--path"]),
        ("flux-rs get ks -o ", &["table", "wide", "yaml", "json"]),
    ];

    fn script_in(dir: &Path, shell: CompletionShell) -> std::path::PathBuf {
        let path = dir.join(shell.file_name());
        std::fs::write(&path, render(shell)).unwrap();
        path
    }

    fn shell_output(cmd: &mut Command, what: &str) -> String {
        let out = cmd
            .output()
            .unwrap_or_else(|e| panic!("cannot run {what} (scripts/test installs it): {e}"));
        assert!(
            out.status.success(),
            "{what} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn assert_offers(shell: &str, line: &str, got: &[String], want: &[&str]) {
        for w in want {
            assert!(
                got.iter().any(|g| g == w),
                "{shell}: completing {line:?} should offer {w:?}, got {got:?}"
            );
        }
    }

    /// Bash: the completion function called as bash calls it, COMPREPLY printed.
    #[test]
    fn bash_completes_past_the_first_word() {
        let dir = tempfile::tempdir().unwrap();
        let script = script_in(dir.path(), CompletionShell::Bash);
        for (line, want) in CASES {
            let words: Vec<&str> = line.split(' ').collect();
            let cword = words.len() - 1;
            let prev = if cword > 0 { words[cword - 1] } else { "" };
            let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
            let program = format!(
                "source '{}'\nCOMP_WORDS=({})\nCOMP_CWORD={cword}\nCOMP_LINE='{line}'\nCOMP_POINT=${{#COMP_LINE}}\n\
                 _flux__rs flux-rs '{}' '{prev}'\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
                script.display(),
                quoted.join(" "),
                words[cword],
            );
            let out = shell_output(Command::new("bash").args(["--norc", "-c", &program]), "bash");
            let got: Vec<String> = out.split_whitespace().map(str::to_string).collect();
            assert_offers("bash", line, &got, want);
        }
    }

    /// Fish: `complete -C` with the script loaded.
    #[test]
    fn fish_completes_past_the_first_word() {
        let dir = tempfile::tempdir().unwrap();
        let script = script_in(dir.path(), CompletionShell::Fish);
        for (line, want) in CASES {
            let program = format!("source '{}'; complete -C '{line}'", script.display());
            let out = shell_output(
                Command::new("fish")
                    .args(["--no-config", "-c", &program])
                    .env("HOME", dir.path()),
                "fish",
            );
            // Each line is `candidate<TAB>description`.
            let got: Vec<String> = out
                .lines()
                .map(|l| l.split('\t').next().unwrap_or("").to_string())
                .collect();
            assert_offers("fish", line, &got, want);
        }
    }

    /// Zsh: an interactive zsh in a pseudo-terminal (zpty) with compinit and the script on
    /// `fpath`, TAB typed after the line; `compadd` is wrapped to write what it is asked to
    /// offer to a file.
    #[test]
    fn zsh_completes_past_the_first_word() {
        let dir = tempfile::tempdir().unwrap();
        script_in(dir.path(), CompletionShell::Zsh);
        let setup = dir.path().join("setup.zsh");
        std::fs::write(
            &setup,
            r#"fpath=("$COMPLETION_DIR" $fpath)
autoload -Uz compinit
compinit -u -D
compadd() {
  # Calls that only ask what would match (-O, -A, -D) are passed through.
  if [[ " $* " == *" -"[OAD]" "* ]]; then builtin compadd "$@"; return; fi
  local -a got
  builtin compadd -A got "$@"
  print -rl -- $got >> "$COMPLETION_HITS"
  builtin compadd "$@"
}
print -r -- ready > "$COMPLETION_HITS.ready"
"#,
        )
        .unwrap();
        let driver = r#"zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z "source ${(q)COMPLETION_SETUP}"
for n in {1..100}; do [[ -e $COMPLETION_HITS.ready ]] && break; sleep 0.1; done
zpty -w -n z "$COMPLETION_LINE"$'\t'
for n in {1..100}; do [[ -s $COMPLETION_HITS ]] && break; sleep 0.1; done
sleep 0.3
zpty -d z
"#;
        for (i, (line, want)) in CASES.iter().enumerate() {
            let hits = dir.path().join(format!("hits-{i}"));
            shell_output(
                Command::new("zsh")
                    .args(["-f", "-c", driver])
                    .env("HOME", dir.path())
                    .env("COMPLETION_DIR", dir.path())
                    .env("COMPLETION_SETUP", &setup)
                    .env("COMPLETION_HITS", &hits)
                    .env("COMPLETION_LINE", line),
                "zsh",
            );
            let got: Vec<String> = std::fs::read_to_string(&hits)
                .unwrap_or_default()
                .lines()
                .map(str::to_string)
                .collect();
            assert_offers("zsh", line, &got, want);
        }
    }

    /// The committed scripts under `completions/` must match the CLI. Regenerate with
    /// `UPDATE_COMPLETIONS=1 cargo test --lib completions_are_current`.
    #[test]
    fn completions_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
        let update = std::env::var_os("UPDATE_COMPLETIONS").is_some();
        for shell in CompletionShell::ALL {
            let path = dir.join(shell.file_name());
            let want = render(shell);
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &want).unwrap();
                continue;
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                have == want,
                "{} is stale: run `UPDATE_COMPLETIONS=1 cargo test --lib completions_are_current`",
                path.display()
            );
        }
    }
}
