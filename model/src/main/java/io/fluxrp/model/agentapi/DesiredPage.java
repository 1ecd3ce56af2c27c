package io.fluxrp.model.agentapi;

import java.util.List;

/**
 * An answer of the desired-state feed ({@code GET /agent/v1/desired}).
 *
 * @param seq the position to ask from next
 * @param snapshot these entries (and those of the {@code more} pages after them) are the cluster's
 *     whole desired state: objects of configurations not listed are no longer wanted
 * @param more the next page is ready at once
 */
public record DesiredPage(
    String clusterId, long seq, boolean snapshot, boolean more, List<DesiredEntry> entries) {}
