#!/usr/bin/env python3
"""Runs a real Open WebUI (the pinned PyPI release, slim install) on loopback for the demo and the tests.

    owui.py serve [--data-dir DIR] [--port N] [--exit-on-stdin-eof]
        Starts Open WebUI on 127.0.0.1 (a free port unless --port), creates the admin through
        WEBUI_ADMIN_EMAIL/WEBUI_ADMIN_PASSWORD, seeds the demo users and groups through the API
        (skipped when they are already there), then prints one line
            OWUI_READY {"url": ..., "email": ..., "password": ..., "token": ...}
        and runs until SIGINT/SIGTERM (or, with --exit-on-stdin-eof, until its stdin closes,
        so a test harness that dies takes the server with it). Without --data-dir the data lives
        in a temporary directory that is removed on exit.

    owui.py record-fixtures OUT_DIR
        Starts a fresh temporary server, seeds it, and records real responses (bodies, statuses,
        content types) of every endpoint the app uses, including error cases, into OUT_DIR.

Standard library only, so it runs with any Python 3.11.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Another Open WebUI line: OWUI_VENV=.tools/owui-venv-0.6.43 (see scripts/setup).
VENV = Path(os.environ.get("OWUI_VENV", ROOT / ".tools" / "owui-venv")).resolve()

ADMIN_NAME = "Ada Admin"
ADMIN_EMAIL = "admin@example.com"
ADMIN_PASSWORD = "demo-admin-password"
USER_PASSWORD = "demo-user-password"

FIRST = ["Alice", "Bruno", "Chloé", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
         "Kemi", "Liam", "Mei", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq"]
LAST = ["Archer", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "García", "Haddad", "Ivanova",
        "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Brien", "Petrov", "Quinn",
        "Rossi", "Schmidt", "Tanaka"]
SEED_USERS = 40

# A 2x2 red PNG: one demo user gets it as an inline data-URI profile image.
RED_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==")


def log(msg: str) -> None:
    print(f"[owui] {msg}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- HTTP -------------------------------------------------------------------------------------

class Http:
    """A tiny JSON client for the live server."""

    def __init__(self, base: str, token: str | None = None):
        self.base = base.rstrip("/")
        self.token = token

    def raw(self, method: str, path: str, body=None, token: str | None = "default", headers=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        tok = self.token if token == "default" else token
        if tok:
            req.add_header("Authorization", f"Bearer {tok}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as r:
                return r.status, r.headers.get("content-type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("content-type", ""), e.read()

    def json(self, method: str, path: str, body=None, **kw):
        status, _, raw = self.raw(method, path, body, **kw)
        if status >= 300:
            raise RuntimeError(f"{method} {path} -> {status}: {raw[:300]!r}")
        return json.loads(raw)


def wait_healthy(base: str, proc: subprocess.Popen, log_path: Path, deadline_s: float = 180) -> None:
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        if proc.poll() is not None:
            tail = log_path.read_text(errors="replace")[-4000:]
            raise RuntimeError(f"Open WebUI exited with {proc.returncode} while starting:\n{tail}")
        try:
            with urllib.request.urlopen(base + "/health", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"Open WebUI did not answer /health within {deadline_s:.0f} s (log: {log_path})")


# --- Server process -------------------------------------------------------------------------------

class Server:
    def __init__(self, data_dir: Path | None, port: int | None):
        self.temp = data_dir is None
        self.data_dir = Path(tempfile.mkdtemp(prefix="owui-")) if data_dir is None else data_dir
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None

    def secret_key(self) -> str:
        # Persist the key with the data so that tokens (and "Remember me") survive a demo restart.
        path = self.data_dir / ".webui_secret_key"
        if not path.exists():
            path.write_text(secrets.token_urlsafe(48))
        return path.read_text().strip()

    def start(self) -> None:
        exe = VENV / "bin" / "open-webui"
        if not exe.exists():
            raise RuntimeError(f"{exe} is missing: run scripts/setup first")
        env = dict(os.environ)
        env.update({
            "DATA_DIR": str(self.data_dir),
            "WEBUI_SECRET_KEY": self.secret_key(),
            "WEBUI_ADMIN_EMAIL": ADMIN_EMAIL,
            "WEBUI_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "WEBUI_ADMIN_NAME": ADMIN_NAME,
            "USE_SLIM_DOCKER": "true",
            "OFFLINE_MODE": "true",
            "HF_HUB_OFFLINE": "1",
            "ENABLE_OLLAMA_API": "false",
            "ENABLE_OPENAI_API": "false",
            "OLLAMA_BASE_URL": "http://127.0.0.1:11434",
            "ENABLE_VERSION_UPDATE_CHECK": "false",
            "ENABLE_API_KEYS": "true",
            "GLOBAL_LOG_LEVEL": env.get("GLOBAL_LOG_LEVEL", "WARNING"),
        })
        log_path = self.data_dir / "owui.log"
        logf = open(log_path, "ab")
        self.proc = subprocess.Popen(
            # Through the venv's python, not the script's shebang: a venv that was created under
            # another path (a moved worktree) keeps a stale shebang but still works this way.
            [str(VENV / "bin" / "python"), str(exe), "serve", "--host", "127.0.0.1",
             "--port", str(self.port)],
            cwd=self.data_dir, env=env, stdout=logf, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
        )
        t0 = time.monotonic()
        wait_healthy(self.url, self.proc, log_path)
        log(f"Open WebUI {self.url} healthy after {time.monotonic() - t0:.1f} s (data: {self.data_dir})")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
        if self.temp:
            shutil.rmtree(self.data_dir, ignore_errors=True)


def sign_in(http: Http, email: str, password: str) -> str:
    return http.json("POST", "/api/v1/auths/signin", {"email": email, "password": password}, token=None)["token"]


def server_version(http: Http) -> str:
    return http.json("GET", "/api/version", token=None).get("version", "")


def admin_sign_in(http: Http) -> str:
    """The admin's token. Servers before WEBUI_ADMIN_EMAIL existed (0.6.x) get their first
    account, which becomes the admin, through the public sign-up instead."""
    status, _, raw = http.raw("POST", "/api/v1/auths/signin",
                              {"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}, token=None)
    if status == 200:
        return json.loads(raw)["token"]
    log(f"admin sign-in answered {status}: creating the admin through /auths/signup")
    return http.json("POST", "/api/v1/auths/signup",
                     {"name": ADMIN_NAME, "email": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
                     token=None)["token"]


# --- Demo data ------------------------------------------------------------------------------------

def demo_users() -> list[dict]:
    users = []
    for i in range(SEED_USERS):
        first, last = FIRST[i % len(FIRST)], LAST[(i * 7) % len(LAST)]
        name = f"{first} {last}"
        email = f"{first.lower()}.{last.lower()}{i}@example.com".replace("é", "e").replace("í", "i").replace("'", "")
        role = "admin" if i % 13 == 5 else "pending" if i % 5 == 3 else "user"
        user = {"name": name, "email": email, "password": USER_PASSWORD, "role": role}
        if i == 0:
            user["profile_image_url"] = "data:image/png;base64," + RED_PNG
        users.append(user)
    return users


def seed(http: Http) -> None:
    """Creates the demo users and groups unless they are already there (idempotent)."""
    total = http.json("GET", "/api/v1/users/?page=1")["total"]
    if total > 1:
        log(f"demo data already present ({total} users)")
        return
    t0 = time.monotonic()
    users = demo_users()
    with ThreadPoolExecutor(max_workers=4) as pool:
        created = list(pool.map(lambda u: http.json("POST", "/api/v1/auths/add", u), users))
    ids = [c["id"] for c in created]
    eng = http.json("POST", "/api/v1/groups/create",
                    {"name": "Engineering", "description": "Builds and runs the product",
                     "permissions": {"workspace": {"models": True, "knowledge": True}}})
    platform = http.json("POST", "/api/v1/groups/create",
                         {"name": "Platform", "description": "Infrastructure team inside Engineering",
                          "parent_group_id": eng["id"],
                          "permissions": {"features": {"direct_tool_servers": True}}})
    support = http.json("POST", "/api/v1/groups/create",
                        {"name": "Support", "description": "Answers customers", "permissions": {}})
    http.json("POST", f"/api/v1/groups/id/{eng['id']}/users/add", {"user_ids": ids[0:6]})
    http.json("POST", f"/api/v1/groups/id/{platform['id']}/users/add", {"user_ids": ids[6:10]})
    http.json("POST", f"/api/v1/groups/id/{support['id']}/users/add", {"user_ids": ids[10:18] + ids[0:2]})
    log(f"seeded {len(ids)} users and 3 groups in {time.monotonic() - t0:.1f} s")


def chat_with_messages(title: str, replies: int, now: int, tokens: tuple[int, int] = (12, 30)) -> dict:
    """A chat body for POST /api/v1/chats/new: `replies` exchanges (a user message and an
    assistant reply with token usage), timestamped `now`. Open WebUI writes each message into its
    chat_message table, which admin analytics counts (assistant replies)."""
    messages, parent = {}, None
    for i in range(replies):
        q, a = f"q{i}", f"a{i}"
        messages[q] = {"id": q, "parentId": parent, "childrenIds": [a], "role": "user",
                       "content": f"question {i}", "timestamp": now}
        messages[a] = {"id": a, "parentId": q, "childrenIds": [], "role": "assistant",
                       "content": f"answer {i}", "model": "usage-seed-model", "done": True,
                       "usage": {"input_tokens": tokens[0], "output_tokens": tokens[1]}, "timestamp": now}
        parent = a
    return {"chat": {"title": title, "models": ["usage-seed-model"],
                     "history": {"messages": messages, "currentId": parent}}}


# --- serve ----------------------------------------------------------------------------------------

def cmd_serve(args) -> int:
    server = Server(Path(args.data_dir).resolve() if args.data_dir else None, args.port)
    stop = threading.Event()

    def on_signal(*_):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        server.start()
        http = Http(server.url)
        http.token = admin_sign_in(http)
        seed(http)
        print("OWUI_READY " + json.dumps({"url": server.url, "email": ADMIN_EMAIL,
                                           "password": ADMIN_PASSWORD, "token": http.token,
                                           "data_dir": str(server.data_dir)}), flush=True)
        if args.exit_on_stdin_eof:
            threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
        while not stop.is_set():
            if server.proc and server.proc.poll() is not None:
                log(f"Open WebUI exited with {server.proc.returncode}")
                return 1
            stop.wait(0.5)
        return 0
    finally:
        server.stop()


# --- record-fixtures ----------------------------------------------------------------------------

def cmd_record(args) -> int:
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    server = Server(None, None)
    try:
        server.start()
        admin = Http(server.url)
        admin.token = admin_sign_in(admin)
        seed(admin)
        record_all(admin, out)
    finally:
        server.stop()
    return 0


def record_all(admin: Http, out: Path) -> None:
    count = 0

    def rec(name: str, method: str, path: str, body=None, token="default", http: Http | None = None):
        nonlocal count
        status, ctype, raw = (http or admin).raw(method, path, body, token=token)
        try:
            parsed = json.loads(raw)
            kind = "json"
        except ValueError:
            parsed = raw.decode("utf-8", errors="replace")[:2000]
            kind = "text"
        doc = {"request": {"method": method, "path": path, "body": body},
               "status": status, "content_type": ctype.split(";")[0], "body_kind": kind, "body": parsed}
        (out / f"{name}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        count += 1
        return parsed

    rec("version", "GET", "/api/version", token=None)
    rec("config", "GET", "/api/config", token=None)
    users = rec("users_list", "GET", "/api/v1/users/?order_by=created_at&direction=asc&page=1")
    rec("users_list_search_sorted", "GET", "/api/v1/users/?query=example&order_by=name&direction=asc&page=2")
    rec("users_all", "GET", "/api/v1/users/all")
    rec("users_search", "GET", "/api/v1/users/search?query=a&page=1")
    rec("users_self_groups", "GET", "/api/v1/users/groups?include_inherited=true")
    rec("users_self_permissions", "GET", "/api/v1/users/permissions")
    rec("default_permissions", "GET", "/api/v1/users/default/permissions")
    rec("default_permissions_factory", "GET", "/api/v1/users/default/permissions/defaults")
    rec("user_settings_raw", "GET", "/api/v1/users/user/settings?raw=true")
    rec("user_status", "GET", "/api/v1/users/user/status")
    rec("user_info", "GET", "/api/v1/users/user/info")
    rec("auths_session", "GET", "/api/v1/auths/")

    by_email = {u["email"]: u for u in users["users"]}
    data_uri_user = next(u for u in users["users"] if (u.get("profile_image_url") or "").startswith("data:"))
    member = next(u for u in users["users"] if u.get("group_ids"))
    uid = member["id"]
    rec("user_by_id", "GET", f"/api/v1/users/{uid}")
    rec("user_info_by_id", "GET", f"/api/v1/users/{uid}/info")
    rec("user_active", "GET", f"/api/v1/users/{uid}/active")
    rec("user_groups_inherited", "GET", f"/api/v1/users/{uid}/groups?include_inherited=true")
    rec("user_preview", "GET", f"/api/v1/users/{uid}/preview")
    rec("user_oauth_sessions_empty", "GET", f"/api/v1/users/{uid}/oauth/sessions")
    status, ctype, raw = admin.raw("GET", f"/api/v1/users/{data_uri_user['id']}/profile/image")
    (out / "profile_image_data_uri.meta.json").write_text(json.dumps(
        {"status": status, "content_type": ctype, "bytes": len(raw),
         "png_signature": base64.b64encode(raw[:8]).decode()}, indent=2) + "\n")
    count += 1

    groups = rec("groups_list", "GET", "/api/v1/groups/")
    # Nested groups exist from 0.12: older servers ignore parent_group_id, so any group will do.
    child = next((g for g in groups if g.get("parent_group_id")),
                 next(g for g in groups if g["name"] == "Platform"))
    gid = child["id"]
    parent_id = child.get("parent_group_id") or next(g for g in groups if g["name"] == "Engineering")["id"]
    rec("group_by_id", "GET", f"/api/v1/groups/id/{gid}")
    rec("group_info", "GET", f"/api/v1/groups/id/{gid}/info")
    rec("group_export", "GET", f"/api/v1/groups/id/{gid}/export")
    rec("group_users", "POST", f"/api/v1/groups/id/{gid}/users")
    rec("group_members_effective", "GET", f"/api/v1/groups/id/{parent_id}/members?membership=effective&page=1")
    rec("group_members_inherited", "GET", f"/api/v1/groups/id/{parent_id}/members?membership=inherited&page=1")

    # Writes, on objects made for the purpose.
    new_user = rec("auths_add", "POST", "/api/v1/auths/add",
                   {"name": "Fixture Person", "email": "fixture.person@example.com",
                    "password": USER_PASSWORD, "role": "user"})
    nid = new_user["id"]
    rec("user_update", "POST", f"/api/v1/users/{nid}/update", {"name": "Fixture Person Renamed", "role": "pending"})
    # What the console sends to servers before 0.9.0: every required field, unchanged ones as loaded.
    rec("user_update_full", "POST", f"/api/v1/users/{nid}/update",
        {"name": "Fixture Person Full", "role": "user", "email": new_user["email"],
         "profile_image_url": new_user.get("profile_image_url") or "/user.png"})
    g = rec("group_create", "POST", "/api/v1/groups/create",
            {"name": "Fixture group", "description": "made by record-fixtures", "parent_group_id": gid,
             "permissions": {"chat": {"file_upload": True}}, "data": {"config": {"share": "members"}}})
    rec("group_update", "POST", f"/api/v1/groups/id/{g['id']}/update",
        {"name": "Fixture group 2", "description": "renamed", "parent_group_id": gid,
         "permissions": g.get("permissions") or {}, "data": g.get("data") or {}})
    rec("group_users_add", "POST", f"/api/v1/groups/id/{g['id']}/users/add", {"user_ids": [nid, "no-such-id"]})
    rec("group_users_remove", "POST", f"/api/v1/groups/id/{g['id']}/users/remove", {"user_ids": [nid]})
    rec("group_delete", "DELETE", f"/api/v1/groups/id/{g['id']}/delete")
    rec("default_permissions_update", "POST", "/api/v1/users/default/permissions",
        rec("_tmp", "GET", "/api/v1/users/default/permissions"))
    rec("signout_get", "GET", "/api/v1/auths/signout", http=Http(admin.base, sign_in(admin, ADMIN_EMAIL, ADMIN_PASSWORD)))
    (out / "_tmp.json").unlink()
    count -= 1
    rec("user_settings_update", "POST", "/api/v1/users/user/settings/update",
        {"ui": {"textScale": 1.1, "futureKey": {"nested": [1, 2]}}, "extraTopLevel": True})
    rec("user_status_update", "POST", "/api/v1/users/user/status/update",
        {"status_emoji": "🌴", "status_message": "On leave", "status_expires_at": 4102444800})
    # A removed ui key sent as null: deleted from 0.11, stored as null before (the adapter then
    # sends ui whole without it instead).
    rec("user_settings_ui_null", "POST", "/api/v1/users/user/settings/update",
        {"ui": {"textScale": None, "futureKey": {"nested": [1, 2]}}, "extraTopLevel": True})
    rec("user_info_update", "POST", "/api/v1/users/user/info/update", {"team": "admins", "floor": 3})
    rec("sessions_revoke", "POST", f"/api/v1/users/{nid}/sessions/revoke")
    # Event webhooks (absent from the OpenAPI file): the catalog, a round trip. The URL must be a
    # public address (the server resolves it and refuses loopback/private ones); nothing listens.
    rec("events_catalog", "GET", "/api/events")
    hook = rec("events_webhook_create", "POST", "/api/events/webhooks",
               {"name": "Fixture audit", "url": "https://8.8.8.8/owui-admin-fixture", "enabled": False,
                "events": ["user.*", "group.*", "auth.*"]})
    rec("events_webhooks_list", "GET", "/api/events/webhooks")
    rec("events_webhook_update", "PUT", f"/api/events/webhooks/{hook['id']}",
        {**hook, "name": "Fixture audit 2", "enabled": True})
    rec("events_webhook_delete", "DELETE", f"/api/events/webhooks/{hook['id']}")
    rec("err_events_webhook_bad_url", "POST", "/api/events/webhooks",
        {"name": "Loopback", "url": "http://127.0.0.1:9/hook", "events": ["user.*"]})
    # Identity-provider group management (read softly by the console).
    rec("auths_oauth_config", "GET", "/api/v1/auths/admin/config/oauth")
    rec("auths_ldap_server", "GET", "/api/v1/auths/admin/config/ldap/server")
    # Usage (admin analytics; absent from the OpenAPI file): two users' chats with messages,
    # then one call for every user in the period. Never /analytics/messages (contents).
    now = int(time.time())
    talkers = [e for e, u in by_email.items() if u["role"] == "user"][:2]
    for n, email in enumerate(talkers):
        as_user = Http(admin.base, sign_in(admin, email, USER_PASSWORD))
        as_user.json("POST", "/api/v1/chats/new", chat_with_messages(f"Usage {n}", 2 + n, now))
    rec("analytics_users", "GET",
        f"/api/v1/analytics/users?start_date={now - 30 * 86400}&end_date={now + 60}&limit=100000")
    # A route that is not mounted (analytics switched off, or a line without it): the web UI's page.
    rec("err_analytics_route_missing", "GET", "/api/v1/analytics/no-such-route")
    rec("user_delete", "DELETE", f"/api/v1/users/{nid}")

    # Errors as the server really sends them.
    rec("err_no_token", "GET", "/api/v1/users/?page=1", token=None)
    rec("err_bad_token", "GET", "/api/v1/users/?page=1", token="not-a-jwt")
    plain = next(e for e, u in by_email.items() if u["role"] == "user")
    user_http = Http(admin.base, sign_in(admin, plain, USER_PASSWORD))
    rec("err_not_admin", "GET", "/api/v1/users/?page=1", http=user_http)
    rec("err_user_not_found", "GET", "/api/v1/users/no-such-user")
    rec("err_group_not_found", "GET", "/api/v1/groups/id/no-such-group")
    rec("err_validation_page", "GET", "/api/v1/users/?page=abc")
    rec("err_validation_group_form", "POST", "/api/v1/groups/create", {"description": "no name"})
    rec("err_validation_profile_image", "POST", f"/api/v1/users/{uid}/update", {"profile_image_url": "javascript:alert(1)"})
    rec("err_auths_validation", "POST", "/api/v1/auths/add", {"name": "x"})
    rec("err_email_taken", "POST", f"/api/v1/users/{uid}/update", {"email": ADMIN_EMAIL})
    rec("err_bad_credentials", "POST", "/api/v1/auths/signin", {"email": ADMIN_EMAIL, "password": "wrong"}, token=None)
    rec("err_cycle", "POST", f"/api/v1/groups/id/{parent_id}/update",
        {"name": "Engineering", "description": "x", "parent_group_id": gid})
    primary = next(u for u in users["users"] if u["email"] == ADMIN_EMAIL)
    other_admin = next(e for e, u in by_email.items() if u["role"] == "admin" and e != ADMIN_EMAIL)
    other_http = Http(admin.base, sign_in(admin, other_admin, USER_PASSWORD))
    rec("err_delete_primary_admin", "DELETE", f"/api/v1/users/{primary['id']}", http=other_http)
    rec("err_missing_trailing_slash", "GET", "/api/v1/users")
    log(f"recorded {count} fixtures into {out}")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("serve")
    s.add_argument("--data-dir")
    s.add_argument("--port", type=int)
    s.add_argument("--exit-on-stdin-eof", action="store_true")
    r = sub.add_parser("record-fixtures")
    r.add_argument("out_dir")
    args = p.parse_args()
    try:
        return cmd_serve(args) if args.cmd == "serve" else cmd_record(args)
    except RuntimeError as e:
        log(str(e))
        return 1


if __name__ == "__main__":
    sys.exit(main())
