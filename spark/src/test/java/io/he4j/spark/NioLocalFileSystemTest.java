package io.he4j.spark;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** {@code file://} in local mode sets the permissions Hadoop asks for, through java.nio. */
class NioLocalFileSystemTest {
    @Test
    void setsPermissionsOfFilesAndDirectories(@TempDir Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.set(NioLocalFileSystem.SETTING, NioLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        FileSystem fs = FileSystem.get(dir.toUri(), conf);
        assertInstanceOf(NioLocalFileSystem.class, fs);

        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(dir.resolve("f").toUri());
        fs.create(file).close();
        fs.setPermission(file, new FsPermission((short) 0640));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("f"))));

        org.apache.hadoop.fs.Path sub = new org.apache.hadoop.fs.Path(dir.resolve("d").toUri());
        fs.mkdirs(sub, new FsPermission((short) 0751));
        assertEquals("rwxr-x--x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("d"))));
    }
}
