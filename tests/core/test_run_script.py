"""`make run`'s script: it prints the address and the demo logins once, and Ctrl-C (SIGINT to the
terminal's process group) stops the web server and the scheduler and ends with status 0, so make
does not report "Error 143"."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ctrl_c_stops_both_processes_and_ends_without_an_error(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "TRACKER_SECRET_KEY": "x" * 32,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    env.pop("TRACKER_BASE_URL", None)
    proc = subprocess.Popen(
        ["bash", "scripts/run.sh", "127.0.0.1", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []
    try:
        # Wait for the address and the logins (printed once both processes are started), and for
        # the web server to answer; then Ctrl-C.
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not any("daumoi@nhatrang" in line for line in lines):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        else:
            raise AssertionError("the web server did not start: " + "".join(lines))
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in the terminal does
        rest, _ = proc.communicate(timeout=120)
        out = "".join(lines) + rest
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 0, out
    assert out.count(f"http://127.0.0.1:{port}") == 1
    assert out.count("Tài khoản mẫu") == 1
    assert "Đã dừng ứng dụng và bộ lập lịch." in out
    time.sleep(0.5)
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0  # nothing left listening
