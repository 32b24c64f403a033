"""The machine a benchmark ran on, printed with its figures."""

from __future__ import annotations

import os
import platform
import resource
import shlex
import sys


def describe() -> str:
    """CPU model, cores, memory and Python version, on one line."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as info:
            kib = int(next(line.split()[1] for line in info if line.startswith("MemTotal")))
        memory = f", {kib / 1024**2:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{model}, {os.cpu_count()} cores{memory}, {platform.system()}, Python {platform.python_version()}"


def command() -> str:
    """The command line that produced the figures, to quote with them."""
    return "python " + " ".join(shlex.quote(arg) for arg in sys.argv)


def peak_rss_mb() -> float:
    """This process's peak resident memory."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load() -> str:
    """The load averages: other work on the machine slows every wall-clock figure."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} cores"
