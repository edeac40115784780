//! Direct calls to the live Open WebUI, to set up and to check what the UI did.

use serde_json::Value;

#[derive(Clone)]
pub struct Api {
    base: String,
    pub token: String,
    agent: ureq::Agent,
}

impl Api {
    pub fn new(base: &str, token: &str) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Api {
            base: base.trim_end_matches('/').to_string(),
            token: token.to_string(),
            agent,
        }
    }

    /// Another identity on the same server.
    pub fn as_token(&self, token: &str) -> Api {
        Api {
            token: token.to_string(),
            ..self.clone()
        }
    }

    fn finish(
        resp: Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(u16, Value), String> {
        let mut resp = resp.map_err(|e| e.to_string())?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| e.to_string())?;
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        ))
    }

    /// HEAD any URL: its headers, lowercased names.
    pub fn raw_head(&self, url: &str) -> Result<std::collections::HashMap<String, String>, String> {
        let resp = self.agent.head(url).call().map_err(|e| e.to_string())?;
        Ok(resp
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_lowercase(),
                    v.to_str().unwrap_or_default().to_string(),
                )
            })
            .collect())
    }

    /// GET any URL (for readiness probes).
    pub fn raw_get(&self, url: &str) -> Result<(u16, Value), String> {
        Self::finish(self.agent.get(url).call())
    }

    pub fn get(&self, path: &str) -> Result<(u16, Value), String> {
        Self::finish(
            self.agent
                .get(format!("{}{path}", self.base))
                .header("Authorization", &format!("Bearer {}", self.token))
                .call(),
        )
    }

    pub fn post(&self, path: &str, body: Value) -> Result<(u16, Value), String> {
        Self::finish(
            self.agent
                .post(format!("{}{path}", self.base))
                .header("Authorization", &format!("Bearer {}", self.token))
                .send_json(body),
        )
    }

    pub fn delete(&self, path: &str) -> Result<(u16, Value), String> {
        Self::finish(
            self.agent
                .delete(format!("{}{path}", self.base))
                .header("Authorization", &format!("Bearer {}", self.token))
                .call(),
        )
    }

    /// A 2xx JSON body, or an error naming the call.
    pub fn ok(&self, r: Result<(u16, Value), String>, what: &str) -> Result<Value, String> {
        match r? {
            (s, v) if (200..300).contains(&s) => Ok(v),
            (s, v) => Err(format!("{what}: HTTP {s}: {v}")),
        }
    }

    pub fn signin(&self, email: &str, password: &str) -> Result<String, String> {
        let v = self.ok(
            self.post(
                "/api/v1/auths/signin",
                serde_json::json!({"email": email, "password": password}),
            ),
            "signin",
        )?;
        v["token"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| "signin answer has no token".into())
    }

    /// The total of `GET /api/v1/users/`.
    pub fn user_total(&self) -> Result<u64, String> {
        let v = self.ok(self.get("/api/v1/users/?page=1"), "list users")?;
        v["total"].as_u64().ok_or_else(|| "no total".into())
    }

    /// All users, walking the pages.
    pub fn all_users(&self) -> Result<Vec<Value>, String> {
        let v = self.ok(self.get("/api/v1/users/all"), "all users")?;
        Ok(v["users"].as_array().cloned().unwrap_or_default())
    }
}
