package io.fluxrp.server.http;

import io.fluxrp.model.version.ApiVersion;
import io.fluxrp.server.auth.Principal;
import io.fluxrp.server.clusters.Cluster;

/**
 * Who asked what, established by the pipeline before a handler runs.
 *
 * @param baseUrl scheme and authority the client used ({@code https://fluxrp.example.com}), for the
 *     absolute URLs of {@code nextLink}, {@code Azure-AsyncOperation} and {@code Location}
 * @param apiVersion the requested api-version (ARM routes only)
 * @param agentCluster the cluster whose agent credential authenticated the request (agent routes
 *     only)
 */
public record RequestContext(
    String requestId,
    String correlationId,
    Principal principal,
    ApiVersion apiVersion,
    Cluster agentCluster,
    String baseUrl) {}
