//! End-to-end tier: the release build in real headless Chromium against a real Open WebUI.
//! `cargo test -p e2e [-- NAME_FILTER]`; needs `dist/` (trunk build --release), the Open WebUI
//! venv (scripts/setup) and chromium + chromedriver. scripts/test does all of that.

mod scenarios;
// Helpers shared by all scenarios; a filtered build need not use each one.
#[allow(dead_code)]
mod support;

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use support::{Harness, Page};

/// One end-to-end scenario: an async fn over the shared harness and a fresh browser tab.
pub type Scenario =
    for<'a> fn(&'a Harness, &'a Page) -> Pin<Box<dyn Future<Output = Result<(), String>> + 'a>>;

/// A scenario that takes longer than this has hung.
const SCENARIO_TIMEOUT: Duration = Duration::from_secs(180);

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let all = scenarios::all();
    // E2E_CORE=1: only the core scenarios (what runs against the older Open WebUI lines).
    let core_only = std::env::var("E2E_CORE").is_ok_and(|v| v == "1");
    let selected: Vec<_> = all
        .into_iter()
        .filter(|(name, _)| {
            let short = name.rsplit("::").next().unwrap_or(name);
            !core_only || scenarios::CORE.contains(&short)
        })
        .filter(|(name, _)| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str())))
        .collect();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    let t0 = Instant::now();
    let harness = match Harness::start() {
        Ok(h) => h,
        Err(e) => {
            eprintln!("e2e harness failed to start: {e}");
            println!("0 passed, {} failed", selected.len());
            std::process::exit(1);
        }
    };
    eprintln!(
        "[e2e] harness up in {:.1} s; running {} scenarios",
        t0.elapsed().as_secs_f64(),
        selected.len()
    );
    let (mut passed, mut failed) = (0, Vec::new());
    for (name, scenario) in selected {
        let short = name.rsplit("::").next().unwrap_or(name);
        let started = Instant::now();
        let result = rt.block_on(async {
            let page = harness.browser().await?;
            let r = match tokio::time::timeout(SCENARIO_TIMEOUT, scenario(&harness, &page)).await {
                Ok(r) => r,
                Err(_) => Err(format!("timed out after {SCENARIO_TIMEOUT:?}")),
            };
            if r.is_err() {
                let _ = page
                    .screenshot(&harness.artifacts().join(format!("{short}-failure.png")))
                    .await;
            }
            page.close().await;
            r
        });
        match result {
            Ok(()) => {
                passed += 1;
                println!(
                    "test {name} ... ok ({:.1} s)",
                    started.elapsed().as_secs_f64()
                );
            }
            Err(e) => {
                println!(
                    "test {name} ... FAILED ({:.1} s)\n    {e}",
                    started.elapsed().as_secs_f64()
                );
                failed.push(name);
            }
        }
    }
    drop(harness);
    println!();
    if !failed.is_empty() {
        println!("failures:\n    {}", failed.join("\n    "));
    }
    println!("{passed} passed, {} failed", failed.len());
    std::process::exit(if failed.is_empty() { 0 } else { 1 });
}
