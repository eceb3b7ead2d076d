package io.he4j.spark;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hadoop's local file system (checksummed, as {@code file://} is by default) with permissions set through
 * java.nio, and files written through a buffer of at least {@link #WRITE_BUFFER_BYTES}. Without Hadoop's native
 * library, {@code RawLocalFileSystem.setPermission} runs the {@code chmod} command for every file and directory a
 * job creates: about 30 processes per scoring job, measured at a fifth of the machine's CPU in a {@code local[1]}
 * run. And parquet-mr opens its files with a 4 KB buffer, under which the checksumming layer writes a system call
 * per 4.6 KB (nine 512-byte checksum chunks): 14,000 calls for the 64 MB of an LR job's replies, most of the time
 * parquet-mr took to write them (docs/spark.md, Performance). Local mode only ({@link LocalSpark}); a cluster writes
 * to HDFS or object storage, which spawn nothing and buffer their own way.
 */
public final class NioLocalFileSystem extends LocalFileSystem {
    /** The Hadoop setting that makes {@code file://} this file system. */
    public static final String SETTING = "fs.file.impl";

    public NioLocalFileSystem() {
        super(new Raw());
    }

    /** The smallest buffer a file is written through. */
    static final int WRITE_BUFFER_BYTES = 1 << 20;

    /** The raw (unchecksummed) file system underneath. */
    static final class Raw extends RawLocalFileSystem {
        /** The checksumming layer creates its data and checksum files through this one. */
        @Override
        public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                         short replication, long blockSize, Progressable progress)
                throws IOException {
            return super.create(f, permission, overwrite, Math.max(bufferSize, WRITE_BUFFER_BYTES), replication,
                    blockSize, progress);
        }

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
