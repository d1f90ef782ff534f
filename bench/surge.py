"""Deadline-surge benchmark: many tenders in the last minute, on the production server.

1,000 suppliers each submit a tender of one 2 MB file and 20 suppliers one of
200 MB, all through the API (start, announce, chunks of at most 32 MiB,
complete, submit) against ``heldigital serve`` on PostgreSQL; the small
tenders start evenly over the 60 seconds before the deadline, the large ones
over the first 30 of them. Counted: receipts, refusals, errors, tenders
lost (no receipt and still a draft), the time from a tender's first request
to its receipt (p50/p99), the submit request alone, and the server's memory
(all processes, sampled every second). An asyncio client on the same two
cores sends the requests. It does little: the two payloads (one 2 MB and one
200 MB file, shared by all tenders of their size) and their SHA-256 are made
before the window opens, and chunks are sent from views of them (no copy),
so the server has nearly all of the two cores during the window.

    python bench/surge.py [--small N] [--large N] [--window 60] [--no-write]

Writes the "surge" section of docs/benchmarks.md. Target (issue 7): 0 lost,
0 errors, p99 time to receipt at most 2 s.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _live import fresh_postgres, installation, run, server, tree_rss_mib
from _report import REPORT, git_commit, stamp, write_section

CHUNK = 32 << 20

SETUP = """
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from stdnum.no import orgnr as no_orgnr
from heldigital.apps.accounts.models import (
    ApiToken, Membership, Organisation, OrganisationKind, Role, User)
from heldigital.apps.tendering.models import Procurement

now = datetime.now(UTC)
deadline = now + timedelta(seconds={lead})
buyer = Organisation.objects.create(name="Benchkommune", kind=OrganisationKind.PUBLIC_BODY,
                                    orgnr="920000002")
Procurement.objects.create(
    reference="SURGE-1", buyer=buyer, title="Surge", cpv_codes=["90620000-9"],
    estimated_value=Decimal("3500000.00"), contract_kind="services", authority_kind="other",
    regime="eea", procedure="open", tender_deadline=deadline, status="published",
    created_at=now - timedelta(days=40), updated_at=now - timedelta(days=40),
    published_at=now - timedelta(days=30))
tokens = []
numbers = (f"9{{k:08d}}" for k in range(10**8) if no_orgnr.is_valid(f"9{{k:08d}}"))
for n in range({count}):
    number = next(numbers)
    org = Organisation.objects.create(name=f"Leverandør {{n}}", kind=OrganisationKind.SUPPLIER,
                                      orgnr=number)
    user = User.objects.create_user(username=f"lev{{n}}", password=None)
    Membership.objects.create(user=user, organisation=org, role=Role.SUPPLIER_USER)
    tokens.append(ApiToken.issue(user=user, organisation=org, name="bench", now=now)[1])
print(json.dumps({{"deadline": deadline.timestamp(), "tokens": tokens}}))
"""


async def request(port, method, path, token, body=b"", content_type="application/json"):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            "Connection: close\r\n\r\n"
        ).encode()
        writer.write(head)
        view = memoryview(body)
        for start in range(0, len(view), 1 << 20):
            writer.write(view[start : start + (1 << 20)])
            await writer.drain()
        await writer.drain()
        status_line = await reader.readline()
        status = int(status_line.split()[1])
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        payload = await reader.readexactly(length) if length else await reader.read()
        return status, payload
    finally:
        writer.close()


class Outcome:
    def __init__(self):
        # (seconds from the first request to the receipt, seconds of the submit request
        # (what the supplier waits for after pressing submit), size, seconds of the
        # upload: from the first request to the answer to "complete")
        self.receipts = []
        self.refused = 0
        self.errors: list[str] = []


async def tender(port, token, content, digest, start_at, outcome, size_label):
    await asyncio.sleep(max(0.0, start_at - time.monotonic()))
    began = time.monotonic()
    try:
        status, body = await request(port, "POST", "/api/v1/procurements/SURGE-1/tenders", token)
        if status != 201:
            raise RuntimeError(f"start {status} {body[:200]!r}")
        tender_id = json.loads(body)["id"]
        announce = json.dumps(
            {
                "kind": "attachment",
                "name": f"tilbud-{size_label}.pdf",
                "size": len(content),
                "sha256": digest,
                "content_type": "application/pdf",
            }
        ).encode()
        status, body = await request(
            port, "POST", f"/api/v1/tenders/{tender_id}/files", token, announce
        )
        if status != 201:
            raise RuntimeError(f"announce {status} {body[:200]!r}")
        upload_id = json.loads(body)["id"]
        whole = memoryview(content)  # chunks are views: the client copies no payload bytes
        for offset in range(0, len(content), CHUNK):
            piece = whole[offset : offset + CHUNK]
            status, body = await request(
                port,
                "PUT",
                f"/api/v1/uploads/{upload_id}?offset={offset}",
                token,
                piece,
                "application/octet-stream",
            )
            if status != 200:
                raise RuntimeError(f"chunk {status} {body[:200]!r}")
        status, body = await request(port, "POST", f"/api/v1/uploads/{upload_id}/complete", token)
        if status != 200:
            raise RuntimeError(f"complete {status} {body[:200]!r}")
        submitted = time.monotonic()
        status, body = await request(port, "POST", f"/api/v1/tenders/{tender_id}/submit", token)
        done = time.monotonic()
        if status == 200:
            outcome.receipts.append((done - began, done - submitted, size_label, submitted - began))
        elif status == 409:
            outcome.refused += 1
            outcome.errors.append(f"submit refused: {body[:200]!r}")
        else:
            raise RuntimeError(f"submit {status} {body[:200]!r}")
    except Exception as exc:  # counted, never hidden
        outcome.errors.append(f"{size_label}: {exc}")


def content_of(size: int) -> tuple[bytes, str]:
    block = random.Random(size).randbytes(1 << 20)
    data = (b"%PDF-1.7\n" + block * (size // len(block) + 1))[:size]
    return data, hashlib.sha256(data).hexdigest()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def profile(directory: str, pid: int, opens: float, seconds: float) -> list[subprocess.Popen]:
    """py-spy recordings of the server (all workers) and of this client over the window."""
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    Path(directory).mkdir(parents=True, exist_ok=True)
    time.sleep(max(0.0, opens - time.monotonic()))
    common = ["--rate", "50", "--duration", str(int(seconds)), "--format", "raw", "--nonblocking"]
    return [
        subprocess.Popen(
            [
                spy,
                "record",
                *common,
                "--subprocesses",
                "--pid",
                str(pid),
                "--threads",
                "-o",
                f"{directory}/server.txt",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
        subprocess.Popen(
            [spy, "record", *common, "--pid", str(os.getpid()), "-o", f"{directory}/client.txt"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1000, help="tenders of 2 MB")
    parser.add_argument("--large", type=int, default=20, help="tenders of 200 MB")
    parser.add_argument("--large-mb", type=int, default=200)
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--database", default="heldigital_bench_surge")
    parser.add_argument(
        "--lead", type=float, default=300, help="seconds from set-up to the deadline"
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--profile",
        metavar="DIR",
        help="record the server and the client with py-spy (if installed) into DIR",
    )
    args = parser.parse_args()

    count = args.small + args.large
    lead = args.lead  # set-up, server start and the window must fit in it
    database = fresh_postgres(args.database)
    with installation(database) as (env, directory):
        setup = json.loads(
            run(env, ["manage", "shell", "-v", "0", "-c", SETUP.format(lead=lead, count=count)])
            .stdout.strip()
            .splitlines()[-1]
        )
        small, small_digest = content_of(2_000_000)
        large, large_digest = content_of(args.large_mb * 1_000_000)
        with server(env, directory) as (port, pid):
            peak = [0.0]
            stop = threading.Event()

            def sample() -> None:
                while not stop.wait(1.0):
                    peak[0] = max(peak[0], tree_rss_mib(pid))

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            spies = []
            # The window ends a few seconds before the deadline.
            wall_deadline = setup["deadline"]
            opens = time.monotonic() + (wall_deadline - time.time()) - args.window - 5
            if opens < time.monotonic():
                sys.exit("set-up took longer than the lead time; raise it")
            print(f"waiting {opens - time.monotonic():.0f} s for the window", flush=True)
            if args.profile:
                spies = profile(args.profile, pid, opens, args.window + 10)
            outcome = Outcome()
            tokens = setup["tokens"]
            rng = random.Random(7)

            async def surge() -> None:
                jobs = []
                for n in range(args.large):
                    start = opens + rng.uniform(0, args.window / 2)
                    jobs.append(tender(port, tokens[n], large, large_digest, start, outcome, "L"))
                for n in range(args.small):
                    start = opens + rng.uniform(0, args.window)
                    jobs.append(
                        tender(
                            port, tokens[args.large + n], small, small_digest, start, outcome, "S"
                        )
                    )
                await asyncio.gather(*jobs)

            load_before = os.getloadavg()[0]  # as the window opens
            asyncio.run(surge())
            finished = time.time()
            for spy in spies:
                spy.wait()
            stop.set()
            rss_after = tree_rss_mib(pid)
        count_sql = (
            "from heldigital.apps.submissions.models import Receipt, Tender\n"
            "import json\n"
            "print(json.dumps({'receipts': Receipt.objects.count(),"
            " 'submitted': Tender.objects.filter(status='submitted').count()}))"
        )
        stored = json.loads(
            run(env, ["manage", "shell", "-v", "0", "-c", count_sql])
            .stdout.strip()
            .splitlines()[-1]
        )

    to_receipt = [r[0] for r in outcome.receipts]
    by_size = {label: [r[0] for r in outcome.receipts if r[2] == label] for label in ("S", "L")}
    submit = [r[1] for r in outcome.receipts]
    upload = {label: [r[3] for r in outcome.receipts if r[2] == label] for label in ("S", "L")}
    lost = count - len(outcome.receipts)
    result = {
        "tenders": count,
        "receipts": len(outcome.receipts),
        "receipts_in_database": stored["receipts"],
        "refused": outcome.refused,
        "errors": len(outcome.errors) - outcome.refused,
        "lost": lost,
        "p50_to_receipt": statistics.median(to_receipt) if to_receipt else None,
        "p99_to_receipt": percentile(to_receipt, 0.99),
        "p50_p99_small": [percentile(by_size["S"], 0.5), percentile(by_size["S"], 0.99)],
        "p50_p99_large": [percentile(by_size["L"], 0.5), percentile(by_size["L"], 0.99)],
        "p50_submit": statistics.median(submit) if submit else None,
        "p99_submit": percentile(submit, 0.99),
        "p50_p99_upload_small": [percentile(upload["S"], 0.5), percentile(upload["S"], 0.99)],
        "p50_p99_upload_large": [percentile(upload["L"], 0.5), percentile(upload["L"], 0.99)],
        "load_before_after": [load_before, os.getloadavg()[0]],
        "peak_rss_mib": peak[0],
        "rss_after_mib": rss_after,
        "finished_before_deadline_s": wall_deadline - finished,
        "first_errors": outcome.errors[:5],
    }
    print(json.dumps(result, indent=2))
    if args.no_write:
        return
    ok = (
        "met"
        if lost == 0 and result["errors"] == 0 and result["p99_to_receipt"] <= 2
        else "**not met**"
    )
    errors = "; ".join(outcome.errors[:3]) or "none"

    def pair(values: list[float], digits: int = 2) -> str:
        if not values:
            return "none finished"
        return f"{percentile(values, 0.5):.{digits}f} / {percentile(values, 0.99):.{digits}f} s"

    receipt_times = pair(to_receipt)
    submit_times = pair(submit, 3)
    scale = "full" if (args.small, args.large) == (1000, 20) else "scaled"
    row = (
        f"| {datetime.now(UTC):%Y-%m-%d %H:%M}, {git_commit()} | {scale} ({args.small} + "
        f"{args.large}) | {load_before:.1f} → {os.getloadavg()[0]:.1f} | "
        f"{len(outcome.receipts):,} / {count:,}, {lost} lost, {result['errors']} errors | "
        f"{receipt_times} | {pair(by_size['S'])} | {pair(by_size['L'])} | {peak[0]:,.0f} MiB | "
        f"{submit_times} | {pair(upload['S'])} | {pair(upload['L'])} |"
    )
    write_section(
        "surge",
        f"""## Deadline-surge benchmark (production server, PostgreSQL)

`python bench/surge.py` (`make bench-surge`; part of `make bench`): {args.small:,} tenders
of one 2 MB file and {args.large} of one {args.large_mb} MB file, each from its own supplier
through the API (start, announce, 32 MiB chunks, complete, submit), the small ones starting
evenly over the {args.window:.0f} s before the deadline and the large ones over the first
half, against `heldigital serve` (Granian, 2 workers, 8 view threads each) on PostgreSQL;
the asyncio client shares the two cores. `--small N --large N` scales it down, `--profile
DIR` records server and client with py-spy (installed by hand; not a dependency). Target
(issue 7): 0 lost, 0 errors, p99 time to receipt ≤ 2 s.

Three times per tender are given: *to receipt* (from its first request to the receipt:
the target's measure), *the submit request* (from pressing submit to the receipt: what the
supplier waits for at the end) and *the upload* (from the first request to the answer to
"complete"). A run writes the table below and adds a row to the history.

Latest run:

{stamp()}
- Commit {git_commit()}

| measure | result | target |
| --- | --- | --- |
| receipts | {len(outcome.receipts):,} of {count:,} (database: {stored["receipts"]:,}) | all |
| lost (no receipt) | {lost} | 0 |
| errors / refused after the deadline | {result["errors"]} / {outcome.refused} | 0 |
| time from first request to receipt, p50 / p99 | {receipt_times} | p99 ≤ 2 s |
| the submit request (submit pressed → receipt), p50 / p99 | {submit_times} | |
| upload (first request → complete answered), small p50 / p99 | {pair(upload["S"])} | |
| upload, large p50 / p99 | {pair(upload["L"])} | |
| server memory, peak / after | {peak[0]:.0f} / {rss_after:.0f} MiB | |

Target {ok}. First errors: {errors}.

{history(row)}
""",
    )


#: The heading of the history table in the section; everything from it to the end of the
#: section (the history and the analysis, written by hand) is kept by a run.
HISTORY = "### History"


def history(row: str) -> str:
    """The kept part of the section with ``row`` added to the end of its first table."""
    match = _SECTION.search(REPORT.read_text()) if REPORT.exists() else None
    kept = match.group(1) if match else ""
    if HISTORY not in kept:
        header = (
            "| date (UTC), commit | scale | load before → after | receipts | p50 / p99 to "
            "receipt | small p50 / p99 | large p50 / p99 | server peak memory | submit request "
            "p50 / p99 | upload small p50 / p99 | upload large p50 / p99 |\n" + "| --- " * 11 + "|"
        )
        return f"{HISTORY}\n\n{header}\n{row}"
    kept = kept[kept.index(HISTORY) :].rstrip()
    lines = kept.split("\n")
    first = next(i for i, line in enumerate(lines) if line.startswith("|"))
    end = next((i for i in range(first, len(lines)) if not lines[i].startswith("|")), len(lines))
    return "\n".join([*lines[:end], row, *lines[end:]])


_SECTION = re.compile(r"<!-- begin:surge -->\n(.*?)<!-- end:surge -->", re.S)


if __name__ == "__main__":
    main()
