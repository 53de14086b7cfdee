"""Supply-chain collaboration (issue 13, "Performance"): both benchmarks of the issue in one run.

    .venv/bin/python bench/supplychain.py [--only sharing|routes]

1. bench/supplychain_sharing.py: a stock movement -> the partner's shared view updated with a real Celery
   worker (median, p95, max; a burst), and the queries a movement costs with 10 partners sharing the item
   against none (constant).
2. bench/supplychain_routes.py: 100 stops, 5 vehicles with time windows solved within 10 s, its distance
   against the naive order, a nearest-neighbour baseline and the best solution found with a 60 s limit.

Each runs in its own process (the sharing bench sets up Django and a scratch database; the routes bench is
pure computation); their own options are documented in each file.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PARTS = {"sharing": HERE / "supplychain_sharing.py", "routes": HERE / "supplychain_routes.py"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--only", choices=sorted(PARTS))
    args = parser.parse_args()
    failed = 0
    for name, script in PARTS.items():
        if args.only and name != args.only:
            continue
        print(f"== supply chain: {name} ({script.name})", flush=True)
        failed |= subprocess.run([sys.executable, str(script)], check=False).returncode  # noqa: S603 (our own scripts)
    return failed


if __name__ == "__main__":
    sys.exit(main())
