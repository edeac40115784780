#!/usr/bin/env python3
"""Serves the built app (dist/) on loopback, like any static web server would.

    serve.py DIST [--port N] [--base /sub/path/] [--proxy http://127.0.0.1:8080]
             [--slow TEXT [--slow-seconds S]] [--no-cors]

- Unknown paths without a file extension answer index.html (SPA fallback), so deep links and
  reloads work.
- With --proxy, /api/, /health, /static/ and the rest of Open WebUI's paths are forwarded to that
  server, so the app and Open WebUI share one origin (as behind a reverse proxy).
- With --slow, proxied requests whose path contains TEXT are answered S seconds late (fault
  injection for tests: a slow old response must never overwrite a newer one).
- With --no-cors, CORS headers are stripped from proxied answers (fault injection: a server
  whose CORS_ALLOW_ORIGIN does not list the page's origin).
- Prints "SERVE_READY http://127.0.0.1:PORT" once listening. Standard library only.
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import mimetypes
import socketserver
import sys
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


def make_handler(dist: Path, base: str, proxy: urllib.parse.SplitResult | None, slow: str | None, slow_s: float,
                 no_cors: bool):
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

        def dispatch(self):
            path = urllib.parse.urlsplit(self.path).path
            if self.is_app_path(path) and self.command in ("GET", "HEAD"):
                return self.serve_static(path)
            if proxy is not None:
                return self.forward()
            self.send_error(404)

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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("dist")
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--base", default="/")
    p.add_argument("--proxy")
    p.add_argument("--slow")
    p.add_argument("--slow-seconds", type=float, default=2.5)
    p.add_argument("--no-cors", action="store_true")
    args = p.parse_args()
    dist = Path(args.dist).resolve()
    if not (dist / "index.html").exists():
        print(f"{dist}/index.html is missing: build the app first (trunk build --release)", file=sys.stderr)
        return 1
    base = "/" + args.base.strip("/") + "/" if args.base.strip("/") else "/"
    proxy = urllib.parse.urlsplit(args.proxy) if args.proxy else None
    server = Server(("127.0.0.1", args.port), make_handler(dist, base, proxy, args.slow, args.slow_seconds, args.no_cors))
    print(f"SERVE_READY http://127.0.0.1:{server.server_address[1]}{base.rstrip('/')}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
