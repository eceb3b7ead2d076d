package io.he4j.federated;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * What an institution uploads in one round: a header binding the ciphertexts to the federation, the round, the
 * institution and the layout, the ciphertexts, and an HMAC-SHA256 over all of it under the institution's member
 * key (issued when it joined). The coordinator accepts an envelope only for the federation and round it is
 * collecting, from the member it claims to be, with the round's layout: a replayed or re-addressed update fails
 * the tag or the header check, with a message saying which.
 *
 * <p>Format (big-endian): "HE4JFLU1", u16 version, u8 purpose (0 update, 1 decryption shares), u16+UTF-8 federation, u32 round, u16+UTF-8 institution,
 * u8 mode (0 threshold, 1 shared), u32 parameters, f64 scale, u32 chunk count, each chunk u32 length + bytes,
 * 32-byte tag.
 *
 * @param purpose     update or decryption shares
 * @param federation  federation id
 * @param round       1-based round (0: the preprocessing statistics)
 * @param institution the member's id
 * @param layout      the round's layout (mode, parameters, scale)
 * @param chunks      the ciphertexts
 */
public record UpdateEnvelope(Purpose purpose, String federation, int round, String institution,
                             UpdateLayout layout, List<byte[]> chunks) {
    /** What the chunks are: an encrypted update, or decryption shares of the round's aggregate. */
    public enum Purpose { UPDATE, DECRYPTION_SHARES }

    private static final byte[] MAGIC = "HE4JFLU1".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int TAG_BYTES = 32;
    /** Upper bound on chunks (100 million parameters at N = 2048). */
    private static final int MAX_CHUNKS = 50_000;

    public UpdateEnvelope {
        chunks = List.copyOf(chunks);
    }

    /** The sealed bytes under {@code memberKey}. */
    public byte[] seal(byte[] memberKey) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(purpose.ordinal());
            writeString(out, federation);
            out.writeInt(round);
            writeString(out, institution);
            out.writeByte(layout.mode() == KeyMode.THRESHOLD ? 0 : 1);
            out.writeInt(layout.parameters());
            out.writeDouble(layout.scale());
            out.writeInt(chunks.size());
            for (byte[] c : chunks) {
                out.writeInt(c.length);
                out.write(c);
            }
            out.write(tag(memberKey, bytes.toByteArray()));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates {@code sealed} for the round being collected: the tag under {@code memberKey}, then the header
     * against the expected federation, round, institution and layout.
     *
     * @throws FederationException naming the first mismatch
     */
    public static UpdateEnvelope open(byte[] sealed, byte[] memberKey, Purpose purpose, String federation,
                                      int round, String institution, UpdateLayout layout) {
        if (sealed.length < MAGIC.length + TAG_BYTES) {
            throw new FederationException("the update envelope is truncated (" + sealed.length + " bytes)");
        }
        int body = sealed.length - TAG_BYTES;
        byte[] expectedTag = tag(memberKey, java.util.Arrays.copyOf(sealed, body));
        if (!MessageDigest.isEqual(expectedTag, java.util.Arrays.copyOfRange(sealed, body, sealed.length))) {
            throw new FederationException("the update envelope's tag does not verify under " + institution
                    + "'s member key (altered, or sealed by someone else)");
        }
        ByteBuffer in = ByteBuffer.wrap(sealed, 0, body);
        try {
            byte[] magic = new byte[MAGIC.length];
            in.get(magic);
            int version = Short.toUnsignedInt(in.getShort());
            if (!java.util.Arrays.equals(magic, MAGIC) || version != VERSION) {
                throw new FederationException("not an update envelope of version " + VERSION);
            }
            int p = Byte.toUnsignedInt(in.get());
            if (p != purpose.ordinal()) {
                throw new FederationException("the envelope holds " + (p == 0 ? "an update" : "decryption shares")
                        + "; expected " + (purpose == Purpose.UPDATE ? "an update" : "decryption shares"));
            }
            String fed = readString(in);
            int r = in.getInt();
            String inst = readString(in);
            int mode = Byte.toUnsignedInt(in.get());
            int parameters = in.getInt();
            double scale = in.getDouble();
            int count = in.getInt();
            if (!fed.equals(federation)) {
                throw new FederationException("the update is for federation '" + fed + "', not '" + federation + "'");
            }
            if (r != round) {
                throw new FederationException("the update is for round " + r + "; the federation is collecting round "
                        + round);
            }
            if (!inst.equals(institution)) {
                throw new FederationException("the update is sealed as institution '" + inst + "', not '"
                        + institution + "'");
            }
            KeyMode m = mode == 0 ? KeyMode.THRESHOLD : mode == 1 ? KeyMode.SHARED : null;
            if (m != layout.mode() || parameters != layout.parameters() || Double.compare(scale, layout.scale()) != 0
                    || count != layout.chunks()) {
                throw new FederationException("the update has mode " + m + ", " + parameters + " parameters, scale "
                        + scale + ", " + count + " ciphertexts; the round expects " + layout.mode() + ", "
                        + layout.parameters() + " parameters, scale " + layout.scale() + ", " + layout.chunks()
                        + " ciphertexts");
            }
            if (count < 0 || count > MAX_CHUNKS) {
                throw new FederationException("chunk count " + count + " outside [0, " + MAX_CHUNKS + "]");
            }
            List<byte[]> chunks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int len = in.getInt();
                if (len < 0 || len > in.remaining()) {
                    throw new FederationException("ciphertext " + i + " of the envelope is truncated");
                }
                byte[] c = new byte[len];
                in.get(c);
                chunks.add(c);
            }
            if (in.hasRemaining()) {
                throw new FederationException("the update envelope has " + in.remaining() + " trailing bytes");
            }
            return new UpdateEnvelope(purpose, fed, r, inst, layout, chunks);
        } catch (BufferUnderflowException e) {
            throw new FederationException("the update envelope is truncated");
        }
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        if (b.length > 1024) {
            throw new FederationException("identifiers are at most 1024 bytes");
        }
        out.writeShort(b.length);
        out.write(b);
    }

    private static String readString(ByteBuffer in) {
        int len = Short.toUnsignedInt(in.getShort());
        if (len > 1024 || len > in.remaining()) {
            throw new FederationException("an identifier in the update envelope is malformed");
        }
        byte[] b = new byte[len];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] tag(byte[] key, byte[] data) {
        if (key == null || key.length < 16) {
            throw new FederationException("a member key has at least 16 bytes");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
