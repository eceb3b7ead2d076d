package io.he4j.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelManifestTest {
    static ModelManifest sample() {
        QueryLayout single = new QueryLayout(ProtocolKind.COEFFICIENT, "P2K-IFMA", 0x1234L, 128, 2, 1, 0,
                Math.scalb(1.0, 30), 0, new int[] {0}, 1, KeyRequirements.none());
        QueryLayout batch = new QueryLayout(ProtocolKind.FEATURE_MAJOR_BATCH, "P4K-IFMA", 0x5678L, 128, 2, 1, 1,
                Math.scalb(1.0, 40), 0, new int[0], 2048, new KeyRequirements(false, true, new int[] {1, 2}));
        return ModelManifest.of("heart", "v1", List.of("age", "chol"), new double[] {54.4, 247.3}, List.of("no", "yes"),
                "sigmoid", single, batch);
    }

    @Test
    void jsonRoundTripsExactly() {
        ModelManifest m = sample();
        String json = m.toJson();
        assertEquals(m, ModelManifest.fromJson(json));
        assertTrue(json.contains("\"format\" : 1"), json);
        assertFalse(json.contains("weight"), "a manifest has no weights: " + json);
    }

    @Test
    void invalidManifestsAreRefusedWithTheReason() {
        String json = sample().toJson();
        assertTrue(assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("\"format\" : 1",
                "\"format\" : 2"))).getMessage().contains("format 2"));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("sigmoid", "tanh")));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("\"securityBits\" : 128",
                "\"securityBits\" : 80")));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("\"galoisSteps\" : [ 1, 2 ]",
                "\"galoisSteps\" : [ 2, 1 ]")));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("\"modelId\"", "\"extra\" : 1, \"modelId\"")));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson("{"));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson("null"));
        assertThrows(ProtocolException.class, () -> ModelManifest.fromJson(json.replace("[ 54.4, 247.3 ]", "[ 54.4 ]")));
    }

    @Test
    void keySetIdsAreContentDerived() {
        String a = KeySetId.of(new byte[] {1, 2, 3});
        assertEquals(a, KeySetId.of(new byte[] {1, 2, 3}));
        assertFalse(a.equals(KeySetId.of(new byte[] {1, 2, 4})));
        assertTrue(KeySetId.isWellFormed(a), a);
        assertFalse(KeySetId.isWellFormed("ks-../../etc"));
        assertFalse(KeySetId.isWellFormed(null));
    }
}
