#!/usr/bin/env python3
"""Serves the built app (dist/) on loopback, like any static web server would.

    serve.py DIST [--port N] [--base /sub/path/] [--proxy http://127.0.0.1:8080]
             [--slow TEXT [--slow-seconds S]] [--no-cors] [--faults] [--header 'Name: value']...

- Unknown paths without a file extension answer index.html (SPA fallback), so deep links and
  reloads work.
- With --proxy, /api/, /health, /static/ and the rest of Open WebUI's paths are forwarded to that
  server, so the app and Open WebUI share one origin (as behind a reverse proxy).
- With --slow, proxied requests whose path contains TEXT are answered S seconds late (fault
  injection for tests: a slow old response must never overwrite a newer one).
- With --no-cors, CORS headers are stripped from proxied answers (fault injection: a server
  whose CORS_ALLOW_ORIGIN does not list the page's origin).
- With --faults, a control endpoint on the same server injects faults per request, so tests can
  put a misbehaving network or proxy in front of the real Open WebUI:
      POST   /__faults   a rule (JSON object) or a list of rules, added after the ones in place
      DELETE /__faults   removes every rule and releases the requests they hold
      GET    /__faults   the rules in place, each with "hits" (requests it has taken so far)
  A rule applies to requests whose path (with its query) contains "path" ("" matches all) and,
  when "method" is given, whose method is that one (give it, or a rule also hits the browser's
  CORS preflight OPTIONS); "times": N takes only the next N matching requests, otherwise it
  applies until cleared. The first matching rule wins. What it does ("action"):
      respond    answers "status" (200) with "body" ("") as "content_type" (application/json)
      html       an nginx-like HTML error page for "status" (502), or "body" as text/html
      truncate   forwards, then answers the real status and headers with only the first "keep"
                 bytes of the body (half of it by default): JSON cut off mid-way
      hang       never answers: holds the request until the rules are cleared or the client
                 gives up, then closes the connection without an answer
      delay      waits "seconds" (1), then forwards (a clear ends the wait early)
      drop       closes the connection without any answer; nothing reaches Open WebUI (Chromium
                 sends a request again once when a reused connection closes unanswered, so a
                 drop meant to be seen should apply until cleared, not "times": 1)
      drop-after forwards (the server does the work), then closes without answering
      down       like drop, meant for "path": "": every request, /health and /api/version
                 included, is dropped (the server looks stopped)
  Answers made here carry CORS headers like Open WebUI's (the request's Origin is allowed), so
  a cross-origin page reads them. The control endpoint itself is never faulted.
- With --header (repeatable), every file of the app is served with that header too, e.g. a
  Content-Security-Policy exactly as a static host would send it.
- Prints "SERVE_READY http://127.0.0.1:PORT" once listening. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import mimetypes
import select
import socket
import socketserver
import sys
import threading
import time
import urllib.parse
from pathlib import Path

mimetypes.add_type("application/wasm", ".wasm")
mimetypes.add_type("text/javascript", ".js")

# With the app at the root, these paths still belong to Open WebUI when proxying. Under a
# sub-path, everything outside it belongs to Open WebUI.
OWUI_PREFIXES = ("/api/", "/health", "/ready", "/static/", "/ws/", "/ollama/", "/openai/", "/oauth/",
                 "/cache/", "/favicon")
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
              "trailers", "transfer-encoding", "upgrade", "host", "content-length"}


NGINX_REASONS = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Temporarily Unavailable",
                 504: "Gateway Time-out"}
FAULT_ACTIONS = {"respond", "html", "truncate", "hang", "delay", "drop", "drop-after", "down"}


class Faults:
    """The rules in place (thread-safe). A clear wakes every request a rule is holding."""

    def __init__(self):
        self.lock = threading.Lock()
        self.rules: list[dict] = []
        self.cleared = threading.Event()

    def add(self, rules: list[dict]) -> None:
        for r in rules:
            if r.get("action") not in FAULT_ACTIONS:
                raise ValueError(f"unknown action {r.get('action')!r}; one of {sorted(FAULT_ACTIONS)}")
        with self.lock:
            if not self.rules:
                self.cleared = threading.Event()
            for r in rules:
                self.rules.append({**r, "hits": 0})

    def clear(self) -> None:
        with self.lock:
            self.rules = []
            self.cleared.set()

    def snapshot(self) -> list[dict]:
        with self.lock:
            return [dict(r) for r in self.rules]

    def take(self, method: str, path: str) -> tuple[dict, threading.Event] | None:
        """The first rule matching this request (counted as a hit), and the event a clear sets."""
        with self.lock:
            for r in self.rules:
                if r.get("method") and r["method"].upper() != method:
                    continue
                if r.get("path", "") not in path:
                    continue
                times = r.get("times")
                if times is not None and r["hits"] >= times:
                    continue
                r["hits"] += 1
                return dict(r), self.cleared
        return None


def make_handler(dist: Path, base: str, proxy: urllib.parse.SplitResult | None, slow: str | None, slow_s: float,
                 no_cors: bool, faults: Faults | None = None, extra_headers: list[tuple[str, str]] | None = None):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: tests read stdout
            pass

        def is_app_path(self, path: str) -> bool:
            if base == "/":
                return proxy is None or not path.startswith(OWUI_PREFIXES)
            return path == base.rstrip("/") or path.startswith(base)

        def do_GET(self):
            self.dispatch()

        def do_HEAD(self):
            self.dispatch()

        def do_POST(self):
            self.dispatch()

        def do_DELETE(self):
            self.dispatch()

        def do_OPTIONS(self):
            self.dispatch()

        def do_PUT(self):
            self.dispatch()

        def do_PATCH(self):
            self.dispatch()

        def dispatch(self):
            path = urllib.parse.urlsplit(self.path).path
            if faults is not None:
                if path == "/__faults":
                    return self.control()
                rule = faults.take(self.command, self.path)
                if rule is not None and self.inject(*rule):
                    return
            if self.is_app_path(path) and self.command in ("GET", "HEAD"):
                return self.serve_static(path)
            if proxy is not None:
                return self.forward()
            self.send_error(404)

        # --- fault injection ------------------------------------------------------------------

        def control(self):
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                if self.command == "POST":
                    rules = json.loads(raw or b"null")
                    faults.add(rules if isinstance(rules, list) else [rules])
                elif self.command == "DELETE":
                    faults.clear()
                elif self.command != "GET":
                    return self.answer(405, b"", "text/plain")
            except (ValueError, TypeError, AttributeError) as e:
                return self.answer(400, json.dumps({"detail": str(e)}).encode(), "application/json")
            self.answer(200, json.dumps(faults.snapshot()).encode(), "application/json")

        def answer(self, status: int, body: bytes, ctype: str, headers: list[tuple[str, str]] | None = None):
            try:
                self.send_response(status)
                for k, v in headers or []:
                    self.send_header(k, v)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                origin = self.headers.get("Origin")
                if origin and not any(k.lower() == "access-control-allow-origin" for k, _ in headers or []):
                    self.send_header("Access-Control-Allow-Origin", origin)
                    self.send_header("Access-Control-Allow-Credentials", "true")
                    self.send_header("Vary", "Origin")
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def drop(self):
            """Closes the connection without a byte of answer (a reset, as a dying proxy does)."""
            self.close_connection = True
            try:
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                self.connection.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

        def client_gone(self) -> bool:
            try:
                readable, _, _ = select.select([self.connection], [], [], 0)
                return bool(readable) and self.connection.recv(1, socket.MSG_PEEK) == b""
            except OSError:
                return True

        def read_body(self) -> bytes | None:
            length = int(self.headers.get("Content-Length") or 0)
            return self.rfile.read(length) if length else None

        def inject(self, rule: dict, cleared: threading.Event) -> bool:
            """Applies `rule`; False when the request should go on as usual (after a delay)."""
            action = rule["action"]
            if action in ("drop", "down"):
                self.read_body()
                self.drop()
            elif action == "hang":
                self.read_body()
                while not cleared.wait(0.2) and not self.client_gone():
                    pass
                self.drop()
            elif action == "delay":
                cleared.wait(float(rule.get("seconds", 1)))
                return False
            elif action == "respond":
                self.read_body()
                body = str(rule.get("body", "")).encode()
                self.answer(int(rule.get("status", 200)), body, rule.get("content_type", "application/json"))
            elif action == "html":
                self.read_body()
                status = int(rule.get("status", 502))
                reason = NGINX_REASONS.get(status, "Error")
                page = (f"<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n"
                        f"<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx</center>\r\n"
                        "</body>\r\n</html>\r\n")
                body = str(rule.get("body", page)).encode()
                self.answer(status, body, rule.get("content_type", "text/html"))
            elif action in ("truncate", "drop-after"):
                if proxy is None:
                    self.drop()
                    return True
                got = self.exchange(self.read_body())
                if got is None:
                    self.drop()
                elif action == "drop-after":
                    self.drop()
                else:
                    status, headers, data = got
                    keep = int(rule.get("keep", len(data) // 2))
                    kept = [(k, v) for k, v in headers
                            if k.lower() not in HOP_BY_HOP and k.lower() not in ("content-type", "server", "date")]
                    ctype = dict((k.lower(), v) for k, v in headers).get("content-type", "application/json")
                    self.answer(status, data[:keep], ctype, kept)
            return True

        def exchange(self, body: bytes | None) -> tuple[int, list[tuple[str, str]], bytes] | None:
            """Sends this request to Open WebUI: (status, headers, body), or None when unreachable."""
            conn = http.client.HTTPConnection(proxy.hostname, proxy.port, timeout=120)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                return resp.status, resp.getheaders(), resp.read()
            except OSError:
                return None
            finally:
                conn.close()

        # --- static files and the proxy -----------------------------------------------------

        def serve_static(self, path: str):
            rel = urllib.parse.unquote(path[len(base):] if path.startswith(base) else "")
            target = (dist / rel).resolve()
            if not str(target).startswith(str(dist)) or target.is_dir() or not target.exists():
                # SPA fallback: no extension means an app route.
                if "." in Path(rel).name:
                    return self.send_error(404)
                target = dist / "index.html"
            body = target.read_bytes()
            ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-cache" if target.name == "index.html" else "public, max-age=31536000, immutable")
            for k, v in extra_headers or []:
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def forward(self):
            if slow and slow in self.path:
                time.sleep(slow_s)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            conn = http.client.HTTPConnection(proxy.hostname, proxy.port, timeout=120)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
            except OSError as e:
                return self.send_error(502, f"Open WebUI is not reachable: {e}")
            finally:
                conn.close()
            try:
                self.send_response(resp.status, resp.reason)
                for k, v in resp.getheaders():
                    if k.lower() in HOP_BY_HOP or (no_cors and k.lower().startswith("access-control-")):
                        continue
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the browser cancelled the request (a newer search replaced it)

    return Handler


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A browser that gives up on a request (an abort, a deadline, a dropped fault) is normal.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dist")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--base", default="/")
    p.add_argument("--proxy")
    p.add_argument("--slow")
    p.add_argument("--slow-seconds", type=float, default=2.5)
    p.add_argument("--no-cors", action="store_true")
    p.add_argument("--faults", action="store_true", help="fault injection through /__faults (see above)")
    p.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help="a header sent with every file of the app (repeatable)")
    args = p.parse_args()
    extra_headers = []
    for h in args.header:
        name, sep, value = h.partition(":")
        if not sep or not name.strip() or not value.strip() or "\n" in h or "\r" in h:
            print(f"--header wants 'Name: value' on one line, got {h!r}", file=sys.stderr)
            return 2
        extra_headers.append((name.strip(), value.strip()))
    dist = Path(args.dist).resolve()
    if not (dist / "index.html").exists():
        print(f"{dist}/index.html is missing: build the app first (trunk build --release)", file=sys.stderr)
        return 1
    base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
    proxy = urllib.parse.urlsplit(args.proxy) if args.proxy else None
    server = Server(("127.0.0.1", args.port), make_handler(dist, base, proxy, args.slow, args.slow_seconds, args.no_cors,
                                                                  Faults() if args.faults else None, extra_headers))
    print(f"SERVE_READY http://127.0.0.1:{server.server_address[1]}{base.rstrip('/')}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
