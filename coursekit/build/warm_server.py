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

The same server runs the build's own commands (`coursekit deck`, `drafts`, `site`, ...: COMMANDS) as a nailgun or
Gradle client does: `coursekit` sends its arguments, folder, environment and umask, and passes its stdin, stdout
and stderr themselves (SCM_RIGHTS), and the command runs in a child forked from the server, which answers the
child's pid (the client forwards SIGINT, SIGTERM and SIGHUP to it) and then its exit status. A command's imports
(nbconvert, Jinja, Playwright, PyAV, ...) are learned from what its child imported and imported once in the
server, so the next command of that kind starts with them; the list is kept beside the socket for the next
server of the same key. A server whose coursekit tree no longer has the code it was started with refuses, and
the command runs in the client's own process, as it does without a server.

    python -m coursekit.build.warm_server --stop    stops this user's servers (CI does at its end)
"""

from __future__ import annotations

import atexit
import importlib
import io
import json
import os
import selectors
import signal
import socket
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from coursekit.build import warm_client
from coursekit.build.warm import Job, WarmPool, preload
from coursekit.build.warm_client import (IDLE_SECONDS, _code_digest, _learned_path, _same_socket, command, connect,
                                        enabled, key, listen, stop_all)

__all__ = ["command", "connect", "enabled", "key", "run", "serve", "stop_all"]

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


def _std_streams(env: dict) -> None:
    """sys.stdin, stdout and stderr over the fds the client passed, buffered as Python would for that client."""
    unbuffered = bool(env.get("PYTHONUNBUFFERED"))
    encoding = env.get("PYTHONIOENCODING", "utf-8").split(":")[0] or "utf-8"
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.FileIO(0, "r", closefd=False)), encoding=encoding)
    for fd, name in ((1, "stdout"), (2, "stderr")):
        raw = io.FileIO(fd, "w", closefd=False)
        stream = io.TextIOWrapper(io.BufferedWriter(raw), encoding=encoding,
                                  errors="backslashreplace" if fd == 2 else "strict",
                                  line_buffering=fd == 2 or raw.isatty(), write_through=unbuffered)
        setattr(sys, name, stream)


def _command(conn: socket.socket, request: dict, fds: list[int], learn_fd: int, learned_file: Path) -> int:
    """In a child forked for one command: become the client's process, run `coursekit ARGV`, say the status."""
    warm_client._IN_SERVER = True
    for signum in (signal.SIGINT,):
        signal.signal(signum, signal.default_int_handler)
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    for target, fd in zip((0, 1, 2), fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.umask(int(request.get("umask", 0o022)))
    os.environ.clear()
    os.environ.update(request["env"])
    _std_streams(request["env"])
    sys.argv = ["coursekit", *request["command"]]
    before = set(sys.modules)
    conn.sendall(json.dumps({"pid": os.getpid()}).encode() + b"\n")
    code = 0
    try:
        module, function = request["entry"].split(":")
        getattr(importlib.import_module(module), function)()
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except KeyboardInterrupt:
        code = 130
    except BaseException:  # noqa: BLE001 - what an uncaught exception does to a Python process
        traceback.print_exc()
        code = 1
    try:
        atexit._run_exitfuncs()  # what the interpreter's exit would run: a command's temporary folders
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
    learned = sorted(m for m in set(sys.modules) - before if _learnable(m))
    try:  # kept for this key's next server, before the client hears the end
        known = (set(learned_file.read_text(encoding="utf-8", errors="replace").split())
                 if learned_file.exists() else set())
        with open(learned_file, "a", encoding="utf-8") as out:
            out.write("".join(f"{n}\n" for n in learned if n not in known))
        os.write(learn_fd, json.dumps(learned).encode())
    except OSError:
        pass
    conn.sendall(json.dumps({"exit": code}).encode() + b"\n")
    return code


def _learnable(name: str) -> bool:
    """Whether the server may import ``name`` for the next child: a module of the interpreter, of its installed
    packages or of coursekit, never one of the client's own folders (a scene file, its `style` module)."""
    if name.startswith("__"):  # __main__, __mp_main__: the child's own
        return False
    if name in sys.builtin_module_names:
        return True
    module = sys.modules.get(name)
    where = getattr(module, "__file__", None) or getattr(sys.modules.get(name.split(".")[0]), "__file__", None)
    if where is None:
        return name.split(".")[0] in sys.stdlib_module_names
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(__file__).resolve().parent.parent)}
    return any(os.path.realpath(where).startswith(os.path.realpath(root) + os.sep) for root in roots)


def _receive(conn: socket.socket) -> tuple[dict, list[int]]:
    """One request line, and the fds that came with it (a command's stdin, stdout and stderr)."""
    data, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    while data and not data.endswith(b"\n"):
        more = conn.recv(1 << 16)
        if not more:
            break
        data += more
    return json.loads(data or b"{}"), list(fds)


def _learn(names: list[str], loaded: set[str]) -> None:
    """Import in the server what a command's child imported, so that the next child starts with it."""
    new = [n for n in names if n not in sys.modules and n not in loaded]
    if new:
        loaded.update(new)
        preload(new)


def serve(path: Path, idle: float, ready_fd: int | None) -> None:
    # The runner's own imports, all of them now: the tree this coursekit came from may be gone by the next session.
    loaded = set(WarmPool(["coursekit.course.parsed", "coursekit.course.fsio", "coursekit.cli"]).loaded)
    code = _code_digest()
    learned_file = _learned_path(path)
    try:  # a damaged list costs only the imports it names wrongly
        _learn(learned_file.read_text(encoding="utf-8", errors="replace").split(), loaded)
    except OSError:
        pass
    listener, inode, selector = listen(path, ready_fd)
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
            if not sessions and _code_digest() != code:  # its coursekit was edited: the next build starts another
                return
            ready = selector.select(timeout=min(30.0, max(0.1, idle - (time.monotonic() - last))))
            for ready_key, _ in ready:
                if ready_key.fileobj is listener:
                    continue
                with os.fdopen(ready_key.fileobj, "rb") as learning:  # a command's child said what it imported
                    selector.unregister(ready_key.fileobj)
                    try:
                        names = json.loads(learning.read() or b"[]")
                    except ValueError:
                        names = []
                _learn(names, loaded)
                if threading.active_count() > 1:  # an import started a thread: forking is no longer safe
                    print("warm runner: an import started a thread; this server takes no more requests", flush=True)
                    path.unlink(missing_ok=True)
                    return
            if not any(k.fileobj is listener for k, _ in ready):
                continue
            conn, _ = listener.accept()
            last = time.monotonic()
            conn.settimeout(30)
            try:
                request, fds = _receive(conn)
            except (OSError, ValueError):
                conn.close()
                continue
            if request.get("stop"):  # gone from the folder before the client hears the connection close
                if _same_socket(path, inode):
                    path.unlink(missing_ok=True)
                conn.close()
                return
            is_command = "command" in request
            if is_command and (len(fds) != 3 or _code_digest() != code):
                for fd in fds:  # the tree it imported from changed: the client runs the command itself
                    os.close(fd)
                conn.close()
                if len(fds) == 3:
                    path.unlink(missing_ok=True)
                    return
                continue
            new = [m for m in request.get("modules", []) if m not in loaded]
            if new:  # imported here once (never run), so that every later session starts with them
                loaded.update(new)
                preload(new)
            conn.settimeout(None)
            sys.stdout.flush()
            sys.stderr.flush()
            learn_read, learn_write = os.pipe() if is_command else (None, None)
            pid = os.fork()
            if pid == 0:
                exit_code = 0
                try:
                    listener.close()
                    selector.close()
                    if is_command:
                        os.close(learn_read)
                        exit_code = _command(conn, request, fds, learn_write, learned_file)
                    else:
                        _session(conn, request)
                except BaseException:  # noqa: BLE001 - the client runs what was not answered itself
                    exit_code = 70
                finally:
                    os._exit(exit_code)
            sessions.add(pid)
            conn.close()
            for fd in fds:
                os.close(fd)
            if is_command:
                os.close(learn_write)
                selector.register(learn_read, selectors.EVENT_READ)
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
    # Served from the module by its own name, not from __main__: a command's child imports
    # coursekit.build.warm_server and must find there the flag that says it is already in the server.
    from coursekit.build.warm_server import main as served

    served(sys.argv[1:])
