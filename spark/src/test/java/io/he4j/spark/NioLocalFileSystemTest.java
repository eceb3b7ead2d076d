package io.he4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code file://} in local mode sets the permissions Hadoop asks for, through java.nio, and writes through its
 * large buffer what reads back checksummed.
 */
class NioLocalFileSystemTest {
    @Test
    void writesThroughItsBufferWhatReadsBackAndChecksumsStillCatchACorruptByte(@TempDir Path dir) throws Exception {
        FileSystem fs = fileSystem(dir);
        byte[] data = new byte[3 * NioLocalFileSystem.WRITE_BUFFER_BYTES + 12_345];
        new SplittableRandom(7).nextBytes(data);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("f").toUri());
        try (FSDataOutputStream out = fs.create(file, false, 4096)) { // parquet-mr's buffer size
            for (int off = 0; off < data.length; ) { // pieces of uneven sizes, around the buffer's
                int n = Math.min(data.length - off, (off % 3 + 1) * 700_001);
                out.write(data, off, n);
                off += n;
            }
        }
        assertArrayEquals(data, readAll(fs, file));
        assertTrue(Files.exists(dir.resolve(".f.crc")), "the checksum file is written");

        byte[] onDisk = Files.readAllBytes(dir.resolve("f"));
        onDisk[2_000_000] ^= 1;
        Files.write(dir.resolve("f"), onDisk);
        assertThrows(ChecksumException.class, () -> readAll(fs, file));
    }

    private static byte[] readAll(FileSystem fs, org.apache.hadoop.fs.Path file) throws Exception {
        try (FSDataInputStream in = fs.open(file)) {
            return in.readAllBytes();
        }
    }

    private static FileSystem fileSystem(Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(NioLocalFileSystem.SETTING, NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem fs = FileSystem.get(dir.toUri(), conf);
        assertInstanceOf(NioLocalFileSystem.class, fs);
        return fs;
    }

    @Test
    void setsPermissionsOfFilesAndDirectories(@TempDir Path dir) throws Exception {
        FileSystem fs = fileSystem(dir);
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("f").toUri());
        fs.create(file).close();
        fs.setPermission(file, new FsPermission((short) 0640));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));

        org.apache.hadoop.fs.Path sub = new org.apache.hadoop.fs.Path(dir.resolve("d").toUri());
        fs.mkdirs(sub, new FsPermission((short) 0751));
        assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d"))));
    }
}
