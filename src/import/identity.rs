//! Who a record is, by what stays the same when a name does not: a vCard `UID`, e-mail
//! addresses, phone numbers and URLs (a `LinkedIn` profile above all), each in a normal form so
//! that `Ada@X.example` and `ada@x.example`, or `+44 20 7946 0018` and `0044 (20) 7946-0018`,
//! are one. `plan.rs` matches by these before it matches by name, and a name match that these
//! contradict is another person.

use super::Record;

/// How strongly two identities are linked, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Link {
    Uid,
    Email,
    Phone,
    Url,
}

impl Link {
    pub(crate) const ALL: [Link; 4] = [Link::Uid, Link::Email, Link::Phone, Link::Url];
}

/// The normal forms of one contact's or record's stable identifiers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Identity {
    pub(crate) uids: Vec<String>,
    pub(crate) emails: Vec<String>,
    pub(crate) phones: Vec<String>,
    pub(crate) urls: Vec<String>,
}

impl Identity {
    pub(crate) fn of_record(record: &Record) -> Identity {
        Identity::from_parts(record.uid.as_slice(), &record.emails, &record.phones, &record.urls)
    }

    pub(crate) fn from_parts(
        uids: &[String],
        emails: &[String],
        phones: &[String],
        urls: &[String],
    ) -> Identity {
        let mut id = Identity::default();
        for uid in uids {
            add(&mut id.uids, Some(uid.trim().to_string()));
        }
        for email in emails {
            add(&mut id.emails, email_key(email));
        }
        for phone in phones {
            add(&mut id.phones, phone_key(phone));
        }
        for url in urls {
            add(&mut id.urls, url_key(url));
        }
        id
    }

    /// Adds what `other` knows.
    pub(crate) fn extend(&mut self, other: &Identity) {
        for (mine, theirs) in [
            (&mut self.uids, &other.uids),
            (&mut self.emails, &other.emails),
            (&mut self.phones, &other.phones),
            (&mut self.urls, &other.urls),
        ] {
            for key in theirs {
                add(mine, Some(key.clone()));
            }
        }
    }

    /// The keys of one kind of link, for an index of who has what.
    pub(crate) fn keys(&self, link: Link) -> &[String] {
        match link {
            Link::Uid => &self.uids,
            Link::Email => &self.emails,
            Link::Phone => &self.phones,
            Link::Url => &self.urls,
        }
    }

    /// Why `self` and `other` cannot be one person, if they cannot: both have a UID and they
    /// differ, both have e-mails and share none, or both have profile URLs and share none.
    /// Phones never contradict (a household or an office shares one), nor do other URLs (a
    /// company's site).
    pub(crate) fn contradiction(&self, other: &Identity) -> Option<&'static str> {
        let disjoint =
            |a: &[String], b: &[String]| !a.is_empty() && !b.is_empty() && !a.iter().any(|x| b.contains(x));
        let profiles = |id: &Identity| id.urls.iter().filter(|u| is_profile(u)).cloned().collect::<Vec<_>>();
        if disjoint(&self.uids, &other.uids) {
            Some("another UID")
        } else if disjoint(&self.emails, &other.emails) {
            Some("another e-mail")
        } else if disjoint(&profiles(self), &profiles(other)) {
            Some("another profile URL")
        } else {
            None
        }
    }
}

fn add(list: &mut Vec<String>, key: Option<String>) {
    if let Some(key) = key.filter(|k| !k.is_empty()) {
        if !list.contains(&key) {
            list.push(key);
        }
    }
}

/// `Mailto:Ada@X.Example ` → `ada@x.example`; text without an `@` is no address.
pub(crate) fn email_key(email: &str) -> Option<String> {
    let email = email.trim();
    let email = email.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")).map_or(email, |_| &email[7..]);
    email.contains('@').then(|| email.trim().to_lowercase())
}

/// The fewest digits a phone number needs to say who someone is (a short code or an extension
/// alone says nothing).
const MIN_PHONE_DIGITS: usize = 7;

/// A phone number's digits, `+` first when it is international (`+` or `00`): `+44 (20)
/// 7946-0018` → `+442079460018`, `0044 20 7946 0018` → the same. An extension (`;ext=`,
/// `ext.`, `x`) is dropped. No country is assumed for a national number, so `020 7946 0018`
/// stays `02079460018` and matches only itself. Letters (`1-800-FLOWERS`) are not digits.
pub(crate) fn phone_key(phone: &str) -> Option<String> {
    let phone = phone.trim();
    let phone = phone.get(..4).filter(|p| p.eq_ignore_ascii_case("tel:")).map_or(phone, |_| &phone[4..]);
    let lower = phone.to_lowercase();
    let end = ["ext", ";", "x", "#"].iter().filter_map(|m| lower.find(m)).min().unwrap_or(lower.len());
    let number = lower.get(..end).unwrap_or("");
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    // `(+1) 415 ...`: the first sign that is not punctuation says it.
    let international = number.chars().find(|c| c.is_ascii_digit() || *c == '+') == Some('+');
    let key = match digits.strip_prefix("00") {
        _ if international => format!("+{digits}"),
        Some(rest) => format!("+{rest}"),
        None => digits,
    };
    (key.trim_start_matches('+').len() >= MIN_PHONE_DIGITS).then_some(key)
}

/// `HTTPS://www.LinkedIn.com/in/Priya-Sharma-1/?trk=x` → `linkedin.com/in/priya-sharma-1`: the
/// scheme, `www.`, a query or fragment and the final `/` do not make another page. Only the
/// host is case-insensitive, except for `LinkedIn` profiles, whose path is too.
pub(crate) fn url_key(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    if host.is_empty() {
        return None;
    }
    let path = if host.ends_with("linkedin.com") { path.to_lowercase() } else { path.to_string() };
    let host = if host.ends_with(".linkedin.com") { "linkedin.com" } else { host };
    Some(if path.is_empty() { host.to_string() } else { format!("{host}/{path}") })
}

/// A URL that names one person (a `LinkedIn` profile), not an organisation's site.
pub(crate) fn is_profile(key: &str) -> bool {
    key.starts_with("linkedin.com/in/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_forms() {
        assert_eq!(email_key(" Mailto:Ada@X.Example ").as_deref(), Some("ada@x.example"));
        assert_eq!(email_key("not an address"), None);
        assert_eq!(phone_key("+44 (20) 7946-0018").as_deref(), Some("+442079460018"));
        assert_eq!(phone_key("0044 20 7946 0018").as_deref(), Some("+442079460018"));
        assert_eq!(phone_key("(+1) 415-555-0100").as_deref(), Some("+14155550100"));
        assert_eq!(phone_key("tel:+39-02-555-0133;ext=12").as_deref(), Some("+39025550133"));
        assert_eq!(phone_key("020 7946 0018 x 4").as_deref(), Some("02079460018"));
        assert_eq!(phone_key("112"), None);
        assert_eq!(
            url_key("HTTPS://www.LinkedIn.com/in/Priya-Sharma-1/?trk=x").as_deref(),
            Some("linkedin.com/in/priya-sharma-1")
        );
        assert_eq!(url_key("https://in.linkedin.com/in/p").as_deref(), Some("linkedin.com/in/p"));
        assert_eq!(url_key("http://Example.com/Ada/").as_deref(), Some("example.com/Ada"));
        assert_eq!(url_key("https://"), None);
    }

    #[test]
    fn contradictions() {
        let id = |emails: &[&str], urls: &[&str]| {
            let s = |v: &[&str]| v.iter().map(ToString::to_string).collect::<Vec<_>>();
            Identity::from_parts(&[], &s(emails), &[], &s(urls))
        };
        let a = id(&["a@x.example"], &["https://linkedin.com/in/a", "https://acme.example"]);
        assert_eq!(a.contradiction(&id(&["b@x.example"], &[])), Some("another e-mail"));
        assert_eq!(a.contradiction(&id(&["A@x.example", "b@x.example"], &[])), None);
        assert_eq!(a.contradiction(&id(&[], &["https://acme.example"])), None);
        assert_eq!(
            a.contradiction(&id(&[], &["https://www.linkedin.com/in/b/"])),
            Some("another profile URL")
        );
        assert_eq!(a.contradiction(&Identity::default()), None);
    }
}
