package io.fluxrp.agent.sync;

import java.time.Duration;

/**
 * What the work loop does with a configuration after one pass.
 *
 * @param retryAfter look at it again after this long (null: only when something changes)
 */
record ReconcileResult(Duration retryAfter) {
  static final ReconcileResult DONE = new ReconcileResult(null);

  static ReconcileResult retryAfter(Duration delay) {
    return new ReconcileResult(delay);
  }
}
