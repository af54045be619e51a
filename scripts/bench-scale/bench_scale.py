#!/usr/bin/env python3
"""`make bench-scale`: Docket on a synthetic data room, against an endpoint that answers at once.

For each size and store it runs `docket run` (SQLite) or `docket run --enqueue-only` and two `docket worker`s
(PostgreSQL), then serves the store with `docket web` and times its pages. It prints, per binary, size and store:
wall time, units per second (the endpoint's answers over the time between its first and last request), peak RSS
(the largest of the docket processes, from wait4), the store's size against the page text it holds, the time
after the last answer (reports and the run's end), and each workspace page's median and p95 latency and size.
`--baseline` runs another build (today's code, say) on the same files in the same invocation and prints ratios.
A benchmark, not a test: it prints figures and asserts nothing but that the runs succeed.
"""

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PASSWORD = "bench-scale-password-1"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measured(commands, env, log):
    """Runs the commands at once; returns (wall seconds, peak RSS in MB over them). Fails on a non-zero exit."""
    started = time.time()
    processes = [subprocess.Popen(c, env=env, stdout=log, stderr=log, stdin=subprocess.DEVNULL) for c in commands]
    peak = 0
    for process in processes:
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss / 1024)
        if process.returncode != 0:
            raise SystemExit(f"bench-scale: {' '.join(process.args[:3])} exited {process.returncode}; see {log.name}")
    return time.time() - started, peak


def endpoint_stats(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/stats", timeout=10) as response:
        return json.load(response)


def pipeline_file(folder, corpus, port, jobs):
    prompts = os.path.join(ROOT, "Pipelines")
    text = f"""name: bench-scale
inputs:
  - folder: {corpus}
output: {folder}/output
chunking: {{ strategy: clauses, max_tokens: 1500, overlap_tokens: 100 }}
classification:
  levels: [public, internal, confidential, restricted]
  default: internal
  rules:
    - name: identifiers
      if: {{ detectors: [iban, payment_card, de_tax_id, fr_nir, nl_bsn, uk_nino, us_ssn] }}
      level: restricted
    - name: personal-data
      if: {{ detectors: [email, phone, person, postal_address, date_of_birth, ip_address] }}
      level: confidential
endpoints:
  instant:
    url: http://127.0.0.1:{port}/v1
    model: instant
    sovereignty: self-hosted
    clearance: restricted
    context_tokens: 32768
    max_concurrency: {jobs}
routing:
  - name: default
    use: [instant]
tasks:
  - name: clause-quote
    prompt: {prompts}/prompts/clause-quote.md
    schema: {prompts}/schemas/clause-quote.json
    scope: chunk
    max_output_tokens: 200
    temperature: 0
"""
    path = os.path.join(folder, "bench-scale.yaml")
    with open(path, "w") as out:
        out.write(text)
    return path


class Store:
    """The store of one measured run: a SQLite file, or a database in the bench's PostgreSQL cluster."""

    def __init__(self, folder, postgres):
        self.postgres = postgres
        if postgres:
            name = "bench_" + os.path.basename(folder).replace("-", "_").lower()
            subprocess.run(["runuser", "-u", "postgres", "--", postgres["bin"] + "/createdb", "-h", "127.0.0.1",
                            "-p", postgres["port"], "-U", "docket", "--", name], check=True)
            self.location = f"postgresql://docket@127.0.0.1:{postgres['port']}/{name}"
        else:
            self.location = os.path.join(folder, "docket.sqlite")

    def query(self, sql):
        if self.postgres:
            out = subprocess.run([self.postgres["bin"] + "/psql", "-At", "-d", self.location, "-c", sql],
                                 check=True, capture_output=True, text=True).stdout
            return [line.split("|") for line in out.splitlines() if line]
        with sqlite3.connect(self.location) as db:
            return [[str(v) for v in row] for row in db.execute(sql)]

    def bytes(self):
        if self.postgres:
            return int(self.query("SELECT pg_database_size(current_database())")[0][0])
        # What the store keeps, not how much of it waits in the write-ahead log (which varied by 5 MB at 1,000).
        self.query("PRAGMA wal_checkpoint(TRUNCATE)")
        return sum(os.path.getsize(self.location + s) for s in ("", "-wal") if os.path.exists(self.location + s))


class Workspace:
    """`docket web` over the store, signed in as an admin who is also reviewer and auditor."""

    def __init__(self, docket, store, env, log):
        subprocess.run([docket, "users", "add", "bench", "--role", "admin", "--role", "reviewer", "--role",
                        "auditor", "--store", store.location], input=PASSWORD + "\n", text=True, env=env,
                       check=True, stdout=log, stderr=log)
        self.port = free_port()
        self.process = subprocess.Popen(
            [docket, "web", "--bind", f"127.0.0.1:{self.port}", "--store", store.location], env=env,
            stdout=log, stderr=log)
        self.base = f"http://127.0.0.1:{self.port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(self.base + "/health", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        login = self.opener.open(self.base + "/login", timeout=30).read().decode()
        csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
        form = urllib.parse.urlencode({"name": "bench", "password": PASSWORD, "csrf": csrf}).encode()
        self.opener.open(self.base + "/login", data=form, timeout=30).read()

    def time(self, path, repeats):
        """Median and p95 in ms, and the body's size in KB, of `repeats` fetches (after one to warm up)."""
        timings, size, first = [], 0, 0.0
        for index in range(repeats + 1):
            started = time.perf_counter()
            with self.opener.open(self.base + path, timeout=600) as response:
                size = len(response.read())
            elapsed = (time.perf_counter() - started) * 1000
            if index > 0:
                timings.append(elapsed)
            else:
                first = elapsed
            if elapsed > 5000:  # a slow page: enough to show it
                repeats = min(repeats, 2)
                if index >= repeats:
                    break
        timings.sort()
        p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
        return {"first_ms": round(first, 1), "median_ms": round(statistics.median(timings), 1), "p95_ms": round(p95, 1),
                "kb": round(size / 1024, 1)}

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def pages_to_time(store, run):
    """The workspace's pages over this run: lists, one document, a page view (a text page, and an OCRed scan twice:
    the second view reads the kept word boxes), a decision."""
    middle = store.query(
        "SELECT sha256, path FROM run_documents WHERE run_id = '%s' AND sha256 IS NOT NULL ORDER BY path" % run)
    document = middle[len(middle) // 2][0]
    scans = [sha for sha, path in middle if path.endswith(".png")]
    decision = store.query(
        "SELECT id FROM audit_records WHERE document_sha256 = '%s' ORDER BY sequence LIMIT 1" % document)[0][0]
    pages = {
        "runs list": "/",
        "run page": f"/runs/{run}",
        "document page": f"/runs/{run}/documents/{document}",
        "page view": f"/runs/{run}/documents/{document}/pages/1",
        "decision": f"/decisions/{decision}",
        "review queue": "/review",
        "audit": "/audit",
        "search, a common word": "/search?q=agreement",
        "search, a phrase and a prefix": "/search?q=%22governing+law%22+germ*",
        "clause grid": f"/runs/{run}/grid",
        "clause grid, filtered and sorted":
            f"/runs/{run}/grid?col=Governing+Law&col=Change+Of+Control&a.Governing+Law=german&sort=Governing+Law&page=3",
    }
    if scans:
        pages["page view, OCRed"] = f"/runs/{run}/documents/{scans[0]}/pages/1"
    return pages


def measure(docket, corpus, size, postgres, workers, jobs, keep, label, repeats):
    folder = tempfile.mkdtemp(prefix=f"docket-bench-scale-{label}-{size}-")
    os.chmod(folder, 0o700)
    log = open(os.path.join(folder, "log.txt"), "w")
    endpoint_port = free_port()
    endpoint = subprocess.Popen([sys.executable, os.path.join(HERE, "instant_endpoint.py"), str(endpoint_port)],
                                stdout=subprocess.PIPE, text=True)
    endpoint.stdout.readline()
    try:
        pipeline = pipeline_file(folder, corpus, endpoint_port, jobs)
        store = Store(folder, postgres)
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        run = "bench-" + label
        if postgres:
            subprocess.run([docket, "run", pipeline, "--store", store.location, "--run-id", run, "--enqueue-only"],
                           env=env, check=True, stdout=log, stderr=log)
            wall, peak = measured(
                [[docket, "worker", "--store", store.location, "--jobs", str(jobs), "--exit-when-idle"]] * workers,
                env, log)
        else:
            wall, peak = measured(
                [[docket, "run", pipeline, "--store", store.location, "--run-id", run, "--jobs", str(jobs)]], env, log)
        ended = time.time()
        stats = endpoint_stats(endpoint_port)
        units = int(store.query("SELECT count(*) FROM results")[0][0])
        text = int(store.query("SELECT coalesce(sum(length(text)), 0) FROM pages")[0][0])
        inference = wall - (ended - stats["last"])
        figures = {
            "binary": label, "documents": size, "store": "postgresql" if postgres else "sqlite",
            "workers": workers if postgres else 1, "wall_s": round(wall, 1), "units": units,
            "units_per_s": round(stats["requests"] / max(inference, 1e-9), 1),
            "peak_rss_mb": round(peak, 1), "store_mb": round(store.bytes() / 1e6, 1),
            "page_text_mb": round(text / 1e6, 2), "store_per_text": round(store.bytes() / max(text, 1), 1),
            "after_last_unit_s": round(ended - stats["last"], 1), "requests": stats["requests"],
        }
        workspace = Workspace(docket, store, env, log)
        try:
            figures["pages"] = {}
            for name, path in pages_to_time(store, run).items():
                try:
                    figures["pages"][name] = workspace.time(path, repeats)
                except urllib.error.HTTPError as error:  # a page an older build (--baseline) does not have
                    if error.code != 404:
                        raise
        finally:
            workspace.stop()
        return figures
    finally:
        endpoint.terminate()
        log.close()
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept {folder}", file=sys.stderr)


def corpus_for(size, cache, python):
    folder = os.path.join(cache, f"corpus-{size}")
    if not os.path.exists(os.path.join(folder, ".complete")):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([python, os.path.join(HERE, "generate.py"), folder, str(size)], check=True)
        open(os.path.join(folder, ".complete"), "w").close()
    return folder


def table(results):
    lines = ["| binary | documents | store | wall s | units/s | peak RSS MB | store MB | store ÷ text | after last unit s |",
             "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['binary']} | {r['documents']:,} | {r['store']}{' ×' + str(r['workers']) if r['workers'] > 1 else ''} "
                     f"| {r['wall_s']} | {r['units_per_s']} | {r['peak_rss_mb']} | {r['store_mb']} | "
                     f"{r['store_per_text']} | {r['after_last_unit_s']} |")
    lines += ["", "| binary | documents | store | page | first ms | median ms | p95 ms | KB |",
              "|---|---:|---|---|---:|---:|---:|---:|"]
    for r in results:
        for name, page in r["pages"].items():
            lines.append(f"| {r['binary']} | {r['documents']:,} | {r['store']} | {name} | {page['first_ms']} | {page['median_ms']} | "
                         f"{page['p95_ms']} | {page['kb']} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docket", default=os.path.join(ROOT, ".build/release/docket"))
    parser.add_argument("--baseline", help="another docket binary to run on the same data, for ratios")
    parser.add_argument("--sizes", default="1000,10000", help="SQLite sizes, comma-separated")
    parser.add_argument("--postgres-sizes", default="1000", help="PostgreSQL sizes (two workers); '' for none")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=16)
    parser.add_argument("--python", default=sys.executable, help="a Python with Pillow, for the scans")
    parser.add_argument("--cache", default=os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")),
                                                         "docket", "bench-scale"))
    parser.add_argument("--repeats", type=int, default=10, help="fetches of each workspace page")
    parser.add_argument("--keep", action="store_true", help="keep each run's folder (stores are large)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    binaries = [("new", args.docket)] + ([("baseline", args.baseline)] if args.baseline else [])
    plan = [(int(s), False) for s in args.sizes.split(",") if s] + \
           [(int(s), True) for s in args.postgres_sizes.split(",") if s]
    postgres = None
    if any(p for _, p in plan):
        folder = subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "start"], check=True,
                                capture_output=True, text=True).stdout.strip()
        url = open(os.path.join(folder, "url")).read().strip()
        postgres = {"folder": folder, "port": url.rsplit(":", 1)[1].split("/")[0],
                    "bin": sorted(d for d in (f"/usr/lib/postgresql/{v}/bin" for v in os.listdir("/usr/lib/postgresql")))[-1]}
    results = []
    try:
        for size, on_postgres in plan:
            corpus = corpus_for(size, args.cache, args.python)
            for label, binary in binaries:
                print(f"bench-scale: {label}, {size} documents, {'PostgreSQL' if on_postgres else 'SQLite'}",
                      file=sys.stderr, flush=True)
                results.append(measure(binary, corpus, size, postgres if on_postgres else None, args.workers,
                                       args.jobs, args.keep, label, args.repeats))
                print(json.dumps(results[-1]), file=sys.stderr, flush=True)
    finally:
        if postgres:
            subprocess.run([os.path.join(ROOT, "scripts/test-postgres.sh"), "stop", postgres["folder"]])
    print(f"bench-scale, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    print(table(results))
    if args.baseline:
        print("\nratios, baseline ÷ new (above 1: the new build is better):")
        for new in (r for r in results if r["binary"] == "new"):
            old = next((r for r in results if r["binary"] == "baseline" and r["documents"] == new["documents"]
                        and r["store"] == new["store"]), None)
            if not old:
                continue
            print(f"- {new['documents']:,} on {new['store']}: wall {old['wall_s'] / new['wall_s']:.2f}, "
                  f"peak RSS {old['peak_rss_mb'] / new['peak_rss_mb']:.2f}, store {old['store_mb'] / new['store_mb']:.2f}, "
                  f"after last unit {old['after_last_unit_s'] / max(new['after_last_unit_s'], 0.1):.2f}, "
                  f"units/s {new['units_per_s'] / max(old['units_per_s'], 0.1):.2f} (new ÷ baseline)")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2)


if __name__ == "__main__":
    main()
