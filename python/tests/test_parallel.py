"""Batches, threads, pickling and forked processes."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import sys
import threading
import time

import pytest

import coquille

TEXTS = [
    'Il a dit "bonjour" ... puis rien!',
    "Quelle est la prochaine étape?",
    "Texte propre, sans faute.",
    "😀 A Paris, le 3/4/2024 à 3:30 PM!",
    "",
    "Un cafe\u0301 chaud; merci.",
] * 20


def test_check_batch_equals_check_one_by_one():
    linter = coquille.Linter()
    expected = [linter.check(t) for t in TEXTS]
    assert sum(map(len, expected)) > 50
    for threads in (None, 1, 2, 3, 0):
        assert linter.check_batch(TEXTS, threads) == expected
    # Any iterable of str will do.
    assert linter.check_batch(iter(TEXTS), threads=2) == expected
    assert linter.check_batch(t for t in ()) == []


def test_fix_batch_equals_fix_one_by_one():
    linter = coquille.Linter()
    for unsafe in (False, True):
        expected = [linter.fix(t, unsafe=unsafe) for t in TEXTS]
        assert linter.fix_batch(TEXTS, 2, unsafe=unsafe) == expected
        assert linter.fix_batch(TEXTS, threads=1, unsafe=unsafe) == expected
    assert linter.fix_batch(TEXTS)[0] == "Il a dit «\u00a0bonjour\u00a0»… puis rien\u202f!"


def test_python_threads_share_a_linter():
    linter = coquille.Linter()
    expected = [linter.check(t) for t in TEXTS]
    results: dict[int, list] = {}

    def work(n: int) -> None:
        results[n] = [linter.check(t) for t in TEXTS]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(results[n] == expected for n in range(4))


@pytest.mark.parametrize("call", ["check", "check_batch", "fix_batch"])
def test_the_gil_is_released_while_rust_works(call):
    # While a call runs in a worker thread, the main thread must keep
    # running Python: with the GIL held it could not run at all until the
    # call returned. Ticks are taken in the middle 80 % of the call.
    linter = coquille.Linter()
    work = {
        "check": lambda: linter.check("\n\n".join(TEXTS * 400)),
        "check_batch": lambda: linter.check_batch(TEXTS * 400, threads=1),
        "fix_batch": lambda: linter.fix_batch(TEXTS * 200, threads=1),
    }[call]
    span: dict[str, float] = {}

    def run() -> None:
        span["start"] = time.perf_counter()
        work()
        span["end"] = time.perf_counter()

    ticks = []
    worker = threading.Thread(target=run)
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
        time.sleep(0.001)
    worker.join()
    margin = (span["end"] - span["start"]) / 10
    inside = [t for t in ticks if span["start"] + margin < t < span["end"] - margin]
    assert inside, f"no tick in {span['end'] - span['start']:.3f} s"


def test_linter_pickles_with_its_settings():
    linter = coquille.Linter(
        {"rules": {"quotes/straight-quotes": {"severity": "error"}}, "allow-words": ["feedback"]},
        profile="strict",
        select=["quotes", "spacing", "untranslated"],
        ignore="spacing/repeated-spaces",
    )
    copy = pickle.loads(pickle.dumps(linter))
    assert isinstance(copy, coquille.Linter)
    assert copy.to_toml() == linter.to_toml()
    assert copy.enabled_rules == linter.enabled_rules
    text = 'Le feedback  "final" arrive!'
    assert copy.check(text) == linter.check(text)
    assert any(d.severity == "error" for d in copy.check(text))
    assert not any(d.rule.startswith("untranslated/") for d in copy.check(text))


def test_findings_pickle():
    found = coquille.check('Il a dit "bonjour" ... puis rien!')
    assert found
    copy = pickle.loads(pickle.dumps(found))
    assert copy == found
    assert [d.to_dict() for d in copy] == [d.to_dict() for d in found]
    assert copy[0].fix.edits == found[0].fix.edits


def _check_in_worker(args: tuple[coquille.Linter, str]) -> list[coquille.Diagnostic]:
    linter, text = args
    return linter.check(text)


def _batch_in_worker(linter: coquille.Linter) -> list[list[coquille.Diagnostic]]:
    # In a forked child the batch runs on the calling thread: the parent's
    # pool threads do not exist there, and waiting on them would hang.
    return linter.check_batch(TEXTS, threads=4)


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_fork_pool_after_the_parent_used_threads():
    linter = coquille.Linter()
    # The parent's pool exists and has run before the fork.
    expected = linter.check_batch(TEXTS, threads=2)
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.map(_check_in_worker, [(linter, t) for t in TEXTS[:12]], chunksize=3)
        assert results == expected[:12]
        batches = pool.map_async(_batch_in_worker, [linter, linter]).get(timeout=120)
        assert batches == [expected, expected]


def _pid_and_fix(text: str) -> tuple[int, str]:
    return os.getpid(), coquille.fix(text)


@pytest.mark.skipif(sys.platform == "win32", reason="fork is POSIX")
def test_module_functions_in_forked_workers():
    context = multiprocessing.get_context("fork")
    with context.Pool(2) as pool:
        results = pool.map(_pid_and_fix, ["Oui!", "Non?"] * 4)
    assert [fixed for _, fixed in results] == ["Oui\u202f!", "Non\u202f?"] * 4
    assert all(pid != os.getpid() for pid, _ in results)
