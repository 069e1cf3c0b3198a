"""`coursekit preview` (`make preview`): save a file, and the open deck, page or teleprompter updates where you were.

Builds what is stale with make (the same rules as every build: there is no second build path), serves
build/site/ on 127.0.0.1, watches the sources with watchfiles and, on each change, runs make again and tells
the open pages over server-sent events: "building" (a badge), "built" with the site files whose content
changed (a page reloads only when it or something it loaded is among them, and comes back on the same
slide and fragment or scroll position), or "failed" with the build's file:line messages (an overlay over the
previous good page). The events go one way, server to page: the page can say nothing back.
The files served are the files on disk plus one injected <script>; the pages work from file:// without it.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
import os
import queue
import re
import signal
import socket
import subprocess
import threading
import time
import webbrowser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import click

from coursekit.course.problems import CourseError
from coursekit.course.sections import discover, select

HOST = "127.0.0.1"
PREFIX = "/__preview__/"
WATCHED = ("scripts", "demos", "slides", "animations", "lexicon.toml",
           # editing coursekit in a course repository: its templates change pages without a code reload
           "coursekit/build/templates", "coursekit/site/templates")
PROBLEM_RE = re.compile(r"^(?P<where>[\w./-]+\.(?:md|py|toml|j2|json|css|js):\d+): (?P<message>.+)$")
INJECT = f'<script src="{PREFIX}preview.js"></script>'


class Channel:
    """The events every open page listens to, and the last one, for pages that connect later."""

    def __init__(self) -> None:
        self.listeners: list[queue.Queue] = []
        self.lock = threading.Lock()
        self.version = 0

    def send(self, event: str, data: dict) -> None:
        with self.lock:
            self.version += 1
            for q in self.listeners:
                q.put((event, data))

    def listen(self) -> queue.Queue:
        q: queue.Queue = queue.Queue()
        with self.lock:
            self.listeners.append(q)
        return q

    def leave(self, q: queue.Queue) -> None:
        with self.lock:
            if q in self.listeners:
                self.listeners.remove(q)


def make_handler(site: Path, channel: Channel, stopping: threading.Event):
    site = site.resolve()
    script = resources.files("coursekit.site").joinpath("templates/site/preview.js").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        server_version = "coursekit-preview"
        sys_version = ""

        def log_message(self, format, *args):  # noqa: A002 - the pages' requests are not news
            pass

        def _refuse(self, status: HTTPStatus) -> None:
            self.send_error(status)

        do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = do_CONNECT = do_TRACE = (
            lambda self: self._refuse(HTTPStatus.METHOD_NOT_ALLOWED))

        def do_HEAD(self) -> None:
            self._serve(head=True)

        def do_GET(self) -> None:
            self._serve(head=False)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            if path == PREFIX + "events" and not head:
                return self._events()
            if path == PREFIX + "preview.js":
                return self._send(script, "text/javascript", head)
            file = self._resolve(path)
            if file is None:
                return self._refuse(HTTPStatus.NOT_FOUND)
            body = file.read_bytes()
            kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
            if kind == "text/html":
                text = body.decode("utf-8", errors="replace")
                at = text.lower().rfind("</body>")
                body = (text[:at] + INJECT + text[at:] if at >= 0 else text + INJECT).encode("utf-8")
            self._send(body, kind, head)

        def _resolve(self, path: str) -> Path | None:
            """The file under the site that ``path`` names; None for anything outside it, however spelled
            (``..``, encoded or not, a symlink leading out) and for a folder without index.html."""
            parts = [p for p in unquote(path).split("/") if p]
            if any(p in ("..", ".") or "\x00" in p or "\\" in p for p in parts):
                return None
            target = site.joinpath(*parts).resolve()
            if target != site and site not in target.parents:
                return None
            if target.is_dir():
                target = target / "index.html"
            return target if target.is_file() else None

        def _send(self, body: bytes, kind: str, head: bool) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", kind + ("; charset=utf-8" if kind.startswith("text/") else ""))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            q = channel.listen()
            try:
                self.wfile.write(b"retry: 500\n\n")
                self.wfile.flush()
                while not stopping.is_set():
                    try:
                        event, data = q.get(timeout=1.0)
                    except queue.Empty:
                        self.wfile.write(b": keep-alive\n\n")
                    else:
                        self.wfile.write(f"event: {event}\ndata: {json.dumps(data)}\n\n".encode())
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass
            finally:
                channel.leave(q)

    return Handler


def fingerprint(site: Path) -> dict[str, str]:
    """What each site file holds: text files by content (the site step rewrites every page, mostly unchanged),
    media by size and time."""
    out = {}
    for path in site.rglob("*"):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = "/" + path.relative_to(site).as_posix()
        if path.suffix in (".html", ".css", ".js", ".json", ".vtt", ".txt"):
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            stat = path.stat()
            out[rel] = f"{stat.st_size}:{stat.st_mtime_ns}"
    return out


class Builder:
    """Runs make for the watched sources and tells the pages how it went. One build at a time; changes made
    during a build start another when it ends."""

    def __init__(self, root: Path, number: str | None, channel: Channel, echo=click.echo):
        self.root = root
        self.number = number
        self.channel = channel
        self.echo = echo
        self.process: subprocess.Popen | None = None
        self.stop = threading.Event()

    def command(self, *targets: str) -> list[str]:
        return ["make", "--no-print-directory", *([f"S={self.number}"] if self.number else []), *targets]

    def build(self, why: str) -> bool:
        """The decks first (what an author looks at while writing; the zips of an edited demo are made beside
        them, on the other core), then the pages without the draft videos (`DRAFTS=` leaves them out of the
        site's inputs: a script page shows a demo's new output), then everything else. Each stage tells the
        pages what it changed, so an open deck or script page reloads before the draft video is made."""
        return (self.stage(why, "slides", "downloads") and self.stage(why, "site", "DRAFTS=")
                and self.stage(why))

    def stage(self, why: str, *targets: str) -> bool:
        site = self.root / "build" / "site"
        before = fingerprint(site) if site.exists() else {}
        self.channel.send("building", {"why": why})
        self.echo(f"preview: {why}: {' '.join(self.command(*targets))}")
        started = time.monotonic()
        env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
        self.process = subprocess.Popen(self.command(*targets), cwd=self.root, env=env, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, start_new_session=True)
        lines = []
        for line in self.process.stdout:
            lines.append(line.rstrip("\n"))
            self.echo(f"  {lines[-1]}")
        code = self.process.wait()
        self.process = None
        if self.stop.is_set():
            return False
        if code != 0:
            problems = [line for line in lines if PROBLEM_RE.match(line)] or lines[-12:]
            self.channel.send("failed", {"problems": problems})
            self.echo(f"preview: the build failed ({len(problems)} problem(s)); the pages show them")
            return False
        after = fingerprint(site)
        changed = sorted(p for p, v in after.items() if before.get(p) != v)
        self.channel.send("built", {"changed": changed, "seconds": round(time.monotonic() - started, 2)})
        self.echo(f"preview: built in {time.monotonic() - started:.1f} s; {len(changed)} file(s) changed")
        return True

    def watch(self, on_ready=lambda: None) -> None:
        """Rebuild on every change; ``on_ready`` runs once the watches are in place (watchfiles yields an empty
        set on its first timeout), so that "watching" is never said before a save would be seen."""
        from watchfiles import watch

        paths = [self.root / p for p in WATCHED if (self.root / p).exists()]
        ready = False
        for changes in watch(*paths, stop_event=self.stop, debounce=200, step=50, raise_interrupt=False,
                             yield_on_timeout=True, rust_timeout=100):
            if not ready:
                ready = True
                on_ready()
            if not changes:
                continue
            names = sorted({Path(p).relative_to(self.root).as_posix() for _, p in changes})
            names = [n for n in names if "__pycache__" not in n and not Path(n).name.startswith(".")]
            if names and not self.stop.is_set():
                self.build(f"{', '.join(names[:3])}{' ...' if len(names) > 3 else ''} changed")

    def halt(self) -> None:
        """Stop watching and stop a running make: SIGTERM to its process group, which make passes on to the
        recipe running; make deletes a half-made target, coursekit's writes are atomic."""
        self.stop.set()
        process = self.process
        if process and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def free_port(start: int) -> int:
    for port in range(start, start + 100):
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
            return port
    raise click.ClickException(f"no free port from {start} to {start + 99} on {HOST}; pass --port")


@click.command()
@click.argument("section", required=False)
@click.option("--port", type=int, default=8000, show_default=True, help="First port to try (the next free one is used).")
@click.option("--no-open", "no_open", is_flag=True, help="Do not open the browser.")
@click.pass_obj
def preview(root: Path, section: str | None, port: int, no_open: bool) -> None:
    """Build what is stale, serve build/site/ on 127.0.0.1 and rebuild and reload the open pages on every save."""
    sections, problems = discover(root)
    if problems:
        raise CourseError(problems)
    chosen = select(sections, section) if section else sections
    number = chosen[0].key[:2] if section else None
    signal.signal(signal.SIGINT, signal.default_int_handler)  # Ctrl-C stops, even when started in the background
    channel = Channel()
    builder = Builder(root, number, channel)
    stopping = threading.Event()
    server = None
    try:
        builder.build("first build of what is stale")
        port = free_port(port)
        server = ThreadingHTTPServer((HOST, port), make_handler(root / "build" / "site", channel, stopping))
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, name="preview-server", daemon=True).start()
        key = chosen[0].key
        page = f"decks/{key}.html" if section and (root / "build/site/decks" / f"{key}.html").exists() else "index.html"
        url = f"http://{HOST}:{port}/{page}"
        def ready() -> None:
            click.echo(f"preview: serving build/site/ at http://{HOST}:{port}/ (open {url}); watching "
                       f"{', '.join(p for p in WATCHED if (root / p).exists())}; Ctrl-C stops")
            if not no_open:
                webbrowser.open(url)

        builder.watch(on_ready=ready)
    except KeyboardInterrupt:
        pass
    finally:
        builder.halt()
        stopping.set()
        if server:
            server.shutdown()
            server.server_close()
        click.echo("preview: stopped; every output is whole (make removes a target it did not finish)")
