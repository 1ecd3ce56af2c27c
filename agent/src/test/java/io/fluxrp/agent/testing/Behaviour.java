package io.fluxrp.agent.testing;

import java.util.List;

/**
 * What the fake Flux controllers do with an object (see {@link FakeFlux#behave}).
 *
 * @param outcome the result each reconciliation reports
 * @param children what a Kustomization applies when it applies (ignored for sources)
 * @param finalizerStuck whether deleting the object never completes: the finalizer stays
 */
public record Behaviour(Outcome outcome, List<Child> children, boolean finalizerStuck) {

  /** Reconciliation results, each reported with Flux's conditions, reasons and messages. */
  public enum Outcome {
    /** Sources store an artifact; Kustomizations apply it (Ready=True). */
    READY,
    /** Sources only: Ready=False, reason AuthenticationFailed. */
    AUTHENTICATION_FAILED,
    /** Kustomizations only: Ready=False, reason BuildFailed. */
    BUILD_FAILED,
    /** Kustomizations only: children applied, then Ready=False, reason HealthCheckFailed. */
    HEALTH_CHECK_FAILED,
    /** Stalled=True and Ready=False: no retry without a spec change. */
    STALLED,
    /** Ready=Unknown and Reconciling=True, for as long as the behaviour lasts. */
    PROGRESSING
  }

  public Behaviour {
    children = List.copyOf(children);
  }

  public static Behaviour ready() {
    return of(Outcome.READY);
  }

  public static Behaviour authenticationFailed() {
    return of(Outcome.AUTHENTICATION_FAILED);
  }

  public static Behaviour buildFailed() {
    return of(Outcome.BUILD_FAILED);
  }

  public static Behaviour healthCheckFailed() {
    return of(Outcome.HEALTH_CHECK_FAILED);
  }

  public static Behaviour stalled() {
    return of(Outcome.STALLED);
  }

  public static Behaviour progressing() {
    return of(Outcome.PROGRESSING);
  }

  public static Behaviour of(Outcome outcome) {
    return new Behaviour(outcome, List.of(), false);
  }

  /** The same outcome; a Kustomization applies {@code children} and lists them in its inventory. */
  public Behaviour withChildren(Child... children) {
    return new Behaviour(outcome, List.of(children), finalizerStuck);
  }

  /** The same behaviour, except that deleting the object never completes. */
  public Behaviour withStuckFinalizer() {
    return new Behaviour(outcome, children, true);
  }
}
