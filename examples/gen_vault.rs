//! Deterministic benchmark vault generator for touchbase.
//!
//! ```text
//! cargo run --release --example gen_vault -- COUNT DIR
//! ```
//!
//! Writes COUNT markdown files below DIR (which must not exist or be empty): about 98% contact
//! files with YAML front matter (SPEC.md sections 1-2) and about 2% plain notes without front
//! matter (account notes for the biggest companies, meeting notes, ...). Files are spread over
//! nested folders (`people/<letter>/`, `customers/<company>/`, `customers/other/<letter>/`,
//! `family/`, `archive/<year>/`), each split into numbered sub-folders of at most 400 files.
//!
//! Only the standard library is used and the PRNG (splitmix64) is seeded by a constant, so the
//! output is byte-identical on every run and every machine. Every wiki link in a body or in
//! `reports_to` names a contact of the generated vault (by name, alias or `[[Name|text]]`);
//! `company: "[[X]]"` links only companies that have an account note. Last contacts lie in
//! 2024-01-01..=2026-11-26; planned touchpoints, tasks, `next_contact` and `snooze_until` may lie
//! later, so `--today 2026-11-26` is a natural reference date.

// A data generator, written as one straight pass: short names for the random draws read better
// than long ones here, and its one long function is a table of cases.
#![allow(clippy::many_single_char_names, clippy::similar_names, clippy::too_many_lines)]

use std::collections::{BTreeMap, BTreeSet};
use std::error::Error;
use std::fmt::{self, Write as _};
use std::path::Path;

const SEED: u64 = 0x70C4_BA5E_2026_1126;
const N_COMPANIES: usize = 2000;
/// Folders with more files than this are split into numbered sub-folders.
const MAX_PER_FOLDER: usize = 400;
/// A company with at least this many customer contacts gets its own `customers/<slug>/` folder.
const OWN_FOLDER_MIN: usize = 50;

// ---------------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------------

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed);
        r.next_u64();
        r
    }

    fn for_item(i: usize, salt: u64) -> Self {
        Rng::new(SEED ^ salt ^ (i as u64).wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    fn idx(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `per_mille / 1000`.
    fn pm(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    fn pick<T: Copy>(&mut self, s: &[T]) -> T {
        s[self.idx(s.len())]
    }

    fn weighted<T: Copy>(&mut self, s: &[(T, u32)]) -> T {
        let total: u64 = s.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut r = self.below(total);
        for (v, w) in s {
            let w = u64::from(*w);
            if r < w {
                return *v;
            }
            r -= w;
        }
        s[s.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Calendar dates (days since 1970-01-01, proleptic Gregorian; always valid by construction)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
struct Date(i64);

impl Date {
    fn ymd(y: i64, m: i64, d: i64) -> Date {
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Date(era * 146_097 + doe - 719_468)
    }

    fn civil(self) -> (i64, i64, i64) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    fn add(self, days: i64) -> Date {
        Date(self.0 + days)
    }

    /// `MM-DD`
    fn md(self) -> String {
        let (_, m, d) = self.civil();
        format!("{m:02}-{d:02}")
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.civil();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

fn date_between(rng: &mut Rng, from: Date, to: Date) -> Date {
    Date(rng.range(from.0, to.0))
}

fn date_in_years(rng: &mut Rng, y0: i64, y1: i64) -> Date {
    date_between(rng, Date::ymd(y0, 1, 1), Date::ymd(y1, 12, 31))
}

fn last_contact_min() -> Date {
    Date::ymd(2024, 1, 1)
}

fn last_contact_max() -> Date {
    Date::ymd(2026, 11, 26)
}

fn future_date(rng: &mut Rng) -> Date {
    date_between(rng, Date::ymd(2026, 11, 27), Date::ymd(2027, 2, 28))
}

// ---------------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------------

#[rustfmt::skip]
const FIRST: &[&str] = &[
    "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William",
    "Elizabeth", "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
    "Charles", "Karen", "Daniel", "Nancy", "Matthew", "Lisa", "Anthony", "Betty", "Mark",
    "Margaret", "Steven", "Sandra", "Paul", "Ashley", "Andrew", "Emily", "Joshua", "Donna",
    "Kenneth", "Michelle", "Kevin", "Carol", "Brian", "Amanda", "George", "Melissa", "Timothy",
    "Deborah", "Jane", "Tom", "Emma", "Olivia", "Liam", "Noah", "Sophia", "Zoë", "José", "Søren",
    "Chloé", "Björn", "Ana", "María", "François", "Renée", "Jürgen", "Åsa", "Łukasz", "Siobhán",
    "Núria", "Dmitri", "Priya", "Aarav", "Fatima", "Mohammed", "Yuki", "Kenji", "Hana", "Ngozi",
    "Kwame", "Olga", "Giulia", "Matteo", "Inés", "Ingrid",
];

#[rustfmt::skip]
const LAST: &[&str] = &[
    "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
    "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
    "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
    "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres",
    "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell",
    "Mitchell", "Carter", "Roberts", "Doe", "O'Brien", "Müller", "Østergaard", "Ångström", "Núñez",
    "Çelik", "Łukasiewicz", "Šimek", "Öztürk", "Dubois", "Lefèvre", "Rossi", "Bianchi", "Kowalski",
    "Novak", "Ivanova", "Tanaka", "Suzuki", "Kim", "Park", "Patel", "Sharma", "Okafor", "Mensah",
    "Haddad", "Cohen", "Yilmaz", "Jensen", "Quinn", "Underwood", "Vega", "Eriksson", "Zimmermann",
    "Fischer", "Evans",
];

/// (full name, given name in Latin letters, family name in Latin letters)
#[rustfmt::skip]
const CJK: &[(&str, &str, &str)] = &[
    ("李伟", "wei", "li"), ("王芳", "fang", "wang"), ("张伟", "wei", "zhang"), ("刘洋", "yang", "liu"),
    ("陈静", "jing", "chen"), ("杨帆", "fan", "yang"), ("赵磊", "lei", "zhao"), ("黄敏", "min", "huang"),
    ("周杰", "jie", "zhou"), ("吴婷", "ting", "wu"), ("佐藤花子", "hanako", "sato"),
    ("김민준", "minjun", "kim"),
];

#[rustfmt::skip]
const NICK: &[(&str, &str)] = &[
    ("Robert", "Bob"), ("William", "Bill"), ("James", "Jim"), ("Elizabeth", "Liz"),
    ("Michael", "Mike"), ("Jennifer", "Jen"), ("Thomas", "Tommy"), ("Richard", "Rick"),
    ("Joseph", "Joe"), ("Margaret", "Maggie"), ("Daniel", "Dan"), ("Matthew", "Matt"),
    ("Anthony", "Tony"), ("Steven", "Steve"), ("Andrew", "Andy"), ("Kenneth", "Ken"),
    ("Timothy", "Tim"), ("Jessica", "Jess"), ("Patricia", "Pat"), ("Jane", "Janie"),
    ("Susan", "Sue"), ("Deborah", "Deb"), ("Christopher", "Chris"),
];

#[rustfmt::skip]
const COMPANY_HEAD: &[&str] = &[
    "Acme", "Blue Harbor", "Northwind", "Contoso", "Globex", "Initech", "Umbrella", "Stark",
    "Wayne", "Hooli", "Pied Piper", "Vandelay", "Soylent", "Tyrell", "Cyberdyne", "Wonka",
    "Oceanic", "Aperture", "Black Mesa", "Nordlicht", "Müller & Söhne", "Søndergaard",
    "Zürich Alpine", "São Paulo Verde", "Kyoto Lantern", "Maple Leaf", "Red Rock", "Silver Lake",
    "Granite", "Cedar", "Summit", "Harbor Point", "Lighthouse", "Evergreen", "Ironwood", "Bluebird",
    "Copperline", "Brightwater", "Quantum Leaf", "Orbital", "Polaris", "Keystone", "Riverbend",
    "Sunrise", "Tidewater", "Atlas", "Meridian", "Pinnacle", "Horizon", "Falcon", "Juniper",
    "Östra Hamnen",
];

#[rustfmt::skip]
const COMPANY_TAIL: &[&str] = &[
    "Corp", "Inc", "Labs", "Systems", "Group", "Partners", "Holdings", "Analytics", "Logistics",
    "Foods", "Energy", "Capital", "Health", "Software", "Robotics", "Media", "GmbH", "AG", "AB",
    "Ltd", "LLC", "SA", "Consulting", "Design", "Ventures", "Bank", "Insurance", "Motors", "Pharma",
    "Networks", "Studios", "Outfitters", "Brewing", "Realty", "Airlines", "Foundry", "Dynamics",
    "Biotech", "Telecom", "& Co",
];

#[rustfmt::skip]
const ROLES: &[(&str, u32)] = &[
    ("CEO", 4), ("CTO", 3), ("CFO", 3), ("COO", 2), ("VP Sales", 4), ("VP Engineering", 3),
    ("VP Operations", 3), ("VP Marketing", 3), ("Director of Procurement", 3),
    ("Director of IT", 3), ("Director of Finance", 2), ("Director of Product", 2),
    ("Head of Partnerships", 2), ("Engineer", 8), ("Senior Engineer", 5), ("Staff Engineer", 2),
    ("Product Manager", 5), ("Account Executive", 4), ("Sales Manager", 3), ("Designer", 3),
    ("Data Scientist", 2), ("Founder", 3), ("Managing Partner", 2), ("Consultant", 3),
    ("Recruiter", 2), ("General Counsel", 1), ("Office Manager", 1), ("Teacher", 2),
    ("Physician", 1), ("Architect", 1), ("Student", 1), ("Retired", 1),
];

#[rustfmt::skip]
const CADENCES: &[(&str, u32)] = &[
    ("7d", 3), ("14d", 2), ("2w", 4), ("3w", 1), ("1m", 3), ("3m", 5), ("6m", 3), ("1y", 4),
    ("every 3 weeks", 2), ("every 2 months", 1), ("every 10 days", 1), ("weekly", 3),
    ("biweekly", 3), ("monthly", 10), ("quarterly", 10), ("yearly", 8), ("none", 4),
];

#[rustfmt::skip]
const TAGS: &[&str] = &[
    "customer", "golf", "family", "friend", "colleague", "decision-maker", "investor", "mentor",
    "prospect", "partner", "vendor", "alumni", "neighbor", "conference", "vip", "board", "tennis",
    "book-club", "recruiter", "former-colleague",
];

#[rustfmt::skip]
const BODY_TAGS: &[&str] = &[
    "golf", "follow-up", "renewal", "intro", "q4", "hiring", "books", "travel", "kids", "wine",
    "decision-maker", "fundraising", "customer", "mentor",
];

#[rustfmt::skip]
const INTERESTS: &[&str] = &[
    "Red Sox", "sailing", "jazz", "golf", "cycling", "wine", "photography", "chess", "skiing",
    "running", "cooking", "F1", "opera", "gardening", "hiking", "Celtics", "Premier League",
    "sushi", "woodworking", "climbing", "poetry", "knitting", "vinyl records", "board games",
    "Formula E", "bouldering", "crossword puzzles",
];

#[rustfmt::skip]
const CITIES: &[&str] = &[
    "Boston", "New York", "San Francisco", "Chicago", "Austin", "Seattle", "London", "Berlin",
    "München", "Zürich", "København", "São Paulo", "Paris", "Madrid", "Kraków", "Tokyo", "北京",
    "Toronto", "Sydney", "Dublin", "Reykjavík", "Montréal",
];

#[rustfmt::skip]
const RESTAURANTS: &[&str] = &[
    "Nino's", "The Capital Grille", "Café Zoë", "Sushi Den", "Flour Bakery", "Legal Sea Foods",
    "Pho Saigon", "Oleana", "Gasthaus Müller", "the club", "Joe's Diner", "Bar Mut",
];

#[rustfmt::skip]
const EVENTS: &[&str] = &[
    "Conference", "SaaStr", "Web Summit", "Dreamforce", "Golf outing", "Board meeting", "QBR",
    "Offsite", "Wedding", "Reunion", "Trade show", "Hackathon", "Charity gala", "Product launch",
];

/// (name, relation)
#[rustfmt::skip]
const KIDS: &[(&str, &str)] = &[
    ("Emma", "daughter"), ("Liam", "son"), ("Olivia", "daughter"), ("Noah", "son"),
    ("Ava", "daughter"), ("Lucas", "son"), ("Mia", "daughter"), ("Léa", "daughter"),
    ("Ethan", "son"), ("Zoë", "daughter"), ("Sofía", "daughter"), ("Henrik", "son"),
    ("Aiko", "daughter"), ("Maya", "daughter"), ("Oscar", "son"), ("Freya", "daughter"),
];

#[rustfmt::skip]
const RELATIONS_ADULT: &[&str] = &[
    "wife", "husband", "partner", "mother", "father", "sister", "brother",
];

#[rustfmt::skip]
const NOTE_TOPICS: &[&str] = &[
    "Meeting notes", "Ideas", "Reading list", "Trip planning", "Conference recap", "Gift ideas",
    "Weekly review", "Pipeline review",
];

#[rustfmt::skip]
const SENTENCES: &[&str] = &[
    "Met at the {E} in {C}; introduced by {L}.", "Big fan of {I}. #{T}",
    "Works closely with {L} and {L} on the {O} account.",
    "Prefers email over phone and replies fast in the morning.",
    "Ask about {K}'s college applications next time. #follow-up",
    "Plays {I} most weekends; invite to the next outing with {L}. #golf",
    "Budget owner for the renewal; see {L} for the technical side. #decision-maker",
    "Spouse is old friends with {L}.", "Moved to {C} last spring and still keen on {I}.",
    "Owes me a book recommendation. #books",
    "Introduced me to {L} a while ago; worth returning the favour.",
    "Allergic to shellfish, remember that for dinners at {R}.",
    "Knows everyone at {O}. Good source for intros. #intro",
    "Thinking about leaving {O}; might be open to advisory work.",
    "Sends a card every December, reply in kind. #{T}",
    "Always up for {I}; last time we went with {L}.", "Prefers short calls, no slides.",
    "Their youngest, {K}, just started school. #kids",
];

#[rustfmt::skip]
const SUMMARIES: &[&str] = &[
    "lunch at {R}; talked about {I}", "call about the renewal", "coffee in {C}",
    "sent the proposal to {O}", "intro to {L}", "emailed re: pricing", "met at the {E}",
    "birthday wishes sent", "dinner with {L} and {L} at {R}", "quick catch-up on Zoom",
    "QBR with {O}; next steps agreed #renewal", "texted congrats on the new role",
    "played {I} together", "follow-up on the contract #follow-up", "phone call, {K} started school",
    "shared an article about {I}", "drinks after the {E} with {L}", "demo for the {O} team #{T}",
];

#[rustfmt::skip]
const SUBITEMS: &[&str] = &[
    "agreed to send the deck", "wants a reference customer, ask {L}",
    "budget approved for next year", "follow up in two weeks", "mentioned {K} is learning {I}",
    "needs pricing in EUR",
];

#[rustfmt::skip]
const TASKS: &[&str] = &[
    "send proposal", "book dinner at {R}", "call about {I}", "introduce to {L}",
    "send birthday card", "follow up on the contract",
];

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

fn fold_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'è' | 'é' | 'ê' | 'ë' => out.push('e'),
            'ì' | 'í' | 'î' | 'ï' => out.push('i'),
            'ñ' => out.push('n'),
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => out.push('o'),
            'ù' | 'ú' | 'û' | 'ü' => out.push('u'),
            'ł' => out.push('l'),
            'š' => out.push('s'),
            'ž' => out.push('z'),
            'ß' => out.push_str("ss"),
            _ => {}
        }
    }
}

/// ASCII, lower case, only letters and digits.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// `Müller & Söhne Logistics` -> `muller-sohne-logistics`
fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| !c.is_alphanumeric()) {
        let w = fold(word);
        if !w.is_empty() {
            if !out.is_empty() {
                out.push('-');
            }
            out.push_str(&w);
        }
    }
    out
}

fn initial(s: &str) -> String {
    match fold(s).chars().next() {
        Some(c) if c.is_ascii_lowercase() => c.to_string(),
        _ => "0".to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// The plan: who is where (decided first, so bodies can link to any contact)
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cat {
    People,
    Customers,
    Family,
    Archive,
}

#[derive(Clone, Copy)]
enum Kind {
    Contact { first: u8, last: u8, cjk: Option<u8> },
    Account,
    Note(u8),
}

struct Plan {
    kind: Kind,
    cat: Cat,
    company: Option<usize>,
    year: i64,
    folder: String,
}

struct Vault {
    plans: Vec<Plan>,
    /// Indices of the plans that are contacts (link targets).
    contacts: Vec<usize>,
    companies: Vec<String>,
    /// Companies `0..n_accounts` have an account note.
    n_accounts: usize,
    width: usize,
}

fn companies() -> Vec<String> {
    let mut all = Vec::with_capacity(COMPANY_HEAD.len() * COMPANY_TAIL.len());
    for h in COMPANY_HEAD {
        for t in COMPANY_TAIL {
            all.push(format!("{h} {t}"));
        }
    }
    let mut rng = Rng::new(SEED ^ 0xC0);
    for i in (1..all.len()).rev() {
        let j = rng.idx(i + 1);
        all.swap(i, j);
    }
    all.truncate(N_COMPANIES);
    all
}

/// Zipf-like company choice: company `r` has weight 1 / (r + 8).
struct CompanyPicker(Vec<u64>);

impl CompanyPicker {
    fn new(n: usize) -> Self {
        let mut acc = 0u64;
        CompanyPicker(
            (0..n)
                .map(|r| {
                    acc += 1_000_000 / (r as u64 + 8);
                    acc
                })
                .collect(),
        )
    }

    fn pick(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(1);
        let x = rng.below(total);
        self.0.partition_point(|&c| c <= x)
    }
}

fn plan(count: usize) -> Vault {
    let companies = companies();
    let picker = CompanyPicker::new(companies.len());
    let cats = [(Cat::People, 50), (Cat::Customers, 30), (Cat::Family, 3), (Cat::Archive, 17)];
    let mut next_account = 0usize;
    let mut plans = Vec::with_capacity(count);
    for i in 0..count {
        let mut rng = Rng::for_item(i, 0x9A);
        let note = rng.pm(20);
        let (kind, cat, company) = if note && next_account < companies.len() && rng.pm(500) {
            next_account += 1;
            (Kind::Account, Cat::Customers, Some(next_account - 1))
        } else if note {
            let cat = rng.weighted(&cats);
            let company = (cat == Cat::Customers).then(|| picker.pick(&mut rng));
            (Kind::Note(rng.idx(NOTE_TOPICS.len()) as u8), cat, company)
        } else {
            let cjk = rng.pm(30).then(|| rng.idx(CJK.len()) as u8);
            let kind =
                Kind::Contact { first: rng.idx(FIRST.len()) as u8, last: rng.idx(LAST.len()) as u8, cjk };
            let cat = rng.weighted(&cats);
            let p = match cat {
                Cat::Customers => 1000,
                Cat::People | Cat::Archive => 600,
                Cat::Family => 50,
            };
            let company = rng.pm(p).then(|| picker.pick(&mut rng));
            (kind, cat, company)
        };
        plans.push(Plan { kind, cat, company, year: rng.range(2016, 2025), folder: String::new() });
    }

    // Folder keys.
    let mut per_company = vec![0usize; companies.len()];
    for p in &plans {
        if let (Cat::Customers, Some(c)) = (p.cat, p.company) {
            per_company[c] += 1;
        }
    }
    let keys: Vec<String> = plans
        .iter()
        .map(|p| match p.cat {
            Cat::People => {
                let letter = match p.kind {
                    Kind::Contact { cjk: Some(k), .. } => initial(CJK[usize::from(k)].2),
                    Kind::Contact { last, .. } => initial(LAST[usize::from(last)]),
                    _ => "0".to_string(),
                };
                format!("people/{letter}")
            }
            Cat::Customers => match p.company {
                Some(c) if per_company[c] >= OWN_FOLDER_MIN => {
                    format!("customers/{}", slug(&companies[c]))
                }
                Some(c) => format!("customers/other/{}", initial(&companies[c])),
                None => "customers/other/0".to_string(),
            },
            Cat::Family => "family".to_string(),
            Cat::Archive => format!("archive/{}", p.year),
        })
        .collect();
    let mut sizes: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for k in &keys {
        sizes.entry(k.as_str()).or_insert((0, 0)).0 += 1;
    }
    for (p, k) in plans.iter_mut().zip(&keys) {
        let (total, seen) = sizes.entry(k.as_str()).or_insert((0, 0));
        let shards = total.div_ceil(MAX_PER_FOLDER);
        p.folder = if shards <= 1 { k.clone() } else { format!("{k}/{:02}", *seen % shards + 1) };
        *seen += 1;
    }

    let contacts = plans
        .iter()
        .enumerate()
        .filter(|(_, p)| matches!(p.kind, Kind::Contact { .. }))
        .map(|(i, _)| i)
        .collect();
    let width = count.to_string().len().max(5);
    Vault { plans, contacts, companies, n_accounts: next_account, width }
}

impl Vault {
    fn number(&self, i: usize) -> String {
        format!("{:0w$}", i + 1, w = self.width)
    }

    /// (first name shown, last name, full name = file stem)
    fn who(&self, i: usize) -> (&'static str, &'static str, String) {
        match self.plans[i].kind {
            Kind::Contact { cjk: Some(k), .. } => {
                let n = CJK[usize::from(k)].0;
                (n, n, format!("{n} {}", self.number(i)))
            }
            Kind::Contact { first, last, .. } => {
                let (f, l) = (FIRST[usize::from(first)], LAST[usize::from(last)]);
                (f, l, format!("{f} {l} {}", self.number(i)))
            }
            _ => ("", "", String::new()),
        }
    }

    fn stem(&self, i: usize) -> String {
        match self.plans[i].kind {
            Kind::Contact { .. } => self.who(i).2,
            Kind::Account => self.plans[i].company.map(|c| self.companies[c].clone()).unwrap_or_default(),
            Kind::Note(t) => format!("{} {}", NOTE_TOPICS[usize::from(t)], self.number(i)),
        }
    }

    /// The alias a contact has, if any (a pure function of the index, so links can use it).
    fn alias(&self, i: usize) -> Option<String> {
        let mut rng = Rng::for_item(i, 0xA1);
        if !rng.pm(250) {
            return None;
        }
        let (first, last, _) = self.who(i);
        let nick = NICK.iter().find(|(f, _)| *f == first).map(|(_, n)| *n);
        Some(if let Some(n) = nick {
            format!("{n} {last} {}", self.number(i))
        } else {
            let ini: String = [first, last].iter().filter_map(|s| s.chars().next()).collect();
            format!("{ini}{}", self.number(i))
        })
    }

    fn random_contact(&self, rng: &mut Rng, not: usize) -> Option<usize> {
        if self.contacts.len() < 2 {
            return None;
        }
        loop {
            let j = rng.pick(&self.contacts);
            if j != not {
                return Some(j);
            }
        }
    }

    /// A wiki link to another contact, in one of the forms touchbase resolves.
    fn link(&self, rng: &mut Rng, me: usize, out: &mut String) -> fmt::Result {
        let Some(j) = self.random_contact(rng, me) else {
            return write!(out, "[[{}]]", self.stem(me));
        };
        let (first, _, name) = self.who(j);
        match rng.below(100) {
            0..=69 => write!(out, "[[{name}]]"),
            70..=81 => write!(out, "[[{name}|{first}]]"),
            82..=86 => write!(out, "[[{name}#Log]]"),
            87..=91 => write!(out, "[[{}]]", name.to_lowercase()),
            _ => match self.alias(j) {
                Some(a) => write!(out, "[[{a}]]"),
                None => write!(out, "[[{name}]]"),
            },
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

struct Ctx<'a> {
    me: usize,
    company: Option<&'a str>,
    city: &'a str,
    interest: &'a str,
}

/// Expand a template: {L} link, {T} tag, {I} interest, {C} city, {R} restaurant, {E} event,
/// {K} kid name, {O} company.
fn expand(v: &Vault, cx: &Ctx, rng: &mut Rng, tpl: &str, out: &mut String) -> fmt::Result {
    let mut rest = tpl;
    while let Some(p) = rest.find('{') {
        out.push_str(&rest[..p]);
        let key = rest.as_bytes().get(p + 1).copied().unwrap_or(b'?');
        match key {
            b'L' => v.link(rng, cx.me, out)?,
            b'T' => out.push_str(rng.pick(BODY_TAGS)),
            b'I' => {
                let i = if rng.pm(500) { cx.interest } else { rng.pick(INTERESTS) };
                out.push_str(i);
            }
            b'C' => {
                let c = if rng.pm(500) { cx.city } else { rng.pick(CITIES) };
                out.push_str(c);
            }
            b'R' => out.push_str(rng.pick(RESTAURANTS)),
            b'E' => out.push_str(rng.pick(EVENTS)),
            b'K' => out.push_str(rng.pick(KIDS).0),
            b'O' => out.push_str(cx.company.unwrap_or("their company")),
            _ => out.push('{'),
        }
        rest = &rest[(p + 3).min(rest.len())..];
    }
    out.push_str(rest);
    Ok(())
}

/// 2-5 distinct sentences.
fn paragraph(v: &Vault, cx: &Ctx, rng: &mut Rng, out: &mut String) -> fmt::Result {
    let n = rng.range(2, 5);
    let mut used = 0u64;
    for k in 0..n {
        if k > 0 {
            out.push(' ');
        }
        let mut s = rng.idx(SENTENCES.len());
        while used & (1 << s) != 0 {
            s = (s + 1) % SENTENCES.len();
        }
        used |= 1 << s;
        expand(v, cx, rng, SENTENCES[s], out)?;
    }
    out.push_str("\n\n");
    Ok(())
}

fn quote_or_code(rng: &mut Rng, out: &mut String) -> fmt::Result {
    let d = date_between(rng, last_contact_min(), last_contact_max());
    if rng.pm(500) {
        writeln!(out, "> {d} \"We will sign before the end of the quarter.\"")?;
        writeln!(out, "> - {d} not an interaction, just a quote\n")
    } else {
        writeln!(out, "```text\n- {d} pasted from an old CRM export")?;
        writeln!(out, "## {d} not a heading either\n```\n")
    }
}

fn sep(rng: &mut Rng) -> &'static str {
    rng.weighted(&[(": ", 70), (" ", 20), (" — ", 10)])
}

/// Notes, then `## Log` (newest first) until the body has at least `target` bytes.
fn body(
    v: &Vault,
    cx: &Ctx,
    rng: &mut Rng,
    last: Option<Date>,
    target: usize,
    out: &mut String,
) -> fmt::Result {
    let start = out.len();
    let len = |out: &String| out.len() - start;
    let notes_target = (target / 4).clamp(150, 1500);
    if rng.pm(15) {
        // A paragraph that merely starts with a date is not an interaction.
        let d = date_between(rng, last_contact_min(), last_contact_max());
        writeln!(out, "{d} was the day the pilot went live; still talks about it.\n")?;
    }
    while len(out) < notes_target {
        paragraph(v, cx, rng, out)?;
    }
    if rng.pm(40) {
        out.push_str("Open questions:\n- budget\n  - who signs? maybe ");
        v.link(rng, cx.me, out)?;
        out.push_str("\n- timeline\n\n");
    }
    if rng.pm(60) {
        quote_or_code(rng, out)?;
    }
    let has_log = last.is_some() || rng.pm(500);
    if !has_log {
        while len(out) < target {
            paragraph(v, cx, rng, out)?;
        }
        return Ok(());
    }
    out.push_str("## Log\n");
    if rng.pm(40) {
        write!(out, "- [ ] {} ", future_date(rng))?;
        let t = rng.pick(TASKS);
        expand(v, cx, rng, t, out)?;
        out.push('\n');
    }
    if rng.pm(30) {
        write!(out, "- {}{}planned: ", future_date(rng), sep(rng))?;
        let t = rng.pick(SUMMARIES);
        expand(v, cx, rng, t, out)?;
        out.push('\n');
    }
    let mut d = match last {
        Some(d) => d,
        None => date_between(rng, last_contact_min(), last_contact_max()),
    };
    loop {
        match rng.below(100) {
            0..=5 => {
                let level = if rng.pm(800) { "###" } else { "##" };
                write!(out, "\n{level} {d} ")?;
                expand(v, cx, rng, "{E}", out)?;
                out.push('\n');
                paragraph(v, cx, rng, out)?;
            }
            6..=9 => {
                write!(out, "- [x] {d} ")?;
                let t = rng.pick(TASKS);
                expand(v, cx, rng, t, out)?;
                out.push('\n');
            }
            _ => {
                write!(out, "- {d}{}", sep(rng))?;
                let t = rng.pick(SUMMARIES);
                expand(v, cx, rng, t, out)?;
                out.push('\n');
                if rng.pm(120) {
                    let n = rng.range(1, 3);
                    for _ in 0..n {
                        if rng.pm(300) {
                            write!(out, "  - {} ", d.add(-rng.range(0, 2)))?;
                            let t = rng.pick(SUMMARIES);
                            expand(v, cx, rng, t, out)?;
                        } else {
                            out.push_str("  - ");
                            let t = rng.pick(SUBITEMS);
                            expand(v, cx, rng, t, out)?;
                        }
                        out.push('\n');
                    }
                }
            }
        }
        if len(out) >= target {
            return Ok(());
        }
        d = d.add(-rng.range(1, 45));
    }
}

/// Target body size: mostly 0.4-2 KB, some up to 5 KB, a few up to ~7.5 KB.
fn body_target(rng: &mut Rng) -> usize {
    let t = match rng.below(100) {
        0..=69 => rng.range(400, 2000),
        70..=94 => rng.range(2000, 5000),
        _ => rng.range(5000, 7400),
    };
    t as usize
}

fn yaml_list(rng: &mut Rng, key: &str, items: &[&str], out: &mut String) -> fmt::Result {
    if rng.pm(700) {
        writeln!(out, "{key}: [{}]", items.join(", "))
    } else {
        writeln!(out, "{key}:")?;
        for it in items {
            writeln!(out, "  - {it}")?;
        }
        Ok(())
    }
}

fn maybe_quoted(rng: &mut Rng, d: &dyn fmt::Display) -> String {
    if rng.pm(50) {
        format!("\"{d}\"")
    } else {
        d.to_string()
    }
}

fn birthday(rng: &mut Rng) -> String {
    // Year-less dates are drawn from a leap year, so `--02-29` can occur.
    let yearless = date_in_years(rng, 2000, 2000).md();
    match rng.below(1000) {
        0..=79 => format!("--{yearless}"),
        80..=94 => yearless,
        95..=104 => format!("--{}", yearless.replace('-', "")),
        105..=114 => format!("1604-{yearless}"),
        115..=124 => format!("{}-02-29", rng.pick(&[1988, 1992])),
        _ => {
            let d = date_in_years(rng, 1940, 2004);
            maybe_quoted(rng, &d)
        }
    }
}

fn contact(v: &Vault, i: usize, out: &mut String) -> fmt::Result {
    let mut rng = Rng::for_item(i, 0xF11E);
    let rng = &mut rng;
    let p = &v.plans[i];
    let (first, last, name) = v.who(i);
    let company = p.company.map(|c| v.companies[c].as_str());
    let cjk = match p.kind {
        Kind::Contact { cjk: Some(k), .. } => Some(CJK[usize::from(k)]),
        _ => None,
    };
    let cx = Ctx { me: i, company, city: rng.pick(CITIES), interest: rng.pick(INTERESTS) };

    out.push_str("---\n");
    if rng.pm(900) {
        writeln!(out, "name: {name}")?;
    }
    if let Some(a) = v.alias(i) {
        if rng.pm(300) {
            let ini: String = [first, last].iter().filter_map(|s| s.chars().next()).collect();
            yaml_list(rng, "aliases", &[&a, &format!("{ini}-{}", v.number(i))], out)?;
        } else {
            yaml_list(rng, "aliases", &[&a], out)?;
        }
    } else if rng.pm(15) {
        out.push_str("aliases: [ ]\n");
    }
    if let (Some(c), Some(ci)) = (company, p.company) {
        if ci < v.n_accounts && rng.pm(400) {
            writeln!(out, "company: \"[[{c}]]\"")?;
        } else {
            writeln!(out, "company: {c}")?;
        }
    }
    if p.company.is_some() && rng.pm(850) {
        writeln!(out, "role: {}", rng.weighted(ROLES))?;
    }

    let mut tags: Vec<&str> = Vec::new();
    match p.cat {
        Cat::Customers => {
            tags.push("customer");
            if rng.pm(300) {
                tags.push("decision-maker");
            }
        }
        Cat::Family => tags.push("family"),
        Cat::Archive => tags.push(if rng.pm(500) { "alumni" } else { "former-colleague" }),
        Cat::People => tags.push(rng.pick(&["friend", "colleague", "mentor", "investor", "neighbor"])),
    }
    for _ in 0..rng.below(3) {
        let t = rng.pick(TAGS);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    if rng.pm(900) {
        if rng.pm(150) {
            writeln!(out, "tags: {}", tags.join(", "))?;
        } else {
            yaml_list(rng, "tags", &tags, out)?;
        }
    }

    if rng.pm(850) {
        let (f, l) = match cjk {
            Some((_, f, l)) => (f.to_string(), l.to_string()),
            None => (fold(first), fold(last)),
        };
        let domain = match company {
            Some(c) => format!("{}.example", slug(c)),
            None => rng.pick(&["example.com", "mail.example", "example.org"]).to_string(),
        };
        let n = v.number(i);
        if rng.pm(80) {
            writeln!(out, "email: [{f}.{l}.{n}@{domain}, {f}{n}@home.example]")?;
        } else {
            writeln!(out, "email: {f}.{l}.{n}@{domain}")?;
        }
    }
    if rng.pm(700) {
        let ph = format!("+1 {} 555 {:04}", rng.range(201, 989), i % 10_000);
        if rng.pm(50) {
            writeln!(out, "phone: [\"{ph}\", \"+44 20 7946 {:04}\"]", rng.below(10_000))?;
        } else {
            writeln!(out, "phone: \"{ph}\"")?;
        }
    }
    if rng.pm(700) {
        writeln!(out, "birthday: {}", birthday(rng))?;
    } else if rng.pm(20) {
        out.push_str("birthday:\n");
    }
    if rng.pm(150) {
        writeln!(out, "anniversary: {}", date_in_years(rng, 1975, 2024))?;
    }
    if rng.pm(780) {
        writeln!(out, "cadence: {}", rng.weighted(CADENCES))?;
    }
    let last_contact =
        if rng.pm(880) { Some(date_between(rng, last_contact_min(), last_contact_max())) } else { None };
    if let Some(d) = last_contact {
        match rng.below(1000) {
            0..=9 => writeln!(out, "last_contact: {d}T{:02}:30:00", rng.range(8, 18))?,
            10..=59 => writeln!(out, "last_contact: \"{d}\"")?,
            _ => writeln!(out, "last_contact: {d}")?,
        }
    }
    if rng.pm(40) {
        let d = date_between(rng, Date::ymd(2026, 11, 1), Date::ymd(2027, 3, 31));
        writeln!(out, "next_contact: {d}")?;
    }
    if rng.pm(20) {
        let d = date_between(rng, Date::ymd(2026, 11, 20), Date::ymd(2027, 2, 28));
        writeln!(out, "snooze_until: {d}")?;
    }
    if p.cat == Cat::Customers && rng.pm(50) {
        out.push_str("reports_to: \"");
        v.link(rng, i, out)?;
        out.push_str("\"\n");
    }
    if rng.pm(100) {
        out.push_str("family:\n");
        let n = rng.range(1, 4);
        for k in 0..n {
            let kid = k > 0 || rng.pm(500);
            let (who, rel, born) = if kid {
                let (who, rel) = rng.pick(KIDS);
                (who, rel, date_in_years(rng, 1998, 2022))
            } else {
                let rel = rng.pick(RELATIONS_ADULT);
                (rng.pick(FIRST), rel, date_in_years(rng, 1950, 1992))
            };
            if rng.pm(800) {
                writeln!(out, "  - {{name: {who}, relation: {rel}, birthday: {born}}}")?;
            } else {
                writeln!(out, "  - {{name: {who}, relation: {rel}}}")?;
            }
        }
    }
    if rng.pm(80) {
        out.push_str("dates:\n");
        writeln!(out, "  work anniversary: {}", date_in_years(rng, 2005, 2025))?;
        if rng.pm(500) {
            writeln!(out, "  first met: {}", date_in_years(rng, 1995, 2025))?;
        }
    }
    if rng.pm(350) {
        let mut list: Vec<&str> = vec![cx.interest];
        for _ in 0..rng.below(3) {
            let x = rng.pick(INTERESTS);
            if !list.contains(&x) {
                list.push(x);
            }
        }
        yaml_list(rng, "interests", &list, out)?;
    }
    if rng.pm(250) {
        writeln!(out, "linkedin: https://www.linkedin.com/in/{}", slug(&name))?;
    }
    if rng.pm(500) {
        writeln!(out, "city: {}", cx.city)?;
    }
    out.push_str(if rng.pm(20) { "...\n" } else { "---\n" });

    let fm = out.len();
    let target = body_target(rng).min(7800usize.saturating_sub(fm)).max(300);
    body(v, &cx, rng, last_contact, target, out)
}

fn note(v: &Vault, i: usize, out: &mut String) -> fmt::Result {
    let mut rng = Rng::for_item(i, 0x0E7E);
    let rng = &mut rng;
    let p = &v.plans[i];
    let cx = Ctx {
        me: i,
        company: p.company.map(|c| v.companies[c].as_str()),
        city: rng.pick(CITIES),
        interest: rng.pick(INTERESTS),
    };
    let title = v.stem(i);
    if rng.pm(800) {
        writeln!(out, "# {title}\n")?;
    }
    if matches!(p.kind, Kind::Account) {
        out.push_str("Account overview. Key people: ");
        v.link(rng, i, out)?;
        out.push_str(", ");
        v.link(rng, i, out)?;
        out.push_str(". #account\n\n");
    }
    let target = rng.range(300, 3000) as usize;
    let start = out.len();
    while out.len() - start < target {
        paragraph(v, &cx, rng, out)?;
        if rng.pm(100) {
            out.push_str("---\n\n");
        }
        if rng.pm(300) {
            let d = date_between(rng, last_contact_min(), last_contact_max());
            writeln!(out, "- {d} touched base about this\n")?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// main
// ---------------------------------------------------------------------------------------------

fn usage_error(msg: &str) -> ! {
    eprintln!("gen_vault: {msg}");
    eprintln!("usage: gen_vault COUNT DIR   (DIR must not exist or be empty)");
    std::process::exit(2);
}

fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [count, dir] = args.as_slice() else {
        usage_error("expected exactly two arguments");
    };
    let Ok(count) = count.parse::<usize>() else {
        usage_error(&format!("COUNT must be a non-negative integer, got {count:?}"));
    };
    let dir = Path::new(dir);
    if dir.exists() {
        if !dir.is_dir() {
            usage_error(&format!("{} exists and is not a directory", dir.display()));
        }
        if std::fs::read_dir(dir)?.next().is_some() {
            usage_error(&format!(
                "{} exists and is not empty; refusing to overwrite anything",
                dir.display()
            ));
        }
    }
    std::fs::create_dir_all(dir)?;

    let mut folders = BTreeSet::new();
    let mut bytes = 0u64;
    each_file(count, &mut |relative, text| {
        let folder = Path::new(relative).parent().unwrap_or(Path::new(""));
        if folders.insert(folder.to_path_buf()) {
            std::fs::create_dir_all(dir.join(folder))?;
        }
        std::fs::write(dir.join(relative), text)?;
        bytes += text.len() as u64;
        Ok(())
    })?;
    println!("wrote {count} files ({bytes} bytes) in {} folders to {}", folders.len(), dir.display());
    Ok(())
}

/// What takes each generated file: its path relative to the root and its text.
pub(crate) type FileSink<'a> = dyn FnMut(&str, &str) -> Result<(), Box<dyn Error>> + 'a;

/// Every file of a `count`-file vault, in order: its path relative to the root and its text.
/// The tests include this file (`#[path]`) to parse a generated vault without writing it.
pub(crate) fn each_file(count: usize, file: &mut FileSink<'_>) -> Result<(), Box<dyn Error>> {
    let vault = plan(count);
    let mut buf = String::with_capacity(16 * 1024);
    for (i, p) in vault.plans.iter().enumerate() {
        buf.clear();
        match p.kind {
            Kind::Contact { .. } => contact(&vault, i, &mut buf)?,
            Kind::Account | Kind::Note(_) => note(&vault, i, &mut buf)?,
        }
        file(&format!("{}/{}.md", p.folder, vault.stem(i)), &buf)?;
    }
    Ok(())
}
