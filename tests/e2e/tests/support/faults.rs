//! The fault-injecting proxy in front of the real Open WebUI (`scripts/serve.py --faults`): rules
//! set through its `/__faults` control endpoint decide what happens to matching requests (see the
//! script's docstring for every action).

use serde_json::{Value, json};

/// What a rule does to the requests it matches.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answers this status with this body and content type.
    Respond {
        status: u16,
        body: String,
        content_type: String,
    },
    /// An nginx-like HTML error page with this status (502, 503, 504…).
    HtmlError(u16),
    /// The real answer with its body cut in half.
    Truncate,
    /// Never answers (until cleared or the browser gives up).
    Hang,
    /// Waits this many seconds, then forwards.
    Delay(f64),
    /// Closes the connection without an answer; the server never sees the request.
    Drop,
    /// Forwards (the server does the work), then closes without an answer.
    DropAfter,
    /// Every matching request dropped, /health and /api/version included.
    Down,
}

/// One rule: which requests (method, path substring), what happens, how many times.
#[derive(Debug, Clone)]
pub struct Rule {
    pub method: Option<&'static str>,
    pub path: String,
    pub fault: Fault,
    pub times: Option<u32>,
}

impl Rule {
    /// Requests with this method whose path (with query) contains `path`, until cleared.
    pub fn new(method: &'static str, path: impl Into<String>, fault: Fault) -> Rule {
        Rule {
            method: Some(method),
            path: path.into(),
            fault,
            times: None,
        }
    }

    /// Every request to the server, whatever its method or path: the server looks stopped.
    pub fn down() -> Rule {
        Rule {
            method: None,
            path: String::new(),
            fault: Fault::Down,
            times: None,
        }
    }

    /// Only the next `n` matching requests.
    pub fn times(mut self, n: u32) -> Rule {
        self.times = Some(n);
        self
    }

    fn to_json(&self) -> Value {
        let mut v = match &self.fault {
            Fault::Respond {
                status,
                body,
                content_type,
            } => {
                json!({"action": "respond", "status": status, "body": body, "content_type": content_type})
            }
            Fault::HtmlError(status) => json!({"action": "html", "status": status}),
            Fault::Truncate => json!({"action": "truncate"}),
            Fault::Hang => json!({"action": "hang"}),
            Fault::Delay(s) => json!({"action": "delay", "seconds": s}),
            Fault::Drop => json!({"action": "drop"}),
            Fault::DropAfter => json!({"action": "drop-after"}),
            Fault::Down => json!({"action": "down"}),
        };
        v["path"] = json!(self.path);
        if let Some(m) = self.method {
            v["method"] = json!(m);
        }
        if let Some(n) = self.times {
            v["times"] = json!(n);
        }
        v
    }
}

/// The control endpoint of one fault proxy.
#[derive(Clone)]
pub struct Faults {
    control: String,
    agent: ureq::Agent,
}

impl Faults {
    /// `base` is the proxy's own URL (its control endpoint is `{base}/__faults`).
    pub fn new(base: &str) -> Faults {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Faults {
            control: format!("{}/__faults", base.trim_end_matches('/')),
            agent,
        }
    }

    /// Adds a rule after the ones in place.
    pub fn set(&self, rule: Rule) -> Result<(), String> {
        let mut resp = self
            .agent
            .post(&self.control)
            .send_json(rule.to_json())
            .map_err(|e| format!("cannot set fault {rule:?}: {e}"))?;
        if resp.status() != 200 {
            let text = resp.body_mut().read_to_string().unwrap_or_default();
            return Err(format!("fault {rule:?} refused: {text}"));
        }
        Ok(())
    }

    /// Removes every rule and releases the requests they hold.
    pub fn clear(&self) -> Result<(), String> {
        self.agent
            .delete(&self.control)
            .call()
            .map(|_| ())
            .map_err(|e| format!("cannot clear faults: {e}"))
    }

    /// How many requests the rules in place have taken (to prove a fault was really met).
    pub fn hits(&self) -> Result<u64, String> {
        let mut resp = self
            .agent
            .get(&self.control)
            .call()
            .map_err(|e| format!("cannot read faults: {e}"))?;
        let rules: Value = resp
            .body_mut()
            .read_json()
            .map_err(|e| format!("faults: {e}"))?;
        Ok(rules
            .as_array()
            .map(|a| a.iter().filter_map(|r| r["hits"].as_u64()).sum())
            .unwrap_or(0))
    }

    /// Clears now and again when the returned guard is dropped, so that a failing scenario does
    /// not leave its faults to the next one.
    pub fn scope(&self) -> Result<FaultScope, String> {
        self.clear()?;
        Ok(FaultScope(self.clone()))
    }
}

pub struct FaultScope(Faults);

impl Drop for FaultScope {
    fn drop(&mut self) {
        let _ = self.0.clear();
    }
}
