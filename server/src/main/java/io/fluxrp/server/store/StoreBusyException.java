package io.fluxrp.server.store;

/**
 * Every pooled connection stayed in use for as long as a request may wait for one, while the
 * database itself answers: too much work in progress, not an outage. Requests answer 503 with
 * Retry-After, saying so.
 */
public final class StoreBusyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
