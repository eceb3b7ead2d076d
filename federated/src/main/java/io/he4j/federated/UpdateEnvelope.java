package io.he4j.federated;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;

/**
 * What an institution uploads in one round: a header binding the ciphertexts to the federation, the round, the
 * institution and the layout, the ciphertexts, and an Ed25519 signature (RFC 8032) over all of it under the
 * institution's signing key. The institution keeps the private key; the coordinator stores only the public key
 * registered when it joined, so reading the coordinator's database is not enough to forge an update. The
 * coordinator accepts an envelope only for the federation and round it is collecting, from the member it claims
 * to be, with the round's layout: a replayed or re-addressed update fails the signature or the header check,
 * with a message saying which.
 *
 * <p>Format (big-endian): "HE4JFLU1", u16 version (2), u8 purpose (0 update, 1 decryption shares), u16+UTF-8
 * federation, u32 round, u16+UTF-8 institution, u8 mode (0 threshold, 1 shared), u32 parameters, f64 scale, u32
 * chunk count, each chunk u32 length + bytes, 64-byte Ed25519 signature.
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
    private static final int VERSION = 2;
    private static final int TAG_BYTES = 64;
    private static final String ALGORITHM = "Ed25519";
    /** Upper bound on chunks (100 million parameters at N = 2048). */
    private static final int MAX_CHUNKS = 50_000;

    public UpdateEnvelope {
        chunks = List.copyOf(chunks);
    }

    /** A fresh signing key pair for one membership (the private key never leaves the institution). */
    public static KeyPair newSigningKey() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    /** The public key as registered with the coordinator (X.509 SubjectPublicKeyInfo bytes). */
    public static byte[] publicKeyBytes(KeyPair signingKey) {
        return signingKey.getPublic().getEncoded();
    }

    /**
     * Parses a registered public key.
     *
     * @throws FederationException if the bytes are not an Ed25519 public key
     */
    public static PublicKey verificationKey(byte[] encoded) {
        if (encoded == null || encoded.length == 0 || encoded.length > 128) {
            throw new FederationException("a signing key is an X.509-encoded Ed25519 public key (44 bytes)");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new FederationException("the signing key is not an X.509-encoded Ed25519 public key");
        }
    }

    /** The sealed bytes, signed with the member's private signing key. */
    public byte[] seal(PrivateKey signingKey) {
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
            out.write(sign(signingKey, bytes.toByteArray()));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Validates {@code sealed} for the round being collected: the signature under the member's registered
     * public key ({@code memberKey}, X.509 bytes), then the header against the expected federation, round,
     * institution and layout.
     *
     * @throws FederationException naming the first mismatch
     */
    public static UpdateEnvelope open(byte[] sealed, byte[] memberKey, Purpose purpose, String federation,
                                      int round, String institution, UpdateLayout layout) {
        PublicKey key = verificationKey(memberKey);
        if (sealed.length < MAGIC.length + TAG_BYTES) {
            throw new FederationException("the update envelope is truncated (" + sealed.length + " bytes)");
        }
        int body = sealed.length - TAG_BYTES;
        if (!verify(key, sealed, body)) {
            throw new FederationException("the update envelope's signature does not verify under " + institution
                    + "'s signing key (altered, or sealed by someone else)");
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

    private static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature sig = Signature.getInstance(ALGORITHM);
            sig.initSign(key);
            sig.update(data);
            return sig.sign();
        } catch (InvalidKeyException e) {
            throw new FederationException("the signing key is not an Ed25519 private key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }

    private static boolean verify(PublicKey key, byte[] sealed, int body) {
        try {
            Signature sig = Signature.getInstance(ALGORITHM);
            sig.initVerify(key);
            sig.update(sealed, 0, body);
            return sig.verify(sealed, body, TAG_BYTES);
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is unavailable", e);
        }
    }
}
