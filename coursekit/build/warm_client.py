"""The client of the warm runner (warm_server): finds or starts this interpreter's server, hands it a
`coursekit` command, and stops the servers. Kept light, since every `coursekit` process imports it first: the
standard library alone, and nothing of coursekit's but this.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path

IDLE_SECONDS = 1200.0  # an author's pause between two saves; COURSEKIT_WARM_IDLE overrides
# What an import can depend on: a server started under other values of these is another server.
IMPORT_ENV = ("OMP_", "MKL_", "KMP_", "OPENBLAS_", "TORCH", "PYTORCH", "CUDA", "NCCL", "HIP", "ROCM", "LD_",
              "PYTHON", "MPL", "NUMEXPR", "XLA", "HF_", "SKLEARN", "JOBLIB", "NUMBA", "JUPYTER", "XDG_", "PLAYWRIGHT",
              "HOME")
# The commands a build runs again and again; the others (preview, bench, record, align, cut) run in their own
# process: long-lived, interactive, or timed.
COMMANDS = {"deck", "drafts", "site", "downloads", "demos", "render", "animations", "handouts", "assets", "check",
            "trace", "status", "recorded"}
_IN_SERVER = False  # set in a command's child: a command never hands itself to the server again


def enabled() -> bool:
    return os.environ.get("COURSEKIT_WARM_SERVER", "1") != "0"


def folder() -> Path:
    """Where this user's servers keep their sockets, locks and logs (COURSEKIT_WARM_DIR overrides)."""
    place = os.environ.get("COURSEKIT_WARM_DIR") or os.path.join(
        os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir(), f"coursekit-{os.getuid()}")
    path = Path(place)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _code_digest() -> str:
    """coursekit's own files (code and templates): what a command's child reads from the server's tree."""
    digest = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent
    for source in sorted(package.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts and source.suffix != ".pyc":
            digest.update(source.relative_to(package).as_posix().encode() + b"\0" + source.read_bytes())
    return digest.hexdigest()


def key() -> str:
    """What a server's warm modules were imported under: another value needs another server."""
    digest = hashlib.sha256()
    digest.update(repr((os.path.realpath(sys.executable), sys.prefix, sys.version)).encode())
    digest.update(_code_digest().encode())
    here = os.getcwd()
    for entry in sorted(p for p in sys.path if p and p != here):  # installed packages: pip renames dist-infos
        try:
            digest.update(entry.encode() + b"\0" + "\0".join(sorted(os.listdir(entry))).encode())
        except OSError:
            pass
    digest.update(repr(sorted((k, v) for k, v in os.environ.items() if k.startswith(IMPORT_ENV))).encode())
    return digest.hexdigest()[:16]


def _paths(name: str, prefix: str = "warm") -> tuple[Path, Path, Path]:
    base = folder() / f"{prefix}-{name}"
    return base.with_suffix(".sock"), base.with_suffix(".lock"), base.with_suffix(".log")


def _learned_path(sock: Path) -> Path:
    return sock.with_suffix(".modules")


# --- the client ----------------------------------------------------------------------------------------------

def _connect(path: Path) -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(path))
        return sock
    except OSError:
        sock.close()
        return None


def _start(path: Path, log: Path, echo, server: str) -> bool:
    """Start ``server`` (a module) at ``path`` and wait until it listens (it says so on a pipe); False if it
    could not."""
    read_fd, write_fd = os.pipe()
    idle = os.environ.get("COURSEKIT_WARM_IDLE", str(IDLE_SECONDS))
    import subprocess

    with open(log, "ab") as out:
        subprocess.Popen([sys.executable, "-m", server, "--serve", str(path), "--idle", idle,
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


def connect(echo=lambda _: None, server: str = "coursekit.build.warm_server", prefix: str = "warm"
            ) -> socket.socket | None:
    """A connection to this interpreter's ``server`` (the warm runner, or another kept the same way: the still
    server's browser), started if none is running; None when there can be none."""
    if not enabled():
        return None
    try:
        sock_path, lock_path, log = _paths(key(), prefix)
        with open(lock_path, "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one client starts the server; the others wait and connect
            sock = _connect(sock_path)
            if sock is None and _start(sock_path, log, echo, server):
                sock = _connect(sock_path)
        return sock
    except OSError:
        return None


def _command_name(argv: list[str]) -> str | None:
    """The command in ``coursekit ARGV`` (after the group's options), or None."""
    args = iter(argv)
    for arg in args:
        if arg == "--root":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
        elif arg in ("--help", "--version"):
            return None
    return None


RUNNING: set[int] = set()  # the children running a command for this process now (kill_running)


def command(argv: list[str], entry: str, *, only: set[str] | None = COMMANDS, fds: tuple[int, int, int] = (0, 1, 2),
            cwd: str | os.PathLike | None = None, timeout: float | None = None) -> int | None:
    """Run `coursekit ARGV` in a child of the warm server, which calls ``entry`` ("module:function", the CLI's own
    entry) with this process's environment and umask, ``fds`` as its stdin, stdout and stderr and ``cwd`` (this
    process's by default) as its folder; its exit status, or None when the server cannot take it (then it runs
    here). ``only``: the commands it may take (None: any ARGV, for an ``entry`` of coursekit's own other than the
    CLI). Past ``timeout`` seconds the child is killed and TimeoutError raised. From the main thread, SIGINT,
    SIGTERM and SIGHUP are passed on to the child while it runs."""
    if not enabled() or (only is not None and (_IN_SERVER or _command_name(argv) not in only)):
        return None
    sock = connect()
    if sock is None:
        return None
    umask = os.umask(0)
    os.umask(umask)
    passed, opened = [], []
    for fd in fds:
        try:
            os.fstat(fd)
            passed.append(fd)
        except OSError:  # closed by whoever started us: the child gets /dev/null there, as a pipe's end would
            opened.append(os.open(os.devnull, os.O_RDWR))
            passed.append(opened[-1])
    request = json.dumps({"command": argv, "entry": entry, "cwd": os.fspath(cwd or os.getcwd()),
                          "env": dict(os.environ), "umask": umask}).encode()
    pid = None
    forwarded = {}

    def forward(signum, _frame):
        if pid:
            os.kill(pid, signum)

    try:
        with sock, sock.makefile("rb") as answers:
            sent = socket.send_fds(sock, [request + b"\n"], passed)
            sock.sendall((request + b"\n")[sent:])
            for fd in opened:
                os.close(fd)
            first = answers.readline()
            if not first:
                return None  # refused (its tree changed) or gone: the command runs here
            pid = json.loads(first)["pid"]
            RUNNING.add(pid)
            for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                try:
                    forwarded[signum] = signal.signal(signum, forward)
                except ValueError:  # not the main thread: whoever runs this thread passes signals on (kill_running)
                    break
            sock.settimeout(timeout)
            last = answers.readline()
    except TimeoutError:
        os.kill(pid, signal.SIGKILL)
        raise
    except (OSError, ValueError, KeyError):
        if pid is None:
            return None
        last = b""
    except KeyboardInterrupt:  # before the child was there to take it
        return 130
    finally:
        RUNNING.discard(pid)
        for signum, handler in forwarded.items():
            signal.signal(signum, handler)
    if not last:
        print(f"coursekit: the warm runner's process {pid} for this command ended without an exit status "
              f"(killed?); run it again, or with COURSEKIT_WARM_SERVER=0", file=sys.stderr)
        return 1
    return int(json.loads(last)["exit"])


def kill_running(signum: int = signal.SIGTERM) -> None:
    """Pass ``signum`` to every child running a command for this process (an interrupted caller's workers)."""
    for pid in list(RUNNING):
        try:
            os.kill(pid, signum)
        except ProcessLookupError:
            pass


# --- what every such server does ------------------------------------------------------------------------------

def listen(path: Path, ready_fd: int | None):
    """A server's socket at ``path``, listening, and the client that started it told so: (listener, the socket
    file's inode, a selector that has the listener)."""
    import selectors

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
    return listener, inode, selector


def _same_socket(path: Path, inode: int) -> bool:
    """Whether ``path`` is still this server's socket (not removed, not taken over by another server)."""
    try:
        return path.stat().st_ino == inode
    except OSError:
        return False


def stop_all() -> int:
    """Ask every server in this user's folder to exit; how many were asked."""
    asked = 0
    for path in folder().glob("*.sock"):
        sock = _connect(path)
        if sock is None:
            path.unlink(missing_ok=True)  # a server that died without cleaning up
            continue
        with sock:
            sock.sendall(b'{"stop": true}\n')
            sock.recv(1)  # it closes the connection as it exits
        asked += 1
    return asked
