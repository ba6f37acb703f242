//! The query language's parser: space-separated terms, `-` to negate, `"quoted phrases"`,
//! `key:value`, and date comparisons (`due:<7d`, `last:>90d`, `last:<2026-01-01`). A malformed
//! term is an error that names it.

use chrono::NaiveDate;

use crate::contact::Cadence;
use crate::dates::parse_date;
use crate::schedule::Status;

/// `key:value` keys answered from the typed contact (see `field_matches` in `query`).
pub(crate) const TYPED_FIELD_KEYS: &[&str] = &[
    "name",
    "company",
    "role",
    "tags",
    "aliases",
    "alias",
    "email",
    "interests",
    "interest",
    "cadence",
    "path",
    "owner",
];

/// `has:` / `no:` keys answered from the typed contact (see `has_field` in `query`).
pub(crate) const TYPED_HAS_KEYS: &[&str] = &[
    "owner",
    "cadence",
    "tags",
    "tag",
    "last",
    "last_contact",
    "due",
    "company",
    "birthday",
    "anniversary",
    "email",
    "phone",
    "family",
];

/// The empty query (`Query::default()`) matches every contact.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub clauses: Vec<Clause>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Clause {
    pub negated: bool,
    pub term: Term,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Term {
    /// Full text over name, aliases, front matter values and body; lower-cased.
    Text(String),
    /// `key:value`: substring for text, exact element for lists; both lower-cased.
    Field {
        key: String,
        value: String,
    },
    Status(Status),
    Has(String),
    No(String),
    Date {
        field: DateField,
        op: Op,
        bound: Bound,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateField {
    Due,
    Last,
    Birthday,
    Anniversary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    /// A span from today: forward for due and yearly dates, backward for `last`.
    Span(Cadence),
    Date(NaiveDate),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid query term `{term}`: {message}")]
pub struct QueryError {
    pub term: String,
    pub message: String,
}

impl Query {
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let clauses = tokenize(text)?.into_iter().map(|t| parse_term(&t)).collect::<Result<_, _>>()?;
        Ok(Query { clauses })
    }

    /// Full-text terms search the body, which the vault then has to keep.
    #[must_use]
    pub fn needs_body(&self) -> bool {
        self.clauses.iter().any(|c| matches!(c.term, Term::Text(_)))
    }

    /// `needs_fields`, but for full-text terms, which can read the files as they go.
    #[must_use]
    pub(crate) fn needs_fields_beyond_text(&self) -> bool {
        self.clauses.iter().any(|c| !matches!(c.term, Term::Text(_)) && needs_fields(&c.term))
    }

    /// Terms that may look at any front matter key need the raw front matter kept.
    /// (Terms on the keys touchbase types, such as `tag:`, `company:` or `has:birthday`, do not.)
    #[must_use]
    pub fn needs_fields(&self) -> bool {
        self.clauses.iter().any(|c| needs_fields(&c.term))
    }
}

fn needs_fields(term: &Term) -> bool {
    match term {
        Term::Text(_) => true,
        Term::Field { key, .. } => !TYPED_FIELD_KEYS.contains(&key.as_str()),
        Term::Has(key) | Term::No(key) => !TYPED_HAS_KEYS.contains(&key.as_str()),
        Term::Status(_) | Term::Date { .. } => false,
    }
}

/// A token as written: its text with quotes removed, and whether any part was quoted.
#[derive(Debug, PartialEq)]
struct Token {
    raw: String,
    text: String,
    /// Byte index in `text` where the first quote opened, if any.
    quoted_from: Option<usize>,
}

fn tokenize(input: &str) -> Result<Vec<Token>, QueryError> {
    let mut tokens = Vec::new();
    let mut chars = input.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut token = Token { raw: String::new(), text: String::new(), quoted_from: None };
        let mut in_quote = false;
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() && !in_quote {
                break;
            }
            chars.next();
            token.raw.push(c);
            if c == '"' {
                in_quote = !in_quote;
                token.quoted_from.get_or_insert(token.text.len());
            } else {
                token.text.push(c);
            }
        }
        if in_quote {
            return Err(QueryError { term: token.raw, message: "unbalanced quote".into() });
        }
        tokens.push(token);
    }
    Ok(tokens)
}

fn parse_term(token: &Token) -> Result<Clause, QueryError> {
    let err = |message: &str| QueryError { term: token.raw.clone(), message: message.to_string() };
    let (negated, text, quoted_from) = match token.text.strip_prefix('-') {
        Some(rest) if token.quoted_from != Some(0) => {
            (true, rest, token.quoted_from.map(|q| q.saturating_sub(1)))
        }
        _ => (false, token.text.as_str(), token.quoted_from),
    };
    if text.is_empty() {
        return Err(err(if negated { "nothing to negate" } else { "empty term" }));
    }
    // A colon inside quotes is text: `"note: call"` searches for that phrase.
    let colon = text.find(':').filter(|&i| quoted_from.is_none_or(|q| i < q));
    let term = match colon {
        None => Term::Text(text.to_lowercase()),
        Some(0) => return Err(err("missing field name before `:`")),
        Some(i) => {
            let key = text[..i].trim().to_lowercase();
            let value = text[i + 1..].trim();
            if value.is_empty() {
                return Err(err("missing value after `:`"));
            }
            field_term(&key, value).map_err(|m| err(&m))?
        }
    };
    Ok(Clause { negated, term })
}

fn field_term(key: &str, value: &str) -> Result<Term, String> {
    let date_field = match key {
        "due" => Some(DateField::Due),
        "last" | "last_contact" => Some(DateField::Last),
        "birthday" => Some(DateField::Birthday),
        "anniversary" => Some(DateField::Anniversary),
        _ => None,
    };
    match key {
        "status" => {
            let wanted = value.to_lowercase();
            Status::ALL.into_iter().find(|s| s.as_str() == wanted).map(Term::Status).ok_or_else(|| {
                format!("unknown status {value:?} (expected overdue, due, snoozed, ok or none)")
            })
        }
        "has" => Ok(Term::Has(value.to_lowercase())),
        "no" => Ok(Term::No(value.to_lowercase())),
        "tag" => Ok(Term::Field { key: "tags".into(), value: value.trim_start_matches('#').to_lowercase() }),
        _ => match date_field {
            Some(field) => date_term(field, value),
            None => Ok(Term::Field { key: key.to_string(), value: value.to_lowercase() }),
        },
    }
}

fn date_term(field: DateField, value: &str) -> Result<Term, String> {
    let (op, rest) = if let Some(rest) = value.strip_prefix("<=") {
        (Op::Le, rest)
    } else if let Some(rest) = value.strip_prefix(">=") {
        (Op::Ge, rest)
    } else if let Some(rest) = value.strip_prefix('<') {
        (Op::Lt, rest)
    } else if let Some(rest) = value.strip_prefix('>') {
        (Op::Gt, rest)
    } else {
        (Op::Eq, value.strip_prefix('=').unwrap_or(value))
    };
    let rest = rest.trim();
    if let Ok(date) = parse_date(rest) {
        return Ok(Term::Date { field, op, bound: Bound::Date(date) });
    }
    if op != Op::Eq {
        if let Ok(span) = Cadence::parse(rest) {
            if span != Cadence::Never {
                return Ok(Term::Date { field, op, bound: Bound::Span(span) });
            }
        }
    }
    Err(format!("expected a comparison such as <7d, >90d, <2026-01-01 or a date, not {value:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<(bool, Term)> {
        Query::parse(q).unwrap().clauses.into_iter().map(|c| (c.negated, c.term)).collect()
    }

    fn field(key: &str, value: &str) -> Term {
        Term::Field { key: key.into(), value: value.into() }
    }

    #[test]
    fn words_phrases_and_negation() {
        assert_eq!(
            terms(r#"Golf -"red sox"  company:"Acme Corp" -tag:#family"#),
            [
                (false, Term::Text("golf".into())),
                (true, Term::Text("red sox".into())),
                (false, field("company", "acme corp")),
                (true, field("tags", "family")),
            ]
        );
        assert_eq!(terms(r#""note: call""#), [(false, Term::Text("note: call".into()))]);
        assert!(terms("").is_empty());
    }

    #[test]
    fn status_has_no_and_dates() {
        assert_eq!(terms("status:Overdue"), [(false, Term::Status(Status::Overdue))]);
        assert_eq!(terms("has:birthday no:cadence")[1], (false, Term::No("cadence".into())));
        let span = |s: &str| Bound::Span(Cadence::parse(s).unwrap());
        assert_eq!(
            terms("due:<7d")[0].1,
            Term::Date { field: DateField::Due, op: Op::Lt, bound: span("7d") }
        );
        assert_eq!(
            terms("last:>=3m")[0].1,
            Term::Date { field: DateField::Last, op: Op::Ge, bound: span("3m") }
        );
        let date = Bound::Date("2026-01-01".parse().unwrap());
        assert_eq!(
            terms("last:<2026-01-01")[0].1,
            Term::Date { field: DateField::Last, op: Op::Lt, bound: date }
        );
        assert_eq!(
            terms("due:2026-01-01")[0].1,
            Term::Date { field: DateField::Due, op: Op::Eq, bound: date }
        );
    }

    #[test]
    fn malformed_queries_name_the_term() {
        let cases = [
            ("status:late", "status:late"),
            ("due:soon", "due:soon"),
            ("last:<2026-13-01", "last:<2026-13-01"),
            ("\"unbalanced", "\"unbalanced"),
            ("golf -", "-"),
            ("company:", "company:"),
            (":x", ":x"),
            ("birthday:>0d", "birthday:>0d"),
            ("due:<never", "due:<never"),
        ];
        for (query, term) in cases {
            let err = Query::parse(query).unwrap_err();
            assert_eq!(err.term, term, "{query}");
            assert!(err.to_string().starts_with(&format!("invalid query term `{term}`")));
        }
    }

    #[test]
    fn needs_body_only_for_text() {
        assert!(Query::parse("golf").unwrap().needs_body());
        assert!(!Query::parse("tag:golf status:ok").unwrap().needs_body());
        assert!(!Query::parse("tag:golf company:acme has:birthday -no:email due:<7d")
            .unwrap()
            .needs_fields());
        assert!(Query::parse("linkedin:jane").unwrap().needs_fields());
        assert!(Query::parse("has:linkedin").unwrap().needs_fields());
    }
}
