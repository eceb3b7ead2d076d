package io.he4j.server;

import io.he4j.client.FederationClient;
import io.he4j.client.FederationSummary;
import io.he4j.client.He4jClient;
import io.he4j.federated.KeyMode;
import io.he4j.federated.UpdateEnvelope;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /v1/federations}: the owner's and the members' federations, newest first; nobody else's. */
class FederationListTest {
    private static <T> T as(TestServer s, String token, Function<FederationClient, T> call) {
        try (He4jClient c = He4jClient.builder(s.server.uri().toString()).token(token).retries(0).build()) {
            return call.apply(new FederationClient(c));
        }
    }

    @Test
    void listsWhatTheTenantOwnsOrBelongsTo(@TempDir Path dir) throws InterruptedException {
        try (TestServer s = TestServer.start(dir.resolve("data"), Map.of())) {
            String owner = s.tenant("owner", Role.CLIENT);
            String member = s.tenant("member", Role.CLIENT);
            String outsider = s.tenant("outsider", Role.CLIENT);
            FederationClient.State first = as(s, owner, f -> f.create("first", KeyMode.SHARED, 2, 3, 1, 2,
                    Duration.ofMinutes(5)));
            Thread.sleep(5); // newest first is by creation time (in ms)
            FederationClient.State second = as(s, owner, f -> f.create("second", KeyMode.SHARED, 2, 3, 1, 2,
                    Duration.ofMinutes(5)));
            String invitation = as(s, owner, f -> f.invite(second.id()));
            as(s, member, f -> f.join(second.id(), "member-hospital", 120, null, UpdateEnvelope.newSigningKey(),
                    invitation));

            List<FederationSummary> mine = as(s, owner, FederationClient::list);
            assertEquals(List.of(second.id(), first.id()), mine.stream().map(FederationSummary::id).toList());
            FederationSummary joined = mine.getFirst();
            assertEquals("second", joined.name());
            assertEquals("shared", joined.keyMode());
            assertEquals("enrolling", joined.status());
            assertEquals(List.of(new FederationSummary.Member(0, "member-hospital", 120)), joined.members());
            assertEquals(0, joined.completedRounds());

            assertEquals(joined, as(s, member, f -> f.summary(second.id())));
            assertEquals(List.of(second.id()), as(s, member, FederationClient::list).stream()
                    .map(FederationSummary::id).toList());
            assertEquals(List.of(), as(s, outsider, FederationClient::list));
        }
    }
}
