package io.he4j.spark;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system (checksummed, as {@code file://} is by default) with permissions set through
 * java.nio. Without Hadoop's native library, {@code RawLocalFileSystem.setPermission} runs the {@code chmod}
 * command for every file and directory a job creates: about 30 processes per scoring job, measured at a fifth of
 * the machine's CPU in a {@code local[1]} run (docs/spark.md, Performance). Local mode only ({@link LocalSpark}); a
 * cluster writes to HDFS or object storage, which spawn nothing.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    /** The Hadoop setting that makes {@code file://} this file system. */
    public static final String SETTING = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The raw (unchecksummed) file system underneath. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            if (permission.getStickyBit()) { // not a POSIX file permission java.nio can set
                super.setPermission(p, permission);
                return;
            }
            Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(
                    permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
                            + permission.getOtherAction().SYMBOL));
        }
    }
}
