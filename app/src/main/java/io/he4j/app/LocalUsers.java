package io.he4j.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The app's local users: file {@code users} in the data directory, one {@code name<TAB>argon2id-hash} per line,
 * owner-only permissions, rewritten atomically. Passwords are never stored, only their Argon2id hashes.
 * Thread-safe.
 */
public final class LocalUsers {
    public static final String FILE = "users";
    private static final String NAME = "[A-Za-z0-9._@-]{1,64}";

    private final Path file;

    public LocalUsers(Path dataDir) {
        this.file = dataDir.resolve(FILE);
    }

    public static boolean validName(String name) {
        return name != null && name.matches(NAME);
    }

    /** Adds a user; refuses a taken name, a bad name, or a password under 8 characters. */
    public synchronized void add(String name, char[] password) {
        if (!validName(name)) {
            throw new IllegalArgumentException("user names are 1-64 letters, digits, '.', '_', '@' or '-': " + name);
        }
        if (password.length < 8) {
            throw new IllegalArgumentException("passwords need at least 8 characters");
        }
        Map<String, String> users = read();
        if (users.containsKey(name)) {
            throw new IllegalArgumentException("user '" + name + "' already exists");
        }
        users.put(name, PasswordHasher.hash(password));
        write(users);
    }

    /** True when the user exists and the password matches (unknown names take the same time). */
    public boolean verify(String name, char[] password) {
        String hash = validName(name) ? read().get(name) : null;
        if (hash == null) {
            PasswordHasher.verifyDummy(password);
            return false;
        }
        return PasswordHasher.verify(password, hash);
    }

    public synchronized int count() {
        return read().size();
    }

    private synchronized Map<String, String> read() {
        Map<String, String> users = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return users;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (tab > 0) {
                    users.put(line.substring(0, tab), line.substring(tab + 1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return users;
    }

    private void write(Map<String, String> users) {
        StringBuilder b = new StringBuilder();
        users.forEach((n, h) -> b.append(n).append('\t').append(h).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(tmp, b, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
