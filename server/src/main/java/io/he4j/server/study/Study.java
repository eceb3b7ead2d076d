package io.he4j.server.study;

import java.util.List;

/**
 * One study's row: the research authority (the tenant that created it), its feature names, the optional public
 * standardization constants (mu, sigma per feature; null when none), how many institutions must have uploaded
 * before an aggregate is released, whether any tenant knowing the id may join, and the authority's public
 * context (null until registered) with its SHA-256, which institutions compare with the authority's out of band;
 * closed: no more uploads, aggregates may be computed.
 */
record Study(String id, long authorityTenantId, String name, List<String> features, double[] mu, double[] sigma,
             int minInstitutions, boolean open, boolean closed, byte[] publicContext, String keySha256) {

    boolean hasKey() {
        return publicContext != null;
    }
}
