package dev.cicd.http.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram with one label (repository), cumulative since start. The number of label
 * values is capped; further values are counted under {@code other}.
 */
public final class Histogram {
  static final int MAX_LABEL_VALUES = 500;

  private final double[] bounds;
  private final Map<String, Series> series = new ConcurrentHashMap<>();

  /** Counts of one label value. */
  static final class Series {
    final LongAdder[] buckets;
    final LongAdder count = new LongAdder();
    final DoubleAdder sum = new DoubleAdder();

    Series(int size) {
      buckets = new LongAdder[size];
      for (int i = 0; i < size; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  public Histogram(double... bounds) {
    this.bounds = bounds.clone();
  }

  public void observe(String label, double value) {
    String key = series.containsKey(label) || series.size() < MAX_LABEL_VALUES ? label : "other";
    Series s = series.computeIfAbsent(key, k -> new Series(bounds.length));
    for (int i = 0; i < bounds.length; i++) {
      if (value <= bounds[i]) {
        s.buckets[i].increment();
      }
    }
    s.count.increment();
    s.sum.add(value);
  }

  /** Writes the {@code _bucket}, {@code _sum} and {@code _count} lines. */
  public void write(PrometheusText out, String name, String labelName) {
    Map<String, Series> sorted = new TreeMap<>(series);
    sorted.forEach((label, s) -> {
      for (int i = 0; i < bounds.length; i++) {
        out.sample(name + "_bucket", s.buckets[i].sum(), labelName, label, "le", PrometheusText.number(bounds[i]));
      }
      out.sample(name + "_bucket", s.count.sum(), labelName, label, "le", "+Inf");
      out.sample(name + "_sum", s.sum.sum(), labelName, label);
      out.sample(name + "_count", s.count.sum(), labelName, label);
    });
  }
}
