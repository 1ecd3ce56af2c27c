package io.fluxrp.server.store;

/** An unexpected database failure (a bug or a broken schema, not a client error): answers 500. */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
