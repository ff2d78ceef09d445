//! `pkjwt completions`: shell completion scripts.

use clap::Args;
use clap_complete::Shell;

use super::Ui;
use crate::cli::error::CliError as Error;

/// Print a shell completion script
///
/// The scripts are also committed under completions/ in the source tree.
#[derive(Args, Debug)]
#[command(after_help = "\
Examples:
  pkjwt completions bash > ~/.local/share/bash-completion/completions/pkjwt
  pkjwt completions zsh > ~/.zfunc/_pkjwt
  pkjwt completions fish > ~/.config/fish/completions/pkjwt.fish")]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: Shell,
}

/// The completion script for `shell`.
pub fn script(shell: Shell) -> Vec<u8> {
    let mut cmd = super::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pkjwt", &mut out);
    out
}

pub fn run(ui: &Ui, a: &CompletionsArgs) -> Result<(), Error> {
    let s =
        String::from_utf8(script(a.shell)).map_err(|e| crate::Error::Internal(e.to_string()))?;
    if ui.json {
        return ui.out_json(&serde_json::json!({ "shell": a.shell.to_string(), "script": s }));
    }
    ui.out(s)
}
