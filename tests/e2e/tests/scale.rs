//! Figures at 10,000 users, not pass/fail: for each users-list view (open, search, last page,
//! each filter), the time from navigation to the settled table in headless Chromium against a
//! real Open WebUI whose database scripts/seed-scale filled, and the API requests it took.
//! Run by `scripts/bench` (needs OWUI_DATA_DIR, which scripts/bench sets).

#[allow(dead_code, unused_imports)]
mod support;

use serde_json::{Value, json};
use support::session::{admin_session, open_with_session, start_or_exit};
use support::{Harness, Page};

/// Cold runs per view (a fresh browser profile each).
const RUNS: usize = 3;

/// The views measured: a label and the app path (query string as the URL keeps it).
const VIEWS: &[(&str, &str)] = &[
    ("open the list (page 1)", "/users"),
    ("search \"00999\"", "/users?q=00999"),
    ("last page", "/users?page=335"),
    ("sorted by role, page 200", "/users?sort=role&page=200"),
    // Filters (issue 13); `{Name}` is that group's id.
    ("filter: pending", "/users?role=pending"),
    (
        "filter: admin or user, page 100",
        "/users?role=admin,user&page=100",
    ),
    (
        "filter: active in the last 30 days",
        "/users?last=active-30",
    ),
    ("filter: inactive for 180 days", "/users?last=inactive-180"),
    ("filter: never active", "/users?last=never"),
    (
        "filter: created 2026-01-01..03-31",
        "/users?from=2026-01-01&to=2026-03-31",
    ),
    (
        "filter: group Scale Research",
        "/users?group={Scale Research}",
    ),
    (
        "filter: + child groups",
        "/users?group={Scale Research}&children=1",
    ),
    (
        "filter: pending + never active",
        "/users?role=pending&last=never",
    ),
];

/// Waits until the users table has settled (no request in flight, rows or the empty text shown),
/// then returns [ms since navigation start, the API requests made, the total text].
const SETTLED_JS: &str = r#"
const done = arguments[arguments.length - 1];
const t0 = Date.now();
(function check() {
  const wrap = document.querySelector('.table-wrap');
  const rows = document.querySelectorAll('table[aria-label=Users] tbody tr:not(.loading-row)').length;
  const empty = document.querySelector('.table-wrap .empty');
  const busy = !wrap || wrap.classList.contains('loading') || document.querySelector('[aria-busy=true]');
  if (!busy && (rows > 0 || empty)) {
    const at = performance.now();
    const api = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/'))
      .map(e => { const u = new URL(e.name); return u.pathname + u.search; });
    done([at, api, document.querySelector('.page-head .count')?.textContent || '', rows]);
  } else if (Date.now() - t0 > 120000) {
    done([-1, [], 'did not settle within 120 s', 0]);
  } else { requestAnimationFrame(check); }
})();
"#;

async fn measure(
    h: &Harness,
    session: &str,
    path: &str,
) -> Result<(f64, Vec<String>, String), String> {
    let page = Page::open(&h.webdriver_url).await?;
    let r = async {
        open_with_session(
            &page,
            &format!("{}/favicon.ico", h.app_url),
            session,
            "",
            &format!("{}{path}", h.app_url),
        )
        .await?;
        let v = page
            .client
            .execute_async(SETTLED_JS, vec![])
            .await
            .map_err(|e| e.to_string())?;
        let ms = v[0].as_f64().unwrap_or(-1.0);
        if ms < 0.0 {
            return Err(format!("{path}: {}", v[2]));
        }
        let requests = v[1]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        let shown = format!("{}; {} rows", v[2].as_str().unwrap_or(""), v[3]);
        Ok((ms, requests, shown))
    }
    .await;
    page.close().await;
    r
}

fn main() {
    if std::env::var("OWUI_DATA_DIR").is_err() {
        eprintln!("scale bench: set OWUI_DATA_DIR to a directory made by scripts/seed-scale");
        std::process::exit(2);
    }
    let (rt, h) = start_or_exit("scale bench");
    let result = rt.block_on(async {
        let (_, first) = h.api.get("/api/v1/users/?page=1")?;
        println!(
            "users list views at {} users (median of {RUNS} cold runs; time from navigation to the settled table):",
            first["total"]
        );
        let session = admin_session(&h, &h.owui_url, false)?;
        let (_, groups) = h.api.get("/api/v1/groups/")?;
        for (label, path) in VIEWS {
            let mut path = path.to_string();
            for g in groups.as_array().into_iter().flatten() {
                if let (Some(name), Some(id)) = (g["name"].as_str(), g["id"].as_str()) {
                    path = path.replace(&format!("{{{name}}}"), id);
                }
            }
            let path = path.as_str();
            let mut times = Vec::new();
            let mut last = (Vec::new(), String::new());
            for _ in 0..RUNS {
                let (ms, requests, shown) = measure(&h, &session, path).await?;
                times.push(ms);
                last = (requests, shown);
            }
            times.sort_by(f64::total_cmp);
            let lists = last.0.iter().filter(|r| r.starts_with("/api/v1/")).count();
            println!(
                "  {label:<32} {:>6.0} ms  {:>3} API requests  ({})  {path}",
                times[RUNS / 2],
                lists,
                last.1
            );
        }
        Ok::<_, String>(())
    });
    if let Err(e) = result {
        eprintln!("scale bench failed: {e}");
        std::process::exit(1);
    }
}
