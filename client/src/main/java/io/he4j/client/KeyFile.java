package io.he4j.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

/**
 * A model's secret keys in a local file ({@link RemoteModel#exportKeys}), so that records stored on the service
 * can be decrypted after this process ends. Written owner-only ({@code rw-------}) and atomically (a temporary
 * file renamed over the old one), never anywhere but the local disk.
 */
public final class KeyFile {
    private KeyFile() {
    }

    /** The saved keys, if the file exists. */
    public static Optional<byte[]> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the key file " + file, e);
        }
    }

    /** Saves {@code keys} (then zeroes the array). */
    public static void write(Path file, byte[] keys) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".keys", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, keys);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the key file " + file, e);
        } finally {
            Arrays.fill(keys, (byte) 0);
        }
    }
}
