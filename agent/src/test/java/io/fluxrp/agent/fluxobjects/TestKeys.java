package io.fluxrp.agent.fluxobjects;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Key fixtures made with the JDK at test time, and encoders written apart from the production code
 * (PKCS#1 DER, the SSH wire format, PEM) so that the tests do not check the code against itself.
 */
final class TestKeys {
  /** One RSA key for the whole test run (2048 bits: enough for tests, quicker to make). */
  static final KeyPair RSA = rsa(2048);

  private TestKeys() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String pkcs8Pem(KeyPair pair) {
    return pem("PRIVATE KEY", pair.getPrivate().getEncoded());
  }

  /** The PKCS#1 {@code RSAPrivateKey} of the pair, as {@code RSA PRIVATE KEY} PEM. */
  static String pkcs1Pem(KeyPair pair) {
    RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
    ByteArrayOutputStream fields = new ByteArrayOutputStream();
    for (BigInteger value :
        new BigInteger[] {
          BigInteger.ZERO,
          k.getModulus(),
          k.getPublicExponent(),
          k.getPrivateExponent(),
          k.getPrimeP(),
          k.getPrimeQ(),
          k.getPrimeExponentP(),
          k.getPrimeExponentQ(),
          k.getCrtCoefficient()
        }) {
      fields.writeBytes(tlv(0x02, value.toByteArray()));
    }
    return pem("RSA PRIVATE KEY", tlv(0x30, fields.toByteArray()));
  }

  /** The expected {@code ssh-rsa <base64>} line of an RSA public key (RFC 4253 §6.6). */
  static String sshRsaLine(KeyPair pair) {
    RSAPublicKey key = (RSAPublicKey) pair.getPublic();
    byte[] blob =
        concat(
            sshString("ssh-rsa".getBytes(StandardCharsets.US_ASCII)),
            sshString(key.getPublicExponent().toByteArray()),
            sshString(key.getModulus().toByteArray()));
    return "ssh-rsa " + Base64.getEncoder().encodeToString(blob);
  }

  static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  /** A DER element (lengths below 65536). */
  static byte[] tlv(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >> 8);
      out.write(n);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  static byte[] sshString(byte[] value) {
    return concat(uint32(value.length), value);
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
}
