package io.he4j.ckks.internal;

import io.he4j.ckks.LibraryInfo;
import io.he4j.ckks.NativeLibraryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds, loads and binds the native engine once per JVM (netty/zstd-jni style: an explicit path wins,
 * else extract from the jar; every failed attempt is reported). Thread-safe; a failed load is
 * remembered and rethrown with the same explanation on every later use.
 */
public final class NativeLibrary {
    /** The C ABI version these bindings were written for (he4j.h, HE4J_ABI_VERSION). */
    public static final int EXPECTED_ABI_VERSION = 1;
    public static final String PATH_PROPERTY = "he4j.native.path";
    public static final String WORKDIR_PROPERTY = "he4j.native.workdir";
    public static final String BACKEND_PROPERTY = "he4j.backend";

    private static final Linker LINKER = Linker.nativeLinker();
    private static final System.Logger LOG = System.getLogger("io.he4j");
    private static volatile NativeLibrary instance;
    private static NativeLibraryException failure;

    private final SymbolLookup lookup;
    private final LibraryInfo info;

    private NativeLibrary(SymbolLookup lookup, String source) {
        this.lookup = lookup;
        int abi = checkAbi();
        this.info = new LibraryInfo(callString("he4j_library_version"), callString("he4j_backend_name"),
                callString("he4j_cpu_path"), callString("he4j_cpu_features"), abi, source);
    }

    /** The loaded library; loads it on first call. */
    public static NativeLibrary get() {
        NativeLibrary lib = instance;
        if (lib != null) {
            return lib;
        }
        synchronized (NativeLibrary.class) {
            if (instance == null) {
                if (failure != null) {
                    throw new NativeLibraryException(failure.getMessage(), failure);
                }
                try {
                    instance = load();
                    LOG.log(System.Logger.Level.INFO, "he4j {0} loaded: backend={1}, cpu path={2} ({3}) from {4}",
                            instance.info.version(), instance.info.backend(), instance.info.cpuPath(),
                            instance.info.cpuFeatures(), instance.info.source());
                } catch (NativeLibraryException e) {
                    failure = e;
                    throw e;
                }
            }
            return instance;
        }
    }

    public LibraryInfo info() {
        return info;
    }

    /** A downcall handle for an exported he4j function; fails clearly if the symbol is missing. */
    public MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = lookup.find(name).orElseThrow(() -> new NativeLibraryException(
                "the native library (" + info.source() + ") does not export " + name
                        + "; it does not match these bindings (version " + BuildInfo.VERSION + ")"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** True if the loaded library exports {@code name} (tests skip while a native function is missing). */
    public boolean exports(String name) {
        return lookup.find(name).isPresent();
    }

    /**
     * Like {@link #downcall}, but a missing symbol yields a handle of the same type that throws
     * {@link NativeLibraryException} when called. Lets every binding be a constant while the engine grows.
     */
    public MethodHandle downcallOrMissing(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        if (exports(name)) {
            return downcall(name, descriptor, options);
        }
        MethodType type = descriptor.toMethodType();
        MethodHandle thrower = MethodHandles.insertArguments(MISSING, 0, this, name)
                .asType(MethodType.methodType(type.returnType()));
        return MethodHandles.dropArguments(thrower, 0, type.parameterList());
    }

    private static final MethodHandle MISSING;

    static {
        try {
            MISSING = MethodHandles.lookup().findVirtual(NativeLibrary.class, "missing",
                    MethodType.methodType(Object.class, String.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // called through MISSING
    private Object missing(String name) {
        throw new NativeLibraryException("the native library (" + info.source() + ") does not export " + name
                + "; it does not match these bindings (version " + BuildInfo.VERSION + ")");
    }

    private int checkAbi() {
        MemorySegment symbol = lookup.find("he4j_abi_version").orElseThrow(() -> new NativeLibraryException(
                "the loaded library is not an he4j library: it does not export he4j_abi_version"));
        try {
            int abi = (int) LINKER.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT)).invokeExact();
            if (abi != EXPECTED_ABI_VERSION) {
                throw new NativeLibraryException("native library ABI version " + abi + " does not match the "
                        + "bindings' ABI version " + EXPECTED_ABI_VERSION + "; use the library from the same he4j release");
            }
            return abi;
        } catch (NativeLibraryException e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeLibraryException("calling he4j_abi_version failed", t);
        }
    }

    private String callString(String name) {
        try {
            MemorySegment s = (MemorySegment) downcall(name, FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            return Strings.fromC(s);
        } catch (NativeLibraryException e) {
            throw e;
        } catch (Throwable t) {
            throw new NativeLibraryException("calling " + name + " failed", t);
        }
    }

    private static NativeLibrary load() {
        String backend = System.getProperty(BACKEND_PROPERTY, "he4j").trim().toLowerCase(Locale.ROOT);
        if (!backend.equals("he4j") && !backend.equals("seal")) {
            throw new NativeLibraryException(BACKEND_PROPERTY + "=" + backend + " is not a backend; allowed: he4j, seal");
        }
        String explicit = System.getProperty(PATH_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            return loadExplicit(Path.of(explicit));
        }
        checkPlatform();
        String file = "lib" + (backend.equals("he4j") ? "he4j" : "he4j_" + backend) + "-" + BuildInfo.VERSION + ".so";
        return loadFromJar("/" + BuildInfo.RESOURCE_DIR + "/" + file, backend);
    }

    private static NativeLibrary loadExplicit(Path path) {
        Path abs = path.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            throw new NativeLibraryException(PATH_PROPERTY + " names " + abs + ", which is not a file; "
                    + "point it at libhe4j-" + BuildInfo.VERSION + ".so or unset it to use the library in the jar");
        }
        try {
            return new NativeLibrary(SymbolLookup.libraryLookup(abs, Arena.global()), abs.toString());
        } catch (IllegalArgumentException e) {
            throw new NativeLibraryException(PATH_PROPERTY + " names " + abs + ", which cannot be loaded: " + e.getMessage(), e);
        }
    }

    private static void checkPlatform() {
        String os = System.getProperty("os.name", "?");
        String arch = System.getProperty("os.arch", "?");
        if (!os.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            throw new NativeLibraryException("he4j bundles a native library for linux-x86_64 only; this platform is "
                    + os + "/" + arch + ". Build the engine from source (cmake) and set " + PATH_PROPERTY + " to it.");
        }
    }

    private static NativeLibrary loadFromJar(String resource, String backend) {
        List<Path> dirs = new ArrayList<>();
        String workdir = System.getProperty(WORKDIR_PROPERTY);
        if (workdir != null && !workdir.isBlank()) {
            dirs.add(Path.of(workdir));
        } else {
            dirs.add(Path.of(System.getProperty("java.io.tmpdir")));
            dirs.add(Path.of(System.getProperty("user.home"), ".cache", "he4j"));
        }
        List<Throwable> attempts = new ArrayList<>();
        StringBuilder tried = new StringBuilder();
        for (Path dir : dirs) {
            try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new NativeLibraryException("the jar has no resource " + resource + " (backend " + backend
                            + "): this build of he4j was packaged without that native library");
                }
                return extractAndLoad(in, dir, resource);
            } catch (NativeLibraryException e) {
                if (e.getMessage().startsWith("the jar has no resource")) {
                    throw e;
                }
                attempts.add(e);
                tried.append("\n  ").append(dir).append(": ").append(e.getMessage());
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                attempts.add(e);
                tried.append("\n  ").append(dir).append(": ").append(e.getMessage());
            }
        }
        NativeLibraryException ex = new NativeLibraryException("could not load the native library " + resource
                + " from the jar; tried:" + tried + "\nSet " + WORKDIR_PROPERTY + " to a writable directory that allows"
                + " executing files, or " + PATH_PROPERTY + " to the library file.");
        attempts.forEach(ex::addSuppressed);
        throw ex;
    }

    private static NativeLibrary extractAndLoad(InputStream in, Path dir, String resource) throws IOException {
        Files.createDirectories(dir);
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path file = Files.createTempFile(dir, name.replace(".so", "-"), ".so");
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            try {
                return new NativeLibrary(SymbolLookup.libraryLookup(file, Arena.global()), "jar:" + resource);
            } catch (IllegalArgumentException e) {
                throw new NativeLibraryException("extracted to " + file + " but could not load it (" + e.getMessage()
                        + "); if " + dir + " is mounted noexec, set " + WORKDIR_PROPERTY + " to another directory", e);
            }
        } finally {
            // Once mapped the file is no longer needed; removing it leaves nothing behind.
            Files.deleteIfExists(file);
        }
    }
}
