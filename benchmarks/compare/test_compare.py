"""Tests of compare.py's arithmetic and rules (standard library only; no torch needed).

    python3 -m unittest discover -s benchmarks/compare -p 'test_*.py' -v
"""
import os
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BENCHMARKS_DLL = os.path.join(HERE, "..", "MiniGrad.Benchmarks", "bin", "Release", "net10.0", "MiniGrad.Benchmarks.dll")


class GemmFlopsTests(unittest.TestCase):
    def test_mlp_step_counts_forward_backward_and_skips_the_first_input_gradient(self):
        b = 128
        forward = 2 * b * 784 * 256 + 2 * b * 256 * 256 + 2 * b * 256 * 10
        first_input_gradient = 2 * b * 784 * 256
        self.assertEqual(compare.gemm_flops([784, 256, 256, 10], b), 3 * forward - first_input_gradient)

    def test_one_layer_is_forward_plus_weight_gradient(self):
        self.assertEqual(compare.gemm_flops([3, 5], 7), 2 * (2 * 7 * 3 * 5))

    def test_gemm_bound_is_batch_128_or_width_512(self):
        self.assertTrue(compare.gemm_bound("mlp"))
        self.assertTrue(compare.gemm_bound("mlp-b1024"))
        self.assertTrue(compare.gemm_bound("mlp-w1024"))
        self.assertFalse(compare.gemm_bound("mlp-b10"))
        self.assertFalse(compare.gemm_bound("tutorial003"))
        self.assertFalse(compare.gemm_bound("digits"))

    def test_percent_of_peak_scales_the_peak_by_the_thread_count(self):
        flops = compare.gemm_flops([784, 256, 256, 10], 128)
        us = flops / 1e3 / 100  # exactly 100 GFLOP/s
        self.assertAlmostEqual(compare.percent_peak("mlp", 1, us, (200.0, 100.0)), 50.0)
        self.assertAlmostEqual(compare.percent_peak("mlp", 2, us, (200.0, 100.0)), 25.0)


class RulesTests(unittest.TestCase):
    def test_combine_takes_the_best_of_bests_and_median_of_medians(self):
        rounds = [{"k": (10.0, 30.0, 3.0, True)}, {"k": (12.0, 14.0, 4.5, False)}, {"k": (11.0, 20.0, 3.1, True)}]
        self.assertEqual(compare.combine(rounds)["k"], (10.0, 20.0, 4.5, False))

    def test_shortfall_says_met_or_by_how_much_it_missed(self):
        self.assertTrue(compare.shortfall(2.6, 2.5, "×").endswith("met"))
        self.assertIn("missed by 20 %", compare.shortfall(2.0, 2.5, "×"))

    def test_two_threads_slower_at_batch_1_is_a_missed_target(self):
        mg = {("mlp-b1", "plain", 1): (100.0, 100.0, 3, True), ("mlp-b1", "plain", 2): (120.0, 120.0, 3, True)}
        self.assertIn("no slowdown: missed (+20 %", compare.targets("mlp-b1", 2, mg, {}, None, None))
        mg[("mlp-b1", "plain", 2)] = (101.0, 101.0, 3, True)
        self.assertIn("no slowdown: met", compare.targets("mlp-b1", 2, mg, {}, None, None))

    def test_ratio_targets_are_judged_on_the_plain_loop(self):
        mg = {("mlp", "plain", 1): (1000.0, 1000.0, 3, True), ("mlp", "tuned", 1): (500.0, 500.0, 3, True)}
        pt = {("mlp", "plain", 1): (2000.0, 2000.0, 3, True)}
        text = compare.targets("mlp", 1, mg, pt, None, 50.0)
        self.assertIn("2.0× of ≥2.5×: missed", text)
        self.assertIn("plain/tuned 50.0 % of ≥90 %: missed", text)


class MeasureTests(unittest.TestCase):
    def test_warms_up_at_least_the_minimum_and_times_what_the_step_costs(self):
        started = time.perf_counter()
        best, median, warmup, _ = compare.measure(lambda: time.sleep(0.002), seconds=0.2, min_warmup=0.5)
        self.assertGreaterEqual(warmup, 0.5)
        self.assertGreaterEqual(time.perf_counter() - started, 0.7)
        self.assertGreaterEqual(best, 2000)  # sleep(2 ms) takes at least 2 ms
        self.assertLess(best, 20000)
        self.assertGreaterEqual(median, best)

    def test_warm_up_stops_at_its_cap_when_times_never_settle(self):
        calls = {"n": 0}

        def step():  # each window's mean doubles: never settles
            calls["n"] += 1
            time.sleep(0.0001 * calls["n"])

        _, _, warmup, settled = compare.measure(step, seconds=0.05, min_warmup=0.2)
        self.assertFalse(settled)
        self.assertLess(warmup, 2.0)  # capped at max(1.5 × 0.2, 0.2 + 1) = 1.2 s plus the last window


class ChildTests(unittest.TestCase):
    def test_torch_child_refuses_a_blas_thread_count_it_was_not_given(self):
        env = dict(os.environ, OPENBLAS_NUM_THREADS="4", OMP_NUM_THREADS="1")
        result = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--torch-child", "--threads", "1"],
                                capture_output=True, text=True, env=env)
        self.assertEqual(result.returncode, 2)
        self.assertIn("OPENBLAS_NUM_THREADS is '4'", result.stderr)

    def test_only_matching_no_job_is_a_usage_error(self):
        result = subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--only", "nosuchjob"],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("matches no job", result.stderr)

    def test_minigrad_compare_rejects_a_bad_job_spec_with_one_line(self):
        if not os.path.exists(BENCHMARKS_DLL):
            self.skipTest(f"skipped: {BENCHMARKS_DLL} is not built (dotnet build benchmarks/MiniGrad.Benchmarks -c Release)")
        result = subprocess.run(["dotnet", BENCHMARKS_DLL, "--compare", "--job", "x", "784/10"], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertEqual(len(result.stderr.strip().splitlines()), 1)
        self.assertIn("'784/10' is neither", result.stderr)

    def test_minigrad_compare_prints_both_styles_of_a_job(self):
        if not os.path.exists(BENCHMARKS_DLL):
            self.skipTest(f"skipped: {BENCHMARKS_DLL} is not built (dotnet build benchmarks/MiniGrad.Benchmarks -c Release)")
        out = subprocess.run(["dotnet", BENCHMARKS_DLL, "--compare", "--seconds", "0.05", "--warmup", "0",
                              "--job", "t", "4-3-1/2/2"], capture_output=True, text=True, check=True).stdout
        jobs, _, _, _ = compare.parse_records(out)
        self.assertEqual(sorted(jobs), [("t", "plain", 1), ("t", "tuned", 1)])
        for best, median, _, _ in jobs.values():
            self.assertGreater(best, 0)
            self.assertGreaterEqual(median, best)


if __name__ == "__main__":
    unittest.main()
