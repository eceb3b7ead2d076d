package io.he4j.ml.he;

import io.he4j.ckks.Decryptor;
import io.he4j.ckks.KeyGenerator;
import io.he4j.ckks.SecretKey;
import io.he4j.ckks.SecretKeyAccess;
import io.he4j.ckks.SymmetricEncryptor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No class the server side can reach names a secret key or a decryptor: from {@link ModelServer}, every he4j
 * class referenced in a constant pool (outside the CKKS binding itself, whose public types are the boundary)
 * is followed, and none may be one of the client's types. An ArchUnit-style check on the bytecode.
 */
class ServerSideIsolationTest {
    /** Types that hold or make secret keys, or decrypt. */
    private static final Set<String> CLIENT_ONLY = Set.of(internal(SecretKey.class), internal(Decryptor.class),
            internal(SymmetricEncryptor.class), internal(KeyGenerator.class), internal(SecretKeyAccess.class),
            internal(ClientKeys.class), internal(LayoutClient.class), internal(ModelClient.class));

    private static String internal(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    @Test
    void theServerSideCannotReachASecretKeyOrADecryptor() throws IOException {
        Set<String> reached = reachableFrom(internal(ModelServer.class));
        assertTrue(reached.contains(internal(SlotServer.class)), "the walk must reach the protocol servers: " + reached);
        assertTrue(reached.contains(internal(CoefficientServer.class)), reached.toString());
        for (String c : reached) {
            assertFalse(CLIENT_ONLY.contains(c), "server-side code reaches " + c + "; reached: " + new TreeSet<>(reached));
        }
    }

    @Test
    void theWalkDetectsAReferenceWhereThereIsOne() throws IOException {
        // the check can fail: the client's side does reach the secret key
        assertTrue(reachableFrom(internal(ModelClient.class)).contains(internal(SecretKey.class)));
    }

    /** he4j classes reachable through constant pools, not descending into io.he4j.ckks (the binding). */
    private static Set<String> reachableFrom(String root) throws IOException {
        Set<String> seen = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            String c = todo.pop();
            if (!seen.add(c) || (c.startsWith("io/he4j/ckks/") && !c.equals(root))) {
                continue;
            }
            for (String ref : references(c)) {
                if (ref.startsWith("io/he4j/") && !seen.contains(ref)) {
                    todo.push(ref);
                }
            }
        }
        return seen;
    }

    private static Set<String> references(String internalName) throws IOException {
        Set<String> out = new HashSet<>();
        try (InputStream in = ServerSideIsolationTest.class.getClassLoader()
                .getResourceAsStream(internalName + ".class")) {
            if (in == null) {
                return out;
            }
            ClassModel model = ClassFile.of().parse(in.readAllBytes());
            for (PoolEntry e : model.constantPool()) {
                if (e instanceof ClassEntry ce) {
                    String n = ce.asInternalName();
                    out.add(n.startsWith("[") ? elementType(n) : n);
                } else if (e instanceof java.lang.classfile.constantpool.Utf8Entry u) {
                    // descriptors of fields and methods name types too
                    String s = u.stringValue();
                    int i = s.indexOf("Lio/he4j/");
                    while (i >= 0) {
                        int end = s.indexOf(';', i);
                        if (end < 0) {
                            break;
                        }
                        out.add(s.substring(i + 1, end));
                        i = s.indexOf("Lio/he4j/", end);
                    }
                }
            }
        }
        return out;
    }

    private static String elementType(String arrayName) {
        ClassDesc d = ClassDesc.ofDescriptor(arrayName);
        while (d.isArray()) {
            d = d.componentType();
        }
        String desc = d.descriptorString();
        return desc.startsWith("L") ? desc.substring(1, desc.length() - 1) : desc;
    }
}
