"""Waiting for a started `flashpoint serve` to answer: the benchmarks and tests that start one share it."""

from __future__ import annotations

import subprocess
import time

import httpx


def wait_until_serving(
    base: str, process: subprocess.Popen[str] | subprocess.Popen[bytes], *, seconds: float = 60.0
) -> bool:
    """True once `GET {base}/facets` answers 200; False when the server process has exited or
    `seconds` have passed without an answer."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/facets", timeout=2).status_code == 200:
                return True
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.2)
