package io.he4j.client;

/**
 * A scoring job over the tenant's stored records of a model, as the service last reported it.
 *
 * @param state {@code queued}, {@code running}, {@code done} or {@code cancelled}
 */
public record ScoringJob(String id, String modelId, String state, long total, long done, long failed, long pending) {
    /** Whether the job will change no more. */
    public boolean finished() {
        return state.equals("done") || state.equals("cancelled");
    }
}
