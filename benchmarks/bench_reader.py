"""Benchmark: full OR + DBM analysis (AUC and wAFROC) of a simulated 18-reader x 2-arm x 320-case study.

Prints the seconds of each part and, as the last line, a JSON object with at least ``seconds``.
"""

from __future__ import annotations

import json
import time

from cxr_reader_study.stats.analyze import analyze
from cxr_reader_study.stats.simulate import simulate_froc, simulate_roc


def main() -> None:
    roc = simulate_roc(n_readers=18, n_modalities=2, n_normal=160, n_abnormal=160, seed=1)
    froc = simulate_froc(n_readers=18, n_modalities=2, n_normal=160, n_abnormal=160, seed=1)
    analyze(roc, "auc")  # warm imports and scipy's distribution objects outside the timing
    timings = {}
    for name, dataset, fom in (("auc", roc, "auc"), ("wafroc", froc, "wafroc")):
        best = float("inf")
        for _ in range(5):
            start = time.perf_counter()
            result = analyze(dataset, fom)
            best = min(best, time.perf_counter() - start)
        timings[name] = best
        print(f"{name}: {best:.4f} s (OR + DBM, F_RRRC = {result.or_tests['rrrc'].f:.3f})")
    total = sum(timings.values())
    print(f"total: {total:.4f} s")
    print(json.dumps({"seconds": total, "auc_seconds": timings["auc"], "wafroc_seconds": timings["wafroc"],
                      "readers": 18, "modalities": 2, "cases": 320}))


if __name__ == "__main__":
    main()
