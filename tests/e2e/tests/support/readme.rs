//! What README.md documents, read out of it so a test runs the text people copy (the doc and the
//! test cannot drift apart).

use std::path::Path;

/// The placeholder Open WebUI origin the README's examples use.
pub const EXAMPLE_OWUI_ORIGIN: &str = "https://chat.example.com";

/// The Content-Security-Policy value documented in the README section whose heading starts with
/// `section` (e.g. "### B."): the first fenced block there that starts with
/// `Content-Security-Policy:`, its lines joined and its whitespace collapsed.
pub fn documented_csp(root: &Path, section: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(root.join("README.md")).map_err(|e| e.to_string())?;
    let start = text
        .lines()
        .position(|l| l.starts_with(section))
        .ok_or_else(|| format!("README.md has no section {section:?}"))?;
    let mut in_block = false;
    let mut block = Vec::new();
    for line in text.lines().skip(start + 1) {
        if !in_block && line.starts_with("#") {
            break; // the next section: nothing documented here
        }
        if line.starts_with("```") {
            if in_block {
                let joined = block.join(" ");
                if let Some(value) = joined.trim().strip_prefix("Content-Security-Policy:") {
                    return Ok(value.split_whitespace().collect::<Vec<_>>().join(" "));
                }
                block.clear();
            }
            in_block = !in_block;
            continue;
        }
        if in_block {
            block.push(line.trim().to_string());
        }
    }
    Err(format!(
        "README.md section {section:?} documents no `Content-Security-Policy:` block"
    ))
}
