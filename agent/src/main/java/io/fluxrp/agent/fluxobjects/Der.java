package io.fluxrp.agent.fluxobjects;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One DER element: its tag and content bytes. Reading malformed input throws {@link
 * IllegalArgumentException}.
 */
record Der(int tag, byte[] content) {
  static final int INTEGER = 0x02;
  static final int BIT_STRING = 0x03;
  static final int OCTET_STRING = 0x04;
  static final int OID = 0x06;
  static final int SEQUENCE = 0x30;
  static final int CONTEXT_0 = 0xA0;
  static final int CONTEXT_1 = 0xA1;

  /** The single element that {@code data} consists of. */
  static Der parse(byte[] data) {
    List<Der> elements = readAll(data);
    if (elements.size() != 1) {
      throw new IllegalArgumentException("expected one DER element");
    }
    return elements.get(0);
  }

  /** The elements inside this constructed element. */
  List<Der> children() {
    return readAll(content);
  }

  Der expect(int expectedTag) {
    if (tag != expectedTag) {
      throw new IllegalArgumentException("unexpected DER tag");
    }
    return this;
  }

  BigInteger integer() {
    return new BigInteger(expect(INTEGER).content);
  }

  /** The bits of a BIT STRING without unused trailing bits (the only form keys use). */
  byte[] bitString() {
    expect(BIT_STRING);
    if (content.length == 0 || content[0] != 0) {
      throw new IllegalArgumentException("unsupported BIT STRING");
    }
    return Arrays.copyOfRange(content, 1, content.length);
  }

  private static List<Der> readAll(byte[] data) {
    List<Der> elements = new ArrayList<>();
    int at = 0;
    while (at < data.length) {
      if (at + 2 > data.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      int tag = data[at] & 0xff;
      int first = data[at + 1] & 0xff;
      int start = at + 2;
      int length = first;
      if (first >= 0x80) {
        int count = first & 0x7f;
        if (count == 0 || count > 3 || start + count > data.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (data[start + i] & 0xff);
        }
        start += count;
      }
      if (start + length > data.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      elements.add(new Der(tag, Arrays.copyOfRange(data, start, start + length)));
      at = start + length;
    }
    return elements;
  }
}
