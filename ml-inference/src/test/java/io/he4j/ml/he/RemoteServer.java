package io.he4j.ml.he;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The client's end of a {@link ServerProcess} in another JVM: only bytes cross. */
final class RemoteServer implements AutoCloseable {
    private final Process process;
    private final DataOutputStream out;
    private final DataInputStream in;

    RemoteServer() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try {
            process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                    System.getProperty("java.class.path"), ServerProcess.class.getName())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server JVM", e);
        }
        out = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
        in = new DataInputStream(new BufferedInputStream(process.getInputStream()));
    }

    /** Deploys a compiled model (its bytes); returns its handle. */
    byte deploy(byte[] compiledModel) {
        return call(ServerProcess.DEPLOY, List.of(compiledModel)).getFirst()[0];
    }

    /** Registers a key set (a serialized public context); returns its handle. */
    byte register(byte[] keySet) {
        return call(ServerProcess.KEYS, List.of(keySet)).getFirst()[0];
    }

    List<byte[]> query(byte model, Optional<Byte> keySet, List<byte[]> ciphertexts, boolean batch) {
        List<byte[]> parts = new ArrayList<>();
        parts.add(new byte[] {model});
        parts.add(keySet.map(k -> new byte[] {k}).orElse(new byte[0]));
        parts.addAll(ciphertexts);
        return call(batch ? ServerProcess.BATCH : ServerProcess.QUERY, parts);
    }

    private List<byte[]> call(int command, List<byte[]> parts) {
        try {
            out.writeByte(command);
            ServerProcess.writeParts(out, parts);
            out.flush();
            if (in.readUnsignedByte() != 0) {
                throw new RemoteException(in.readUTF());
            }
            return ServerProcess.readParts(in);
        } catch (IOException e) {
            throw new UncheckedIOException("server JVM", e);
        }
    }

    /** The server JVM refused a request. */
    static final class RemoteException extends RuntimeException {
        RemoteException(String message) {
            super(message);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
