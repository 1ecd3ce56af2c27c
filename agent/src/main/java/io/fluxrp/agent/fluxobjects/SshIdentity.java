package io.fluxrp.agent.fluxobjects;

import java.util.Objects;

/**
 * An SSH identity: the private key as PEM text (what Flux's {@code identity} Secret key holds) and
 * its OpenSSH public line ({@code ssh-rsa AAAA...}).
 */
public record SshIdentity(String privateKeyPem, String publicKey) {
  public SshIdentity {
    Objects.requireNonNull(privateKeyPem, "privateKeyPem");
    Objects.requireNonNull(publicKey, "publicKey");
  }

  /** Only the public half. */
  @Override
  public String toString() {
    return "SshIdentity[publicKey=" + publicKey + "]";
  }
}
