package io.fluxrp.agent.fluxobjects;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Writes the SSH wire encoding (RFC 4251 §5) of public key blobs. */
final class SshWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  SshWriter string(byte[] value) {
    int n = value.length;
    out.write(n >>> 24);
    out.write(n >>> 16);
    out.write(n >>> 8);
    out.write(n);
    out.writeBytes(value);
    return this;
  }

  SshWriter string(String value) {
    return string(value.getBytes(StandardCharsets.US_ASCII));
  }

  /** A non-negative multiple-precision integer: two's complement, minimal length. */
  SshWriter mpint(BigInteger value) {
    return string(value.signum() == 0 ? new byte[0] : value.toByteArray());
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
