package io.fluxrp.server.secrets;

/**
 * Secrets at rest cannot be opened (unknown key, altered value, unknown format). The message names
 * the configuration and the key id, never a value or key material: it answers 500 and is logged.
 */
public final class SecretsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SecretsException(String message, Throwable cause) {
    super(message, cause);
  }
}
