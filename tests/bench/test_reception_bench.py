"""The reception benchmark's pure helpers (bench/reception.py): its figures are only as good as these.
The benchmark itself needs gunicorn and PostgreSQL and is never run as a test."""

import math

import pytest

from bench import reception


def test_a_window_with_a_single_request_still_has_percentiles():
    # statistics.quantiles needs two points: one slow request in a short window made the run crash.
    figures = reception.summarise([0.020], seconds=2.0)
    assert (figures["requests"], figures["p50"], figures["p99"]) == (1, 20.0, 20.0)


def test_a_window_without_any_request_reports_zero_throughput_and_no_latency():
    figures = reception.summarise([], seconds=2.0)
    assert figures["throughput"] == 0 and math.isnan(figures["p99"])


def test_percentiles_interpolate_between_samples_as_statistics_inclusive_does():
    assert reception.percentile([0.001, 0.002, 0.003, 0.004], 0.5) == pytest.approx(0.0025)


def test_the_spread_of_a_figure_is_its_median_and_range_across_windows():
    assert reception.spread([120.0, 100.0, 150.0, 110.0]) == (115.0, 100.0, 150.0)


def test_the_spread_of_nothing_is_none():
    assert reception.spread([]) is None


def test_a_single_window_has_no_width():
    assert reception.spread([42.0]) == (42.0, 42.0, 42.0)


def test_ratios_pair_the_windows_of_one_round_and_skip_a_round_missing_either_side():
    assert reception.paired_ratios({0: 50.0, 1: 60.0, 2: 10.0}, {0: 100.0, 1: 200.0}) == [0.5, 0.3]


def test_a_ratio_against_an_empty_window_is_left_out_not_divided_by_zero():
    assert reception.paired_ratios({0: 50.0}, {0: 0.0}) == []


def test_variants_are_read_from_the_command_line():
    assert reception.parse_variant("shipped") == reception.Variant("shipped", None, None, None)
    assert reception.parse_variant("sync:3") == reception.Variant("sync:3", "sync", 3, 1)
    assert reception.parse_variant("gthread:5x4") == reception.Variant("gthread:5x4", "gthread", 5, 4)


@pytest.mark.parametrize("text", ["sync", "gthread:x", "eventlet:2", "sync:0", "gthread:2x0"])
def test_a_malformed_variant_is_refused(text):
    with pytest.raises(ValueError):
        reception.parse_variant(text)


def test_every_round_measures_every_variant_phase_and_client_count_once():
    windows = reception.schedule(variants=["a", "b"], phases=["floor", "check_in"], clients=[8, 4], rounds=3)
    assert sorted(windows) == sorted(
        (r, c, p, v) for r in range(3) for c in (8, 4) for p in ("floor", "check_in") for v in ("a", "b")
    )


def test_windows_are_interleaved_round_after_round_not_one_variant_after_another():
    windows = reception.schedule(variants=["a", "b"], phases=["floor"], clients=[8], rounds=3)
    assert [w[0] for w in windows] == [0, 0, 1, 1, 2, 2]


def test_the_order_of_the_variants_rotates_from_round_to_round():
    # Always measuring "a" first would hand it whatever the machine does at the start of each round.
    windows = reception.schedule(variants=["a", "b", "c"], phases=["floor"], clients=[8], rounds=3)
    assert [w[3] for w in windows] == ["a", "b", "c", "b", "c", "a", "c", "a", "b"]
