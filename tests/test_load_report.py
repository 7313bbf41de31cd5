"""The load benchmark's report (benchmarks/load.py): percentiles and ratios from hand-made samples."""

import math

from benchmarks.load import Sample, percentile, server_times, summarise


def test_nearest_rank_percentiles():
    values = [float(n) for n in range(100, 0, -1)]  # 1..100 ms, in no particular order
    assert (percentile(values, 50), percentile(values, 95), percentile(values, 99)) == (50, 95, 99)
    assert percentile([7.0], 99) == 7
    assert percentile([1.0, 2.0, 3.0], 50) == 2  # rank ceil(1.5) = 2
    assert math.isnan(percentile([], 50))


def test_level_report_from_a_hand_made_sample():
    samples = [
        Sample("list", 10, False),
        Sample("list", 40, False),
        Sample("list", 20, False),
        Sample("list", 30, True, "status 500"),
        Sample("mine", 100, False),
        Sample("account", 5, False),  # the reference page: not in the mix's percentiles
    ]
    log = [
        "GET /portfolio/ 200 20000",
        "GET /portfolio/ 200 30000",
        "GET /benefits/mine/ 200 100000",
        "GET /accounts/me/ 200 4000",
        "GET /accounts/me/ 200 6000",
        "GET /health/ 200 1000",  # not a page of the benchmark
    ]
    report = summarise(25, 2.0, samples, server_times(log))
    assert (report.requests, report.errors, report.throughput) == (6, 1, 3.0)
    # The mix is 10, 20, 30, 40, 100: ranks ceil(2.5) = 3, ceil(4.75) = 5, ceil(4.95) = 5.
    assert (report.p50, report.p95, report.p99) == (30, 100, 100)
    assert report.pages["list"] == (4, 20, 40, 40)
    assert report.server_ms == {"list": 25.0, "mine": 100.0, "account": 5.0}
    # Mix server time: pages weighted equally, (25 + 100) / 2 = 62.5 ms; 62.5 / 5 = 12.5×.
    assert report.mix_server_ms == 62.5
    assert report.ratio == 12.5
    assert report.error_kinds == {"status 500": 1}
