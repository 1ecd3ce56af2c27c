package io.fluxrp.bench;

import io.fluxrp.agent.testing.FakeFlux;
import io.fluxrp.agent.testing.TestKubernetes;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the requests the test API server receives from everyone but fake Flux, watches left out
 * (the same hook as {@link RequestTimes}).
 */
final class RequestCounter {
  private final AtomicLong count = new AtomicLong();

  private RequestCounter() {}

  static RequestCounter observe(TestKubernetes kube) {
    RequestCounter counter = new RequestCounter();
    kube.fail(
        request -> {
          if (!FakeFlux.USER_AGENT.equals(request.userAgent())
              && !request.path().contains("watch=true")) {
            counter.count.incrementAndGet();
          }
          return false;
        },
        0,
        500,
        "NeverUsed",
        "never sent");
    return counter;
  }

  long count() {
    return count.get();
  }
}
