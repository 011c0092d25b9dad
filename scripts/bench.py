#!/usr/bin/env python3
"""Measure Inflow side by side with the Python peer pipelines on one generated mailbox.

    python3 scripts/bench.py [--size 200M] [--runs 1]

Generates (or reuses) a Gmail-Takeout-style mailbox with the shared corpus generator, turns
its clients.csv (domain,company) into an Inflow client list, then runs, each on the same
input with a warm page cache:

  inflow run        end to end: extract, parse, enrich (sentiment, clients), load, report
  inflow inspect    parse only: headers, bodies decoded to text, attachments sized and hashed
  peer a            Python stdlib email + json + zstandard
  peer b            peer a + vaderSentiment + client-domain match (the end-to-end peer)
  peer c            fast-mail-parser (Rust), parse only, 1 thread and 2 threads

and prints wall time, MB/s, messages/s and peak RSS of each, and Inflow's ratio to each peer.
Peers come from ../shared/bench and run in a virtual environment made under .bench/.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
WORK = os.path.join(ROOT, ".bench")
VENV = os.path.join(WORK, "venv")
PY = os.path.join(VENV, "bin", "python")
INFLOW = os.path.join(ROOT, ".build", "release", "inflow")
INFLOW_RUN = []


def run(cmd, **kwargs):
    return subprocess.run(cmd, check=True, **kwargs)


def setup(size):
    if not os.path.isdir(SHARED):
        sys.exit(f"bench: {SHARED} is missing; the peers and the generator live there")
    os.makedirs(WORK, exist_ok=True)
    if not os.path.exists(PY):
        run([sys.executable, "-m", "venv", VENV])
        run([PY, "-m", "pip", "install", "-q", "-r", os.path.join(SHARED, "requirements.txt")])
    data = os.path.join(WORK, "data")
    os.makedirs(data, exist_ok=True)
    mbox = os.path.join(data, f"mbox-{size}.mbox")
    if not os.path.exists(mbox):
        run([sys.executable, os.path.join(SHARED, "gen_corpus.py"), "--size", size, "--out", mbox],
            stdout=subprocess.DEVNULL)
    return mbox


def workspace(mbox):
    """A pipeline for the bench workspace whose client list comes from the generator's."""
    pipelines = os.path.join(WORK, "pipelines")
    inputs = os.path.join(WORK, "inputs")
    shutil.rmtree(inputs, ignore_errors=True)
    os.makedirs(inputs)
    os.makedirs(pipelines, exist_ok=True)
    os.symlink(mbox, os.path.join(inputs, os.path.basename(mbox)))
    companies = {}
    import csv
    with open(os.path.join(os.path.dirname(mbox), "clients.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            companies.setdefault(row["company"], []).append(row["domain"].lower())
    with open(os.path.join(pipelines, "clients.csv"), "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["id", "name", "aliases", "domains", "emails"])
        for index, (company, domains) in enumerate(sorted(companies.items())):
            writer.writerow([f"c{index:04d}", company, "", ";".join(domains), ""])
    with open(os.path.join(pipelines, "bench.example.json"), "w") as f:
        json.dump({"workspace": "bench.example", "ownDomains": ["brightlane.io"],
                   "sources": {"google": {"inputs": inputs}}, "clients": "clients.csv"}, f)
    return pipelines


def timed(name, cmd, cwd=None, before=None):
    """Runs cmd under /usr/bin/time; returns (seconds, peak RSS in MiB)."""
    if before:
        before()
    stats = os.path.join(WORK, "time.txt")
    start = time.monotonic()
    run(["/usr/bin/time", "-f", "%M", "-o", stats] + cmd, cwd=cwd,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.monotonic() - start
    with open(stats) as f:
        rss = int(f.read().strip().splitlines()[-1]) / 1024
    print(f"  {name:<28} {seconds:8.2f} s", file=sys.stderr)
    return seconds, rss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="200M", help="20M, 200M or 1G (200M)")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command; the best counts")
    parser.add_argument("--memory", action="store_true",
                        help="only compare Inflow's peak RSS on a 20 MB and a 1 GB mailbox")
    args = parser.parse_args()
    if args.memory:
        return memory()

    if not os.path.exists(INFLOW):
        sys.exit("bench: build inflow first (make build)")
    mbox = setup(args.size)
    pipelines = workspace(mbox)
    size = os.path.getsize(mbox)
    manifest = json.load(open(mbox + ".manifest.json"))
    messages = manifest["messages"]
    data = os.path.join(WORK, "run-data")
    reports = os.path.join(WORK, "run-reports")
    out = os.path.join(WORK, "out")
    os.makedirs(out, exist_ok=True)

    def fresh():
        shutil.rmtree(data, ignore_errors=True)
        shutil.rmtree(reports, ignore_errors=True)
        run(["cat", mbox], stdout=subprocess.DEVNULL)

    def warm():
        run(["cat", mbox], stdout=subprocess.DEVNULL)

    inflow_run = [INFLOW, "run", "--workspace", "bench.example", "--sync-type", "full",
                  "--pipelines-dir", pipelines, "--data-dir", data, "--reports-dir", reports]
    INFLOW_RUN[:] = inflow_run
    commands = [
        ("inflow run (end to end)", inflow_run, None, fresh),
        ("inflow inspect (parse only)", [INFLOW, "inspect", mbox], None, warm),
        ("peer a (stdlib)", [PY, "peers/a_stdlib.py", mbox, "-o", os.path.join(out, "a.jsonl.zst")],
         SHARED, warm),
        ("peer b (a + VADER + match)", [PY, "peers/b_vader.py", mbox, "-o", os.path.join(out, "b")],
         SHARED, warm),
        ("peer c (fast-mail-parser)", [PY, "peers/c_fastmail.py", mbox], SHARED, warm),
        ("peer c x2 (fast-mail-parser)", [PY, "peers/c_fastmail.py", mbox, "--threads", "2"], SHARED, warm),
    ]
    print(f"bench: {os.path.basename(mbox)}, {size / 1e6:.0f} MB, {messages} messages", file=sys.stderr)
    results = {}
    for name, cmd, cwd, before in commands:
        best = min((timed(name, cmd, cwd, before) for _ in range(args.runs)), key=lambda r: r[0])
        results[name] = best

    print(f"\n{os.path.basename(mbox)}: {size / 1e6:.1f} MB, {messages} messages\n")
    print(f"| command | wall s | MB/s | messages/s | peak RSS MiB |")
    print(f"|---|---|---|---|---|")
    for name, (seconds, rss) in results.items():
        print(f"| {name} | {seconds:.2f} | {size / 1e6 / seconds:.1f} | {messages / seconds:.0f} | {rss:.0f} |")
    end, parse = results["inflow run (end to end)"][0], results["inflow inspect (parse only)"][0]
    print()
    print(f"inflow run vs peer b (end to end): {results['peer b (a + VADER + match)'][0] / end:.1f}x faster")
    print(f"inflow run vs peer a:              {results['peer a (stdlib)'][0] / end:.1f}x faster")
    print(f"inflow inspect vs peer c (1 thread): {results['peer c (fast-mail-parser)'][0] / parse:.2f}x")
    print(f"inflow inspect vs peer c (2 threads): {results['peer c x2 (fast-mail-parser)'][0] / parse:.2f}x")
    quick_share(inflow_run, end)
    zstd_share(data, end)


def memory():
    """Peak RSS of one end-to-end run on a 20 MB and on a 1 GB mailbox, and their ratio."""
    peaks = {}
    for size in ("20M", "1G"):
        mbox = setup(size)
        pipelines = workspace(mbox)
        data = os.path.join(WORK, "mem-data")
        shutil.rmtree(data, ignore_errors=True)
        seconds, rss = timed(f"inflow run {size}", [
            INFLOW, "run", "--workspace", "bench.example", "--sync-type", "full", "--pipelines-dir",
            pipelines, "--data-dir", data, "--reports-dir", os.path.join(WORK, "mem-reports")])
        peaks[size] = (seconds, rss, os.path.getsize(mbox))
    for size, (seconds, rss, bytes_) in peaks.items():
        print(f"{size}: {bytes_ / 1e6:.0f} MB in {seconds:.1f} s, peak RSS {rss:.0f} MiB")
    print(f"peak RSS 1 GB / 20 MB: {peaks['1G'][1] / peaks['20M'][1]:.2f}x")


def quick_share(inflow_run, full):
    """A quick sync with nothing new, right after a full one, as a share of the full one."""
    quick = [word if word != "full" else "quick" for word in inflow_run]
    seconds, _ = timed("inflow run quick (nothing new)", quick)
    print(f"quick sync with nothing new: {seconds:.2f} s, {100 * seconds / full:.1f}% of the full sync")


def zstd_share(data, wall):
    """libzstd's share of the CPU an end-to-end run uses, sampled with perf when it is there."""
    if shutil.which("perf") is None:
        print("zstd share: install linux-perf to measure it (perf samples the run)")
        return
    samples = os.path.join(WORK, "perf.data")
    shutil.rmtree(data, ignore_errors=True)
    run(["perf", "record", "-q", "-F", "999", "-o", samples, "--"] + INFLOW_RUN,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    report = subprocess.run(["perf", "report", "-i", samples, "--no-children", "--sort", "dso",
                             "--stdio"], capture_output=True, text=True).stdout
    share = sum(float(line.split("%")[0]) for line in report.splitlines()
                if "libzstd" in line and "%" in line and not line.startswith("#"))
    print(f"zstd: {share:.1f}% of the CPU samples of an end-to-end run "
          f"(its compression runs on libzstd's own worker threads)")

if __name__ == "__main__":
    main()
