package io.fluxrp.bench;

import java.util.List;

/** A sample of latencies (nanoseconds) and its percentiles (nearest rank), in milliseconds. */
record Latencies(long[] sorted) {

  static Latencies of(List<Long> nanos) {
    return new Latencies(nanos.stream().mapToLong(Long::longValue).sorted().toArray());
  }

  double millis(double percentile) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(percentile / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
  }

  String summary() {
    return String.format(
        "n=%d, median %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (min %.1f ms)",
        sorted.length, millis(50), millis(90), millis(99), millis(100), millis(0));
  }
}
