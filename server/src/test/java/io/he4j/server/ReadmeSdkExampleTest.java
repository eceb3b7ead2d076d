package io.he4j.server;

import io.he4j.client.He4jClient;
import io.he4j.client.Prediction;
import io.he4j.client.RemoteModel;
import io.he4j.server.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's client SDK example, as written there, against a real server. */
class ReadmeSdkExampleTest {
    @Test
    void theReadmeExampleRuns(@TempDir Path dir) {
        try (TestServer s = TestServer.start(dir, Map.of())) {
            String url = s.server.uri().toString();
            String token = s.tenant("hospital", Role.CLIENT);
            String modelId = TestServer.MODEL;
            // --- README example (keep in sync) ---
            try (He4jClient service = He4jClient.builder(url).token(token).build();
                 RemoteModel model = service.model(modelId)) {
                double[] patient = {63, 1, 1, 145, 233, 1, 2, 150, 0, 2.3, 3, 0, 6};   // the 13 features, in order
                Prediction p = model.predict(patient);          // encrypted here, computed there, decrypted here
                System.out.println(p.className().orElseThrow() + " with probability " + p.value());
                // --- end of the README example ---
                assertEquals(2, p.probabilities().length);
                assertTrue(p.value() >= 0.5 && p.value() <= 1);
            }
        }
    }
}
