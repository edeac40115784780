//! What a preview row says, in words: "2 users lose it (Ada, Bob)", "turned off in the
//! defaults — 37 users lose it; 5 keep it through Research (5 members)".

use super::KeyImpact;

/// "Ada, Bob and 3 more".
fn names(list: &[String], max: usize) -> String {
    let shown: Vec<&str> = list.iter().take(max).map(String::as_str).collect();
    let more = list.len().saturating_sub(max);
    if more > 0 {
        format!("{} and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

fn users(n: u64) -> String {
    if n == 1 {
        "1 user".into()
    } else {
        format!("{n} users")
    }
}

impl KeyImpact {
    /// The sentence after the key's name, e.g. "turned off in the defaults — 37 users lose it;
    /// 5 keep it through Research (5 members)" or "2 gain it (Ada, Bob); 1 loses it (Cy)".
    pub fn describe(&self) -> String {
        let via = || {
            self.through
                .iter()
                .map(|(g, n)| format!("{g} ({n} member{})", if *n == 1 { "" } else { "s" }))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self.defaults_turned {
            Some(false) => {
                let mut out = format!(
                    "turned off in the defaults — {} lose it",
                    users(self.lose_n)
                );
                if !self.through.is_empty() {
                    out.push_str(&format!("; {} keep it through {}", self.keep_n, via()));
                }
                out
            }
            Some(true) => {
                let mut out = format!("turned on in the defaults — {} gain it", users(self.gain_n));
                if !self.through.is_empty() {
                    out.push_str(&format!(
                        "; {} already have it through {}",
                        self.keep_n,
                        via()
                    ));
                }
                out
            }
            None if self.gain_n == 0 && self.lose_n == 0 => {
                format!("nobody gains or loses it ({} keep it)", self.keep_n)
            }
            None => {
                let mut parts = Vec::new();
                if self.gain_n > 0 {
                    parts.push(format!(
                        "{} gain it ({})",
                        users(self.gain_n),
                        names(&self.gain, 10)
                    ));
                }
                if self.lose_n > 0 {
                    parts.push(format!(
                        "{} lose it ({})",
                        users(self.lose_n),
                        names(&self.lose, 10)
                    ));
                }
                parts.join("; ")
            }
        }
    }
}
