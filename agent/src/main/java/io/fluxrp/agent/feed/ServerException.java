package io.fluxrp.agent.feed;

/**
 * The fluxrp server answered with an error (or could not be reached: status 0).
 *
 * @param status the HTTP status, 0 when no answer came
 */
public final class ServerException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  public ServerException(int status, String message, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** Worth trying again later: no answer, 408, 429 or 5xx. */
  public boolean transientFailure() {
    return status == 0 || status == 408 || status == 429 || status >= 500;
  }
}
