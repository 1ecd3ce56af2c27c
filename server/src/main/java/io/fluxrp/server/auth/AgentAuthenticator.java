package io.fluxrp.server.auth;

import io.fluxrp.server.clusters.AgentCredentials;
import io.fluxrp.server.clusters.Cluster;
import io.fluxrp.server.clusters.ClusterRegistry;
import io.fluxrp.server.store.Database;

/**
 * The agent API's authentication: {@code Authorization: Bearer <agent credential>} → the cluster it
 * was minted for. User tokens are refused here, as agent credentials are everywhere else.
 */
public final class AgentAuthenticator {
  private final Database database;
  private final ClusterRegistry clusters;

  public AgentAuthenticator(Database database, ClusterRegistry clusters) {
    this.database = database;
    this.clusters = clusters;
  }

  public Cluster authenticate(String authorizationHeader) {
    String token = TokenAuthenticator.bearerToken(authorizationHeader);
    if (!AgentCredentials.wellFormed(token)) {
      throw TokenAuthenticator.invalid(
          "the agent API accepts only agent credentials ('fluxrp clusters register' prints one)");
    }
    String hash = AgentCredentials.hash(token);
    return database
        .read(tx -> clusters.findByCredential(tx, hash))
        .orElseThrow(
            () ->
                TokenAuthenticator.invalid(
                    "the agent credential is not known: it was replaced, or its cluster removed"));
  }
}
