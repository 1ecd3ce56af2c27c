package io.fluxrp.bench;

import io.fluxrp.agent.testing.TestKubernetes;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When the test API server first received a request ({@code METHOD path}, query left out), for the
 * paths {@code interesting} accepts: System.nanoTime taken as the request arrives, before it is
 * handled. TestKubernetes has no request listener; a fault rule that never fires is shown every
 * request as it arrives, which is used here.
 */
final class RequestTimes {
  private final Map<String, Long> first = new ConcurrentHashMap<>();

  private RequestTimes() {}

  static RequestTimes observe(TestKubernetes kube, Predicate<String> interesting) {
    RequestTimes times = new RequestTimes();
    kube.fail(
        request -> {
          long now = System.nanoTime();
          String path = request.path();
          int query = path.indexOf('?');
          String bare = query < 0 ? path : path.substring(0, query);
          if (interesting.test(bare)) {
            times.first.putIfAbsent(request.method() + " " + bare, now);
          }
          return false;
        },
        0,
        500,
        "NeverUsed",
        "never sent");
    return times;
  }

  OptionalLong first(String method, String path) {
    Long nanos = first.get(method + " " + path);
    return nanos == null ? OptionalLong.empty() : OptionalLong.of(nanos);
  }
}
