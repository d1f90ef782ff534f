"""``python -m tests.differential --seed S -n N`` (``make difftest SEED=S N=N``).

Runs the differential comparison for any seed and size, prints every disagreement
(with the mutations that made the document) and the table per document type; exit 1
when any document disagrees. ``--only 17,42`` re-runs single documents of a seed;
``--write DIR`` saves the disagreeing documents for inspection.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from tests.differential import harness


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.differential")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-n", type=int, default=2000, help="documents in total")
    parser.add_argument("--only", default="", help="comma-separated document indexes")
    parser.add_argument("--write", type=Path, help="folder for disagreeing documents")
    parser.add_argument("--quiet", action="store_true", help="only the table")
    args = parser.parse_args(argv)
    only = {int(i) for i in args.only.split(",") if i.strip()} or None
    start = time.perf_counter()
    outcomes = []
    for document in harness.documents(args.seed, args.n, only):
        outcome = harness.compare(document)
        outcomes.append(outcome)
        if not outcome.agrees:
            if not args.quiet:
                print(outcome.describe(), flush=True)
            if args.write:
                args.write.mkdir(parents=True, exist_ok=True)
                name = document.key.replace("/", "-") + ".xml"
                (args.write / name).write_bytes(document.data)
    elapsed = time.perf_counter() - start
    print()
    print(harness.table(outcomes))
    print(f"seed {args.seed}: {len(outcomes)} documents in {elapsed:.1f} s")
    return 0 if all(o.agrees for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
