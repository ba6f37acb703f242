//! Whose contacts a listing shows (`--owner NAME`, `--mine`, `owner:NAME`): the identities one
//! owner goes by, matched against the `owner:` values of a contact (its own, else its account's).

/// One owner's identities: names and e-mail addresses, trimmed, `[[ ]]` stripped, lowercase.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Owner {
    pub ids: Vec<String>,
}

impl Owner {
    /// An owner going by these names and e-mails (empty ones left out).
    pub(crate) fn new<S: AsRef<str>>(ids: &[S]) -> Owner {
        let mut out: Vec<String> = Vec::new();
        for id in ids {
            let id = normal(id.as_ref());
            if !id.is_empty() && !out.contains(&id) {
                out.push(id);
            }
        }
        Owner { ids: out }
    }

    /// Whether one of `owners` is this owner: whole values, case-insensitive (an e-mail
    /// matches that e-mail, a name that name; no partial matches, so `Al` is not `Alice`).
    pub(crate) fn owns(&self, owners: &[String]) -> bool {
        owners.iter().any(|o| self.ids.contains(&normal(o)))
    }

    /// The paths of the index's contacts this owner does not own.
    pub(crate) fn others(
        &self,
        index: &crate::index::Index,
    ) -> std::collections::BTreeSet<std::path::PathBuf> {
        index
            .entries
            .iter()
            .filter(|e| !self.owns(&e.contact.owners))
            .map(|e| e.contact.path.clone())
            .collect()
    }

    /// A short name for a file of this owner's (`alice@example.com` → `alice`, `Bob Ray` →
    /// `bob-ray`): letters and digits, other runs as one `-`.
    pub(crate) fn slug(&self) -> String {
        let first = self.ids.first().map_or("", String::as_str);
        let local = first.split('@').next().unwrap_or(first);
        let mut slug = String::new();
        for c in local.chars() {
            if c.is_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        slug.trim_end_matches('-').to_string()
    }
}

fn normal(text: &str) -> String {
    crate::contact::strip_link(text).trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_whole_names_and_emails_case_insensitively() {
        let me = Owner::new(&["Alice@Example.com", "Alice Ray", " "]);
        assert_eq!(me.ids, ["alice@example.com", "alice ray"]);
        assert!(me.owns(&["alice@example.COM".to_string()]));
        assert!(me.owns(&["Bob".to_string(), "[[Alice Ray]]".to_string()]));
        assert!(!me.owns(&["Alice".to_string()]), "no partial matches");
        assert!(!me.owns(&[]));
        assert_eq!(me.slug(), "alice");
        assert_eq!(Owner::new(&["Bob  Ray."]).slug(), "bob-ray");
    }
}
