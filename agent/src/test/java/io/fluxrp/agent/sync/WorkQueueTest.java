package io.fluxrp.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WorkQueueTest {
  private static final Duration NOW = Duration.ofMillis(1);

  @Test
  void aKeyWaitsOnceHoweverOftenItIsAdded() throws InterruptedException {
    try (WorkQueue queue = new WorkQueue()) {
      queue.add("a");
      queue.add("b");
      queue.add("a");
      assertThat(queue.size()).isEqualTo(2);
      assertThat(queue.take(NOW)).contains("a");
      assertThat(queue.take(NOW)).contains("b");
      assertThat(queue.take(NOW)).isEmpty();
    }
  }

  @Test
  void aKeyBeingWorkedOnIsNotHandedOutAgainUntilDone() throws InterruptedException {
    try (WorkQueue queue = new WorkQueue()) {
      queue.add("a");
      assertThat(queue.take(NOW)).contains("a");
      queue.add("a");
      queue.add("a");
      assertThat(queue.take(NOW)).as("a second worker must not get 'a' meanwhile").isEmpty();
      assertThat(queue.pending()).isEqualTo(1);
      queue.done("a");
      assertThat(queue.take(NOW)).as("added while worked on: queued once more").contains("a");
      queue.done("a");
      assertThat(queue.take(NOW)).isEmpty();
      assertThat(queue.pending()).isZero();
    }
  }

  @Test
  void delayedAddsArrive() throws InterruptedException {
    try (WorkQueue queue = new WorkQueue()) {
      queue.addAfter("late", Duration.ofMillis(20));
      assertThat(queue.take(Duration.ofSeconds(5))).contains("late");
    }
  }

  @Test
  void closingWakesWaitingWorkers() throws Exception {
    WorkQueue queue = new WorkQueue();
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Optional<String> taken = queue.take(Duration.ofMinutes(1));
                    assertThat(taken).isEmpty();
                  } catch (InterruptedException e) {
                    throw new AssertionError(e);
                  }
                });
    queue.close();
    waiter.join(Duration.ofSeconds(5));
    assertThat(waiter.isAlive()).isFalse();
    queue.add("after-close");
    assertThat(queue.size()).isZero();
  }
}
