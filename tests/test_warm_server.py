"""The warm runner kept between builds: demos run under one server per interpreter, with the client's
environment; a server that is gone, stale or disabled never fails a run, the demos then run in the client."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from coursekit.build import warm_server
from coursekit.build.warm import Job


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*jobs: Job, modules=("torch",), said=None) -> list[dict]:
    results = dict(warm_server.run(list(jobs), list(modules), echo=(said.append if said is not None else print)))
    return [results[i] for i in range(len(jobs))]


SESSION = "# %% where\nimport os, sys\nprint(os.getsid(0), 'torch' in sys.modules, os.environ.get('COURSE_TEST'))\n"


def test_demos_run_under_one_server_with_the_clients_environment(warm_servers, tmp_path, monkeypatch):
    demo = write(tmp_path, "where.py", SESSION)
    monkeypatch.setenv("COURSE_TEST", "first")
    (first,) = run(Job(demo))
    monkeypatch.setenv("COURSE_TEST", "second")  # not an import's variable: the same server, the new value
    (second,) = run(Job(demo))
    assert first["ok"] and second["ok"], (first, second)
    sid_1, warm_1, value_1 = first["output"].split()
    sid_2, warm_2, value_2 = second["output"].split()
    assert sid_1 == sid_2 != str(os.getsid(0))  # both ran in the server's session, not in this process's
    assert warm_1 == warm_2 == "True"  # torch was imported before the demo ran
    assert (value_1, value_2) == ("first", "second")
    assert len(list(warm_servers.glob("warm-*.sock"))) == 1


def test_an_import_variable_gets_another_server(warm_servers, tmp_path, monkeypatch):
    demo = write(tmp_path, "where.py", SESSION)
    (first,) = run(Job(demo))
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    (second,) = run(Job(demo))
    assert first["output"].split()[0] != second["output"].split()[0]
    assert len(list(warm_servers.glob("warm-*.sock"))) == 2
    assert warm_server.stop_all() == 2
    assert not list(warm_servers.glob("warm-*.sock"))  # each removed its socket before it let go of the client


def test_a_stale_socket_is_replaced_by_a_new_server(warm_servers, tmp_path):
    stale = warm_servers / f"warm-{warm_server.key()}.sock"
    stale.write_text("")  # what a server killed with -9 leaves behind: a path nobody listens on
    (result,) = run(Job(write(tmp_path, "where.py", SESSION)))
    assert result["ok"] and result["output"].split()[0] != str(os.getsid(0))
    assert stale.is_socket()


def test_a_session_that_dies_leaves_its_demos_to_the_client(warm_servers, tmp_path):
    # Under the server, the demo kills the session that runs it; run again here (the fallback), it does not.
    killer = write(tmp_path, "killer.py", "# %% kill\nimport os, signal\n"
                   "if os.getsid(0) != int(os.environ['CLIENT_SID']):\n    os.kill(os.getppid(), signal.SIGKILL)\n"
                   "print('ran in', 'the client' if os.getsid(0) == int(os.environ['CLIENT_SID']) else 'the server')\n")
    other = write(tmp_path, "other.py", "# %% fine\nprint('fine')\n")
    os.environ["CLIENT_SID"] = str(os.getsid(0))
    try:
        said: list[str] = []
        killed, fine = run(Job(killer), Job(other), said=said)
    finally:
        del os.environ["CLIENT_SID"]
    assert killed["ok"] and killed["output"] == "ran in the client\n"
    assert fine["ok"] and fine["output"] == "fine\n"
    assert said == ["warm runner: the server stopped after 0 of 2 demo(s); running the rest here"]


def test_disabled_there_is_no_server(warm_servers, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_WARM_SERVER", "0")
    (result,) = run(Job(write(tmp_path, "where.py", SESSION)))
    assert result["ok"] and result["output"].split()[0] == str(os.getsid(0))  # ran in a pool in this process
    assert not warm_servers.exists() or not list(warm_servers.glob("warm-*.sock"))


def test_an_idle_server_exits_and_removes_its_socket(warm_servers, tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_WARM_IDLE", "0.5")
    (result,) = run(Job(write(tmp_path, "where.py", SESSION)))
    assert result["ok"]
    socket_path = warm_servers / f"warm-{warm_server.key()}.sock"
    deadline = time.monotonic() + 120  # an upper bound for a busy machine; the test ends as soon as it is gone
    while socket_path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not socket_path.exists()


def test_failures_keep_their_cell_and_line(warm_servers, tmp_path):
    demo = write(tmp_path, "d.py", "# %% fine\nx = 1\n\n# %% wrong\nassert x == 2, 'x is not 2'\n")
    (result,) = run(Job(demo))
    assert not result["ok"] and result["title"] == "wrong" and result["line"] == 5
    assert result["error"] == "AssertionError: x is not 2"


def test_the_run_leaves_its_parse_for_the_builds_other_steps(warm_servers, tmp_path, monkeypatch):
    from coursekit.course import cells, fsio, parsed

    demo = write(tmp_path, "where.py", SESSION)
    (result,) = run_with_root(tmp_path, Job(demo, shown="demos/01_x/where.py"))
    assert result["ok"]
    entry = f"cells-{fsio.sha256('cells:demos/01_x/where.py')[:16]}-"
    assert list((tmp_path / "build" / "cache" / "parsed").glob(entry + "*.pickle"))
    # Another process of the build (here: this one, as the deck would) reads it without parsing.
    monkeypatch.setattr(parsed, "directory", tmp_path / "build" / "cache" / "parsed")
    monkeypatch.setattr(cells, "parse_text", lambda *a: pytest.fail("parsed again"))
    cells._parse_cached.cache_clear()
    assert [c.title for c in cells.parse(demo, "demos/01_x/where.py") if c.kind == "code"] == ["where"]
    cells._parse_cached.cache_clear()


def run_with_root(root: Path, *jobs: Job) -> list[dict]:
    results = dict(warm_server.run(list(jobs), ["torch"], root=root, echo=print))
    return [results[i] for i in range(len(jobs))]


# --- the build's commands, run by the server ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def coursekit(cwd: Path, *args: str, env: dict | None = None, **kw) -> subprocess.CompletedProcess:
    """`python -m coursekit ARGS` as make runs it, from ``cwd`` (whose coursekit/ is the one imported)."""
    return subprocess.run([sys.executable, "-m", "coursekit", *args], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600, **kw)


def tree(tmp_path: Path, name: str) -> Path:
    """A folder with a copy of coursekit's code: `python -m coursekit` there imports that copy."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "coursekit", folder / "coursekit", ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def learned(warm_servers: Path) -> set[str]:
    return {name for path in warm_servers.glob("warm-*.modules") for name in path.read_text().split()}


def test_a_command_runs_in_the_server_with_the_clients_folder_environment_streams_and_status(warm_servers, tmp_path):
    steps = tmp_path / "steps.log"
    done = coursekit(ROOT, "trace", "01", env={"COURSEKIT_STEP_LOG": str(steps)})  # an environment of its own
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("01_why_pytorch\n  scripts/01_why_pytorch.md:")  # the client's own stdout
    assert steps.read_text().split("\t")[1] == "trace 01\n"
    assert len(list(warm_servers.glob("warm-*.sock"))) == 1
    assert "coursekit.course.trace" in learned(warm_servers)  # imported by the child, so now by the server too
    checked = coursekit(ROOT, "check", "01")
    assert checked.returncode == 0 and "check: 0 error(s), 0 warning(s)" in checked.stderr  # and its stderr
    # the client's folder: no course above it, and the usage error (exit status 2) on the client's stderr
    elsewhere = coursekit(tmp_path, "check")
    assert elsewhere.returncode == 2 and f"no scripts/ folder at or above {tmp_path}" in elsewhere.stderr
    assert len(list(warm_servers.glob("warm-*.sock"))) == 1  # all three in the one server


def test_a_server_whose_tree_changed_refuses_and_the_command_runs_here(warm_servers, tmp_path):
    first, second = tree(tmp_path, "first"), tree(tmp_path, "second")  # the same code: the same server
    assert coursekit(first, "--root", str(ROOT), "check", "01").returncode == 0
    assert served_from(first)
    template = next((first / "coursekit").rglob("*.j2"))
    template.write_text(template.read_text() + "{# edited #}\n")  # the server's own tree changes under it
    done = coursekit(second, "--root", str(ROOT), "check", "01")
    assert done.returncode == 0 and "check: 0 error(s), 0 warning(s)" in done.stderr, done.stderr
    # The first tree's server refused it, or had gone already: no process serves from the edited tree.
    deadline = time.monotonic() + 120
    while served_from(first) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not served_from(first)


def served_from(folder: Path) -> list[int]:
    """The warm servers started from ``folder``'s coursekit (a server runs in the tree it imports)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and Path(os.readlink(proc / "cwd")) == folder and \
                    b"warm_server" in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_disabled_a_command_runs_here(warm_servers, tmp_path):
    done = coursekit(ROOT, "check", "01", env={"COURSEKIT_WARM_SERVER": "0"})
    assert done.returncode == 0 and "check: 0 error(s)" in done.stderr
    assert not list(warm_servers.glob("warm-*.sock"))


def test_a_signal_to_the_client_reaches_the_command(warm_servers, tmp_path):
    fifo = tmp_path / "steps.fifo"
    os.mkfifo(fifo)  # the command blocks at its end, opening the step log, until the test has signalled it
    client = subprocess.Popen([sys.executable, "-m", "coursekit", "check", "01"], cwd=ROOT, text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "COURSEKIT_STEP_LOG": str(fifo)})
    assert "check: 0 error(s)" in client.stderr.readline()  # the command has run up to the step log
    # A signal that lands while click is still unwinding is taken there; the one that lands in the blocked open
    # ends the command. Unforwarded, none would: the client would wait on the blocked child for ever.
    for _ in range(600):
        client.send_signal(signal.SIGTERM)
        try:
            client.wait(timeout=0.2)
            break
        except subprocess.TimeoutExpired:
            continue
    client.communicate()
    assert client.returncode == 130  # the child took the forwarded signal as Ctrl-C (unhandled here: -15)


def test_a_command_past_its_timeout_is_killed_and_a_caller_can_stop_its_commands(warm_servers, tmp_path):
    from coursekit.build import warm_client

    read_end, write_end = os.pipe()  # stdin that never ends: `input` waits on it for ever
    try:
        fds = (read_end, 1, 2)
        with pytest.raises(TimeoutError):
            warm_client.command([], "builtins:input", only=None, fds=fds, timeout=1)
        assert not warm_client.RUNNING
        codes = []
        worker = threading.Thread(target=lambda: codes.append(
            warm_client.command([], "builtins:input", only=None, fds=fds, cwd=tmp_path)))
        worker.start()
        deadline = time.monotonic() + 120
        while not warm_client.RUNNING and time.monotonic() < deadline:  # the child has started
            time.sleep(0.01)
        warm_client.kill_running()  # what render does when Ctrl-C reaches it
        worker.join(timeout=120)
        assert codes == [1] and not warm_client.RUNNING  # ended by the signal: no exit status of its own
    finally:
        os.close(read_end)
        os.close(write_end)


def test_a_damaged_list_of_learned_modules_is_skipped(warm_servers):
    assert coursekit(ROOT, "check", "01").returncode == 0
    (learned_list,) = warm_servers.glob("warm-*.modules")  # what the next server of this key imports first
    warm_server.stop_all()
    learned_list.write_bytes(b"no_such_module_at_all\n\x00\xff not a module name\ncoursekit.course.check\n")
    done = coursekit(ROOT, "check", "01")
    assert done.returncode == 0 and "check: 0 error(s), 0 warning(s)" in done.stderr, done.stderr
    assert "warm runner" not in done.stderr  # the server started, and took the command
    assert len(list(warm_servers.glob("warm-*.sock"))) == 1
