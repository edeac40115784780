//! Figures, not pass/fail: time from navigation to a rendered users table (30 rows) in headless
//! Chromium against a real Open WebUI, and the API requests that took. Run by scripts/bench.

#[allow(dead_code)]
mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::Harness;

const RUNS: usize = 7;

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let h = match Harness::start() {
        Ok(h) => h,
        Err(e) => {
            eprintln!("bench harness failed: {e}");
            std::process::exit(1);
        }
    };
    let result = rt.block_on(async {
        let (_, me) = h.api.get("/api/v1/auths/")?;
        let session = json!({"base_url": h.owui_url, "token": h.api.token, "user": me, "remember": false}).to_string();
        let mut times = Vec::new();
        let mut requests = Vec::new();
        for _ in 0..RUNS {
            // A fresh browser profile each run: nothing cached.
            let page = h.browser().await?;
            page.goto(&format!("{}/favicon.ico", h.app_url)).await?;
            page.js(&format!("sessionStorage.setItem('owui-admin.session', {}); return 1;", serde_json::to_string(&session).unwrap_or_default())).await?;
            page.goto(&format!("{}/users", h.app_url)).await?;
            let v = page
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];
                     const t0 = Date.now();
                     (function check() {
                       const rows = document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row)').length;
                       if (rows >= 30) {
                         const rendered = performance.now();
                         // Let the screen's other requests finish, then list them all.
                         setTimeout(() => {
                           const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'));
                           done([rendered, api.map(e => new URL(e.name).pathname + new URL(e.name).search)]);
                         }, 1500);
                       } else if (Date.now() - t0 > 20000) { done([-1, []]); } else { requestAnimationFrame(check); }
                     })();",
                    vec![],
                )
                .await
                .map_err(|e| e.to_string())?;
            page.close().await;
            let ms = v[0].as_f64().unwrap_or(-1.0);
            if ms < 0.0 {
                return Err("the table did not render within 20 s".to_string());
            }
            times.push(ms);
            requests = v[1].as_array().cloned().unwrap_or_default();
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok::<_, String>((times, requests))
    });
    match result {
        Ok((mut times, requests)) => {
            times.sort_by(f64::total_cmp);
            let median = times[times.len() / 2];
            println!("time from navigation to a rendered users table (30 rows), {RUNS} cold runs:");
            println!(
                "  median {median:.0} ms, min {:.0} ms, max {:.0} ms",
                times[0],
                times[times.len() - 1]
            );
            println!(
                "API requests the users screen makes on open (all in parallel): {}",
                requests.len()
            );
            for r in requests.iter().filter_map(Value::as_str) {
                println!("  {r}");
            }
        }
        Err(e) => {
            eprintln!("bench failed: {e}");
            std::process::exit(1);
        }
    }
}
