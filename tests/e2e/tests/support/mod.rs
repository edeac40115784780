//! The real parts the scenarios run against, started once and stopped at the end: a fresh Open
//! WebUI (pinned PyPI release, temp data dir, loopback, seeded through its API), the release
//! `dist/` served twice (on its own origin, and behind a proxy on Open WebUI's origin), and
//! chromedriver driving headless Chromium.

pub mod api;
pub mod axe;
pub mod faults;
pub mod keys;
pub mod line;
pub mod nginx;
pub mod page;
pub mod readme;
pub mod session;

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

pub use api::Api;
pub use faults::{Fault, Faults, Rule};
pub use page::Page;

/// A child process that is stopped when dropped. `stdin` is held open for processes that exit
/// when it closes (owui.py cleans up its Open WebUI and temp dir that way).
pub struct Proc {
    name: &'static str,
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Drop for Proc {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let end = Instant::now() + Duration::from_secs(20);
        while Instant::now() < end {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            if self.name != "open-webui" {
                break; // only owui.py needs the gentle stop
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `cmd` and waits (with a deadline) for a stdout line starting with `marker`.
fn start(
    name: &'static str,
    cmd: &mut Command,
    marker: &str,
    deadline: Duration,
) -> Result<(Proc, String), String> {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot start {name}: {e}"))?;
    let stdin = child.stdin.take();
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let (tx, rx) = mpsc::channel();
    let marker = marker.to_string();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix(&marker) {
                let _ = tx.send(rest.trim().to_string());
            }
        }
    });
    let proc = Proc { name, child, stdin };
    match rx.recv_timeout(deadline) {
        Ok(line) => Ok((proc, line)),
        Err(_) => Err(format!("{name} did not become ready within {deadline:?}")),
    }
}

pub fn free_port() -> Result<u16, String> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

/// A search text whose requests the proxied app's server delays by 2.5 s.
pub const SLOW_QUERY: &str = "zzslow";

/// The path whose requests (the signed-in user's status) `Harness::app_slow_status_url` delays
/// by 5 s.
pub const SLOW_STATUS_PATH: &str = "/users/user/status";

pub struct Harness {
    /// Open WebUI's base URL.
    pub owui_url: String,
    /// The app on its own origin (cross-origin calls to Open WebUI).
    pub app_url: String,
    /// The app on Open WebUI's origin, behind a proxy (same-origin calls).
    pub app_proxied_url: String,
    /// The app on Open WebUI's origin, behind a proxy that answers `SLOW_STATUS_PATH` late.
    pub app_slow_status_url: String,
    /// Open WebUI behind a proxy that strips its CORS headers (a locked-down CORS setting).
    pub cors_blocked_url: String,
    /// The app on its own origin sending README deploy B's Content-Security-Policy as written
    /// there, with this run's Open WebUI origin in place of the example one.
    pub app_csp_url: String,
    /// That policy, as sent.
    pub app_csp: String,
    /// nginx with deploy/nginx.conf: the console at /admin-console/, Open WebUI at /.
    pub nginx_url: String,
    /// Open WebUI behind the fault-injecting proxy (`faults` sets what goes wrong), with the app
    /// on the same origin; also usable as a cross-origin Server URL from `app_url`.
    pub fault_url: String,
    pub faults: Faults,
    pub admin_email: String,
    pub admin_password: String,
    pub admin_name: String,
    pub webdriver_url: String,
    pub root: PathBuf,
    pub api: Api,
    /// The server's version as `/api/version` says it (e.g. "0.12.4").
    pub version: String,
    procs: Vec<Proc>,
}

impl Harness {
    pub fn start() -> Result<Harness, String> {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .canonicalize()
            .map_err(|e| e.to_string())?;
        let dist = root.join("dist");
        if !dist.join("index.html").exists() {
            return Err(format!(
                "{} is missing: run `trunk build --release` (scripts/test does)",
                dist.display()
            ));
        }
        let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
        let t0 = Instant::now();
        let (owui, ready) = start(
            "open-webui",
            Command::new(&python)
                .arg(root.join("scripts/owui.py"))
                .args(["serve", "--exit-on-stdin-eof"])
                // The scale bench's data (scripts/seed-scale); otherwise a fresh temporary one.
                .args(
                    std::env::var("OWUI_DATA_DIR")
                        .map(|d| vec!["--data-dir".to_string(), d])
                        .unwrap_or_default(),
                ),
            "OWUI_READY",
            Duration::from_secs(300),
        )?;
        let info: serde_json::Value = serde_json::from_str(&ready).map_err(|e| e.to_string())?;
        let field = |k: &str| info[k].as_str().unwrap_or_default().to_string();
        let owui_url = field("url");
        eprintln!(
            "[e2e] Open WebUI ready at {owui_url} after {:.1} s",
            t0.elapsed().as_secs_f64()
        );

        let serve = |args: &[&str]| -> Result<(Proc, String), String> {
            start(
                "serve.py",
                Command::new(&python)
                    .arg(root.join("scripts/serve.py"))
                    .arg(&dist)
                    .args(args),
                "SERVE_READY",
                Duration::from_secs(30),
            )
        };
        let (app, app_url) = serve(&[])?;
        // Searches for SLOW_QUERY are answered late through this proxy (see the stale-search test).
        let (proxied, app_proxied_url) = serve(&[
            "--proxy",
            &owui_url,
            "--slow",
            &format!("query={SLOW_QUERY}"),
        ])?;

        // README deploy B: a static site on its own origin under the documented CSP.
        let documented = readme::documented_csp(&root, "### B.")?;
        if documented.matches(readme::EXAMPLE_OWUI_ORIGIN).count() != 1 {
            return Err(format!(
                "README deploy B's CSP should name {} once: {documented}",
                readme::EXAMPLE_OWUI_ORIGIN
            ));
        }
        let app_csp = documented.replace(readme::EXAMPLE_OWUI_ORIGIN, &owui_url);
        let (csp_app, app_csp_url) =
            serve(&["--header", &format!("Content-Security-Policy: {app_csp}")])?;
        let (cors_blocked, cors_blocked_url) = serve(&["--proxy", &owui_url, "--no-cors"])?;
        let (fault_proxy, fault_url) = serve(&["--proxy", &owui_url, "--faults"])?;
        // The signed-in user's status is answered late through this proxy (typing while loading).
        let (slow_status, app_slow_status_url) = serve(&[
            "--proxy",
            &owui_url,
            "--slow",
            SLOW_STATUS_PATH,
            "--slow-seconds",
            "5",
        ])?;

        let port = free_port()?;
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start {chromedriver}: {e}"))?;
        let driver = Proc {
            name: "chromedriver",
            child: driver,
            stdin: None,
        };
        let webdriver_url = format!("http://127.0.0.1:{port}");
        let api = Api::new(&owui_url, &field("token"));
        wait_until("chromedriver /status", Duration::from_secs(30), || {
            api.raw_get(&format!("{webdriver_url}/status")).is_ok()
        })?;
        let version = api.ok(api.get("/api/version"), "version")?["version"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        eprintln!("[e2e] Open WebUI {version}");
        let nginx = nginx::start(&root, &owui_url, |url| {
            matches!(api.raw_get(url), Ok((200, _)))
        })?;

        Ok(Harness {
            owui_url,
            app_url,
            app_proxied_url,
            app_csp_url,
            app_csp,
            cors_blocked_url,
            app_slow_status_url,
            nginx_url: nginx.url.clone(),
            faults: Faults::new(&fault_url),
            fault_url,
            admin_email: field("email"),
            admin_password: field("password"),
            admin_name: "Ada Admin".into(),
            webdriver_url,
            root,
            api,
            version,
            // Dropped in reverse: browser driver and servers first, Open WebUI last.
            procs: vec![
                owui,
                app,
                csp_app,
                proxied,
                cors_blocked,
                fault_proxy,
                slow_status,
                driver,
                nginx.proc,
            ],
        })
    }

    /// Whether this run's Open WebUI has `feature` (an unreadable version: the newest line).
    pub fn has(&self, feature: line::Feature) -> bool {
        line::parse(&self.version).is_none_or(|v| v >= feature.since())
    }

    /// A fresh headless Chromium (new profile) on the app.
    pub async fn browser(&self) -> Result<Page, String> {
        Page::open(&self.webdriver_url).await
    }

    /// Where screenshots go (inspected by people; not asserted on): target/e2e-artifacts/, or
    /// `E2E_ARTIFACTS` (relative to the repository) for a run against another Open WebUI line.
    pub fn artifacts(&self) -> PathBuf {
        let sub = std::env::var("E2E_ARTIFACTS").unwrap_or_else(|_| "target/e2e-artifacts".into());
        let dir = self.root.join(sub);
        let _ = std::fs::create_dir_all(&dir);
        dir
    }
}

impl Drop for Harness {
    fn drop(&mut self) {
        while let Some(p) = self.procs.pop() {
            drop(p);
        }
    }
}

/// Polls `cond` every 100 ms until it holds, or fails after `deadline`.
pub fn wait_until(
    what: &str,
    deadline: Duration,
    mut cond: impl FnMut() -> bool,
) -> Result<(), String> {
    let end = Instant::now() + deadline;
    while Instant::now() < end {
        if cond() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(format!("timed out after {deadline:?} waiting for {what}"))
}
