#!/usr/bin/env python3
"""Runs one command under GNU time (`/usr/bin/time -v`) with a time and memory limit, for the
`analyse` rows of scripts/bench.sh.

Samples the resident memory of the command and its children (Graphviz) twice a second, and
stops the command (SIGKILL to everything under GNU time, which still reports) when the time
limit passes or the sampled memory goes over the limit, so a run that would take hours or
exhaust the machine ends with what it had reached. Prints one line:

    STATUS WALL_SECONDS MAX_RSS_MIB SAMPLED_PEAK_MIB OVER_2GIB_AT USER_SECONDS SYS_SECONDS

STATUS is `ok`, `failed` (non-zero exit), `timeout` or `memory`; MAX_RSS_MIB is GNU time's
"Maximum resident set size" (the largest single process); SAMPLED_PEAK_MIB the largest sum
over the process tree seen by sampling; OVER_2GIB_AT the second at which that sum first went
over 2 GiB, or `-`.

    scripts/limited_run.py --timeout 1500 --limit-mib 8192 --log FILE [--trace FILE] -- COMMAND...
"""

import argparse
import os
import signal
import subprocess
import sys
import time


def tree_rss_kib(root):
    """Resident KiB of `root` and every descendant, from /proc."""
    children = {}
    rss = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            ppid = int(fields[1])
            with open(f"/proc/{entry}/status") as status:
                kib = next(
                    (int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0
                )
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
        rss[int(entry)] = kib
    total, stack, below = 0, [root], []
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        for child in children.get(pid, []):
            stack.append(child)
            below.append(child)
    return total, below


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--timeout", type=float, default=1500)
    parser.add_argument("--limit-mib", type=float, default=8192)
    parser.add_argument("--log", default="/dev/null", help="GNU time's report")
    parser.add_argument("--trace", help="write 'SECONDS MIB' of every sample to this file")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    started = time.monotonic()
    process = subprocess.Popen(["/usr/bin/time", "-v", "-o", args.log, *command])
    status, peak, over = "ok", 0, None
    trace = open(args.trace, "w") if args.trace else None
    while process.poll() is None:
        kib, below = tree_rss_kib(process.pid)
        elapsed = time.monotonic() - started
        if trace:
            trace.write(f"{elapsed:.1f} {kib / 1024:.0f}\n")
            trace.flush()
        peak = max(peak, kib)
        if over is None and kib > 2 << 20:
            over = elapsed
        reason = None
        if elapsed > args.timeout:
            reason = "timeout"
        elif kib > args.limit_mib * 1024:
            reason = "memory"
        if reason:
            status = reason
            for pid in below:  # everything under GNU time, which then reports
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            process.wait()
            break
        time.sleep(0.5)
    wall = time.monotonic() - started
    if status == "ok" and process.returncode != 0:
        status = "failed"
    report = {}
    try:
        with open(args.log) as log:
            for line in log:
                key, _, value = line.strip().rpartition(": ")
                report[key] = value
    except OSError:
        pass
    max_rss = int(report.get("Maximum resident set size (kbytes)", "0")) / 1024
    user = report.get("User time (seconds)", "-")
    system = report.get("System time (seconds)", "-")
    over_text = f"{over:.0f}" if over is not None else "-"
    print(f"{status} {wall:.1f} {max_rss:.0f} {peak / 1024:.0f} {over_text} {user} {system}")
    sys.exit(0)


if __name__ == "__main__":
    main()
