//! Tick one open task (`- [ ]` → `- [x]`) whose text contains a given text: the three bytes of
//! its box change, nothing else.
#![deny(clippy::string_slice, clippy::indexing_slicing)]

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

use super::{front_matter, refuse, strip_eol, EditResult};

/// Ticks the one open task in the body whose text contains `wanted` (case-insensitive). None,
/// or several, is a refusal that lists the open tasks (or the candidates).
pub fn tick_task(text: &str, wanted: &str) -> EditResult<String> {
    let (_, body_start) = front_matter(text)?;
    let body = text.get(body_start..).unwrap_or("");
    let wanted = wanted.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    if wanted.is_empty() {
        return refuse("the task text is empty");
    }
    let tasks = open_tasks(body);
    let matching: Vec<&(Range<usize>, String)> =
        tasks.iter().filter(|(_, line)| line.to_lowercase().contains(&wanted)).collect();
    match matching.as_slice() {
        [(boxed, _)] => {
            let start = body_start + boxed.start;
            let mut out = String::with_capacity(text.len());
            out.push_str(text.get(..start).unwrap_or(""));
            out.push_str("[x]");
            out.push_str(text.get(start + 3..).unwrap_or(""));
            Ok(out)
        }
        [] if tasks.is_empty() => refuse("the file has no open task (`- [ ] ...`)"),
        [] => refuse(format!("no open task contains {wanted:?}; the open tasks are:{}", listed(&tasks))),
        several => {
            let several: Vec<(Range<usize>, String)> = several.iter().map(|t| (*t).clone()).collect();
            refuse(format!(
                "{} open tasks contain {wanted:?}; give more of the text:{}",
                several.len(),
                listed(&several)
            ))
        }
    }
}

fn listed(tasks: &[(Range<usize>, String)]) -> String {
    let mut out = String::new();
    for (_, line) in tasks {
        out.push_str("\n  - [ ] ");
        out.push_str(line);
    }
    out
}

/// Every open task's box (`[ ]`, relative to the body) and the rest of its line.
fn open_tasks(body: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for (event, range) in Parser::new_ext(body, Options::ENABLE_TASKLISTS).into_offset_iter() {
        if event != Event::TaskListMarker(false) || body.get(range.clone()) != Some("[ ]") {
            continue;
        }
        let rest = body.get(range.end..).unwrap_or("");
        let line = strip_eol(rest.split('\n').next().unwrap_or("")).trim().to_string();
        out.push((range, line));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::tick_task;

    const TOM: &str = "---\nname: Tom\n---\n## Log\n- 2026-10-20: intro\n- [x] 2026-11-02 sent the deck\n- [ ] 2026-12-01 send the proposal\n  * [ ] 2026-12-03 send the Proposal appendix\n\n```\n- [ ] 2026-12-09 in code\n```\n";

    #[test]
    fn ticks_exactly_the_one_box() {
        let out = tick_task(TOM, "send the PROPOSAL\n").unwrap_err().0;
        assert!(out.starts_with("2 open tasks"), "{out}");
        let out = tick_task(TOM, "12-01 send").unwrap();
        assert_eq!(out, TOM.replacen("- [ ] 2026-12-01", "- [x] 2026-12-01", 1));
        let crlf = TOM.replace('\n', "\r\n");
        assert_eq!(
            tick_task(&crlf, "APPENDIX").unwrap(),
            crlf.replacen("* [ ] 2026-12-03", "* [x] 2026-12-03", 1)
        );
    }

    #[test]
    fn refuses_several_none_and_code() {
        let several = tick_task(TOM, "proposal").unwrap_err().0;
        assert!(several.starts_with("2 open tasks contain \"proposal\""), "{several}");
        assert!(several.contains("\n  - [ ] 2026-12-03 send the Proposal appendix"), "{several}");
        let none = tick_task(TOM, "in code").unwrap_err().0;
        assert!(none.starts_with("no open task contains \"in code\""), "{none}");
        assert!(tick_task(TOM, "sent the deck").is_err(), "a done task is not ticked again");
        assert!(tick_task("---\n---\n- x\n", "x").unwrap_err().0.contains("no open task"));
        assert!(tick_task(TOM, "  ").is_err());
    }
}
