package io.he4j.ml.he;

import io.he4j.ckks.PublicContext;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A server side in a JVM of its own (started by {@link RemoteServer}): it receives compiled models, key sets
 * and queries as bytes on stdin and answers on stdout, so the client shares no Java object with it.
 * Frames: a command byte, then length-prefixed byte arrays; answers: 0 and the parts, or 1 and a message.
 */
public final class ServerProcess {
    static final int DEPLOY = 'M';
    static final int KEYS = 'K';
    static final int QUERY = 'Q';
    static final int BATCH = 'B';

    private ServerProcess() {
    }

    public static void main(String[] args) throws IOException {
        List<ModelServer> models = new ArrayList<>();
        List<PublicContext> keySets = new ArrayList<>();
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out));
        while (true) {
            int command;
            try {
                command = in.readUnsignedByte();
            } catch (EOFException end) {
                return;
            }
            List<byte[]> parts = readParts(in);
            try {
                List<byte[]> reply = switch (command) {
                    case DEPLOY -> {
                        models.add(ModelServer.fromBytes(parts.getFirst()));
                        yield List.of(new byte[] {(byte) (models.size() - 1)});
                    }
                    case KEYS -> {
                        keySets.add(PublicContext.fromBytes(parts.getFirst()));
                        yield List.of(new byte[] {(byte) (keySets.size() - 1)});
                    }
                    case QUERY, BATCH -> {
                        // parts: model index, key-set index (or empty), then the ciphertexts
                        ModelServer m = models.get(parts.get(0)[0]);
                        Optional<PublicContext> keys = parts.get(1).length == 0 ? Optional.empty()
                                : Optional.of(keySets.get(parts.get(1)[0]));
                        yield m.evaluate(command == BATCH, parts.subList(2, parts.size()), keys).parts();
                    }
                    default -> throw new IllegalArgumentException("unknown command " + command);
                };
                out.writeByte(0);
                writeParts(out, reply);
            } catch (RuntimeException e) {
                out.writeByte(1);
                out.writeUTF(e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.flush();
        }
    }

    static List<byte[]> readParts(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<byte[]> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[in.readInt()];
            in.readFully(b);
            parts.add(b);
        }
        return parts;
    }

    static void writeParts(DataOutputStream out, List<byte[]> parts) throws IOException {
        out.writeInt(parts.size());
        for (byte[] b : parts) {
            out.writeInt(b.length);
            out.write(b);
        }
    }
}
