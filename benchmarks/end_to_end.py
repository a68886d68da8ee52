"""(b) of benchmarks/bench.py in a process of its own, for whichever eventcoder is on ``sys.path``: read the
corpus, code it (parse included) and write its records as JSON Lines to /dev/null, ``--repeat`` times; prints
one line per run, "seconds events". bench.py runs it for this tree and for a baseline commit in turn.

Written against the API that every version since the batch groups of issue 6 has (``read_paths``,
``get_coder().code_groups``, ``RecordWriter``), so that an older commit can be measured with it.

    PYTHONPATH=/path/to/tree/src python benchmarks/end_to_end.py CORPUS.jsonl [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import time


def run(corpus: str) -> tuple[float, int]:
    """Seconds and events of one end-to-end run (the coder already loaded)."""
    from eventcoder.ingest import read_paths
    from eventcoder.output import RecordWriter
    from eventcoder.pipeline import get_coder

    coder = get_coder()
    start = time.perf_counter()
    with open(os.devnull, "w", encoding="utf-8") as sink:
        writer = RecordWriter("jsonl", sink)
        for results in coder.code_groups(read_paths([corpus])):
            for result in results:
                if hasattr(result, "records"):
                    writer.write(result.records)
        writer.close()
    return time.perf_counter() - start, writer.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    from eventcoder.pipeline import get_coder

    get_coder().code_article  # noqa: B018 - load the model and the knowledge before timing
    for _ in range(args.repeat):
        seconds, events = run(args.corpus)
        print(f"{seconds:.3f} {events}", flush=True)


if __name__ == "__main__":
    main()
