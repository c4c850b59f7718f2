"""Schemathesis (its CLI, as a real process) over the OpenAPI schema against a real server:
no generated request makes the server answer 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.slow
@pytest.mark.parametrize("writable", [False, True], ids=["read-only", "writes-enabled"])
def test_no_server_errors(request, writable, tmp_path):
    base = request.getfixturevalue("writable_server" if writable else "server")
    cli = Path(sys.executable).with_name("schemathesis")
    command = [
        str(cli),
        "run",
        f"{base}/openapi.json",
        "--checks",
        "not_a_server_error",
        "--max-examples",
        "25",
        "--seed",
        "1",
        "--request-timeout",
        "30",
        "--workers",
        "1",
        "--phases",
        "examples,coverage,fuzzing",
    ]
    if writable:  # the fuzzer holds the token: its articles and updates reach the store
        from servers import TOKEN

        command += ["--include-method", "POST", "-H", f"Authorization: Bearer {TOKEN}"]
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
