package io.fluxrp.server.fluxconfig;

import io.fluxrp.model.arm.ArmErrorCode;
import io.fluxrp.model.arm.ArmException;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code If-Match} / {@code If-None-Match} of a write, checked against the resource's current ETag
 * (null when the resource does not exist). Weak and strong forms compare equal.
 */
public record Preconditions(Optional<String> ifMatch, Optional<String> ifNoneMatch) {

  public static String etagOf(long seq) {
    return "\"" + seq + "\"";
  }

  public void check(String currentEtag) {
    ifMatch.ifPresent(
        header -> {
          if (currentEtag == null || !(header.trim().equals("*") || listed(header, currentEtag))) {
            throw failed("If-Match", header, currentEtag);
          }
        });
    ifNoneMatch.ifPresent(
        header -> {
          if (currentEtag != null && (header.trim().equals("*") || listed(header, currentEtag))) {
            throw failed("If-None-Match", header, currentEtag);
          }
        });
  }

  private static boolean listed(String header, String etag) {
    String wanted = strip(etag);
    return Arrays.stream(header.split(",")).map(Preconditions::strip).anyMatch(wanted::equals);
  }

  private static String strip(String etag) {
    String e = etag.trim();
    return e.startsWith("W/") ? e.substring(2) : e;
  }

  private static ArmException failed(String header, String value, String current) {
    String state =
        current == null ? "the resource does not exist" : "its current ETag is " + current;
    return new ArmException(
        ArmErrorCode.PRECONDITION_FAILED,
        "The condition " + header + ": " + value + " is not met: " + state + ".");
  }
}
