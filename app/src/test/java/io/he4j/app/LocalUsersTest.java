package io.he4j.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalUsersTest {
    @Test
    void passwordsAreStoredAsArgon2idAndVerified(@TempDir Path dir) throws Exception {
        LocalUsers users = new LocalUsers(dir);
        users.add("dr.smith", "a long password".toCharArray());
        String file = Files.readString(dir.resolve(LocalUsers.FILE));
        assertTrue(file.startsWith("dr.smith\t$argon2id$v=19$m=19456,t=2,p=1$"), file);
        assertFalse(file.contains("a long password"));
        assertTrue(users.verify("dr.smith", "a long password".toCharArray()));
        assertFalse(users.verify("dr.smith", "a long passwore".toCharArray()));
        assertFalse(users.verify("nobody", "a long password".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> users.add("dr.smith", "another password".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> users.add("bad name", "another password".toCharArray()));
        assertThrows(IllegalArgumentException.class, () -> users.add("short", "1234567".toCharArray()));
    }

    @Test
    void malformedOrOutOfBoundsHashesNeverMatch() {
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain text"));
        assertFalse(PasswordHasher.verify("x".toCharArray(),
                "$argon2id$v=19$m=4000000,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
    }
}
