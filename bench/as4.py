"""Access point benchmark: two platform instances exchanging Peppol AS4 messages over HTTPS.

The network of ``tests/network`` (``tests/network/harness.py``): AP A and AP B each
``heldigital serve`` over HTTPS with its own PostgreSQL database, B's address register as
the SMP, the SML zone in NSD, the test PKI with its CRL on loopback. Measured:

1. the **crypto bound**: RSA-2048 private-key operations per second on one core, times
   the cores, over three per exchange (sign the message, decrypt its key, sign the
   receipt);
2. **exchanges per second**: ``--throughput`` documents from A to B with ``--senders``
   sending processes, no faults; from the first attempt to the last receipt;
3. the **profile** of where the time goes: cProfile of one sending process at A (DNS,
   SMP, HTTP waiting for B, crypto, XML, database) and of B's receiving function
   (``services.receive``, the body of ``POST /as4``) on the same messages in-process;
4. the **long run**: ``--documents`` documents with B killed by SIGKILL at random
   moments (``--kills``) and restarted: lost, delivered twice, receipted, failed with a
   reason; the memory of B's server and of A's senders sampled along the way;
5. a **large payload** (``--large-mb``, default 100 MB): sent and received or not, and why.

    python bench/as4.py [--throughput 500] [--documents 10000] [--kills 20] [--senders 2]
                        [--large-mb 100] [--no-write]

Writes the "as4" section of docs/benchmarks.md. Target (issue 11): at least 50 % of the
crypto bound; 0 lost, 0 delivered twice.
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src"), str(HERE.parent)]

from tests.network import harness  # noqa: E402

from _live import tree_rss_mib  # noqa: E402
from _report import git_commit, stamp, write_section  # noqa: E402

PROFILED_SEND = """
import cProfile
profile = cProfile.Profile()
profile.enable()
{send}
profile.disable()
profile.dump_stats({path!r})
"""

#: B's receiving function on messages packaged by A's key, profiled in B's process.
PROFILED_RECEIVE = """
import cProfile, pathlib, time
from django.utils import timezone
from heldigital.apps.accesspoint import services
from heldigital.peppol import as4
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from cryptography import x509
key = load_pem_private_key(pathlib.Path({a_key!r}).read_bytes(), None)
certificate = x509.load_pem_x509_certificates(pathlib.Path({a_cert!r}).read_bytes())[0]
receiver = x509.load_pem_x509_certificates(pathlib.Path({b_cert!r}).read_bytes())[0]
messages = [
    as4.package(path.read_bytes(), from_party="POP000001", to_party="POP000002", key=key,
                certificate=certificate, receiver_certificate=receiver, now=timezone.now())
    for path in sorted(pathlib.Path({directory!r}).glob("*.xml"))
]
services.receive(messages[0].body, messages[0].content_type, now=timezone.now())  # warm up
profile = cProfile.Profile()
started = time.perf_counter()
profile.enable()
for m in messages[1:]:
    answer = services.receive(m.body, m.content_type, now=timezone.now())
    assert answer.stored, answer.body[:300]
profile.disable()
print(len(messages) - 1, time.perf_counter() - started)
profile.dump_stats({path!r})
"""

CATEGORIES = (
    ("RSA/AES (cryptography)", ("cryptography", "openssl")),
    ("TLS and sockets (incl. waiting for the peer)", ("ssl.py", "socket.py", "_ssl", "_socket")),
    ("HTTP client", ("http/client.py", "urllib")),
    ("database (Django ORM, psycopg)", ("django/db", "psycopg")),
    ("XML (lxml, C14N, parsing)", ("lxml", "heldigital/xml", "etree")),
    ("business-document validation (heldigital.rules)", ("heldigital/rules", "heldigital/ehf")),
    ("DNS (dnspython)", ("dns/",)),
    ("gzip", ("gzip", "zlib")),
)


def split(stats_file: Path) -> tuple[float, list[tuple[str, float]]]:
    """Self time by category (the first category whose marker is in the function's name)."""
    stats = pstats.Stats(str(stats_file))
    totals: Counter[str] = Counter()
    for (filename, _, function), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        name = f"{filename}:{function}"
        for label, markers in CATEGORIES:
            if any(m in name for m in markers):
                totals[label] += tottime
                break
        else:
            totals["other Python (Django, the AS4 library, the loop)"] += tottime
    total = sum(totals.values())
    return total, sorted(totals.items(), key=lambda kv: -kv[1])


def crypto_bound(samples: int = 300) -> tuple[float, float]:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding, rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    started = time.perf_counter()
    for _ in range(samples):
        key.sign(os.urandom(32), padding.PKCS1v15(), hashes.SHA256())
    per_core = samples / (time.perf_counter() - started)
    return per_core, per_core * (os.cpu_count() or 1) / 3


def wait_all(instance, ids: set[str], seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        states = {k: v for k, v in harness.outbox(instance).items() if k in ids}
        if all(v[0] in ("receipted", "failed") for v in states.values()):
            return states
        if time.monotonic() > deadline:
            return states
        time.sleep(1)


def run_senders(net, count: int, seconds: float, directory: Path, profile: Path | None = None):
    procs = []
    for number in range(count):
        log = directory / f"sender-{number}.log"
        if number == 0 and profile is not None:
            script = PROFILED_SEND.format(
                send=harness.SEND.format(seconds=seconds), path=str(profile)
            )
            with log.open("wb") as out:
                procs.append(
                    harness.subprocess.Popen(
                        [*harness.COMMAND, "manage", "shell", "-v", "0", "-c", script],
                        env=net.a.env,
                        cwd=net.a.directory,
                        stdout=out,
                        stderr=harness.subprocess.STDOUT,
                    )
                )
        else:
            procs.append(harness.sender(net.a, seconds, log))
    return procs


def tree_rss(procs) -> float:
    return sum(tree_rss_mib(p.pid) for p in procs if p.poll() is None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--throughput", type=int, default=500)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--senders", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--large-mb", type=int, default=100)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--no-write", action="store_true")
    arguments = parser.parse_args()
    seed = arguments.seed if arguments.seed is not None else int(time.time())
    rng = random.Random(seed)
    os.environ.setdefault("DATABASE_URL", "postgres:///postgres?host=/var/run/postgresql")
    head = stamp()
    per_core, bound = crypto_bound()
    print(f"RSA-2048 signatures: {per_core:.0f}/s per core; crypto bound {bound:.0f} exchanges/s")
    directory = Path(tempfile.mkdtemp(prefix="heldigital-as4-bench-"))
    lines: list[str] = []
    try:
        with harness.network(directory / "net", workers=arguments.workers) as net:
            # 2. Throughput, no faults (the first sender profiled).
            docs = directory / "throughput"
            harness.write_documents(docs, arguments.throughput)
            ids = set(harness.enqueue(net.a, docs))
            profile_a = directory / "sender.prof"
            started = time.monotonic()
            procs = run_senders(net, arguments.senders, 3600, directory, profile_a)
            for p in procs:
                p.wait()
            elapsed = time.monotonic() - started
            states = wait_all(net.a, ids, 60)
            done = Counter(v[0] for v in states.values())
            rate = arguments.throughput / elapsed
            print(f"throughput: {arguments.throughput} in {elapsed:.1f} s = {rate:.1f}/s {done}")

            # 3. B's receiving function, profiled in-process (B's database, B's key).
            receive_docs = directory / "receive"
            harness.write_documents(receive_docs, 101)
            profile_b = directory / "receive.prof"
            out = net.b.shell(
                PROFILED_RECEIVE.format(
                    a_key=str(net.pki.ap_a.key_file),
                    a_cert=str(net.pki.ap_a.certificate_file),
                    b_cert=str(net.pki.ap_b.leaf_file),
                    directory=str(receive_docs),
                    path=str(profile_b),
                ),
                timeout=1800,
            ).split()
            received_rate = int(out[0]) / float(out[1])
            print(f"receive in-process: {received_rate:.1f}/s")

            # 4. The long run with kills; memory sampled.
            docs = directory / "long"
            written = harness.write_documents(docs, arguments.documents)
            sent = harness.enqueue(net.a, docs, timeout=3600)
            long_started = time.monotonic()
            procs = run_senders(net, arguments.senders, 6 * 3600, directory)
            kills, memory = 0, []
            next_kill = time.monotonic() + rng.uniform(3, 20)
            while any(p.poll() is None for p in procs):
                time.sleep(1)
                if len(memory) < 10_000 and int(time.monotonic() - long_started) % 10 == 0:
                    memory.append(
                        (
                            time.monotonic() - long_started,
                            tree_rss_mib(net.b.process.pid),
                            tree_rss(procs),
                        )
                    )
                if kills < arguments.kills and time.monotonic() >= next_kill:
                    net.b.kill()
                    kills += 1
                    time.sleep(rng.uniform(0, 0.5))
                    net.b.start()
                    next_kill = time.monotonic() + rng.uniform(5, 60)
            long_elapsed = time.monotonic() - long_started
            states = {k: v for k, v in harness.outbox(net.a).items() if k in sent}
            ours = [m for m in harness.inbox(net.b)["messages"] if m[1] in written]
            per_document = Counter(m[1] for m in ours)
            receipted = {k for k, v in states.items() if v[0] == "receipted"}
            failed = {k: v for k, v in states.items() if v[0] == "failed"}
            arrived = {m[0] for m in ours}
            long = {
                "documents": arguments.documents,
                "kills": kills,
                "receipted": len(receipted),
                "failed": len(failed),
                "failed_without_reason": sum(1 for v in failed.values() if not v[1]),
                "unfinished": sum(
                    1 for v in states.values() if v[0] not in ("receipted", "failed")
                ),
                "lost": len(receipted - arrived),
                "twice": sum(1 for n in per_document.values() if n > 1),
                "in_b_but_not_receipted": len(arrived - receipted),
                "changed": sum(1 for m in ours if written.get(m[1]) != m[2]),
                "retried": sum(1 for v in states.values() if v[2] > 1),
                "max_attempts": max((v[2] for v in states.values()), default=0),
                "seconds": long_elapsed,
            }
            print(json.dumps(long))

            # 5. A large payload.
            large = directory / "large"
            large_result = ""
            try:
                harness.write_documents(large, 1, filler=arguments.large_mb * 1_000_000)
                size = next(large.glob("*.xml")).stat().st_size
                large_ids = set(harness.enqueue(net.a, large, timeout=1800))
                rss_before = tree_rss_mib(net.b.process.pid)
                procs = run_senders(net, 1, 1800, directory)
                peak = rss_before
                while procs[0].poll() is None:
                    peak = max(peak, tree_rss_mib(net.b.process.pid))
                    time.sleep(0.2)
                state = harness.outbox(net.a)
                (row,) = [state[k] for k in large_ids]
                large_result = (
                    f"{size / 1e6:.0f} MB SBDH: {row[0]}"
                    + (f" ({row[1] or 'no reason'})" if row[0] != "receipted" else "")
                    + f"; B's server peak RSS {peak:.0f} MiB (from {rss_before:.0f} MiB)"
                )
            except Exception as exc:  # reported as it is
                last = [line for line in str(exc).splitlines() if line.strip()][-1:]
                large_result = (
                    f"{arguments.large_mb} MB: **not sent** - refused when put in the outbox: "
                    f"`{last[0].strip()[:300] if last else exc!r}`"
                )
            print(large_result)
        total_a, parts_a = split(profile_a) if profile_a.exists() else (0.0, [])
        total_b, parts_b = split(profile_b) if profile_b.exists() else (0.0, [])
    finally:
        shutil.rmtree(directory, ignore_errors=True)

    def table(total: float, parts) -> list[str]:
        rows = ["| where | seconds | share |", "|---|---:|---:|"]
        rows += [f"| {label} | {seconds:.1f} | {seconds / total:.0%} |" for label, seconds in parts]
        return rows

    memory = memory or [(0.0, 0.0, 0.0)]
    mem_first = memory[: max(1, len(memory) // 10)]
    mem_last = memory[-max(1, len(memory) // 10) :]
    lines += [
        "## Access point: two APs over HTTPS (bench/as4.py)",
        "",
        head,
        f"- Commit: {git_commit()}; seed {seed}; AP B's Granian workers: {arguments.workers}; "
        f"sending processes at A: {arguments.senders}; PostgreSQL",
        f"- Arguments: `{' '.join(sys.argv[1:]) or '(defaults)'}`",
        "",
        f"**Crypto bound.** RSA-2048 private-key operations: {per_core:.0f}/s on one core; "
        f"{os.cpu_count()} cores / 3 operations per exchange = **{bound:.0f} exchanges/s**.",
        "",
        f"**Exchanges per second.** {arguments.throughput} documents from A to B, no faults: "
        f"{elapsed:.1f} s, **{rate:.1f} exchanges/s = {rate / bound:.1%} of the bound** "
        f"({dict(done)}). B's receiving function alone, in one process: "
        f"{received_rate:.1f} messages/s.",
        "",
        "Where the time goes at A (cProfile of one sending process, self time; the TLS "
        "and socket rows are mostly waiting for B):",
        "",
        *table(total_a, parts_a),
        "",
        "At B (cProfile of `services.receive`, the body of `POST /as4`, in-process on "
        "100 messages):",
        "",
        *table(total_b, parts_b),
        "",
        f"**Verdict.** Target (at least 50 % of the bound): "
        f"**{'met' if rate >= bound / 2 else 'not met'}**. The bound counts three RSA "
        "private-key operations per exchange; this setup does more work per exchange than "
        "that, all on the same two cores: B's TLS handshakes (one per kept-alive connection "
        "since 3656fda, one per message before), A's lookups (DNS and a signed SMP answer "
        "from B, kept per process since 3656fda), the business-document validation at B, "
        "and both sides' PostgreSQL writes per message (A: claim, package, receipt with the "
        "transmission row; B: the inbound row, the transmission and the delivery to the "
        "organisation's inbox in one transaction), and the two sending processes, B's "
        "server and PostgreSQL compete for the two cores with the rest of the machine (the "
        "load average above). The profiles say where the time goes.",
        "",
        f"**Long run with faults.** {long['documents']:,} documents, B killed by SIGKILL "
        f"{long['kills']} times at random moments and restarted: "
        f"**{long['lost']} lost, {long['twice']} delivered twice**, {long['receipted']:,} "
        f"receipted, {long['failed']} failed ({long['failed_without_reason']} without a "
        f"reason), {long['unfinished']} unfinished, {long['in_b_but_not_receipted']} in B "
        f"but not receipted at A, {long['changed']} changed; {long['retried']:,} needed "
        f"more than one attempt (at most {long['max_attempts']}); {long['seconds']:.0f} s.",
        "",
        "**Memory.** B's server (all processes) and A's senders, RSS in MiB, first and last "
        "tenth of the long run: "
        f"B {statistics.mean(m[1] for m in mem_first):.0f} -> "
        f"{statistics.mean(m[1] for m in mem_last):.0f}, A "
        f"{statistics.mean(m[2] for m in mem_first):.0f} -> "
        f"{statistics.mean(m[2] for m in mem_last):.0f} "
        f"({len(memory)} samples).",
        "",
        f"**Large payload.** {large_result}",
    ]
    text = "\n".join(lines)
    print(text)
    if not arguments.no_write:
        write_section("as4", text)


if __name__ == "__main__":
    main()
