//! A browser tab on the app, with helpers that find things the way people and screen readers do:
//! by label, accessible name and role. Every wait polls with a deadline; nothing sleeps blindly.

use std::time::Duration;

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

/// How long any single expectation may take before it fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

pub struct Page {
    pub client: Client,
    /// Where this tab's downloads land.
    pub downloads: std::path::PathBuf,
}

/// XPath string literal for arbitrary text (handles quotes).
pub fn xp_lit(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        format!("concat('{}')", s.replace('\'', "', \"'\", '"))
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Page {
    pub async fn open(webdriver: &str) -> Result<Page, String> {
        Self::open_with(webdriver, false).await
    }

    /// A tab whose `prefers-color-scheme` is dark.
    pub async fn open_dark(webdriver: &str) -> Result<Page, String> {
        Self::open_with(webdriver, true).await
    }

    async fn open_with(webdriver: &str, dark: bool) -> Result<Page, String> {
        let profile = std::env::temp_dir().join(format!(
            "e2e-chromium-{}-{}",
            std::process::id(),
            rand_suffix()
        ));
        let downloads = profile.join("downloads");
        std::fs::create_dir_all(&downloads).map_err(err)?;
        let caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--window-size=1400,1000",
                    format!("--user-data-dir={}", profile.display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.display().to_string(),
                    "download.prompt_for_download": false
                }
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!()
        };
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps)
            .connect(webdriver)
            .await
            .map_err(|e| format!("cannot open Chromium through chromedriver: {e}"))?;
        let page = Page { client, downloads };
        if dark {
            page.cdp(
                "Emulation.setEmulatedMedia",
                json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
            )
            .await?;
        }
        Ok(page)
    }

    /// A Chrome DevTools command through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Result<Value, String> {
        self.client
            .issue_cmd(Cdp(cmd.to_string(), params))
            .await
            .map_err(err)
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }

    pub async fn goto(&self, url: &str) -> Result<(), String> {
        self.client.goto(url).await.map_err(err)
    }

    pub async fn wait_xpath(&self, xpath: &str) -> Result<Element, String> {
        self.client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::XPath(xpath))
            .await
            .map_err(|e| format!("no element {xpath} within {DEADLINE:?}: {e}"))
    }

    pub async fn wait_css(&self, css: &str) -> Result<Element, String> {
        self.client
            .wait()
            .at_most(DEADLINE)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("no element {css} within {DEADLINE:?}: {e}"))
    }

    /// A heading (h1–h3) with exactly this text.
    pub async fn heading(&self, text: &str) -> Result<Element, String> {
        let t = xp_lit(text);
        self.wait_xpath(&format!(
            "//*[self::h1 or self::h2 or self::h3][normalize-space()={t}]"
        ))
        .await
    }

    /// A form control by its accessible name: `<label for>`, wrapping `<label>` or `aria-label`.
    pub async fn field(&self, name: &str) -> Result<Element, String> {
        let t = xp_lit(name);
        self.wait_xpath(&format!(
            "(//*[self::input or self::select or self::textarea][@id=//label[normalize-space()={t}]/@for \
             or @aria-label={t} or ancestor::label[normalize-space()={t}]])[1]"
        ))
        .await
    }

    /// The current value of the form control named `name`.
    pub async fn value(&self, name: &str) -> Result<String, String> {
        Ok(self
            .field(name)
            .await?
            .prop("value")
            .await
            .map_err(err)?
            .unwrap_or_default())
    }

    /// Replaces a text field's content the way a person does (select all, delete, type), so the
    /// app sees real input events.
    pub async fn fill(&self, name: &str, text: &str) -> Result<(), String> {
        let el = self.field(name).await?;
        // Ctrl+A, release the modifier (NULL key), Backspace, then the text.
        el.send_keys(&format!("\u{E009}a\u{E000}\u{E003}{text}"))
            .await
            .map_err(err)
    }

    /// A button by its accessible name (text or aria-label).
    pub async fn button(&self, name: &str) -> Result<Element, String> {
        let t = xp_lit(name);
        self.wait_xpath(&format!(
            "(//button[normalize-space()={t} or @aria-label={t}])[1]"
        ))
        .await
    }

    /// Clicks a button inside the open dialog (not a same-named one behind it).
    pub async fn click_in_dialog(&self, name: &str) -> Result<(), String> {
        let t = xp_lit(name);
        let el = self
            .wait_xpath(&format!(
                "(//*[@role='dialog']//button[normalize-space()={t} or @aria-label={t}])[last()]"
            ))
            .await?;
        el.click().await.map_err(err)
    }

    pub async fn click(&self, name: &str) -> Result<(), String> {
        self.button(name).await?.click().await.map_err(err)
    }

    /// Runs JavaScript in the page and returns its value.
    pub async fn js(&self, script: &str) -> Result<Value, String> {
        self.client.execute(script, vec![]).await.map_err(err)
    }

    /// Waits until no dialog is open (after Cancel, Close or a save).
    pub async fn dialog_closed(&self) -> Result<(), String> {
        self.wait_js(
            "the dialog closed",
            "!document.querySelector('dialog[open]')",
        )
        .await
        .map(|_| ())
    }

    /// Polls `script` (a JS expression) until it is truthy; returns its last value.
    pub async fn wait_js(&self, what: &str, script: &str) -> Result<Value, String> {
        let end = tokio::time::Instant::now() + DEADLINE;
        let mut last = Value::Null;
        while tokio::time::Instant::now() < end {
            last = self.js(&format!("return ({script});")).await?;
            let truthy = match &last {
                Value::Null => false,
                Value::Bool(b) => *b,
                Value::Number(n) => n.as_f64() != Some(0.0),
                Value::String(s) => !s.is_empty(),
                _ => true,
            };
            if truthy {
                return Ok(last);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!(
            "timed out after {DEADLINE:?} waiting for {what} (last value: {last})"
        ))
    }

    /// Visible text of the whole page.
    pub async fn body_text(&self) -> Result<String, String> {
        Ok(self
            .js("return document.body.innerText;")
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Waits until the page's text contains `text`.
    pub async fn wait_text(&self, text: &str) -> Result<(), String> {
        let lit = serde_json::to_string(text).map_err(err)?;
        self.wait_js(
            &format!("text {text:?}"),
            &format!("document.body.innerText.includes({lit})"),
        )
        .await
        .map(|_| ())
    }

    /// Number of rows in the table named `name`.
    pub async fn row_count(&self, name: &str) -> Result<u64, String> {
        let lit = serde_json::to_string(name).map_err(err)?;
        let v = self.js(&format!("return document.querySelectorAll('table[aria-label=' + JSON.stringify({lit}) + '] tbody tr:not(.loading-row)').length;")).await?;
        Ok(v.as_u64().unwrap_or(0))
    }

    pub async fn screenshot(&self, path: &std::path::Path) -> Result<(), String> {
        let png = self.client.screenshot().await.map_err(err)?;
        std::fs::write(path, png).map_err(err)
    }

    /// Waits for a finished download named `name` and returns its content.
    pub async fn downloaded(&self, name: &str) -> Result<String, String> {
        let path = self.downloads.join(name);
        let end = tokio::time::Instant::now() + DEADLINE;
        while tokio::time::Instant::now() < end {
            if let Ok(text) = std::fs::read_to_string(&path) {
                return Ok(text);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Err(format!("no download {name} within {DEADLINE:?}"))
    }

    /// From the next page load on, every Content-Security-Policy violation in this tab is kept
    /// (per origin, in sessionStorage, so reloads keep them) for `csp_violations`. The listener
    /// comes in through DevTools, which the page's own CSP does not govern.
    pub async fn record_csp_violations(&self) -> Result<(), String> {
        self.cdp(
            "Page.addScriptToEvaluateOnNewDocument",
            json!({"source": "document.addEventListener('securitypolicyviolation', (e) => {\
                const k = 'e2e.csp-violations';\
                const all = JSON.parse(sessionStorage.getItem(k) || '[]');\
                all.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline'));\
                sessionStorage.setItem(k, JSON.stringify(all));\
            }, true);"}),
        )
        .await
        .map(|_| ())
    }

    /// The violations recorded on this origin since `record_csp_violations`.
    pub async fn csp_violations(&self) -> Result<Vec<String>, String> {
        let v = self
            .js("return JSON.parse(sessionStorage.getItem('e2e.csp-violations') || '[]');")
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| x.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Proves the recording works on this page: an image from a plain-http host that no policy
    /// here allows must be reported (else "no violations" would prove nothing).
    pub async fn csp_recording_works(&self) -> Result<(), String> {
        self.js("new Image().src = 'http://csp-probe.invalid/e2e.png'; return 1;")
            .await?;
        self.wait_js(
            "the probe's CSP violation to be recorded",
            "(sessionStorage.getItem('e2e.csp-violations') || '').includes('csp-probe.invalid')",
        )
        .await
        .map(|_| ())
    }

    pub async fn current_url(&self) -> Result<String, String> {
        Ok(self.client.current_url().await.map_err(err)?.to_string())
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// chromedriver's `goog/cdp/execute`: runs one DevTools command in the session's tab.
#[derive(Debug)]
struct Cdp(String, Value);

impl fantoccini::wd::WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({"cmd": self.0, "params": self.1}).to_string()),
        )
    }
}
