"""Shared helpers of the benchmark programs: the machine they run on, peak memory, and writing a section of
benchmarks/RESULTS.md (between ``<!-- NAME:start -->`` and ``<!-- NAME:end -->``, the rest kept)."""

from __future__ import annotations

import os
import platform
import resource
import subprocess
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo, else platform.processor()."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def memory_gib() -> float:
    """Total RAM in GiB."""
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30


def load_average() -> str:
    """The 1, 5 and 15 minute load averages."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def busy_processes(limit: int = 5) -> str:
    """The processes using the most CPU now (``ps``), other than this one, one line each."""
    try:
        out = subprocess.run(["ps", "-eo", "pid,pcpu,etime,comm", "--sort=-pcpu"], capture_output=True, text=True,
                             timeout=10).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        return "(ps not available)"
    rows = [line for line in out[1:] if str(os.getpid()) not in line.split()[:1]]
    return "; ".join(" ".join(line.split()) for line in rows[:limit])


def machine() -> list[str]:
    """Markdown lines describing the machine and software."""
    import spacy

    import eventcoder

    return [
        f"- date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu_model()}, {os.cpu_count()} cores; RAM {memory_gib():.1f} GiB; {platform.system()} "
        f"{platform.release()}",
        f"- Python {platform.python_version()}, spaCy {spacy.__version__}, eventcoder {eventcoder.__version__}",
    ]


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def process_peak_mib(pid: int) -> float | None:
    """Peak resident memory (VmHWM) of process ``pid``, MiB; None when it cannot be read."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def write_section(name: str, lines: list[str], path: Path = RESULTS) -> None:
    """Replace the section ``name`` of RESULTS.md with ``lines`` (appended when the file lacks it)."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    block = "\n".join([start, *lines, end])
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    if start in text and end in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")
