#!/usr/bin/env python3
"""Runs a command and prints its peak resident set size in KiB and its exit code, from wait4 (for the data-room
memory test: Foundation's Process does not say how much memory its child used)."""
import os
import subprocess
import sys

process = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(process.pid, 0)
print(usage.ru_maxrss, os.waitstatus_to_exitcode(status))
