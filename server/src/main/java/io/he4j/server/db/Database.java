package io.he4j.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The service's one database: embedded SQLite in the data directory (WAL, synchronous=FULL so an acknowledged
 * commit survives a power cut, secure_delete so deleted rows are overwritten, foreign keys on), or PostgreSQL
 * by JDBC URL, both behind a HikariCP pool. Migrations run on open. DAOs take this and use {@link #read} and
 * {@link #write}; they write standard SQL that both dialects accept.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {
    public static final String SQLITE_FILE = "he4j.db";

    private final HikariDataSource pool;
    private final Dialect dialect;
    /** SQLite has one writer at a time; taking it in the JVM avoids SQLITE_BUSY on read-then-write transactions. */
    private final ReentrantLock sqliteWriter = new ReentrantLock();

    private Database(HikariDataSource pool, Dialect dialect) {
        this.pool = pool;
        this.dialect = dialect;
    }

    /** SQLite in {@code dataDir/he4j.db} (the directory is created, readable by its owner only). */
    public static Database openSqlite(Path dataDir) {
        try {
            if (!Files.exists(dataDir)) {
                Files.createDirectories(dataDir);
                if (dataDir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir + ": " + e.getMessage(), e);
        }
        SQLiteConfig cfg = new SQLiteConfig();
        cfg.setJournalMode(SQLiteConfig.JournalMode.WAL);
        cfg.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        cfg.enforceForeignKeys(true);
        cfg.setBusyTimeout(10_000);
        cfg.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
        SQLiteDataSource ds = new SQLiteDataSource(cfg);
        ds.setUrl("jdbc:sqlite:" + dataDir.resolve(SQLITE_FILE).toAbsolutePath());
        HikariConfig hc = new HikariConfig();
        hc.setDataSource(ds);
        hc.setMaximumPoolSize(4);
        hc.setPoolName("he4j-sqlite");
        return start(hc, Dialect.SQLITE);
    }

    /** A database by JDBC URL ({@code jdbc:postgresql://...} or {@code jdbc:sqlite:...}). */
    public static Database open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.ofUrl(jdbcUrl);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (!user.isEmpty()) {
            hc.setUsername(user);
        }
        if (!password.isEmpty()) {
            hc.setPassword(password);
        }
        hc.setMaximumPoolSize(dialect == Dialect.SQLITE ? 4 : 10);
        hc.setPoolName("he4j-" + dialect.name().toLowerCase());
        return start(hc, dialect);
    }

    private static Database start(HikariConfig hc, Dialect dialect) {
        hc.setAutoCommit(false);
        Database db = new Database(new HikariDataSource(hc), dialect);
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs read-only work in a transaction. */
    public <T> T read(SqlWork<T> work) {
        return transaction(work);
    }

    /** Runs work that writes in a transaction, committed before this returns (durable on SQLite). */
    public <T> T write(SqlWork<T> work) {
        if (dialect != Dialect.SQLITE) {
            return transaction(work);
        }
        sqliteWriter.lock();
        try {
            return transaction(work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T transaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DatabaseException("database error: " + e.getMessage(), e);
        }
    }

    /** Whether the database answers (readiness). */
    public boolean isReachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
