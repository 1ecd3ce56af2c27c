package io.fluxrp.cli;

/** A failure whose message is all the user needs to see (printed as one line, exit code 1). */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CliException(String message) {
    super(message, null, false, false);
  }

  CliException(String message, Throwable cause) {
    super(message, cause, false, false);
  }
}
