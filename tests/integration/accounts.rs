//! Issue 13, accounts with roles and coverage: the account note (aliases merge spellings, its
//! own cadence and required roles), `account_role`, `left`/`replaced_by`, the org chart from
//! `reports_to`, the coverage flags under their stable `kind` names, and `check`'s duplicate
//! warning.

use crate::harness::Test;

#[test]
fn sample_accounts_as_json() {
    let out = Test::sample().args(["--format", "json", "accounts"]).run();
    out.success().stdout_golden("accounts-sample-json");
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let kinds = |company: &str| -> Vec<String> {
        let account = json.as_array().unwrap().iter().find(|a| a["company"] == company).unwrap();
        account["flags"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(kinds("Acme Corp"), ["new_decision_maker", "left_company"]);
    assert_eq!(
        kinds("Globex Corporation"),
        ["stale", "decision_maker_overdue", "single_threaded", "possible_duplicate_account"]
    );
    assert!(kinds("Moretti Landscaping").is_empty(), "a friend's business: no customer, no flags");
    assert!(kinds("Northwind").is_empty(), "colleagues: no customer tag");
}

#[test]
fn the_org_chart_follows_reports_to() {
    Test::sample()
        .args(["accounts", "Acme Corp", "--tree"])
        .run()
        .success()
        .stdout_golden("accounts-acme-tree");
    let out = Test::sample().args(["--format", "json", "accounts", "acme", "--tree"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json[0]["roots"][0]["name"], "Richard Hale");
    assert_eq!(json[0]["roots"][0]["reports"][0]["reports"][0]["name"], "Priya Raman");
}

#[test]
fn a_reporting_cycle_ends_and_the_order_is_stable() {
    let vault = Test::empty_vault()
        .file("a.md", "---\ncompany: Loop\nreports_to: b\n---\n")
        .file("b.md", "---\ncompany: Loop\nreports_to: '[[a]]'\n---\n")
        .file("c.md", "---\ncompany: Loop\nreports_to: c\n---\n");
    let out = vault.args(["accounts", "Loop", "--tree"]).run();
    out.success().stdout_is(
        // `c` reports to itself: a root. `a` and `b` loop: after the roots, cut where it closes.
        "Loop\n├── c  (never contacted)\n└── a  (never contacted)\n    └── b  (never contacted)\n        └── a  (never contacted)  (reports_to loops back here)\n\n* decision maker\n",
    );
}

#[test]
fn new_contact_with_an_alias_lands_in_the_account() {
    let out = Test::sample().args(["new", "Dan Murphy", "--company", "Acme"]).run();
    out.success();
    let out = out.then().args(["--format", "json", "accounts", "Acme"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 1, "Acme is the account note's alias:\n{}", out.stdout);
    assert!(json[0]["contacts"].as_array().unwrap().iter().any(|c| c["name"] == "Dan Murphy"));
}

#[test]
fn without_an_alias_check_warns_about_the_duplicate() {
    let vault = Test::empty_vault()
        .file("Dan Murphy.md", "---\ncompany: Acme\ntags: [customer]\n---\n")
        .file("Jane Doe.md", "---\ncompany: Acme Corp\ntags: [customer]\n---\n")
        .file("Frank.md", "---\ncompany: Moretti Landscaping\nrole: Owner\n---\n");
    let out = vault.args(["check"]).run();
    out.code(1).stdout_has(
        "vault/Dan Murphy.md: possible duplicate account: \"Acme\" and \"Acme Corp\" (vault/Jane Doe.md) normalise alike",
    );
    let out = out.then().args(["--format", "json", "accounts"]).run();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let kinds: Vec<&str> =
        json[0]["flags"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["no_decision_maker", "single_threaded", "possible_duplicate_account"]);
    assert_eq!(json[2]["company"], "Moretti Landscaping");
    assert_eq!(json[2]["flags"], serde_json::json!([]), "single-threaded, but no customer");
}

#[test]
fn the_account_note_is_a_note_and_says_why() {
    Test::sample()
        .args(["check", "--explain", "notes/Acme Corp.md"])
        .run()
        .success()
        .stdout_has("account")
        .stdout_has("its `type` is `account` (an account note)");
    let out = Test::sample().args(["show", "Acme Corp"]).run();
    assert_ne!(out.code, Some(0), "not a contact:\n{}", out.stdout);
}

#[test]
fn roles_cadence_and_required_roles_come_from_the_note() {
    let vault = Test::empty_vault()
        .file(
            "Accounts/Initech.md",
            "---\ntype: account\ncadence: 2w\nrequired_roles: [champion, user]\ntags: [customer]\n---\n",
        )
        .file("a.md", "---\ncompany: Initech\naccount_role: Champion\nlast_contact: 2026-11-01\n---\n")
        .file(
            "b.md",
            "---\ncompany: Initech\naccount_role: [User, budget holder]\nlast_contact: 2026-11-02\n---\n",
        );
    let out = vault.args(["--format", "json", "accounts"]).run();
    out.success();
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let account = &json[0];
    assert_eq!(account["note"], "Accounts/Initech.md");
    assert_eq!(account["roles"][1], serde_json::json!({"role": "user", "covered": true, "by": ["b"]}));
    assert_eq!(account["contacts"][1]["account_roles"], serde_json::json!(["user", "budget holder"]));
    let kinds: Vec<&str> =
        account["flags"].as_array().unwrap().iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["stale", "no_decision_maker"], "2w since 2026-11-02 is past");
}

#[test]
fn show_says_the_contacts_place_in_the_account() {
    let out = Test::sample().args(["show", "Richard Hale"]).run();
    out.success();
    out.stdout_has_line("  account role  economic_buyer");
    out.stdout_has_line("  added         2026-10-05");
    let out = Test::sample().args(["show", "Walter Grimes"]).run();
    out.success();
    out.stdout_has_line("  left          2026-09-01");
    out.stdout_has_line("  replaced by   Richard Hale");
}
