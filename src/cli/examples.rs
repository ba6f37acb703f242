//! The "Examples:" shown after each command's `--help` (and in its man page): commands that
//! work on the sample vault (`--vault sample-vault` left out; run them there or with it).

#[cfg(test)]
pub(crate) const HEADING: &str = "Examples:";

pub(crate) const TOP: &str = "Examples:
  touchbase                         who is overdue and what is coming up
  touchbase list tag:golf           contacts tagged golf
  touchbase show \"Jane Doe\"         one contact
  touchbase log \"Jane Doe\" \"Called about the renewal\"";

pub(crate) const AGENDA: &str = "Examples:
  touchbase agenda
  touchbase agenda --days 30
  touchbase agenda --format paths";

pub(crate) const LIST: &str = "Examples:
  touchbase list tag:golf company:acme
  touchbase list -status:ok --format csv
  touchbase list has:company -tag:customer --format paths";

pub(crate) const SHOW: &str = "Examples:
  touchbase show \"Jane Doe\"
  touchbase show jane
  touchbase show \"Sofia Reyes\" --format json";

pub(crate) const PROFILE: &str = "Examples:
  touchbase profile \"Jane Doe\"
  touchbase profile \"Jane Doe\" --format json";

pub(crate) const BRIEF: &str = "Examples:
  touchbase brief \"Jane Doe\"
  touchbase brief \"Sofia Reyes\" --format json";

pub(crate) const OVERDUE: &str = "Examples:
  touchbase overdue
  touchbase overdue tag:customer --format md
  touchbase overdue --format paths | xargs -d '\\n' $EDITOR";

pub(crate) const UPCOMING: &str = "Examples:
  touchbase upcoming
  touchbase upcoming --days 60 tag:family
  touchbase upcoming --format json";

pub(crate) const HISTORY: &str = "Examples (in a vault shared in git):
  touchbase history \"Jane Doe\"
  touchbase history \"Jane Doe\" --format json";

pub(crate) const CHANGES: &str = "Examples (in a vault shared in git):
  touchbase changes --since 2026-11-01
  touchbase changes --since HEAD~10 --until HEAD --format json";

pub(crate) const CHECK: &str = "Examples:
  touchbase check
  touchbase check --verbose
  touchbase check --explain \"customers/acme/Jane Doe.md\"";

pub(crate) const INDEX: &str = "Examples:
  touchbase index
  touchbase index --check           exit 1 when INDEX.md is missing or stale";

pub(crate) const NEW: &str = "Examples:
  touchbase new \"Ada Park\" --company Acme --role CTO --cadence monthly
  touchbase new \"Ben Ito\" --tags golf,customer --birthday --04-12 --dir people
  touchbase new \"Cleo Marsh\" --template mackay --edit";

pub(crate) const LOG: &str = "Examples:
  touchbase log \"Jane Doe\" \"Called about the renewal\"
  touchbase log \"Jane Doe\" \"Lunch downtown\" --date 2026-11-20 --with \"Sofia Reyes\"
  touchbase log \"Tom Baker\" --done \"send the proposal\"";

pub(crate) const SNOOZE: &str = "Examples:
  touchbase snooze \"Jane Doe\" 2w
  touchbase snooze \"Jane Doe\" 2027-01-15
  touchbase snooze \"Jane Doe\" --clear";

pub(crate) const EDIT: &str = "Examples:
  touchbase edit \"Jane Doe\"
  touchbase edit \"Sofia Reyes\"";

pub(crate) const OUTREACH: &str = "Examples:
  touchbase outreach
  touchbase outreach --next --limit 5
  touchbase outreach --write && touchbase outreach --apply";

pub(crate) const CARDS: &str = "Examples:
  touchbase cards
  touchbase cards --weeks 8 --format md
  touchbase cards --campaign holiday --tag family";

pub(crate) const ACCOUNTS: &str = "Examples:
  touchbase accounts
  touchbase accounts acme --tree
  touchbase accounts --format json";

pub(crate) const CHECKUP: &str = "Examples:
  touchbase checkup \"Acme Corp\"
  touchbase checkup \"Jane Doe\"
  touchbase checkup tag:golf --write";

pub(crate) const EXPORT: &str = "Examples:
  touchbase export --format vcf > contacts.vcf
  touchbase export --format ics tag:family > family.ics
  touchbase export --format csv company:acme";

pub(crate) const IMPORT: &str = "Examples:
  touchbase import contacts.vcf --dry-run
  touchbase import Connections.csv --tag linkedin --dir people";

pub(crate) const INIT: &str = "Examples:
  touchbase init
  touchbase --vault ~/notes init --git";

pub(crate) const MERGE_FILE: &str = "Examples:
  touchbase init --git              installs this as git's merge driver
  git config merge.touchbase.driver 'touchbase merge-file %O %A %B %P'";

pub(crate) const COMPLETIONS: &str = "Examples:
  touchbase completions bash > ~/.local/share/bash-completion/completions/touchbase
  touchbase completions zsh > ~/.zfunc/_touchbase
  touchbase completions fish > ~/.config/fish/completions/touchbase.fish";

pub(crate) const MAN: &str = "Examples:
  touchbase man | man -l -
  touchbase man list | man -l -
  touchbase man --dir ~/.local/share/man/man1";

pub(crate) const WATCH: &str = "Examples:
  touchbase watch
  touchbase watch --debounce 1000
  touchbase watch --sync-contacts ~/.contacts/default";

pub(crate) const SYNC: &str = "Examples:
  touchbase sync contacts ~/.contacts/default
  touchbase sync calendar ~/.calendars/touchbase --feed touchbase.ics";

pub(crate) const SYNC_CONTACTS: &str = "Examples:
  touchbase sync contacts ~/.contacts/default --dry-run
  touchbase sync contacts ~/.contacts/default
  touchbase sync contacts ~/.contacts/default --accept-deletions";

pub(crate) const SYNC_CALENDAR: &str = "Examples:
  touchbase sync calendar ~/.calendars/touchbase --dry-run
  touchbase sync calendar ~/.calendars/touchbase --feed touchbase.ics";
