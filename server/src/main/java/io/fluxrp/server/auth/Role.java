package io.fluxrp.server.auth;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The built-in roles, each including the one before it. */
public enum Role {
  /** GET, LIST, operation status. */
  READER("Reader"),
  /** Also PUT, PATCH, DELETE. */
  CONTRIBUTOR("Contributor"),
  /** Also role assignments and cluster registration. */
  OWNER("Owner");

  private final String wire;

  Role(String wire) {
    this.wire = wire;
  }

  @JsonValue
  public String wire() {
    return wire;
  }

  public boolean allows(Action action) {
    return switch (action) {
      case READ -> true;
      case WRITE -> this != READER;
      case MANAGE -> this == OWNER;
    };
  }

  /** Case-insensitive; {@link IllegalArgumentException} for anything else. */
  @JsonCreator
  public static Role fromWire(String value) {
    for (Role role : values()) {
      if (role.wire.equalsIgnoreCase(value == null ? "" : value.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException(
        "unknown role '" + value + "': use Reader, Contributor or Owner");
  }
}
