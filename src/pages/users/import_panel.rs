//! CSV import: choose a file, see every row with its check result before anything is sent, create
//! the valid rows with a progress bar, then a per-row result. Failed rows can be retried or
//! downloaded as a CSV to fix; nothing is lost on a partial failure.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

use super::csv_import::{
    ImportRow, apply_checks, emails_to_check, failed_rows_csv, parse, unchecked,
};
use crate::api::{AddUserForm, ApiError, Client};
use crate::batch::run_batch;
use crate::components::progress::Progress;
use crate::components::toast::use_toasts;
use crate::download::save_text;
use crate::format::count;
use crate::session::use_session;

#[derive(Clone, PartialEq)]
enum Phase {
    Choose,
    Reading,
    /// Asking the server about this many emails (see `crate::email_check`).
    Checking(usize),
    /// The file's rows and what the server said per email (`None`: could not check).
    Preview {
        parsed: Vec<ImportRow>,
        checks: HashMap<String, Option<bool>>,
    },
    Running(usize),
    /// Each valid row with its outcome, plus the rows that never passed the checks.
    Done {
        results: Vec<(ImportRow, Result<(), ApiError>)>,
        invalid: Vec<ImportRow>,
    },
}

async fn read_file(file: web_sys::File) -> Result<String, String> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "The file could not be read.".to_string())?;
    text.as_string()
        .ok_or_else(|| "The file is not text.".to_string())
}

/// Why a row was not created, in an admin's words ("Another account already uses this email").
fn reason(e: &ApiError) -> String {
    crate::api::error::admin_wording(&e.to_string())
}

#[component]
pub fn ImportPanel(on_close: Callback<()>, on_created: Callback<()>) -> impl IntoView {
    let session = use_session();
    let toasts = use_toasts();
    let phase = RwSignal::new(Phase::Choose);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(0usize);

    // Asks the server about `emails` (only the file's, never every user) and shows the preview.
    // Each lookup ends (the client's deadline); one that fails leaves its rows "could not check".
    let check = move |client: Client,
                      parsed: Vec<ImportRow>,
                      mut checks: HashMap<String, Option<bool>>,
                      emails: Vec<String>| async move {
        phase.try_set(Phase::Checking(emails.len()));
        for (email, found) in crate::email_check::check_emails(&client, emails, done).await {
            if let Err(e) = &found
                && e.is_session_expired()
            {
                session.handle(e);
            }
            checks.insert(email, found.ok().map(|u| u.is_some()));
        }
        phase.try_set(Phase::Preview { parsed, checks });
    };
    let on_file = move |file: Option<web_sys::File>| {
        let (Some(file), Some(client)) = (file, session.client_untracked()) else {
            return;
        };
        phase.set(Phase::Reading);
        error.set(None);
        // Reading the file and checking its emails is a read, but one the person started: it
        // ends with the preview or a message.
        spawn_local(async move {
            let parsed = match read_file(file)
                .await
                .and_then(|t| parse(&t, &HashSet::new()))
            {
                Ok(rows) => rows,
                Err(e) => {
                    error.try_set(Some(e));
                    phase.try_set(Phase::Choose);
                    return;
                }
            };
            let emails = emails_to_check(&parsed);
            check(client, parsed, HashMap::new(), emails).await;
        });
    };
    let recheck = move |parsed: Vec<ImportRow>, checks: HashMap<String, Option<bool>>| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        let emails: Vec<String> = emails_to_check(&parsed)
            .into_iter()
            .filter(|e| checks.get(e).copied().flatten().is_none())
            .collect();
        spawn_local(check(client, parsed, checks, emails));
    };

    let create = move |rows: Vec<ImportRow>, invalid: Vec<ImportRow>| {
        let Some(client) = session.client_untracked() else {
            return;
        };
        phase.set(Phase::Running(rows.len()));
        spawn_local(async move {
            let results = run_batch(rows, done, |r: ImportRow| {
                let client = client.clone();
                async move {
                    let form = AddUserForm {
                        name: r.name,
                        email: r.email,
                        password: r.password,
                        role: r.role,
                        profile_image_url: None,
                    };
                    client.add_user(&form).await.map(|_| ())
                }
            })
            .await;
            // An expired session opens Sign in over the screen; "Retry failed" sends them again.
            if let Some(e) = results
                .iter()
                .find_map(|(_, r)| r.as_ref().err().filter(|e| e.is_session_expired()))
            {
                session.handle(e);
            }
            let ok = results.iter().filter(|(_, r)| r.is_ok()).count();
            if ok > 0 {
                toasts.success(format!("Created {}", count(ok as u64, "user")));
                on_created.run(());
            }
            phase.try_set(Phase::Done { results, invalid });
        });
    };

    let failed_of = |results: &[(ImportRow, Result<(), ApiError>)],
                     invalid: &[ImportRow]|
     -> Vec<(ImportRow, String)> {
        let mut out: Vec<(ImportRow, String)> = invalid
            .iter()
            .map(|r| (r.clone(), r.problems.join("; ")))
            .collect();
        out.extend(
            results
                .iter()
                .filter_map(|(r, res)| res.as_ref().err().map(|e| (r.clone(), reason(e)))),
        );
        out.sort_by_key(|(r, _)| r.line);
        out
    };

    view! {
        <div class="import">
            <p class="muted small">
                "A CSV file with the header "<code>"Name,Email,Password,Role"</code>
                " (Role is optional: admin, user or pending; default user). Quotes and commas in names are fine. "
                "Nothing is created before you have seen every row."
            </p>
            <div class="field">
                <label for="import-file">"CSV file"</label>
                <input
                    id="import-file"
                    name="csv"
                    type="file"
                    accept=".csv,text/csv"
                    on:change:target=move |ev| on_file(ev.target().files().and_then(|f| f.get(0)))
                />
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || match phase.get() {
                Phase::Choose => ().into_any(),
                Phase::Reading => view! { <p class="muted">"Reading the file…"</p> }.into_any(),
                Phase::Checking(total) => view! {
                    <Progress label="Checking emails" done=done total=Signal::derive(move || total) />
                }.into_any(),
                Phase::Preview { parsed, checks } => {
                    let rows = apply_checks(&parsed, &checks);
                    let failed = rows.iter().filter(|r| unchecked(r)).count();
                    let (valid, invalid): (Vec<_>, Vec<_>) = rows.iter().cloned().partition(ImportRow::is_valid);
                    let n = valid.len();
                    view! {
                        <p role="status">
                            {format!("{n} ready to create, {} with problems (not sent).", invalid.len())}
                        </p>
                        {(failed > 0).then(|| view! {
                            <div class="notice" role="alert">
                                <span class="check-failed">{format!("Could not check {}", count(failed as u64, "row"))}</span>
                                " (the server did not answer for their emails): they are not sent. "
                                <button type="button" class="btn btn-small" on:click=move |_| recheck(parsed.clone(), checks.clone())>"Retry"</button>
                            </div>
                        })}
                        <PreviewTable rows=rows />
                        <div class="dialog-actions">
                            <button class="btn" on:click=move |_| on_close.run(())>"Cancel"</button>
                            <button
                                class="btn btn-primary"
                                disabled=n == 0
                                on:click=move |_| create(valid.clone(), invalid.clone())
                            >
                                {format!("Create {}", count(n as u64, "user"))}
                            </button>
                        </div>
                    }
                    .into_any()
                }
                Phase::Running(total) => {
                    view! { <Progress label="Creating users" done=done total=Signal::derive(move || total) /> }.into_any()
                }
                Phase::Done { results, invalid } => {
                    let failed = failed_of(&results, &invalid);
                    let retry: Vec<ImportRow> = results.iter().filter(|(_, r)| r.is_err()).map(|(r, _)| r.clone()).collect();
                    let created = results.iter().filter(|(_, r)| r.is_ok()).count();
                    let csv = failed_rows_csv(&failed);
                    let has_failed = !failed.is_empty();
                    let has_retry = !retry.is_empty();
                    view! {
                        <p role="status">{format!("{created} created, {} not created.", failed.len())}</p>
                        <ResultTable results=results invalid=invalid />
                        <div class="dialog-actions">
                            <Show when=move || has_failed>
                                <button class="btn" on:click={
                                    let csv = csv.clone();
                                    move |_| {
                                        if let Err(e) = save_text("users-not-imported.csv", "text/csv", &csv) {
                                            toasts.error(e);
                                        }
                                    }
                                }>"Download failed rows"</button>
                            </Show>
                            <Show when=move || has_retry>
                                <button class="btn" on:click={
                                    let retry = retry.clone();
                                    move |_| create(retry.clone(), Vec::new())
                                }>"Retry failed"</button>
                            </Show>
                            <button class="btn btn-primary" on:click=move |_| on_close.run(())>"Close"</button>
                        </div>
                    }
                    .into_any()
                }
            }}
        </div>
    }
}

/// Every row of the file with its check result.
#[component]
fn PreviewTable(rows: Vec<ImportRow>) -> impl IntoView {
    view! {
        <div class="table-wrap scroll">
            <table class="table" aria-label="Import preview">
                <thead>
                    <tr><th>"Line"</th><th>"Name"</th><th>"Email"</th><th>"Role"</th><th>"Check"</th></tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let ok = r.is_valid();
                        let failed = unchecked(&r);
                        view! {
                            <tr class:row-bad=!ok class:check-failed=failed>
                                <td>{r.line}</td>
                                <td>{r.name}</td>
                                <td>{r.email}</td>
                                <td>{r.role}</td>
                                <td>{if ok { "Ready".to_string() } else { r.problems.join("; ") }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// What happened to each row.
#[component]
fn ResultTable(
    results: Vec<(ImportRow, Result<(), ApiError>)>,
    invalid: Vec<ImportRow>,
) -> impl IntoView {
    let mut all: Vec<(ImportRow, Result<(), String>)> = results
        .into_iter()
        .map(|(r, res)| (r, res.map_err(|e| reason(&e))))
        .collect();
    all.extend(invalid.into_iter().map(|r| {
        let why = format!("Not sent: {}", r.problems.join("; "));
        (r, Err(why))
    }));
    all.sort_by_key(|(r, _)| r.line);
    view! {
        <div class="table-wrap scroll">
            <table class="table" aria-label="Import results">
                <thead>
                    <tr><th>"Line"</th><th>"Email"</th><th>"Result"</th></tr>
                </thead>
                <tbody>
                    {all.into_iter().map(|(r, res)| {
                        let ok = res.is_ok();
                        view! {
                            <tr class:row-bad=!ok>
                                <td>{r.line}</td>
                                <td>{r.email}</td>
                                <td>{match res { Ok(()) => "Created".to_string(), Err(e) => e }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
