//! Progressive disclosure for a large catalogue: `search` finds tools by keyword in their
//! names and descriptions and answers with one-line signatures; `describe` answers with the
//! full TypeScript declarations (input and output types) of the tools it names. `execute`'s
//! description then holds only the list of sources, not every declaration.

use capabilities::{Catalog, DeclarationStyle, Source};

/// The most tools one `search` lists.
pub(crate) const MAX_MATCHES: usize = 20;

/// The tools of `catalog` that match `query` best (every word counts; a word in the tool's
/// name counts more than one in its description), as `source.tool(input)` lines with the
/// first sentence of their description.
pub(crate) fn search(catalog: &Catalog, query: &str) -> String {
    let words: Vec<String> = query
        .split(|character: char| !character.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut matches: Vec<(usize, &Source, &capabilities::Tool)> = Vec::new();
    for source in &catalog.sources {
        for tool in &source.tools {
            let name = format!("{} {} {} {}", source.name, source.original, tool.name, tool.original).to_lowercase();
            let description = tool.description.as_deref().unwrap_or_default().to_lowercase();
            let score: usize = words
                .iter()
                .map(|word| {
                    usize::from(name.contains(word.as_str())) * 3 + usize::from(description.contains(word.as_str()))
                })
                .sum();
            if score > 0 || words.is_empty() {
                matches.push((score, source, tool));
            }
        }
    }
    matches.sort_by_key(|(score, _, _)| std::cmp::Reverse(*score));
    if matches.is_empty() {
        return format!(
            "No tool matches {query:?}. The sources are: {}. Search with other words, or describe a source's tools with describe({{tools: [\"<source>.*\"]}}).",
            catalog.sources.iter().map(|source| source.name.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    let total = matches.len();
    let mut text = String::new();
    for (_, source, tool) in matches.iter().take(MAX_MATCHES) {
        text.push_str(&format!("{}.{}(input)", source.name, tool.name));
        if let Some(summary) = tool.description.as_deref().map(first_sentence).filter(|summary| !summary.is_empty()) {
            text.push_str(&format!(" — {summary}"));
        }
        text.push('\n');
    }
    if total > MAX_MATCHES {
        text.push_str(&format!("… and {} more; narrow the query.\n", total - MAX_MATCHES));
    }
    text.push_str("\nCall describe({tools: [\"source.tool\", ...]}) for their input and output types.");
    text
}

/// The declarations of the tools `names` lists (`source.tool`, or `source.*` for all of a
/// source's), or why some are unknown.
pub(crate) fn describe(catalog: &Catalog, names: &[String]) -> Result<String, String> {
    let mut unknown = Vec::new();
    let mut selected: Vec<Source> = Vec::new();
    for name in names {
        let (source_name, tool_name) = name.split_once('.').unwrap_or((name.as_str(), "*"));
        let Some(source) = catalog.sources.iter().find(|source| source.name == source_name) else {
            unknown.push(name.clone());
            continue;
        };
        let tools: Vec<&capabilities::Tool> =
            source.tools.iter().filter(|tool| tool_name == "*" || tool.name == tool_name).collect();
        if tools.is_empty() {
            unknown.push(name.clone());
            continue;
        }
        let entry = match selected.iter_mut().find(|chosen| chosen.name == source.name) {
            Some(entry) => entry,
            None => {
                selected.push(Source { tools: Vec::new(), ..source.clone() });
                selected.last_mut().expect("just pushed")
            }
        };
        for tool in tools {
            if !entry.tools.iter().any(|known| known.name == tool.name) {
                entry.tools.push(tool.clone());
            }
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "No such tool: {}. Names are `source.tool` (or `source.*`) as search lists them; the sources are: {}.",
            unknown.join(", "),
            catalog.sources.iter().map(|source| source.name.as_str()).collect::<Vec<_>>().join(", ")
        ));
    }
    Ok(capabilities::declarations(&Catalog { sources: selected }, DeclarationStyle::Globals))
}

/// A description's first sentence (or line), at most 200 characters.
fn first_sentence(description: &str) -> String {
    let line = description.trim().lines().next().unwrap_or_default();
    let end = line.find(". ").map_or(line.len(), |end| end + 1);
    let sentence = &line[..end];
    if sentence.chars().count() > 200 {
        format!("{}…", sentence.chars().take(200).collect::<String>())
    } else {
        sentence.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let tool = |name: &str, description: &str| capabilities::Tool {
            name: name.into(),
            original: name.into(),
            description: Some(description.into()),
            input_schema: serde_json::json!({"type": "object", "properties": {"q": {"type": "string"}}}),
            output_schema: None,
            approve: false,
        };
        Catalog {
            sources: vec![Source {
                name: "github".into(),
                original: "github".into(),
                kind: capabilities::SourceKind::Mcp,
                description: None,
                tools: vec![tool("search_issues", "Search issues. Slow."), tool("create_issue", "Open an issue")],
            }],
        }
    }

    /// A word in a tool's name ranks it above one found only in a description.
    #[test]
    fn search_ranks_names_first() {
        let found = search(&catalog(), "search issue");
        assert!(found.starts_with("github.search_issues(input) — Search issues."), "{found}");
        assert!(found.contains("github.create_issue(input)"));
        assert!(search(&catalog(), "weather").starts_with("No tool matches"));
    }

    /// `describe` declares only the tools named, and names the unknown ones.
    #[test]
    fn describe_declares_the_tools_named() {
        let text = describe(&catalog(), &["github.create_issue".into()]).unwrap();
        assert!(text.contains("create_issue(input?: github.CreateIssueInput)"), "{text}");
        assert!(!text.contains("search_issues"));
        assert!(describe(&catalog(), &["github.nope".into()]).unwrap_err().contains("github.nope"));
        assert!(describe(&catalog(), &["github.*".into()]).unwrap().contains("search_issues"));
    }
}
