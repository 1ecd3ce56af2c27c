package io.fluxrp.model.fluxconfig;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the SSH wire encoding (RFC 4251 §5): uint32 and length-prefixed strings. Reading past the
 * end throws {@link IllegalArgumentException}.
 */
public final class SshReader {
  private final byte[] data;
  private int at;

  public SshReader(byte[] data) {
    this.data = data;
  }

  public long uint32() {
    if (at + 4 > data.length) {
      throw new IllegalArgumentException("truncated");
    }
    long value =
        ((long) (data[at] & 0xff) << 24)
            | ((data[at + 1] & 0xff) << 16)
            | ((data[at + 2] & 0xff) << 8)
            | (data[at + 3] & 0xff);
    at += 4;
    return value;
  }

  public byte[] bytes() {
    long length = uint32();
    if (length > data.length - at) {
      throw new IllegalArgumentException("truncated");
    }
    byte[] value = Arrays.copyOfRange(data, at, at + (int) length);
    at += (int) length;
    return value;
  }

  public String string() {
    return new String(bytes(), StandardCharsets.ISO_8859_1);
  }
}
