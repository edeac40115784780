//! "Paste emails" on a group's Members tab: a pasted list of addresses (one a line, or separated
//! by commas, semicolons or spaces; `Name <a@b>` too) is looked up as the CSV import does
//! ([`super::csv::look_up`]), then every user found who is not a member yet is added in one
//! `users/add` call (500 ids a call for longer lists). What was added, the addresses nobody has,
//! the users already in the group and the addresses that could not be checked (with Retry) are
//! listed.

use leptos::prelude::*;

use super::csv::{Lookup, look_up, parse_emails};
use super::identity::SyncReminder;
use crate::api::{ApiError, Client, Group, User};
use crate::components::alert::WriteError;
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::format::count;
use crate::suspension::MEMBERS_CHUNK;
use crate::write::use_write;

/// What the pasted list came to so far (a Retry of the unchecked addresses adds to it).
#[derive(Debug, Clone, Default, PartialEq)]
struct Report {
    added: Vec<User>,
    already: Vec<User>,
    unknown: Vec<String>,
    failed: Vec<String>,
}

/// Adds `ids` to the group, [`MEMBERS_CHUNK`] a call (one call for any usual list); the group
/// as the last call left it.
async fn add_all(client: &Client, gid: &str, ids: Vec<String>) -> Result<Group, ApiError> {
    let mut last = None;
    for part in ids.chunks(MEMBERS_CHUNK) {
        last = Some(client.add_group_users(gid, part.to_vec()).await?);
    }
    last.ok_or_else(|| ApiError::Decode("no users to add".into()))
}

fn names(users: &[User]) -> String {
    users
        .iter()
        .map(|u| format!("{} <{}>", u.name, u.email))
        .collect::<Vec<_>>()
        .join(", ")
}

#[component]
pub fn PasteEmails(group_id: String, on_added: Callback<Group>) -> impl IntoView {
    let toasts = use_toasts();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Report>);
    let checked_n = RwSignal::new(0usize);
    let checking_total = RwSignal::new(0usize);
    let gid = StoredValue::new(group_id);
    let add = use_write(
        move |client, users: Vec<User>| async move {
            let ids = users.iter().map(|u| u.id.clone()).collect();
            add_all(&client, &gid.get_value(), ids)
                .await
                .map(|g| (g, users))
        },
        move |result| {
            if let Ok((g, users)) = result {
                toasts.success(format!(
                    "Added {} from the pasted emails.",
                    count(users.len() as u64, "member")
                ));
                report.update(|r| r.get_or_insert_default().added.extend(users));
                text.set(String::new());
                on_added.run(g);
            }
        },
    );
    let check = use_write(
        move |client, emails: Vec<String>| async move {
            checking_total.try_set(emails.len());
            look_up(&client, emails, checked_n).await
        },
        move |result: Result<Lookup, ApiError>| {
            let Ok(l) = result else { return };
            let gid = gid.get_value();
            let (already, new): (Vec<User>, Vec<User>) = l
                .found
                .into_iter()
                .partition(|u| u.group_ids.contains(&gid));
            report.update(|r| {
                let r = r.get_or_insert_default();
                r.already.extend(already);
                r.unknown.extend(l.unknown);
                r.failed = l.failed;
            });
            if !new.is_empty() {
                add.dispatch(new);
            }
        },
    );
    let on_add = move |_| {
        let emails = parse_emails(&text.get_untracked());
        if emails.is_empty() {
            toasts.error("No email addresses found in the pasted text.");
            return;
        }
        report.set(None);
        check.dispatch(emails);
    };
    let retry_failed = move |_| {
        if let Some(failed) = report.with_untracked(|r| r.as_ref().map(|r| r.failed.clone())) {
            check.dispatch(failed);
        }
    };
    let busy = move || check.pending().get() || add.pending().get();
    let settled =
        move || !busy() && check.error.with(Option::is_none) && add.error.with(Option::is_none);
    view! {
        <details class="csv-import paste-emails">
            <summary>"Paste emails"</summary>
            <div class="form" aria-busy=move || busy().to_string()>
                <label for="members-paste">"Emails"</label>
                <textarea id="members-paste" rows="4" aria-describedby="members-paste-hint"
                    placeholder="ada@example.com, Bob <bob@example.com>"
                    prop:value=move || text.get()
                    on:input:target=move |ev| text.set(ev.target().value())></textarea>
                <p id="members-paste-hint" class="muted small">"One a line, or separated by commas, semicolons or spaces; “Name <email>” works too. Everyone found is added in one go; unknown addresses are listed."</p>
                <Show when=move || !text.with(|t| t.trim().is_empty())><SyncReminder /></Show>
                <div>
                    <button type="button" class="btn btn-primary" disabled=busy on:click=on_add>"Add pasted emails"</button>
                </div>
            </div>
            <Show when=move || { check.pending().get() && checking_total.get() != 0 }>
                <Progress label="Checking emails" done=checked_n total=checking_total />
            </Show>
            <WriteError error=check.error on_retry=Callback::new(move |_| check.retry()) />
            <WriteError error=add.error on_retry=Callback::new(move |_| add.retry()) />
            {move || report.get().map(|r| view! {
                <div class="csv-preview paste-report" aria-label="Pasted emails">
                    {(!r.added.is_empty()).then(|| view! {
                        <p>{format!("Added {}: {}", count(r.added.len() as u64, "member"), names(&r.added))}</p>
                    })}
                    {(r.added.is_empty() && r.failed.is_empty()).then(|| view! {
                        <Show when=settled><p>"Nobody to add."</p></Show>
                    })}
                    {(!r.unknown.is_empty()).then(|| view! {
                        <p class="notice">{format!("Not found: {}", r.unknown.join(", "))}</p>
                    })}
                    {(!r.already.is_empty()).then(|| view! {
                        <p>{format!("Already members: {}", names(&r.already))}</p>
                    })}
                    {(!r.failed.is_empty()).then(|| view! {
                        <div class="notice" role="alert">
                            <span class="check-failed">{format!("Could not check {} email(s)", r.failed.len())}</span>
                            {format!(" (the server did not answer), not added: {} ", r.failed.join(", "))}
                            <button type="button" class="btn btn-small" disabled=busy on:click=retry_failed>"Retry"</button>
                        </div>
                    })}
                </div>
            })}
        </details>
    }
}
