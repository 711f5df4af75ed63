"""``ktxh serve`` runs the production server: several Gunicorn workers, static files from the app, /healthz."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

from tests.server.conftest import free_port, ktxh_env


def _get(url: str, timeout: float = 5):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.status, dict(response.headers), response.read()


def test_serve_answers_health_and_static_files_then_stops(tmp_path):
    port = free_port()
    env = ktxh_env(tmp_path, KTXH_WORKERS="2")
    server = subprocess.Popen(
        [sys.executable, "-m", "ktxh", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, headers, body = _get(f"{base}/healthz")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                time.sleep(0.3)
        assert status == 200 and json.loads(body) == {"status": "ok", "database": "ok"}
        assert headers["Server"].startswith("gunicorn")
        assert headers["X-Content-Type-Options"] == "nosniff"
        status, headers, body = _get(f"{base}/static/web/ktxh.css")
        assert status == 200 and headers["Content-Type"].startswith("text/css") and body
        status, headers, body = _get(f"{base}/dang-nhap/")
        assert status == 200 and "Đăng nhập".encode() in body
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        script = body.decode().split('<script src="', 1)[1].split('"', 1)[0]
        assert script.startswith("/static/")  # htmx from the app's own static files: allowed by the CSP
        status, headers, _body = _get(base + script)
        assert status == 200 and "javascript" in headers["Content-Type"]
        # several workers: the master and at least two children
        children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
        assert len(children) >= 2
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)
    assert server.returncode == 0
