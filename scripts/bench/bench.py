"""Measures Docket's extraction and OCR against pdftotext, PyMuPDF and the tesseract CLI on the
same files in the same run, and prints throughput, peak memory, quality and ratios.

Timings are the best of --repeat runs (wall clock); peak memory is the largest resident set of
any one process of the command (GNU time's %M, which covers waited-for children). The ratio of
Docket's default mode to `--ocr never` is also the median over --pairs runs of the two back to back:
two runs of the same binary a few percent apart, on a machine whose neighbours move timings by 15%,
are compared run against run, not best against best."""

import argparse
import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "data"))


def measure(command, repeat, env=None, stdout=subprocess.DEVNULL):
    """Best wall time over `repeat` runs and the peak RSS (MiB) seen in any of them."""
    best, peak = float("inf"), 0.0
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing:
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name, "bash", "-c", command],
                           check=True, stdout=stdout, stderr=subprocess.DEVNULL, env=env)
            best = min(best, time.perf_counter() - start)
            timing.seek(0)
            peak = max(peak, int(timing.read().split()[-1]) / 1024)
    return best, peak


def words(text):
    return re.findall(r"\w+", text.lower())


def recall(reference, extracted):
    want, have = Counter(words(reference)), Counter(words(extracted))
    total = sum(want.values())
    return sum(min(c, have[w]) for w, c in want.items()) / total if total else 1.0


def cer(reference, extracted):
    a, b = " ".join(reference.split()), " ".join(extracted.split())
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
        previous = current
    return previous[-1] / max(len(a), 1)


def pages_of(pdf):
    out = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))


def q(path):
    return "'" + path.replace("'", "'\\''") + "'"


def read_texts(folder, inputs):
    """What a reference tool wrote for each input, as <folder>/<input name>.txt."""
    return {p: open(os.path.join(folder, os.path.basename(p) + ".txt"), errors="replace").read() for p in inputs}


def docket_texts(command):
    """Runs a `docket extract --format json` command; its pages joined per file."""
    texts = {}
    for line in subprocess.run(command, shell=True, capture_output=True, text=True).stdout.splitlines():
        doc = json.loads(line)
        texts[doc["path"]] = "\n".join(p["text"] for p in doc["pages"])
    return texts


def row(name, seconds, units, unit, peak, extra=""):
    print(f"  {name:<44} {seconds:7.2f} s  {units / seconds:8.1f} {unit}  peak {peak:7.1f} MiB  {extra}")


def born_digital_pdfs():
    """CUAD's contracts and the outside PDFs that open without a password and carry a text layer
    (the image-only and broken ones are measured as OCR and as errors elsewhere)."""
    cuad = sorted(p for p in glob.glob(os.path.join(SHARED, "cuad", "*")) if p.lower().endswith(".pdf"))
    others = []
    for pdf in sorted(glob.glob(os.path.join(SHARED, "pdfs", "*.pdf"))):
        done = subprocess.run(["pdftotext", pdf, "-"], capture_output=True)
        if done.returncode == 0 and done.stdout.strip():
            others.append(pdf)
    return cuad, others


def bench_extraction(args, tmp):
    cuad, others = born_digital_pdfs()
    if not cuad:
        print("extraction: ../shared/data/cuad not found, skipped")
        return
    bench_extraction_on(args, tmp, cuad, f"{len(cuad)} CUAD contracts")
    bench_extraction_on(args, tmp, cuad + others, f"{len(cuad)} CUAD contracts and {len(others)} outside PDFs with a text layer")


def bench_extraction_on(args, tmp, pdfs, title):
    cuad = [p for p in pdfs if os.path.basename(os.path.dirname(p)) == "cuad"]
    pages = sum(pages_of(p) for p in pdfs)
    files = " ".join(q(p) for p in pdfs)
    print(f"\nText extraction: {title}, {pages} pages (best of {args.repeat}, runs alternating)")

    def quality(texts):
        """Word recall against CUAD's own text of each contract (the outside PDFs have none)."""
        scores = [recall(open(os.path.splitext(pdf)[0] + ".txt", errors="replace").read(), texts.get(pdf, ""))
                  for pdf in cuad if os.path.exists(os.path.splitext(pdf)[0] + ".txt")]
        return sum(scores) / len(scores), min(scores)

    def docket(jobs, ocr):
        return f"{q(args.docket)} extract --format json --ocr {ocr} --jobs {jobs} {files}"

    def writing(key, command_writing_to):
        out = os.path.join(tmp, key)
        os.makedirs(out, exist_ok=True)
        return command_writing_to(out), out

    pdfium, pymupdf = os.path.join(HERE, "pdfium_extract.py"), os.path.join(HERE, "pymupdf_extract.py")
    tools = [
        ("docket", "docket extract, 2 jobs (default: --ocr auto)", docket(2, "auto"), None),
        ("docket-never", "docket extract, 2 jobs, --ocr never", docket(2, "never"), None),
        ("docket-1", "docket extract, 1 job", docket(1, "auto"), None),
        ("pdfium", "pypdfium2 (PDFium), one process",
         *writing("pdfium", lambda out: f"{q(args.peers_python)} {q(pdfium)} {q(out)} {files}")),
        ("pymupdf", "PyMuPDF, one process",
         *writing("pymupdf", lambda out: f"{q(args.peers_python)} {q(pymupdf)} {q(out)} {files}")),
        ("pdftotext", "pdftotext, a process per file",
         *writing("pdftotext", lambda out: f"for f in {files}; do pdftotext \"$f\" {q(out)}/\"$(basename \"$f\")\".txt; done")),
    ]
    best = {key: (float("inf"), 0.0) for key, *_ in tools}
    for _ in range(args.repeat):
        for key, _, command, _ in tools:
            seconds, peak = measure(command, 1)
            best[key] = (min(best[key][0], seconds), max(best[key][1], peak))
    recalls = {}
    for key, label, command, out in tools:
        texts = docket_texts(command) if out is None else read_texts(out, pdfs)
        recalls[key] = quality(texts)
        seconds, peak = best[key]
        row(label, seconds, pages, "pages/s", peak, f"word recall mean {recalls[key][0]:.4f} min {recalls[key][1]:.4f}")

    rate = {key: pages / seconds for key, (seconds, _) in best.items()}
    fastest = max(("pdfium", "pymupdf"), key=lambda key: rate[key])
    met = lambda ok: "met" if ok else "NOT met"
    pairs = []
    for _ in range(max(2, args.pairs)):  # quartiles need two
        auto, never = measure(docket(2, "auto"), 1)[0], measure(docket(2, "never"), 1)[0]
        pairs.append(never / auto)
    default_ratio = statistics.median(pairs)
    print(f"  ratios (throughput): docket / pypdfium2 = {rate['docket'] / rate['pdfium']:.2f}x, "
          f"/ PyMuPDF = {rate['docket'] / rate['pymupdf']:.2f}x, / pdftotext = {rate['docket'] / rate['pdftotext']:.2f}x; "
          f"default / --ocr never = {default_ratio:.2f} (median of {len(pairs)} back-to-back pairs, "
          f"quartiles {statistics.quantiles(pairs, n=4)[0]:.2f} to {statistics.quantiles(pairs, n=4)[2]:.2f}; "
          f"best against best {rate['docket'] / rate['docket-never']:.2f})")
    print(f"  goal: default mode at least as fast as the fastest single-process peer ({fastest}): "
          f"{met(rate['docket'] >= rate[fastest])}; word recall no lower than pdftotext's "
          f"({recalls['docket'][0]:.4f} against {recalls['pdftotext'][0]:.4f}): {met(recalls['docket'][0] >= recalls['pdftotext'][0])}; "
          f"default within 10% of --ocr never: {met(default_ratio >= 0.9)}")


SCAN_LANGUAGES = {"arbeitsvertrag": "deu", "contrat-de-prestation": "fra"}  # the others are English


def bench_ocr(args, tmp):
    """Docket's OCR (languages chosen per document among eng+deu+fra, and all three at once) against
    the tesseract CLI told each scan's one language, and with all three, on the sample scans' pages."""
    scans = sorted(glob.glob(os.path.join(ROOT, "Samples", "documents", "*-scan.pdf")))
    images = os.path.join(tmp, "pages")
    os.makedirs(images, exist_ok=True)
    for scan in scans:
        name = os.path.basename(scan)[:-4]
        # Grey TIFF, not PNG: pdftoppm 22.12 writes `-gray -png` as RGB, and tesseract thresholds each
        # colour channel, which cost the CLI about 45% more time on these pages.
        subprocess.run(["pdftoppm", "-r", str(args.dpi), "-gray", "-tiff", scan, os.path.join(images, name)], check=True)
    pages = sorted(glob.glob(os.path.join(images, "*.tif")))
    files = " ".join(q(p) for p in pages)
    n = len(pages)
    langs = args.languages
    print(f"\nOCR: {n} grey page images of the scanned samples at {args.dpi} DPI (English, German, French; "
          f"best of {args.ocr_repeat}, runs alternating)")
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def quality(page_texts):
        cers, recalls = [], []
        for scan in scans:
            name = os.path.basename(scan)[:-9]
            text = "\n".join(t for p, t in sorted(page_texts.items()) if os.path.basename(p).startswith(name + "-scan-"))
            reference = open(os.path.join(ROOT, "Samples", "reference", name + ".txt")).read()
            cers.append(cer(reference, text))
            recalls.append(recall(reference, text))
        return (sum(recalls) / len(recalls), f"word recall {sum(recalls) / len(recalls):.4f}, "
                f"CER mean {sum(cers) / len(cers):.4f} max {max(cers):.4f}")

    def cli(out, parallel, language_of):
        os.makedirs(out, exist_ok=True)
        # The language is the page file's own (its scan's), passed as a second argument.
        pairs = " ".join(f"{q(p)} {language_of(p)}" for p in pages)
        return (f"printf '%s %s\\0' {pairs} | xargs -0 -P{parallel} -I{{}} sh -c "
                f"'set -- $1; tesseract \"$1\" {q(out)}/\"$(basename \"$1\")\" -l $2 --dpi {args.dpi}' _ {{}}")

    one = lambda page: next((lang for name, lang in SCAN_LANGUAGES.items() if os.path.basename(page).startswith(name)), "eng")
    runs = [
        ("cli-1", "tesseract CLI, its language, one at a time", cli(os.path.join(tmp, "cli-1"), 1, one), "cli-1"),
        ("cli-2", "tesseract CLI, its language, two at a time", cli(os.path.join(tmp, "cli-2"), 2, one), "cli-2"),
        ("cli-all", "tesseract CLI, eng+deu+fra, one at a time",
         cli(os.path.join(tmp, "cli-all"), 1, lambda _: langs), "cli-all"),
        ("docket-1", "docket extract, chosen languages, 1 job",
         f"{q(args.docket)} extract --format json --languages {langs} --jobs 1 {files}", None),
        ("docket-2", "docket extract, chosen languages, 2 jobs",
         f"{q(args.docket)} extract --format json --languages {langs} --jobs 2 {files}", None),
        ("docket-all", "docket extract, --languages-at-once, 1 job",
         f"{q(args.docket)} extract --format json --languages {langs} --languages-at-once --jobs 1 {files}", None),
    ]
    best = {key: (float("inf"), 0.0) for key, *_ in runs}
    for _ in range(args.ocr_repeat):
        for key, _, command, _ in runs:
            seconds, peak = measure(command, 1, env=env)
            best[key] = (min(best[key][0], seconds), max(best[key][1], peak))
    scores = {}
    for key, label, command, out in runs:
        texts = docket_texts(command) if out is None else read_texts(os.path.join(tmp, out), pages)
        scores[key], detail = quality(texts)
        seconds, peak = best[key]
        print(f"  {label:<44} {seconds / n:6.2f} s/page  peak {peak:7.1f} MiB  {detail}")
    ratio = lambda a, b: best[a][0] / best[b][0]
    met = lambda ok: "met" if ok else "NOT met"
    print(f"  ratios (time per page, lower is better for docket): docket / CLI with the page's language = "
          f"{ratio('docket-1', 'cli-1'):.2f} one at a time, {ratio('docket-2', 'cli-2'):.2f} two at a time; "
          f"chosen / all at once = {ratio('docket-1', 'docket-all'):.2f}")
    print(f"  on page images, each a document of one page (the language probe cannot be shared): no slower than the CLI "
          f"with the page's language: {met(ratio('docket-1', 'cli-1') <= 1.0)}, at equal or better word recall "
          f"({scores['docket-1']:.4f} against {scores['cli-1']:.4f}): {met(scores['docket-1'] >= scores['cli-1'])}")
    # Whole scanned documents: docket reads the PDFs (rendering included), the CLI the page images made
    # above (rendering not counted: pdftoppm takes about 13 s a page on these scans).
    scanned_pages = sum(pages_of(s) for s in scans)
    documents = [("docket", f"{q(args.docket)} extract --languages {langs} --jobs 1 " + " ".join(q(s) for s in scans)),
                 ("docket-2", f"{q(args.docket)} extract --languages {langs} --jobs 2 " + " ".join(q(s) for s in scans))]
    timing = {key: float("inf") for key, _ in documents}
    for _ in range(args.ocr_repeat):
        for key, command in documents:
            timing[key] = min(timing[key], measure(command, 1, env=env)[0])
    texts = {}
    for line in subprocess.run(documents[0][1].replace(" extract ", " extract --format json ", 1), shell=True,
                               capture_output=True, text=True).stdout.splitlines():
        document = json.loads(line)
        for page in document["pages"]:
            stem = os.path.basename(document["path"])[:-4]
            texts[f"{stem}-{page['number']}.tif"] = page["text"]
    score, detail = quality(texts)
    print(f"  {'docket on the scanned PDFs, 1 job (render + OCR)':<44} {timing['docket'] / scanned_pages:6.2f} s/page  {detail}")
    print(f"  {'docket on the scanned PDFs, 2 jobs':<44} {timing['docket-2'] / scanned_pages:6.2f} s/page")
    print(f"  goal on documents: OCR no slower per page than the CLI with the page's language: docket / CLI = "
          f"{timing['docket'] / best['cli-1'][0]:.2f} one at a time, {timing['docket-2'] / best['cli-2'][0]:.2f} two at a time "
          f"({met(timing['docket'] <= best['cli-1'][0] and timing['docket-2'] <= best['cli-2'][0])}), "
          f"word recall {score:.4f} against {scores['cli-1']:.4f} ({met(score >= scores['cli-1'])})")


def bench_decision(args):
    """Chunk, classify and route on one core, over the CUAD reference texts."""
    texts = sorted(glob.glob(os.path.join(SHARED, "cuad", "*.txt")))
    if not texts:
        print("decision: ../shared/data/cuad not found, skipped")
        return
    pipeline = os.path.join(ROOT, "Pipelines", "contract-review.yaml")
    out = subprocess.run([args.docket, "bench-decide", "--repeat", "5", "--pipeline", pipeline, *texts],
                         capture_output=True, text=True, check=True).stdout.strip()
    print(f"\nChunk, classify and route (contract-review pipeline), best of 5 passes:\n  {out}")
    print("  goal: at least 20 MB of text per second per core")


def bench_clauses(args, tmp):
    """Clause detection on one core over the CUAD test contracts, beside searching for the categories' names."""
    if not os.path.exists(os.path.join(SHARED, "cuad", "labels.csv")):
        print("clauses: ../shared/data/cuad not found, skipped")
        return
    testset = os.path.join(tmp, "clauses.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "clauses", "make_testset.py"),
                    "--data", os.path.join(SHARED, "cuad"), "--output", testset], check=True)
    out = subprocess.run([args.docket, "eval-clauses", testset], capture_output=True, text=True, check=True).stdout
    lines = [line for line in out.splitlines() if line.startswith(("presence", "passages", "speed"))]
    print("\nClause detection (CUAD test contracts, read from their PDFs), against searching for each category's name:")
    for line in lines:
        print(f"  {line}")
    print("  goal: at least 10 MB of text per second per core")


def start(command, **kwargs):
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, **kwargs)


def wait_healthy(port, seconds=120):
    import urllib.request
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as response:
                if response.status == 200:
                    return
        except Exception:
            time.sleep(0.2)
    raise RuntimeError("llama-server did not become healthy")


def attempt_span(store):
    """Wall time from the first request's start to the last one's end, and the mean request latency, from the store."""
    import sqlite3
    from datetime import datetime
    rows = sqlite3.connect(store).execute("SELECT started_at, finished_at FROM attempts WHERE outcome = 'ok'").fetchall()
    parse = lambda text: datetime.fromisoformat(text.replace(" ", "T"))
    starts = [parse(a) for a, _ in rows]
    ends = [parse(b) for _, b in rows]
    span = (max(ends) - min(starts)).total_seconds()
    latency = sum((e - s).total_seconds() for s, e in zip(starts, ends)) / len(rows)
    return span, latency, len(rows)


def replay(port, bodies, concurrency):
    """The same requests straight to the server, `concurrency` at a time, each thread on one
    kept-alive connection as docket's HTTP client does. Returns wall seconds, mean request seconds
    and completion tokens."""
    import http.client
    from concurrent.futures import ThreadPoolExecutor
    local = threading.local()

    def send(body):
        if not hasattr(local, "connection"):
            local.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        started = time.perf_counter()
        local.connection.request("POST", "/v1/chat/completions", body=body, headers={"Content-Type": "application/json"})
        data = json.loads(local.connection.getresponse().read())
        return time.perf_counter() - started, data["usage"]["completion_tokens"]
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(send, bodies))
    return time.perf_counter() - started, sum(r[0] for r in results) / len(results), sum(r[1] for r in results)


def bench_pipeline(tmp, name, url, concurrency, schema, context=4096):
    path = os.path.join(tmp, name + ".yaml")
    prompts = os.path.join(ROOT, "Pipelines")
    with open(path, "w") as out:
        out.write(f"""name: {name}
output: {tmp}/{name}
classification: {{ levels: [internal, restricted], default: internal }}
endpoints:
  engine: {{ url: "{url}", model: gemma, sovereignty: self-hosted, clearance: restricted, context_tokens: {context}, max_concurrency: {concurrency} }}
routing: [{{ use: [engine] }}]
tasks:
  - {{ name: clause-review, prompt: {prompts}/prompts/clause-review.md, schema: {schema}, max_output_tokens: 120 }}
""")
    return path


def docket_run(args, tmp, name, url, concurrency, documents, schema, extra=()):
    """One `docket run`; returns (span of its requests, mean request seconds, requests, CPU seconds of docket)."""
    store = os.path.join(tmp, name + ".sqlite")
    command = [args.docket, "run", bench_pipeline(tmp, name, url, concurrency, schema), "--store", store, "--jobs", str(concurrency), *extra]
    for document in documents:
        command += ["--input", document]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise RuntimeError(f"docket run {name} failed with status {status}")
    return (*attempt_span(store), usage.ru_utime + usage.ru_stime)


def fault_server(tmp, name, *options):
    server = start(["python3", os.path.join(ROOT, "Tests", "Fixtures", "fault_server.py"), "--log",
                    os.path.join(tmp, name + ".log"), "--lifetime", "1800", *options])
    return server, int(server.stdout.readline())


def bench_overhead(args, tmp):
    """What docket adds to each request, against a loopback server that answers every request after
    exactly the same delay: the engine's own variation is taken out, only docket's work remains."""
    concurrency, delay, rounds = 4, 0.25, 3
    documents = sorted(glob.glob(os.path.join(ROOT, "Samples", "documents", "*.pdf")) + glob.glob(os.path.join(ROOT, "Samples", "documents", "*.docx")))
    documents = [d for d in documents if "-scan" not in d and "protected" not in d]
    schema = os.path.join(tmp, "answer.json")
    with open(schema, "w") as out:
        json.dump({"type": "object", "properties": {"answer": {"type": "string"}}, "required": ["answer"]}, out)
    dump = os.path.join(tmp, "fixed-requests")
    os.makedirs(dump)
    server, port = fault_server(tmp, "fixed", "--delay", str(delay), "--dump", dump)
    try:
        docket_runs, direct_runs = [], []
        for round in range(rounds):
            docket_runs.append(docket_run(args, tmp, f"fixed-{round}", f"http://127.0.0.1:{port}/v1", concurrency, documents, schema))
            if round == 0:
                bodies = [open(os.path.join(dump, name), "rb").read() for name in sorted(os.listdir(dump))]
            direct_runs.append(replay(port, bodies, concurrency))
    finally:
        server.kill()
        server.wait()
    count = len(bodies)
    direct = statistics.median(r[0] for r in direct_runs)
    docket = statistics.median(r[0] for r in docket_runs)
    cpu = statistics.median(r[3] for r in docket_runs)
    print(f"\nDocket's own cost per request: {count} requests, {concurrency} at a time, to a loopback server that answers each after {delay * 1000:.0f} ms "
          f"(median of {rounds} rounds, alternating)")
    print(f"  {'the same requests sent straight to it':<44} {direct:7.3f} s  {count / direct:6.2f} requests/s")
    print(f"  {'docket run, durable store':<44} {docket:7.3f} s  {count / docket:6.2f} requests/s  docket CPU {cpu:.2f} s for the whole run")
    print(f"  added per request: {(docket - direct) * concurrency / count * 1000:+.2f} ms of slot time "
          f"(goal at most 2 ms); rounds: docket {', '.join(f'{r[0]:.3f}' for r in docket_runs)} s, direct {', '.join(f'{r[0]:.3f}' for r in direct_runs)} s")



def bench_inference(args, tmp):
    """Docket's overhead against the same requests sent straight to the same llama-server, and
    the cost of checkpointing (durable store against no fsync)."""
    bench_overhead(args, tmp)
    cache = os.environ.get("DOCKET_CACHE", os.path.expanduser("~/.cache/docket"))
    server = os.path.join(cache, "llama-server-0.3.36", "llama-server")
    model = os.path.join(cache, "models", "gemma-3-270m-q4_k_m.gguf")
    if not (os.path.exists(server) and os.path.exists(model)):
        print("\ninference: engine or model missing (run scripts/setup.sh), skipped")
        return
    concurrency, rounds = 4, 3
    port = 18000 + os.getpid() % 1000
    engine = start([server, "-m", model, "--host", "127.0.0.1", "--port", str(port), "--parallel", str(concurrency), "-t", "2",
                    "-c", str(4096 * concurrency), "--no-jinja", "--chat-template", "gemma"])
    proxy = None
    try:
        wait_healthy(port)
        dump = os.path.join(tmp, "requests")
        os.makedirs(dump)
        proxy, proxy_port = fault_server(tmp, "proxy", "--upstream", f"http://127.0.0.1:{port}", "--dump", dump)
        documents = [os.path.join(ROOT, "Samples", "documents", name) for name in
                     ["mutual-nda.pdf", "it-services-agreement.pdf", "contrat-de-prestation.pdf", "arbeitsvertrag.pdf"]]
        schema = os.path.join(ROOT, "Pipelines", "schemas", "clause-review.json")
        url = f"http://127.0.0.1:{port}/v1"
        # The requests docket sends, captured once through a proxy, to replay them directly.
        docket_run(args, tmp, "capture", f"http://127.0.0.1:{proxy_port}/v1", concurrency, documents, schema)
        bodies = [open(os.path.join(dump, name), "rb").read() for name in sorted(os.listdir(dump))]
        print(f"\nInference: {len(bodies)} clause-review requests, {concurrency} at a time, to one llama-server (-t 2, --parallel {concurrency}); "
              f"{rounds} rounds, alternating, medians")
        direct_runs, durable_runs, volatile_runs = [], [], []
        for round in range(rounds):
            direct_runs.append(replay(port, bodies, concurrency))
            durable_runs.append(docket_run(args, tmp, f"durable-{round}", url, concurrency, documents, schema))
            volatile_runs.append(docket_run(args, tmp, f"volatile-{round}", url, concurrency, documents, schema, ["--bench-no-durability"]))
        median = lambda runs, i: statistics.median(r[i] for r in runs)
        base_span, base_latency, tokens = median(direct_runs, 0), median(direct_runs, 1), direct_runs[0][2]
        print(f"  {'engine called directly':<44} {base_span:7.2f} s  {len(bodies) / base_span:6.2f} units/s  "
              f"{tokens / base_span:7.1f} tokens/s  {base_latency * 1000:7.1f} ms/request")
        for label, runs in [("docket run, durable store", durable_runs), ("docket run, no fsync (bench only)", volatile_runs)]:
            span, latency, count = median(runs, 0), median(runs, 1), median(runs, 2)
            print(f"  {label:<44} {span:7.2f} s  {count / span:6.2f} units/s  {tokens / span:7.1f} tokens/s  {latency * 1000:7.1f} ms/request  "
                  f"({count} requests)")
        durable, volatile = median(durable_runs, 0), median(volatile_runs, 0)
        spread = lambda runs: f"{min(r[0] for r in runs):.2f}–{max(r[0] for r in runs):.2f} s"
        cpu = median(durable_runs, 3)
        print(f"  end to end: {100 * (durable - base_span) / base_span:+.1f}% of wall time; rounds spread: direct {spread(direct_runs)}, "
              f"docket {spread(durable_runs)} (the engine's batches are not repeatable run to run)")
        print(f"  docket's CPU during a run: {cpu:.2f} s = {100 * cpu / (durable * os.cpu_count()):.2f}% of the machine over the run "
              f"(the most it can take from the engine; goal at most 2%)")
        print(f"  checkpointing: {100 * (durable - volatile) / volatile:+.1f}% (goal at most 3%)")
        print("  (docket's span runs from its first request to its last; extraction and planning before it are not counted)")
    finally:
        for process in (proxy, engine):
            if process:
                process.kill()
                process.wait()


def bench_workers(args, tmp):
    """Throughput with 1, 2 and 4 `docket worker`s on one PostgreSQL store against one
    llama-server with --parallel 8: where the engine, not docket, becomes the limit."""
    cache = os.environ.get("DOCKET_CACHE", os.path.expanduser("~/.cache/docket"))
    server = os.path.join(cache, "llama-server-0.3.36", "llama-server")
    model = os.path.join(cache, "models", "gemma-3-270m-q4_k_m.gguf")
    if not (os.path.exists(server) and os.path.exists(model)):
        print("\nworkers: engine or model missing (run scripts/setup.sh), skipped")
        return
    cluster = subprocess.run([os.path.join(ROOT, "scripts", "test-postgres.sh"), "start"], check=True, capture_output=True, text=True).stdout.strip()
    admin = open(os.path.join(cluster, "url")).read().strip()
    port = 18000 + os.getpid() % 1000 + 1
    engine = start([server, "-m", model, "--host", "127.0.0.1", "--port", str(port), "--parallel", "8", "-t", "2",
                    "-c", str(4096 * 8), "--no-jinja", "--chat-template", "gemma"])
    documents = [os.path.join(ROOT, "Samples", "documents", name) for name in
                 ["mutual-nda.pdf", "it-services-agreement.pdf", "contrat-de-prestation.pdf", "arbeitsvertrag.pdf"]]
    schema = os.path.join(ROOT, "Pipelines", "schemas", "clause-review.json")
    try:
        wait_healthy(port)
        print(f"\nWorkers: {len(documents)} contracts, clause-review, one llama-server (-t 2, --parallel 8), PostgreSQL store; "
              "each worker --jobs 2")
        for workers in (1, 2, 4):
            database = f"bench_{workers}_{os.getpid()}"
            subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {database}"], check=True, capture_output=True)
            url = admin.rsplit("/", 1)[0] + "/" + database
            pipeline = bench_pipeline(tmp, f"workers-{workers}", f"http://127.0.0.1:{port}/v1", 8, schema)
            subprocess.run([args.docket, "run", pipeline, "--store", url, "--enqueue-only", *sum((["--input", d] for d in documents), [])],
                           check=True, capture_output=True)
            started = time.perf_counter()
            processes = [subprocess.Popen([args.docket, "worker", "--store", url, "--jobs", "2", "--exit-when-idle"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(workers)]
            for process in processes:
                process.wait()
            seconds = time.perf_counter() - started
            rows = subprocess.run(["psql", url, "-Atc", "SELECT COUNT(*), COALESCE(SUM(completion_tokens), 0) FROM results"],
                                  check=True, capture_output=True, text=True).stdout.strip().split("|")
            units, tokens = int(rows[0]), int(rows[1])
            print(f"  {workers} worker{'s' if workers > 1 else ' '} ({2 * workers} slots)                         {seconds:7.2f} s  "
                  f"{units / seconds:6.2f} units/s  {tokens / seconds:7.1f} tokens/s  ({units} units)")
    finally:
        engine.kill()
        engine.wait()
        subprocess.run([os.path.join(ROOT, "scripts", "test-postgres.sh"), "stop", cluster])


def bench_memory(args, tmp):
    """Peak memory grows with the page, not with the document: a long book against a contract."""
    pdfs = sorted(p for p in glob.glob(os.path.join(SHARED, "cuad", "*")) if p.lower().endswith(".pdf"))
    if not pdfs:
        return
    book = os.path.join(tmp, "book.pdf")
    parts, total = [], 0
    while total < 350:
        for p in pdfs:
            parts.append(p)
            total += pages_of(p)
            if total >= 350:
                break
    subprocess.run(["pdfunite", *parts, book], check=True, stderr=subprocess.DEVNULL)
    contract = next(p for p in pdfs if 8 <= pages_of(p) <= 14)
    scan_book = os.path.join(tmp, "scan-book.pdf")
    scans = sorted(glob.glob(os.path.join(ROOT, "Samples", "documents", "*-scan.pdf")))
    subprocess.run(["pdfunite", *(scans * 4), scan_book], check=True, stderr=subprocess.DEVNULL)
    print("\nMemory: peak resident set of the largest docket process")
    for label, path, ocr in [("a contract", contract, "auto"), ("a book", book, "auto"),
                             ("a 2-page scan", scans[0], "auto"), ("a scanned book", scan_book, "auto")]:
        seconds, peak = measure(f"{q(args.docket)} extract --ocr {ocr} --jobs 2 {q(path)}", 1)
        print(f"  {label + f' ({pages_of(path)} pages)':<44} {seconds:7.2f} s  peak {peak:7.1f} MiB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docket", required=True)
    parser.add_argument("--peers-python", required=True, help="a Python with PyMuPDF and pypdfium2")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ocr-repeat", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=15, help="back-to-back runs of default and --ocr never")
    parser.add_argument("--dpi", type=int, default=300)
    parser.add_argument("--languages", default="eng+deu+fra")
    parser.add_argument("--only", choices=["extraction", "ocr", "decision", "clauses", "overhead", "inference", "workers", "memory"],
                        help="one section; `overhead` is the fixed-latency part of `inference` alone")
    args = parser.parse_args()
    args.docket = os.path.abspath(args.docket)
    print(f"docket bench on {os.cpu_count()} cores; {subprocess.run(['pdftotext', '-v'], capture_output=True, text=True).stderr.splitlines()[0]}; "
          f"{subprocess.run(['tesseract', '--version'], capture_output=True, text=True).stdout.splitlines()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        if args.only in (None, "extraction"):
            bench_extraction(args, tmp)
        if args.only in (None, "ocr"):
            bench_ocr(args, tmp)
        if args.only in (None, "decision"):
            bench_decision(args)
        if args.only in (None, "clauses"):
            bench_clauses(args, tmp)
        if args.only in (None, "inference"):
            bench_inference(args, tmp)
        if args.only == "overhead":
            bench_overhead(args, tmp)
        if args.only in (None, "workers"):
            bench_workers(args, tmp)
        if args.only in (None, "memory"):
            bench_memory(args, tmp)


if __name__ == "__main__":
    sys.exit(main())
