package io.fluxrp.model.fluxconfig;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * SSH keys in every format the validator accepts or refuses, generated at test time so that no
 * private key is checked in. All values are returned base64-encoded, as clients send them.
 */
final class TestKeys {
  private TestKeys() {}

  static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /** RSA keys take a while to generate: one for every RSA format. */
  private static KeyPair rsa;

  static synchronized KeyPair generate(String algorithm, String curve) {
    if (algorithm.equals("RSA")) {
      if (rsa == null) {
        rsa = newKeyPair(algorithm, curve);
      }
      return rsa;
    }
    return newKeyPair(algorithm, curve);
  }

  private static KeyPair newKeyPair(String algorithm, String curve) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      if (curve != null) {
        generator.initialize(new ECGenParameterSpec(curve));
      } else if (algorithm.equals("RSA")) {
        generator.initialize(2048);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PKCS#8 {@code PRIVATE KEY} PEM of a freshly generated key. */
  static String pkcs8(String algorithm, String curve) {
    return pem("PRIVATE KEY", generate(algorithm, curve).getPrivate().getEncoded());
  }

  /** PKCS#1 {@code RSA PRIVATE KEY}: the key inside the PKCS#8 structure. */
  static String pkcs1Rsa() {
    byte[] pkcs8 = generate("RSA", null).getPrivate().getEncoded();
    return pem("RSA PRIVATE KEY", innerOctetString(pkcs8));
  }

  /** SEC 1 {@code EC PRIVATE KEY} on P-256 with the named curve in {@code [0]}. */
  static String sec1Ec() {
    ECPrivateKey key = (ECPrivateKey) generate("EC", "secp256r1").getPrivate();
    byte[] s = key.getS().toByteArray();
    byte[] scalar = new byte[32];
    int copy = Math.min(32, s.length);
    System.arraycopy(s, s.length - copy, scalar, 32 - copy, copy);
    byte[] curve = HexFormat.of().parseHex("06082a8648ce3d030107");
    byte[] sec1 =
        tlv(0x30, concat(new byte[] {0x02, 0x01, 0x01}, tlv(0x04, scalar), tlv(0xA0, curve)));
    return pem("EC PRIVATE KEY", sec1);
  }

  /** An unencrypted key in ssh-keygen's default format ({@code openssh-key-v1}). */
  static String openSshEd25519() {
    return openSsh("none", "none", new byte[0], true);
  }

  /** A passphrase-protected key in ssh-keygen's default format. */
  static String openSshEncrypted() {
    return openSsh("aes256-ctr", "bcrypt", new byte[] {0, 0, 0, 16, 1, 2, 3, 4}, true);
  }

  /** An {@code openssh-key-v1} key whose two check values differ. */
  static String openSshCorrupted() {
    return openSsh("none", "none", new byte[0], false);
  }

  private static String openSsh(String cipher, String kdf, byte[] kdfOptions, boolean intact) {
    byte[] publicKey = new byte[32];
    Arrays.fill(publicKey, (byte) 7);
    byte[] publicBlob = concat(string("ssh-ed25519"), string(publicKey));
    byte[] secretKey = new byte[64];
    Arrays.fill(secretKey, (byte) 9);
    ByteArrayOutputStream secret = new ByteArrayOutputStream();
    secret.writeBytes(uint32(0x01020304));
    secret.writeBytes(uint32(intact ? 0x01020304 : 0x05060708));
    secret.writeBytes(string("ssh-ed25519"));
    secret.writeBytes(string(publicKey));
    secret.writeBytes(string(secretKey));
    secret.writeBytes(string("test@fluxrp"));
    for (int pad = 1; secret.size() % 8 != 0; pad++) {
      secret.write(pad);
    }
    byte[] body =
        concat(
            "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII),
            string(cipher),
            string(kdf),
            string(kdfOptions),
            uint32(1),
            string(publicBlob),
            string(secret.toByteArray()));
    return pem("OPENSSH PRIVATE KEY", body);
  }

  /** An SSH public-key blob of the given type, base64 as in known_hosts. */
  static String publicKeyBlob(String type) {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 3);
    return b64(concat(string(type), string(key)));
  }

  static byte[] string(String s) {
    return string(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static byte[] string(byte[] bytes) {
    return concat(uint32(bytes.length), bytes);
  }

  static byte[] uint32(int value) {
    return new byte[] {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (content.length < 0x80) {
      out.write(content.length);
    } else if (content.length < 0x100) {
      out.write(0x81);
      out.write(content.length);
    } else {
      out.write(0x82);
      out.write(content.length >> 8);
      out.write(content.length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** The OCTET STRING (the wrapped key) of a PKCS#8 PrivateKeyInfo. */
  private static byte[] innerOctetString(byte[] der) {
    int at = headerLength(der, 0); // into the outer SEQUENCE
    at = skip(der, at); // version
    at = skip(der, at); // algorithm
    int start = at + headerLength(der, at);
    return Arrays.copyOfRange(der, start, start + length(der, at));
  }

  private static int skip(byte[] der, int at) {
    return at + headerLength(der, at) + length(der, at);
  }

  private static int headerLength(byte[] der, int at) {
    int first = der[at + 1] & 0xff;
    return first < 0x80 ? 2 : 2 + (first & 0x7f);
  }

  private static int length(byte[] der, int at) {
    int first = der[at + 1] & 0xff;
    if (first < 0x80) {
      return first;
    }
    int length = 0;
    for (int i = 0; i < (first & 0x7f); i++) {
      length = (length << 8) | (der[at + 2 + i] & 0xff);
    }
    return length;
  }
}
