"""Throughput of the Python package against the command line.

Three comparisons, on the same records (paragraphs of the repository's
example documents and clean corpus, repeated):

1. ``Linter.check_batch(texts, threads=1)`` against ``coquille check
   --jsonl text --threads 1`` on the same records as JSON Lines (target:
   at least 70 % of the command line's throughput);
2. ``check_batch`` on two threads against one (target: at least 1.5x);
3. two Python threads calling ``Linter.check`` concurrently against one
   thread doing all the calls (target: at least 1.4x; the GIL is released
   while Rust works).

Each timing is the best of ``--repeat`` runs. Build the command line first
(``cargo build --release``) and install the package (``pip install
./python``). Run: ``python python/bench.py [--megabytes 4] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import coquille

ROOT = Path(__file__).resolve().parents[1]


def records(megabytes: float) -> list[str]:
    """Paragraphs of the example documents and the clean corpus, repeated
    to about `megabytes` of UTF-8."""
    sources = sorted((ROOT / "examples").glob("*.txt"))
    sources += sorted((ROOT / "tests/corpus/clean").glob("*.txt"))
    paragraphs = [
        p.strip()
        for path in sources
        for p in path.read_text(encoding="utf-8").split("\n\n")
        if p.strip()
    ]
    out: list[str] = []
    size, goal = 0, int(megabytes * 1_000_000)
    while size < goal:
        for p in paragraphs:
            out.append(p)
            size += len(p.encode("utf-8"))
    return out


def best(repeat: int, run: Callable[[], object]) -> float:
    """The shortest wall time of `repeat` runs, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="corpus size (default 4)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (default 3)")
    parser.add_argument("--cli", default=str(ROOT / "target/release/coquille"))
    args = parser.parse_args()

    texts = records(args.megabytes)
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    linter = coquille.Linter()
    linter.check_batch(texts[:200], threads=2)  # warm: rules, lexicons, pools
    print(f"{len(texts)} records, {size:.2f} MB, coquille {coquille.__version__}")

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}, ensure_ascii=False) + "\n")
        f.flush()
        command = [args.cli, "check", "--no-config", "--jsonl", "text", "--format", "json"]
        command += ["--threads", "1", "--quiet", "--exit-zero", f.name]

        def cli() -> None:
            subprocess.run(command, stdout=subprocess.DEVNULL, check=True)

        cli_time = best(args.repeat, cli)

    one = best(args.repeat, lambda: linter.check_batch(texts, threads=1))
    two = best(args.repeat, lambda: linter.check_batch(texts, threads=2))

    def sequential() -> None:
        for t in texts:
            linter.check(t)

    def concurrent() -> None:
        halves = [texts[0::2], texts[1::2]]

        def work(part: list[str]) -> None:
            for t in part:
                linter.check(t)

        workers = [threading.Thread(target=work, args=(h,)) for h in halves]
        for w in workers:
            w.start()
        for w in workers:
            w.join()

    calls_one = best(args.repeat, sequential)
    calls_two = best(args.repeat, concurrent)

    rows = [
        ("CLI --jsonl, 1 thread", cli_time),
        ("check_batch, 1 thread", one),
        ("check_batch, 2 threads", two),
        ("check() calls, 1 Python thread", calls_one),
        ("check() calls, 2 Python threads", calls_two),
    ]
    for name, seconds in rows:
        print(f"{name:34} {seconds:7.3f} s  {size / seconds:6.2f} MB/s")
    targets = [
        ("check_batch 1 thread / CLI", cli_time / one, 0.70),
        ("check_batch 2 threads / 1", one / two, 1.5),
        ("2 Python threads / 1", calls_one / calls_two, 1.4),
    ]
    missed = 0
    for name, ratio, goal in targets:
        ok = ratio >= goal
        missed += not ok
        print(f"{name:34} {ratio:5.2f}x  (target {goal:.2f}x: {'met' if ok else 'MISSED'})")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
