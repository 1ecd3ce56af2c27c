package io.fluxrp.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.fluxrp.server.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The contract of {@link WorkLeases}: one holder at a time, renewal, expiry, takeover. */
abstract class AbstractWorkLeasesContractTest extends AbstractStoreContractTest {
  private static final Duration TTL = Duration.ofSeconds(15);

  private final MutableClock clock = MutableClock.startingNow();

  private WorkLeases instance(String name) {
    return new WorkLeases(db, name, clock);
  }

  @Test
  void theFirstToAskHoldsTheLeaseAndRenewsItWhileOthersAreRefused() {
    WorkLeases a = instance("a");
    WorkLeases b = instance("b");

    assertThat(a.tryAcquire("work", TTL)).isTrue();
    assertThat(b.tryAcquire("work", TTL)).isFalse();
    clock.advance(Duration.ofSeconds(10));
    assertThat(a.tryAcquire("work", TTL)).as("renewed until now + TTL").isTrue();
    clock.advance(Duration.ofSeconds(10));
    assertThat(b.tryAcquire("work", TTL)).as("20 s after the first take").isFalse();
  }

  @Test
  void anExpiredLeaseIsTakenOverAndItsFormerOwnerIsRefused() {
    WorkLeases a = instance("a");
    WorkLeases b = instance("b");
    assertThat(a.tryAcquire("work", TTL)).isTrue();

    clock.advance(TTL);

    assertThat(b.tryAcquire("work", TTL)).isTrue();
    assertThat(a.tryAcquire("work", TTL)).isFalse();
  }

  @Test
  void aReleasedLeaseIsFreeAtOnceAndLeasesOfOtherNamesAreIndependent() {
    WorkLeases a = instance("a");
    WorkLeases b = instance("b");
    assertThat(a.tryAcquire("work", TTL)).isTrue();
    assertThat(b.tryAcquire("other", TTL)).isTrue();

    b.release("work"); // not b's: changes nothing
    assertThat(b.tryAcquire("work", TTL)).isFalse();
    a.release("work");

    assertThat(b.tryAcquire("work", TTL)).isTrue();
    assertThat(a.tryAcquire("other", TTL)).isFalse();
  }

  @Test
  void ofManyInstancesAskingAtOnceExactlyOneGetsTheLease() throws Exception {
    int n = 8;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Boolean>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        WorkLeases leases = instance("i" + i);
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return leases.tryAcquire("work", TTL);
                }));
      }
      start.countDown();
      int holders = 0;
      for (Future<Boolean> answer : answers) {
        holders += answer.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(holders).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }
}
