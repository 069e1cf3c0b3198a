"""The warm runner kept between builds: one process per interpreter that has imported torch (and whatever else
the demos import) serves every `coursekit demos` run until it has been idle a while.

`import torch` is most of a small demo's time, and an author's loop runs one small demo after each edit. As
Gradle's daemon or mypy's dmypy keep a warm process between commands, this server keeps the warm parent of
`warm.WarmPool`: each connection is served by a session forked from it, which runs the requested demos in
children forked from itself, exactly as a pool in the client's own process would (the same code), with the
client's environment, parse cache and limits. Demos never run in the server itself, so it only ever imports.

It is found by a key: the interpreter and its installed packages, coursekit's own code and the environment
variables that change what an import does. Anything else finds another server (or starts one); an old one
exits when idle. Without a server (COURSEKIT_WARM_SERVER=0, or one that cannot start or dies mid-run) the
demos run in a pool in the client's process, as before.

    python -m coursekit.build.warm_server --stop    stops this user's servers (CI does at its end)
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import selectors
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from coursekit.build.warm import Job, WarmPool, preload

IDLE_SECONDS = 1200.0  # an author's pause between two saves; COURSEKIT_WARM_IDLE overrides
# What an import can depend on: a server started under other values of these is another server.
IMPORT_ENV = ("OMP_", "MKL_", "KMP_", "OPENBLAS_", "TORCH", "PYTORCH", "CUDA", "NCCL", "HIP", "ROCM", "LD_",
              "PYTHON", "MPL", "NUMEXPR", "XLA", "HF_", "SKLEARN", "JOBLIB", "NUMBA")


def enabled() -> bool:
    return os.environ.get("COURSEKIT_WARM_SERVER", "1") != "0"


def folder() -> Path:
    """Where this user's servers keep their sockets, locks and logs (COURSEKIT_WARM_DIR overrides)."""
    place = os.environ.get("COURSEKIT_WARM_DIR") or os.path.join(
        os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir(), f"coursekit-{os.getuid()}")
    path = Path(place)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def key() -> str:
    """What a server's warm modules were imported under: another value needs another server."""
    digest = hashlib.sha256()
    digest.update(repr((os.path.realpath(sys.executable), sys.prefix, sys.version)).encode())
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    here = os.getcwd()
    for entry in sorted(p for p in sys.path if p and p != here):  # installed packages: pip renames dist-infos
        try:
            digest.update(entry.encode() + b"\0" + "\0".join(sorted(os.listdir(entry))).encode())
        except OSError:
            pass
    digest.update(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith(IMPORT_ENV))).encode())
    return digest.hexdigest()[:16]


def _paths(name: str) -> tuple[Path, Path, Path]:
    base = folder() / f"warm-{name}"
    return base.with_suffix(".sock"), base.with_suffix(".lock"), base.with_suffix(".log")


# --- the client ----------------------------------------------------------------------------------------------

def _connect(path: Path) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
        return sock
    except OSError:
        sock.close()
        return None


def _start(path: Path, log: Path, echo) -> bool:
    """Start a server at ``path`` and wait until it listens (it says so on a pipe); False if it could not."""
    read_fd, write_fd = os.pipe()
    idle = os.environ.get("COURSEKIT_WARM_IDLE", str(IDLE_SECONDS))
    with open(log, "ab") as out:
        subprocess.Popen([sys.executable, "-m", "coursekit.build.warm_server", "--serve", str(path), "--idle", idle,
                          "--ready-fd", str(write_fd)], pass_fds=(write_fd,), start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                         cwd=Path(__file__).resolve().parents[2])  # the client's coursekit, not another install
    os.close(write_fd)
    with os.fdopen(read_fd) as ready:
        said = ready.read()
    if said.strip() != "ready":
        echo(f"warm runner: the server did not start (see {log}); running here")
        return False
    return True


def connect(echo=lambda _: None) -> socket.socket | None:
    """A connection to this interpreter's server, started if none is running; None when there can be none."""
    if not enabled():
        return None
    try:
        sock_path, lock_path, log = _paths(key())
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one client starts the server; the others wait and connect
            sock = _connect(sock_path)
            if sock is None and _start(sock_path, log, echo):
                sock = _connect(sock_path)
        return sock
    except OSError:
        return None


def run(jobs: list[Job], modules: list[str], parallel: int = 1, root: Path | None = None,
        echo=lambda _: None) -> Iterator[tuple[int, dict]]:
    """(index in ``jobs``, result) as each demo ends, run by the warm server, or here if there is none."""
    done: set[int] = set()
    sock = connect(echo)
    if sock is not None:
        request = {"modules": list(modules), "parallel": parallel, "env": dict(os.environ),
                   "root": str(root) if root else None,
                   "jobs": [{"demo": str(j.demo.resolve()), "cwd": str(j.cwd) if j.cwd else None,
                             "timeout": j.timeout, "threads": j.threads, "shown": j.shown} for j in jobs]}
        try:
            with sock, sock.makefile("rwb") as stream:
                stream.write(json.dumps(request).encode() + b"\n")
                stream.flush()
                for line in stream:
                    index, result = json.loads(line)
                    done.add(index)
                    yield index, result
        except (OSError, ValueError):
            pass  # the server went away: what it did not answer runs here
        if len(done) < len(jobs):
            echo(f"warm runner: the server stopped after {len(done)} of {len(jobs)} demo(s); running the rest here")
    rest = [i for i in range(len(jobs)) if i not in done]
    if rest:
        pool = WarmPool(modules, parallel=parallel)
        for index, result in pool.run([jobs[i] for i in rest]):
            yield rest[index], result


def stop_all() -> int:
    """Ask every server in this user's folder to exit; how many were asked."""
    asked = 0
    for path in folder().glob("warm-*.sock"):
        sock = _connect(path)
        if sock is None:
            path.unlink(missing_ok=True)  # a server that died without cleaning up
            continue
        with sock:
            sock.sendall(b'{"stop": true}\n')
            sock.recv(1)  # it closes the connection as it exits
        asked += 1
    return asked


# --- the server ----------------------------------------------------------------------------------------------

def _session(conn: socket.socket, request: dict) -> None:
    """In a child forked for one connection: the client's environment, then its demos in a pool of children."""
    os.environ.clear()
    os.environ.update(request.get("env") or {})
    if request.get("root"):
        from coursekit.course import parsed

        parsed.configure(Path(request["root"]))
    jobs = [Job(Path(j["demo"]), Path(j["cwd"]) if j.get("cwd") else None, float(j["timeout"]), j.get("threads"),
                j.get("shown")) for j in request["jobs"]]
    pool = WarmPool(request.get("modules", []), parallel=int(request.get("parallel", 1)))
    with conn:
        for index, result in pool.run(jobs):
            conn.sendall(json.dumps([index, result]).encode() + b"\n")


def _same_socket(path: Path, inode: int) -> bool:
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def serve(path: Path, idle: float, ready_fd: int | None) -> None:
    # The runner's own imports, all of them now: the tree this coursekit came from may be gone by the next session.
    loaded = set(WarmPool(["coursekit.course.parsed", "coursekit.course.fsio"]).loaded)
    path.unlink(missing_ok=True)  # a dead server's socket (the client holds the lock while it starts us)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(16)
    inode = path.stat().st_ino
    if ready_fd is not None:
        os.write(ready_fd, b"ready\n")
        os.close(ready_fd)
    selector = selectors.DefaultSelector()
    selector.register(listener, selectors.EVENT_READ)
    sessions: set[int] = set()
    last = time.monotonic()
    try:
        while True:
            for pid in list(sessions):  # reap the sessions that ended
                if os.waitpid(pid, os.WNOHANG)[0]:
                    sessions.discard(pid)
                    last = time.monotonic()
            if not sessions and time.monotonic() - last >= idle:
                return
            if not _same_socket(path, inode):  # removed or taken over: nobody can reach this server any more
                return
            if not selector.select(timeout=min(30.0, max(0.1, idle - (time.monotonic() - last)))):
                continue
            conn, _ = listener.accept()
            last = time.monotonic()
            conn.settimeout(30)
            try:
                with conn.makefile("rb") as stream:
                    request = json.loads(stream.readline() or b"{}")
            except (OSError, ValueError):
                conn.close()
                continue
            if request.get("stop"):  # gone from the folder before the client hears the connection close
                if _same_socket(path, inode):
                    path.unlink(missing_ok=True)
                conn.close()
                return
            new = [m for m in request.get("modules", []) if m not in loaded]
            if new:  # imported here once (never run), so that every later session starts with them
                loaded.update(new)
                preload(new)
            conn.settimeout(None)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    listener.close()
                    _session(conn, request)
                except BaseException:  # noqa: BLE001 - the client runs what was not answered itself
                    code = 70
                finally:
                    os._exit(code)
            sessions.add(pid)
            conn.close()
    finally:
        if _same_socket(path, inode):
            path.unlink(missing_ok=True)


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m coursekit.build.warm_server", description=__doc__.split("\n")[0])
    parser.add_argument("--serve", type=Path, help="serve on this socket (what a client starts)")
    parser.add_argument("--idle", type=float, default=IDLE_SECONDS, help="exit after this many idle seconds")
    parser.add_argument("--ready-fd", type=int, default=None)
    parser.add_argument("--stop", action="store_true", help="stop this user's warm servers")
    args = parser.parse_args(argv)
    if args.stop:
        print(f"warm runner: stopped {stop_all()} server(s)")
    elif args.serve:
        serve(args.serve, args.idle, args.ready_fd)
    else:
        parser.print_help()


if __name__ == "__main__":
    main(sys.argv[1:])
