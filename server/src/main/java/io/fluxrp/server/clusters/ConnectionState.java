package io.fluxrp.server.clusters;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a cluster is connected, as the admin API shows it. */
public enum ConnectionState {
  /** The server's built-in stand-in: always there while the server runs. */
  EMULATED("Emulated"),
  /** An agent cluster that has never reported. */
  NEVER_CONNECTED("NeverConnected"),
  /** An agent cluster that reported within the staleness limit. */
  CONNECTED("Connected"),
  /** An agent cluster whose last report is older than the staleness limit. */
  DISCONNECTED("Disconnected");

  private final String wire;

  ConnectionState(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }
}
