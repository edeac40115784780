//! Figures, not pass/fail: time from navigation to a rendered users table (30 rows) in headless
//! Chromium against a real Open WebUI, and the API requests that took; the wasm memory and list
//! requests of many page turns on the users list. Run by scripts/bench.

#[allow(dead_code)]
mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::Harness;
use support::session::{admin_session, open_with_session, start_or_exit};

const RUNS: usize = 7;
/// Page turns on the users list (Next and Previous in turn) for the memory figures.
const TURNS: u32 = 200;
/// After how many turns the wasm memory is read.
const MARKS: [u32; 5] = [10, 50, 100, 150, 200];

/// Installs `window.__turns(n)` in the page: turns the users list's page `n` times (Next, then
/// Previous, ...), each time until the new rows are there, and reports the wasm linear memory
/// (through the wasm-bindgen glue, whose init returns the running instance's exports) and how
/// many list requests were made.
const TURN_JS: &str = r#"
const done = arguments[arguments.length - 1];
(async () => {
  if (!window.__turns) {
    const glue = await import(document.querySelector('script[data-app-js]').dataset.appJs);
    const wasm = await glue.default();
    performance.setResourceTimingBufferSize(1000000);
    const lists = () => performance.getEntriesByType('resource')
      .filter(e => e.name.includes('/api/v1/users/?')).length;
    const first = () => document.querySelector(
      'table[aria-label=Users] tbody tr:not(.loading-row) .cell-email')?.textContent;
    const button = name => [...document.querySelectorAll('nav[aria-label=Pagination] button')]
      .find(b => b.textContent.trim() === name);
    let turned = 0;
    window.__turns = async n => {
      const before = lists();
      for (let i = 0; i < n; i++, turned++) {
        const was = first();
        button(turned % 2 ? 'Previous page' : 'Next page').click();
        const t0 = Date.now();
        while (first() === was) {
          if (Date.now() - t0 > 15000) throw new Error('page turn ' + turned + ' did not render');
          await new Promise(r => setTimeout(r, 5));
        }
      }
      // Let the turn's other work (avatars, effects) settle before reading memory.
      await new Promise(r => setTimeout(r, 200));
      return [wasm.memory.buffer.byteLength, lists() - before, turned];
    };
  }
  done(await window.__turns(arguments[0]));
})().catch(e => done(['error', String(e)]));
"#;

/// Pages the users list TURNS times; prints wasm memory at MARKS and list requests per turn.
async fn paging_memory(h: &Harness, session: &str) -> Result<(), String> {
    let page = h.browser().await?;
    let r = async {
        open_with_session(
            &page,
            &format!("{}/favicon.ico", h.app_url),
            session,
            "",
            &format!("{}/users", h.app_url),
        )
        .await?;
        page.wait_xpath("//nav[@aria-label='Pagination']//button[normalize-space()='Next page'][not(@disabled)]")
            .await?;
        let (mut at, mut requests) = (0, 0);
        println!("users list, {TURNS} page turns (Next/Previous in turn, 30 rows each):");
        for mark in MARKS {
            let v = page
                .client
                .execute_async(TURN_JS, vec![json!(mark - at)])
                .await
                .map_err(|e| e.to_string())?;
            if v[0] == "error" {
                return Err(format!("paging failed: {}", v[1]));
            }
            requests += v[1].as_u64().unwrap_or(0);
            at = mark;
            println!(
                "  after {mark:>3} turns: wasm memory {:.2} MiB, {requests} list requests",
                v[0].as_f64().unwrap_or(0.0) / 1024.0 / 1024.0
            );
        }
        Ok(())
    }
    .await;
    page.close().await;
    r
}

fn main() {
    let (rt, h) = start_or_exit("bench");
    let result = rt.block_on(async {
        let session = admin_session(&h, &h.owui_url, false)?;
        paging_memory(&h, &session).await?;
        let mut times = Vec::new();
        let mut requests = Vec::new();
        for _ in 0..RUNS {
            // A fresh browser profile each run: nothing cached.
            let page = h.browser().await?;
            open_with_session(
                &page,
                &format!("{}/favicon.ico", h.app_url),
                &session,
                "",
                &format!("{}/users", h.app_url),
            )
            .await?;
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
        // A cold load of the console through nginx (deploy/nginx.conf: gzip on), as transferred.
        let page = h.browser().await?;
        page.goto(&format!("{}/health", h.nginx_url)).await?;
        page.js(&format!("localStorage.setItem('token', {}); return 1;", serde_json::to_string(&h.api.token).unwrap_or_default())).await?;
        page.goto(&format!("{}/admin-console/users", h.nginx_url)).await?;
        let sizes = page
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 (function check() {
                   if (document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row)').length >= 30) {
                     const nav = performance.getEntriesByType('navigation')[0];
                     const res = performance.getEntriesByType('resource').filter(e => !e.name.includes('/api/'));
                     const all = [nav, ...res];
                     done([all.reduce((a, e) => a + e.transferSize, 0), all.reduce((a, e) => a + e.decodedBodySize, 0), all.length, all.map(e => e.name.split('/').pop() + ' ' + e.transferSize + ' ' + e.initiatorType)]);
                   } else { requestAnimationFrame(check); }
                 })();",
                vec![],
            )
            .await
            .map_err(|e| e.to_string())?;
        page.close().await;
        println!(
            "cold load of the console through nginx (gzip): {} files, {:.1} KB transferred ({:.1} KB uncompressed), API calls not counted",
            sizes[2],
            sizes[0].as_f64().unwrap_or(0.0) / 1024.0,
            sizes[1].as_f64().unwrap_or(0.0) / 1024.0
        );
        for f in sizes[3].as_array().into_iter().flatten().filter_map(Value::as_str) {
            println!("  {f}");
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
