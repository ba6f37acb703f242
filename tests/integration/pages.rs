//! The generated pages (issue 18 part 4): `links = "wiki" | "markdown"` (wiki by default in an
//! Obsidian vault), Obsidian's link targets (the file name, its path when two files share it,
//! an alias when the name shown differs), ticks on a wiki-linked outreach list recorded, section
//! caps whose "…and N more" names a command that lists the rest, dates in code spans.

use crate::harness::Test;

/// The sample vault opened by Obsidian.
fn obsidian_sample() -> Test {
    Test::sample().file(".obsidian/app.json", "{}\n")
}

#[test]
fn an_obsidian_vault_gets_wiki_links() {
    let out = obsidian_sample().args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    assert!(page.contains("| [[Jane Doe]] | [[Acme Corp]] | `2026-10-12` | monthly | 14 |\n"), "{page}");
    assert!(
        page.contains("| [[Acme Corp]] | `2026-11-10` | new decision maker [[Richard Hale]] ("),
        "{page}"
    );
    assert!(page.contains("successor: [[Richard Hale]] |"), "{page}");
    assert!(!page.contains("](") && !page.contains(".md)"), "no markdown link left:\n{page}");
    let out = out.then().args(["outreach"]).run();
    out.success().stdout_has("- [ ] [[Jane Doe]], [[Acme Corp]]: 14 days overdue (monthly)\n");
    let out = out.then().args(["outreach", "--week", "2026-W49"]).run();
    out.success().stdout_has("([[Linda Sullivan]] and [[Robert Sullivan]])");
    out.stdout_has("…and 7 more (`touchbase outreach --week 2026-W49 --limit 17` lists them all).");
}

#[test]
fn the_setting_wins_over_the_obsidian_folder() {
    let settings = std::fs::read_to_string("sample-vault/touchbase.toml").unwrap();
    let out = obsidian_sample()
        .file("touchbase.toml", &format!("links = \"markdown\"\n{settings}"))
        .args(["index"])
        .run();
    out.success();
    assert!(out.read_file("INDEX.md").contains("| [Jane Doe](customers/acme/Jane%20Doe.md) |"));
    let out =
        Test::sample().file("touchbase.toml", &format!("links = \"wiki\"\n{settings}")).args(["index"]).run();
    out.success();
    assert!(out.read_file("INDEX.md").contains("| [[Jane Doe]] |"));
    let out = Test::sample().file("touchbase.toml", "links = \"html\"\n").args(["index"]).run();
    out.code(2).stderr_has("links: \"html\" is not one of \"wiki\", \"markdown\"");
}

#[test]
fn shared_names_and_other_file_names_get_a_path_or_an_alias() {
    let out = Test::empty_vault()
        .file(".obsidian/app.json", "{}\n")
        .file("work/Sam Lee.md", "---\nname: Sam Lee\ncadence: weekly\nlast_contact: 2026-11-01\n---\n")
        .file("family/Sam Lee.md", "---\nname: Sam Lee\ncadence: weekly\nlast_contact: 2026-11-02\n---\n")
        .file("people/ann-berg.md", "---\nname: Ann Berg\ncadence: weekly\nlast_contact: 2026-11-03\n---\n")
        .args(["index"])
        .run();
    out.success();
    let page = out.read_file("INDEX.md");
    // In a table the alias's `|` is escaped, as Obsidian reads it there.
    assert!(page.contains("| [[work/Sam Lee\\|Sam Lee]] |"), "{page}");
    assert!(page.contains("| [[family/Sam Lee\\|Sam Lee]] |"), "{page}");
    assert!(page.contains("| [[ann-berg\\|Ann Berg]] |"), "{page}");
}

#[test]
fn ticks_on_a_wiki_linked_list_are_recorded() {
    let out = obsidian_sample().args(["outreach", "--write"]).run();
    out.success();
    let list = out.read_file("outreach/2026-W48.md");
    assert!(list.contains("- [ ] [[Jane Doe]], [[Acme Corp]]:"), "{list}");
    let ticked = list.replacen("- [ ] [[Jane Doe]]", "- [x] [[Jane Doe]]", 1);
    let out = out.then().file("outreach/2026-W48.md", &ticked).args(["outreach", "--apply"]).run();
    out.success().stderr_has("1 ticked: 1 recorded");
    assert!(out.read_file("customers/acme/Jane Doe.md").contains("reached out (outreach 2026-W48)"));
}

#[test]
fn sections_are_capped_with_a_command_that_lists_the_rest() {
    let settings = std::fs::read_to_string("sample-vault/touchbase.toml").unwrap();
    let out =
        Test::sample().file("touchbase.toml", &format!("page_rows = 2\n{settings}")).args(["index"]).run();
    out.success();
    let page = out.read_file("INDEX.md");
    let section = |title: &str| page.split(title).nth(1).unwrap().split("\n## ").next().unwrap().to_string();
    let overdue = section("## Overdue");
    assert_eq!(overdue.matches("\n| [").count(), 2, "{overdue}");
    assert!(overdue.contains("\n…and 3 more (`touchbase overdue` lists them all).\n"), "{overdue}");
    let due = section("## Due this week");
    assert!(due.contains("\n…and 2 more (`touchbase upcoming --days 3` lists them all).\n"), "{due}");
    assert!(section("## Upcoming").contains("…and 22 more (`touchbase upcoming --days 30` lists them all)."));
    assert!(section("## Accounts needing attention")
        .contains("…and 1 more (`touchbase accounts` lists them all)."));
    assert!(section("## Check-ups due").contains("…and 3 more (`touchbase agenda` lists them all)."));
    assert!(page.contains("5 overdue · 4 due this week · 24 upcoming"), "the counts are the whole sections'");
    // The pointers are true: the commands list the rows the page left out.
    let listed = out.then().args(["upcoming", "--days", "3"]).run();
    listed.success().stdout_has("Frank Moretti").stdout_has("Jake Thompson");
    let listed = listed.then().args(["agenda"]).run();
    listed.success().stdout_has("check-up Initech").stdout_has("check-up tag:colleague");
    let never = Test::sample().args(["list", "has:cadence", "no:last", "--format", "paths"]).run();
    never.success().stdout_is("vault/customers/acme/Richard Hale.md\n");
}
