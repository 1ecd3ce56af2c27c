package io.fluxrp.server.store;

/**
 * The database cannot be reached or refused the connection; requests answer 503 with Retry-After.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
