package io.fluxrp.model.fluxconfig;

import java.io.ByteArrayOutputStream;

/**
 * One DER element: tag, where it starts, where its content starts and how long that is. Reading a
 * malformed element throws {@link IllegalArgumentException}.
 */
record DerElement(int tag, int start, int contentStart, int length) {
  int end() {
    return contentStart + length;
  }

  DerElement expect(int expectedTag) {
    if (tag != expectedTag) {
      throw new IllegalArgumentException("unexpected DER tag");
    }
    return this;
  }

  static DerElement read(byte[] data, int at) {
    if (at + 2 > data.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    int tag = data[at] & 0xff;
    int first = data[at + 1] & 0xff;
    int length;
    int contentStart;
    if (first < 0x80) {
      length = first;
      contentStart = at + 2;
    } else {
      int count = first & 0x7f;
      if (count == 0 || count > 3 || at + 2 + count > data.length) {
        throw new IllegalArgumentException("bad DER length");
      }
      length = 0;
      for (int i = 0; i < count; i++) {
        length = (length << 8) | (data[at + 2 + i] & 0xff);
      }
      contentStart = at + 2 + count;
    }
    if (contentStart + length > data.length) {
      throw new IllegalArgumentException("truncated DER");
    }
    return new DerElement(tag, at, contentStart, length);
  }

  /** The encoding of an element: tag, length and content. */
  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else if (n < 0x10000) {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x83);
      out.write(n >> 16);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }
}
