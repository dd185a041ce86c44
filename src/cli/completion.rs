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
    String::from_utf8_lossy(&buf).into_owned()
}

/// Runs `completion`.
pub fn run(ctx: &CliContext, args: &CompletionArgs) -> anyhow::Result<()> {
    ctx.printer.data(render(args.shell));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
