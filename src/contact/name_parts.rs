//! A structured name (vCard's `N`: family; given; additional; honorific prefixes; honorific
//! suffixes) and the split of a display name into one: leading prefixes (`Mr.`, `Dr.`, ...),
//! trailing suffixes (`Jr.`, `III`, `PhD`, ...), the last other word as the family name and the
//! rest as given names. A contact keeps its own parts in the keys `family_name`, `given_name`,
//! `additional_names`, `honorific_prefix` and `honorific_suffix` when they are not that split.

use serde_yaml::Mapping;

use super::fields::scalar_text;
use super::FieldNames;

/// The front matter keys of the parts, in `N`'s order.
pub const KEYS: [&str; 5] =
    ["family_name", "given_name", "additional_names", "honorific_prefix", "honorific_suffix"];

/// Words that start a name as a title, compared without a final `.` and case.
const PREFIXES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "fr", "hon", "lord", "lady", "mme",
    "mlle",
];
/// Words that end a name as a generation or a degree, compared without dots and case.
const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "v", "phd", "md", "esq", "dds", "mba", "cpa", "rn", "obe", "mbe", "cbe",
    "kc", "qc",
];

/// vCard `N`'s five components, each as plain text (a comma list as written).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    pub family: String,
    pub given: String,
    pub additional: String,
    pub prefixes: String,
    pub suffixes: String,
}

fn is_word_in(word: &str, list: &[&str]) -> bool {
    let bare: String =
        word.trim_end_matches(',').chars().filter(|c| *c != '.').collect::<String>().to_lowercase();
    list.contains(&bare.as_str())
}

impl NameParts {
    /// The parts in `N`'s order.
    #[must_use]
    pub fn components(&self) -> [&str; 5] {
        [&self.family, &self.given, &self.additional, &self.prefixes, &self.suffixes]
    }

    #[must_use]
    pub fn from_components(parts: &[String]) -> NameParts {
        let get = |i: usize| parts.get(i).map(|p| p.trim().to_string()).unwrap_or_default();
        NameParts { family: get(0), given: get(1), additional: get(2), prefixes: get(3), suffixes: get(4) }
    }

    /// `Mr. Michael Angstadt Jr.` → prefixes `Mr.`, given `Michael`, family `Angstadt`,
    /// suffixes `Jr.`; `Chloé Van Damme, Jr.` → given `Chloé Van`, family `Damme`, suffixes
    /// `Jr.`; a single word (`Cher`) is a given name.
    #[must_use]
    pub fn split(display: &str) -> NameParts {
        let mut words: Vec<&str> = display.split_whitespace().collect();
        let mut prefixes = Vec::new();
        while words.len() > 1 && words.first().is_some_and(|w| is_word_in(w, PREFIXES)) {
            prefixes.push(words.remove(0));
        }
        let mut suffixes = Vec::new();
        while words.len() > 1 && words.last().is_some_and(|w| is_word_in(w, SUFFIXES)) {
            suffixes.insert(0, words.pop().unwrap_or_default());
        }
        let words: Vec<&str> =
            words.iter().map(|w| w.trim_end_matches(',')).filter(|w| !w.is_empty()).collect();
        let (family, given) = match words.split_last() {
            Some((family, given)) if !given.is_empty() => (family.to_string(), given.join(" ")),
            _ => (String::new(), words.join(" ")),
        };
        let suffixes: Vec<&str> = suffixes.iter().map(|s| s.trim_end_matches(',')).collect();
        NameParts {
            family,
            given,
            additional: String::new(),
            prefixes: prefixes.join(" "),
            suffixes: suffixes.join(" "),
        }
    }

    /// The contact's own parts, when it has any of the keys.
    #[must_use]
    pub fn from_fields(fields: &Mapping, names: &FieldNames) -> Option<NameParts> {
        let values: Vec<Option<String>> =
            KEYS.iter().map(|k| names.get(fields, k).and_then(|(v, _)| scalar_text(v))).collect();
        if values.iter().all(Option::is_none) {
            return None;
        }
        let parts: Vec<String> = values.into_iter().map(Option::unwrap_or_default).collect();
        Some(NameParts::from_components(&parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_split_with_prefixes_and_suffixes() {
        let n = NameParts::split("Mr. Michael Angstadt Jr.");
        assert_eq!(n.components(), ["Angstadt", "Michael", "", "Mr.", "Jr."]);
        assert_eq!(
            NameParts::split("Chloé Van Damme, Jr.").components(),
            ["Damme", "Chloé Van", "", "", "Jr."]
        );
        assert_eq!(NameParts::split("Dr. Ada Okafor PhD").components(), ["Okafor", "Ada", "", "Dr.", "PhD"]);
        assert_eq!(NameParts::split("Jane van Doe").components(), ["Doe", "Jane van", "", "", ""]);
        assert_eq!(NameParts::split("Cher").components(), ["", "Cher", "", "", ""]);
        assert_eq!(NameParts::split("Dr.").components(), ["", "Dr.", "", "", ""]);
        assert_eq!(NameParts::split("Henry VIII V").components(), ["VIII", "Henry", "", "", "V"]);
    }
}
