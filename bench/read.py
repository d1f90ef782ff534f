"""Read benchmark: public pages and API reads on the production server.

32 concurrent clients (``wrk``, Debian's C load generator: ``apt-get install
wrk``) request, in turn, the notice board, a notice page,
``GET /api/v1/notices`` and a ``notice.xml`` from ``heldigital serve`` (two
worker processes) on PostgreSQL with the demo data. wrk runs on the same
two cores as the server, so the figures include its cost.

    python bench/read.py [--duration 20] [--connections 32] [--no-write]

Writes the "read" section of docs/benchmarks.md. Target (issue 7): at least
500 requests/s with p95 at most 100 ms on this 2-core machine; the
development server managed 131 requests/s with p95 1.15 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _live import fresh_postgres, installation, server, tree_rss_mib
from _report import git_commit, stamp, write_section

LUA = """
local paths = {%s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "RESULT {\\"requests\\": %%d, \\"seconds\\": %%f, \\"non2xx\\": %%d, \\"socket_errors\\": %%d, "
    .. "\\"p50\\": %%f, \\"p95\\": %%f, \\"p99\\": %%f, \\"max\\": %%f}\\n",
    summary.requests, summary.duration / 1e6, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
end
"""


def wrk(port: int, paths: list[str], *, duration: int, connections: int) -> dict:
    script = LUA % ", ".join(json.dumps(p) for p in paths)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as handle:
        handle.write(script)
    done = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{duration}s",
            "--timeout",
            "10s",
            "-s",
            handle.name,
            f"http://127.0.0.1:{port}/",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    Path(handle.name).unlink()
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line.removeprefix("RESULT "))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--database", default="heldigital_bench_read")
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: apt-get install wrk (make bench installs it)")

    database = fresh_postgres(args.database)
    with (
        installation(database, setup=[["demo"]]) as (env, directory),
        server(env, directory) as (port, pid),
    ):
        notices = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/notices"))
        reference = notices[0]["reference"]
        paths = [
            "/notices/",
            f"/notices/{reference}/",
            "/api/v1/notices",
            f"/notices/{reference}/notice.xml",
        ]
        wrk(port, paths, duration=3, connections=args.connections)  # warm-up
        result = wrk(port, paths, duration=args.duration, connections=args.connections)
        rss = tree_rss_mib(pid)
    rate = result["requests"] / result["seconds"]
    print(json.dumps({**result, "rate": rate, "rss_mib": rss}, indent=2))
    if args.no_write:
        return
    latency = (
        f"{result['p50']:.1f} / {result['p95']:.1f} / {result['p99']:.1f} ms"
        f" (max {result['max']:.0f} ms)"
    )
    ok = "met" if rate >= 500 and result["p95"] <= 100 else "**not met**"
    write_section(
        "read",
        f"""## Read benchmark (production server)

`python bench/read.py` (part of `make bench`). {args.connections} concurrent clients
(`wrk`, 2 threads) for {args.duration} s, in turn on the notice board, the notice page of
`{reference}`, `GET /api/v1/notices` and its `notice.xml`, against `heldigital serve`
(Granian, 2 worker processes) on PostgreSQL with the demo data. **wrk runs on the same
two cores** as the server and takes its share of them.

{stamp()}
- Commit {git_commit()}

| measure | result | target |
| --- | --- | --- |
| throughput | {rate:,.0f} requests/s ({result["requests"]:,} requests) | ≥ 500 requests/s |
| latency p50 / p95 / p99 | {latency} | p95 ≤ 100 ms |
| errors | {result["non2xx"]} non-2xx, {result["socket_errors"]} socket errors | 0 |
| server memory (all processes, after the run) | {rss:.0f} MiB | |

Target {ok}. Before (issue 7): Django's development server, 131 requests/s, p95 1.15 s.
Anonymous reads of these routes are served from a per-process cache that every change
to public data invalidates (`heldigital.platform.public_cache`, docs/operations.md).
""",
    )


if __name__ == "__main__":
    main()
