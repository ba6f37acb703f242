//! `completions SHELL`: shell integration generated from the command line definition.
//!
//! `clap_complete` writes the scripts; for bash, zsh and fish a small addition completes the NAME
//! of `show`, `log`, `snooze` and `edit` with the vault's contact names and aliases, which the
//! hidden `complete-names` command prints one per line (honouring `--vault` on the line).

use std::io::Write;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use crate::error::{Error, Result};

/// The commands whose first argument is a contact NAME.
const NAME_COMMANDS: &[&str] = &["show", "log", "snooze", "edit"];

pub(crate) fn completions(out: &mut (impl Write + ?Sized), shell: Shell) -> Result<()> {
    let mut command = visible_command();
    let mut generated = Vec::new();
    clap_complete::generate(shell, &mut command, "touchbase", &mut generated);
    let script = String::from_utf8_lossy(&generated);
    let script = match shell {
        Shell::Bash => format!("{script}{BASH}"),
        Shell::Zsh => zsh(&script),
        Shell::Fish => format!("{script}{FISH}"),
        _ => script.into_owned(),
    };
    out.write_all(script.as_bytes()).map_err(Error::Output)?;
    Ok(())
}

/// The command line without hidden subcommands (`clap_complete` would offer them).
fn visible_command() -> clap::Command {
    let full = Cli::command();
    let mut command = clap::Command::new("touchbase");
    if let Some(about) = full.get_about() {
        command = command.about(about.clone());
    }
    if full.get_version().is_some() {
        command = command.version(env!("CARGO_PKG_VERSION"));
    }
    for arg in full.get_arguments() {
        command = command.arg(arg.clone());
    }
    for sub in full.get_subcommands().filter(|s| !s.is_hide_set()) {
        command = command.subcommand(sub.clone());
    }
    command
}

/// In the `show`, `log`, `snooze` and `edit` branches of clap's zsh script, the NAME argument
/// completes with `_touchbase_contact_names` instead of `_default`.
fn zsh(script: &str) -> String {
    let mut out = String::with_capacity(script.len() + ZSH.len());
    let mut branch = String::new();
    for line in script.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('(').and_then(|l| l.strip_suffix(')')) {
            branch = name.to_string();
        }
        if trimmed.starts_with("if [ \"$funcstack[1]\" = \"_touchbase\" ]") {
            out.push_str(ZSH);
        }
        if NAME_COMMANDS.contains(&branch.as_str()) && trimmed.starts_with("':name") {
            out.push_str(&line.replacen(":_default'", ":_touchbase_contact_names'", 1));
        } else {
            out.push_str(line);
        }
    }
    out
}

const BASH: &str = r#"
# Contact names for the NAME argument of show, log, snooze and edit (touchbase complete-names).
_touchbase_with_names() {
    local cur="${COMP_WORDS[COMP_CWORD]}" sub="" vault="" word
    local -i i=1 positional=0
    while (( i < COMP_CWORD )); do
        word="${COMP_WORDS[i]}"
        case "$word" in
            --vault) vault="${COMP_WORDS[i+1]}"; i+=2; continue ;;
            --today|--format|--color|--date) i+=2; continue ;;
            -*) ;;
            *) if [[ -z "$sub" ]]; then sub="$word"; else positional+=1; fi ;;
        esac
        i+=1
    done
    case "$sub" in
        show|log|snooze|edit)
            if (( positional == 0 )) && [[ "$cur" != -* ]]; then
                local name
                local -a args=(complete-names)
                [[ -n "$vault" ]] && args=(--vault "${vault/#\~/$HOME}" complete-names)
                # Case-insensitive (`ja` offers Jane Doe), a quote the user opened ignored.
                local prefix="${cur#[\"\']}" restore
                restore="$(shopt -p nocasematch)"
                shopt -s nocasematch
                COMPREPLY=()
                while IFS= read -r name; do
                    [[ "$name" == "$prefix"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
                done < <(touchbase "${args[@]}" 2>/dev/null)
                eval "$restore"
                return 0
            fi
            ;;
    esac
    _touchbase "$@"
}
if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _touchbase_with_names -o nosort -o bashdefault -o default touchbase
else
    complete -F _touchbase_with_names -o bashdefault -o default touchbase
fi
"#;

const ZSH: &str = r#"# Contact names for the NAME argument of show, log, snooze and edit (touchbase complete-names).
(( $+functions[_touchbase_contact_names] )) ||
_touchbase_contact_names() {
    local -a names args
    local -i at=${words[(I)--vault]}
    args=(complete-names)
    (( at > 0 )) && args=(--vault "${words[at+1]/#\~/$HOME}" complete-names)
    names=(${(f)"$(touchbase $args 2>/dev/null)"})
    # Case-insensitive whatever the user's matcher-list: `ja` offers Jane Doe.
    compadd -M 'm:{[:lower:][:upper:]}={[:upper:][:lower:]}' -a names
}

"#;

const FISH: &str = r#"
# Contact names for the NAME argument of show, log, snooze and edit (touchbase complete-names).
function __touchbase_wants_name
    set -l sub
    set -l count 0
    set -l skip 0
    for token in (commandline -opc)[2..-1]
        if test $skip -eq 1
            set skip 0
            continue
        end
        switch $token
            case --vault --today --format --color --date
                set skip 1
            case '-*'
            case '*'
                if test -z "$sub"
                    set sub $token
                else
                    set count (math $count + 1)
                end
        end
    end
    contains -- "$sub" show log snooze edit; and test $count -eq 0
end
function __touchbase_names
    set -l tokens (commandline -opc)
    set -l at (contains -i -- --vault $tokens)
    if test -n "$at"; and test (count $tokens) -gt $at
        touchbase --vault $tokens[(math $at + 1)] complete-names 2>/dev/null
    else
        touchbase complete-names 2>/dev/null
    end
end
# fish matches candidates case-insensitively when no candidate matches with case: `ja` offers Jane Doe.
complete -c touchbase -n __touchbase_wants_name -f -a '(__touchbase_names)'
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn script(shell: Shell) -> String {
        let mut out = Vec::new();
        completions(&mut out, shell).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn zsh_names_complete_for_name_commands_only() {
        let zsh = script(Shell::Zsh);
        assert_eq!(zsh.matches(":_touchbase_contact_names'").count(), NAME_COMMANDS.len(), "{zsh}");
        let definition = zsh.find("_touchbase_contact_names() {").unwrap();
        let call = zsh.find("if [ \"$funcstack[1]\" = \"_touchbase\" ]").unwrap();
        assert!(definition < call);
        assert!(!zsh.contains("complete-names:"), "the hidden command is not offered");
    }

    #[test]
    fn bash_and_fish_call_complete_names() {
        assert!(script(Shell::Bash).contains("complete -F _touchbase_with_names"));
        assert!(script(Shell::Fish).contains("(__touchbase_names)"));
        assert!(!script(Shell::Bash).contains("complete__names"));
        assert!(script(Shell::Bash).contains("shopt -s nocasematch"), "names complete case-insensitively");
        assert!(
            script(Shell::Zsh).contains("compadd -M 'm:{[:lower:][:upper:]}={[:upper:][:lower:]}' -a names")
        );
    }
}
