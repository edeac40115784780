//! axe-core in the page: injected from the npm package that `scripts/setup` puts in `.tools`, run
//! through WebDriver, its violations brought back short enough to read in a failure message.
//!
//! The script goes in as the body of a WebDriver "execute script" call, which the browser runs
//! outside the page's Content-Security-Policy, so it also works behind nginx's strict CSP.

use std::fmt;
use std::sync::OnceLock;

use serde_json::Value;

use super::Page;

/// The rule sets the console promises to pass: WCAG 2.0/2.1 A and AA, and axe's best practices.
pub const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/// Impacts, worst first, as axe names them.
pub const IMPACTS: [&str; 4] = ["critical", "serious", "moderate", "minor"];

/// One failed rule on one page: what, how bad, how many elements, and where (the first few).
#[derive(Debug, Clone)]
pub struct Violation {
    pub id: String,
    pub impact: String,
    pub help: String,
    /// Elements failing this rule, by their own impact.
    pub nodes: Vec<Node>,
}

#[derive(Debug, Clone)]
pub struct Node {
    pub impact: String,
    pub target: String,
    pub summary: String,
}

impl Violation {
    /// Critical or serious: what the console must never ship.
    pub fn blocking(&self) -> bool {
        matches!(self.impact.as_str(), "critical" | "serious")
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "[{}] {} ({} element{}): {}",
            self.impact,
            self.id,
            self.nodes.len(),
            if self.nodes.len() == 1 { "" } else { "s" },
            self.help
        )?;
        for n in self.nodes.iter().take(3) {
            let summary = n.summary.replace('\n', " ");
            writeln!(f, "      at {}: {}", n.target, summary)?;
        }
        Ok(())
    }
}

/// Failing elements per impact: `[critical, serious, moderate, minor]`.
pub fn counts(violations: &[Violation]) -> [usize; 4] {
    let mut c = [0; 4];
    for n in violations.iter().flat_map(|v| &v.nodes) {
        if let Some(i) = IMPACTS.iter().position(|i| *i == n.impact) {
            c[i] += 1;
        }
    }
    c
}

/// axe.min.js from `.tools/node_modules/axe-core`, read once.
fn source() -> Result<&'static str, String> {
    static SRC: OnceLock<Result<String, String>> = OnceLock::new();
    SRC.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../.tools/node_modules/axe-core/axe.min.js");
        std::fs::read_to_string(&path)
            .map_err(|e| format!("{}: {e} (scripts/setup installs axe-core)", path.display()))
    })
    .as_deref()
    .map_err(Clone::clone)
}

/// Runs axe on the page (or only inside the elements matching `within`, e.g. an open dialog)
/// and returns its violations.
pub async fn run(page: &Page, within: Option<&str>) -> Result<Vec<Violation>, String> {
    let loaded = page.js("return typeof window.axe === 'object';").await?;
    if loaded != Value::Bool(true) {
        page.js(&format!("{}\n;return true;", source()?)).await?;
    }
    let context = match within {
        Some(css) => serde_json::json!({ "include": [css] }).to_string(),
        None => "document".to_string(),
    };
    let tags = serde_json::to_string(TAGS).map_err(|e| e.to_string())?;
    let script = format!(
        "return window.axe.run({context}, {{runOnly: {{type: 'tag', values: {tags}}}, resultTypes: ['violations']}})
           .then(r => r.violations.map(v => ({{
             id: v.id, impact: v.impact || 'minor', help: v.help,
             nodes: v.nodes.map(n => ({{
               impact: n.impact || v.impact || 'minor',
               target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' '),
               summary: (n.failureSummary || '').slice(0, 300)
             }}))
           }})));"
    );
    let found = page.js(&script).await?;
    let list = found
        .as_array()
        .ok_or_else(|| format!("axe returned {found}"))?;
    let text = |v: &Value, k: &str| v[k].as_str().unwrap_or_default().to_string();
    Ok(list
        .iter()
        .map(|v| Violation {
            id: text(v, "id"),
            impact: text(v, "impact"),
            help: text(v, "help"),
            nodes: v["nodes"]
                .as_array()
                .map(|ns| {
                    ns.iter()
                        .map(|n| Node {
                            impact: text(n, "impact"),
                            target: text(n, "target"),
                            summary: text(n, "summary"),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect())
}
