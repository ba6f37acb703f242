//! The 66 questions of Harvey Mackay's customer profile ("Swim with the Sharks", 1988), in its
//! seven sections, each with the short key touchbase reads it by, the labels that name it in a
//! body, and whether it is private. The wording is shortened from the published form.

/// A section of the Mackay 66, in the form's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Section {
    Customer,
    Education,
    Family,
    BusinessBackground,
    SpecialInterests,
    Lifestyle,
    CustomerAndYou,
}

impl Section {
    pub(crate) const ALL: [Section; 7] = [
        Section::Customer,
        Section::Education,
        Section::Family,
        Section::BusinessBackground,
        Section::SpecialInterests,
        Section::Lifestyle,
        Section::CustomerAndYou,
    ];

    /// The section's title, as the form and the `mackay` template write it.
    pub(crate) fn title(self) -> &'static str {
        match self {
            Section::Customer => "Customer",
            Section::Education => "Education",
            Section::Family => "Family",
            Section::BusinessBackground => "Business background",
            Section::SpecialInterests => "Special interests",
            Section::Lifestyle => "Lifestyle",
            Section::CustomerAndYou => "The customer and you",
        }
    }

    /// The `snake_case` id the JSON output uses.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Section::Customer => "customer",
            Section::Education => "education",
            Section::Family => "family",
            Section::BusinessBackground => "business_background",
            Section::SpecialInterests => "special_interests",
            Section::Lifestyle => "lifestyle",
            Section::CustomerAndYou => "customer_and_you",
        }
    }
}

/// One of the 66.
#[derive(Debug)]
pub(crate) struct Item {
    /// The front matter key (top level or under `profile:`).
    pub key: &'static str,
    pub section: Section,
    pub question: &'static str,
    /// Other labels that name the item exactly (compared as words, see `profile::words`).
    pub aliases: &'static [&'static str],
    /// Word sets: a label holding all the words of one names the item (`What is he most proud
    /// of?` holds `proud`). The longest set found wins.
    pub words: &'static [&'static str],
    /// Never printed in pages or exports meant for others.
    pub private: bool,
    /// Worth asking early: `next_questions` offers these first.
    pub ask_early: bool,
}

const fn item(
    key: &'static str,
    section: Section,
    question: &'static str,
    aliases: &'static [&'static str],
    words: &'static [&'static str],
) -> Item {
    Item { key, section, question, aliases, words, private: false, ask_early: false }
}

const fn early(mut it: Item) -> Item {
    it.ask_early = true;
    it
}

const fn private(mut it: Item) -> Item {
    it.private = true;
    it
}

use Section::{
    BusinessBackground as B, Customer as C, CustomerAndYou as Y, Education as E, Family as F, Lifestyle as L,
    SpecialInterests as S,
};

/// How many questions the profile has.
pub(crate) const TOTAL: usize = 66;

/// The 66, in the form's order.
pub(crate) const ITEMS: [Item; TOTAL] = [
    item("nickname", C, "Name and nickname: what do they like to be called?", &["name", "goes by"], &[]),
    item("company", C, "Company", &["company name", "employer"], &[]),
    item("role", C, "Title", &["title", "position", "job title"], &[]),
    item("address", C, "Home and business address", &["home address", "business address"], &[]),
    item("phone", C, "Telephones, business and home", &["telephone", "telephones", "email"], &[]),
    early(item(
        "birthday",
        C,
        "Birth date and place, hometown",
        &["birth date", "born", "hometown", "birthplace"],
        &[],
    )),
    item(
        "appearance",
        C,
        "Height, weight, distinguishing features",
        &["height", "weight", "physical features"],
        &[],
    ),
    item("high_school", E, "High school and year graduated", &[], &["high school"]),
    early(item("college", E, "College, year graduated, degrees", &["university", "degree", "degrees"], &[])),
    item("college_honors", E, "College honors, advanced degrees", &["advanced degrees", "honors"], &[]),
    item(
        "college_sports",
        E,
        "College fraternity or sorority, sports",
        &["fraternity", "sorority", "sports in college"],
        &[],
    ),
    item(
        "extracurricular",
        E,
        "Extracurricular college activities",
        &["extracurricular activities"],
        &["extracurricular"],
    ),
    item(
        "no_college",
        E,
        "If no college: sensitive about it? What did they do instead?",
        &["did not attend college"],
        &[],
    ),
    item(
        "military",
        E,
        "Military service, rank, attitude toward it",
        &["military service", "service"],
        &["military"],
    ),
    early(item(
        "spouse_name",
        F,
        "Marital status, spouse's name",
        &["spouse", "marital status", "married", "partner"],
        &[],
    )),
    item("spouse_education", F, "Spouse's education", &[], &["spouse education"]),
    item("spouse_interests", F, "Spouse's interests, activities, affiliations", &[], &["spouse interest"]),
    item("anniversary", F, "Wedding anniversary", &["wedding anniversary"], &[]),
    early(item("children", F, "Children: names and ages", &["kids", "children names"], &[])),
    early(item(
        "children_education",
        F,
        "Children's education",
        &["kids education"],
        &["children education", "kids college"],
    )),
    early(item(
        "children_interests",
        F,
        "Children's interests: hobbies, problems",
        &["kids interests"],
        &["children interest", "kids interest"],
    )),
    item(
        "previous_jobs",
        B,
        "Previous employment: company, place, dates, title",
        &["previous employment", "previous employers", "career"],
        &["previous employ"],
    ),
    item("previous_position", B, "Previous position at their present company", &[], &["previous position"]),
    item("status_symbols", B, "Status symbols in the office", &["office"], &["status symbol"]),
    item(
        "associations",
        B,
        "Professional or trade associations, offices held",
        &["professional associations", "trade associations"],
        &["association"],
    ),
    item(
        "our_relationships",
        B,
        "Business relationships with others in our company",
        &[],
        &["relationship our company", "relationships with others"],
    ),
    item("relationship_quality", B, "Are those relationships good? Why?", &["good relationship"], &[]),
    item("who_knows_them", B, "Who else in our company knows them?", &["who knows them"], &["else know"]),
    item(
        "connection",
        B,
        "Type of connection, nature of the relationship",
        &["type of connection"],
        &["nature relationship"],
    ),
    item("company_attitude", B, "Attitude toward their company", &["attitude"], &["attitude company"]),
    early(item(
        "long_range_objective",
        B,
        "Long-range business objective",
        &["long range business objective"],
        &["long business"],
    )),
    early(item(
        "immediate_objective",
        B,
        "Immediate business objective",
        &["immediate business objective"],
        &["immediate business"],
    )),
    item(
        "greatest_concern",
        B,
        "Greater concern now: the company's welfare or their own?",
        &["concern"],
        &["greatest concern"],
    ),
    item(
        "time_focus",
        B,
        "Do they think of the present or the future?",
        &["present or future"],
        &["present future"],
    ),
    item("clubs", S, "Clubs, fraternal or service associations", &["service clubs"], &["club"]),
    private(item(
        "politics",
        S,
        "Politically active? Party? How much it matters to them",
        &["political"],
        &["politic"],
    )),
    item("community", S, "Active in the community? How?", &["community activities"], &["community"]),
    private(item("religion", S, "Religion? Active?", &["faith", "church"], &["religio"])),
    private(item(
        "avoid_topics",
        S,
        "Highly confidential items not to be discussed with them",
        &["avoid", "do not discuss", "sensitive items", "sensitive topics", "confidential"],
        &["not discussed", "sensitive", "avoid"],
    )),
    item(
        "strong_feelings",
        S,
        "Subjects, outside business, they feel strongly about",
        &["strong feelings"],
        &["feel strongly"],
    ),
    private(item(
        "health",
        L,
        "Medical history, current health",
        &["medical history", "medical"],
        &["health"],
    )),
    item("drinks", L, "Do they drink? What and how much?", &["drink", "alcohol"], &[]),
    item("drinking_others", L, "If not, are they offended by others drinking?", &[], &["offended drink"]),
    item(
        "smoking",
        L,
        "Do they smoke? If not, do they object to others smoking?",
        &["smoke", "smokes"],
        &["smok"],
    ),
    early(item(
        "lunch_places",
        L,
        "Favorite places for lunch and dinner",
        &["restaurants", "favorite restaurants"],
        &["place lunch", "place dinner"],
    )),
    item(
        "favorite_food",
        L,
        "Favorite items on the menu",
        &["favorite dishes", "menu"],
        &["favorite food", "favorite menu"],
    ),
    item(
        "meal_paying",
        L,
        "Do they object to someone buying their meal?",
        &[],
        &["buying lunch", "buying meal", "buy lunch", "buy meal"],
    ),
    early(item(
        "hobbies",
        L,
        "Hobbies and recreational interests",
        &["hobby", "recreation", "interests"],
        &[],
    )),
    early(item("vacation", L, "Vacation habits", &["vacation habits", "vacations", "holidays"], &[])),
    early(item(
        "favorite_team",
        L,
        "Spectator sports: which sports and teams?",
        &["spectator sports", "teams", "team", "sports"],
        &[],
    )),
    item("car", L, "Kind of car", &["cars"], &[]),
    early(item(
        "conversation",
        L,
        "Conversational interests",
        &["conversational interests", "talks about"],
        &["conversation"],
    )),
    item("wants_to_impress", L, "Whom do they seem anxious to impress?", &[], &["impress"]),
    item("wants_to_be_seen", L, "How do they want to be seen by them?", &[], &["seen"]),
    item("adjectives", L, "Adjectives that describe them", &["described as", "personality"], &["adjective"]),
    early(item(
        "proudest",
        L,
        "What are they most proud of having achieved?",
        &["most proud of", "proud of"],
        &["proud"],
    )),
    item("personal_goal_long", L, "Long-range personal objective", &[], &["long personal"]),
    early(item("personal_goal_now", L, "Immediate personal goal", &[], &["immediate personal"])),
    item(
        "ethics",
        Y,
        "Moral or ethical considerations in working with them",
        &[],
        &["ethical consideration", "moral"],
    ),
    item(
        "obligations",
        Y,
        "Do they feel obliged to you, your company or a competitor?",
        &["obligation"],
        &["oblig"],
    ),
    item(
        "change_needed",
        Y,
        "Does your proposal ask them to change a habit or a custom?",
        &[],
        &["change habit"],
    ),
    item(
        "others_opinions",
        Y,
        "Concerned about others' opinions, or self-centered? Highly ethical?",
        &[],
        &["opinion other", "self centered"],
    ),
    early(item("key_problems", Y, "The key problems as they see them", &["problems"], &["key problem"])),
    item(
        "management_priorities",
        Y,
        "Their management's priorities; conflicts with them?",
        &[],
        &["management priorit", "management"],
    ),
    early(item("can_help", Y, "Can you help with those problems? How?", &["how we can help"], &["help"])),
    item(
        "competitor",
        Y,
        "Does a competitor have better answers to these questions than you?",
        &["competition"],
        &["competitor"],
    ),
];
