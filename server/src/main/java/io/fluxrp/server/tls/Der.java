package io.fluxrp.server.tls;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/** The few DER encodings a self-signed X.509 certificate needs. */
final class Der {
  private static final DateTimeFormatter GENERALIZED_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'");

  private Der() {}

  static byte[] sequence(byte[]... items) {
    return tagged(0x30, concat(items));
  }

  static byte[] set(byte[]... items) {
    return tagged(0x31, concat(items));
  }

  static byte[] integer(BigInteger value) {
    return tagged(0x02, value.toByteArray());
  }

  static byte[] oid(String dotted) {
    String[] parts = dotted.split("\\.");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Integer.parseInt(parts[0]) * 40 + Integer.parseInt(parts[1]));
    for (int i = 2; i < parts.length; i++) {
      long value = Long.parseLong(parts[i]);
      int groups = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 6) / 7);
      for (int g = groups - 1; g >= 0; g--) {
        int seven = (int) ((value >>> (7 * g)) & 0x7f);
        out.write(g == 0 ? seven : seven | 0x80);
      }
    }
    return tagged(0x06, out.toByteArray());
  }

  static byte[] nullValue() {
    return new byte[] {0x05, 0x00};
  }

  static byte[] utf8(String value) {
    return tagged(0x0c, value.getBytes(StandardCharsets.UTF_8));
  }

  /** GeneralizedTime: valid for every date, unlike UTCTime (RFC 5280 allows both). */
  static byte[] time(ZonedDateTime at) {
    String text = GENERALIZED_TIME.format(at.withZoneSameInstant(ZoneOffset.UTC));
    return tagged(0x18, text.getBytes(StandardCharsets.US_ASCII));
  }

  static byte[] bitString(byte[] bytes) {
    byte[] content = new byte[bytes.length + 1]; // no unused bits
    System.arraycopy(bytes, 0, content, 1, bytes.length);
    return tagged(0x03, content);
  }

  static byte[] octetString(byte[] bytes) {
    return tagged(0x04, bytes);
  }

  static byte[] booleanValue(boolean value) {
    return new byte[] {0x01, 0x01, (byte) (value ? 0xff : 0x00)};
  }

  /** A context-specific tag: constructed (EXPLICIT wrappers) or primitive (IMPLICIT values). */
  static byte[] context(int number, boolean constructed, byte[] content) {
    return tagged((constructed ? 0xa0 : 0x80) | number, content);
  }

  static byte[] tagged(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
