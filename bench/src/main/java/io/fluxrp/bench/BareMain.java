package io.fluxrp.bench;

/** The start-up ceiling: a bare Helidon server answering {@code /healthz} on the given port. */
public final class BareMain {
  private BareMain() {}

  public static void main(String[] args) throws InterruptedException {
    BareRoutes.start(Integer.parseInt(args[0]), new byte[0], null);
    Thread.currentThread().join();
  }
}
