package io.he4j.server;

import io.he4j.server.auth.Authenticator;
import io.he4j.server.console.ConsoleRoutes;
import io.he4j.server.db.AuditLog;
import io.he4j.server.db.Database;
import io.he4j.server.db.KeySetStore;
import io.he4j.server.db.TenantStore;
import io.he4j.server.federation.FederationRoutes;
import io.he4j.server.federation.Federations;
import io.he4j.server.http.AdminRoutes;
import io.he4j.server.http.ApiException;
import io.he4j.server.http.BodyReader;
import io.he4j.server.http.Endpoints;
import io.he4j.server.http.KeySetRoutes;
import io.he4j.server.http.ModelRoutes;
import io.he4j.server.http.OpsRoutes;
import io.he4j.server.http.ServerMetrics;
import io.he4j.server.jobs.JobRoutes;
import io.he4j.server.jobs.JobRunner;
import io.he4j.server.jobs.JobStore;
import io.he4j.server.limits.TenantLimiter;
import io.he4j.server.model.KeySets;
import io.he4j.server.model.ModelRegistry;
import io.he4j.server.records.RecordRoutes;
import io.he4j.server.records.RecordStore;
import io.he4j.server.study.Studies;
import io.he4j.server.study.StudyRoutes;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The encrypted inference service: a Helidon SE WebServer (virtual threads, HTTP/1.1 and HTTP/2, TLS when a
 * keystore is configured) over the database, the deployed models and the tenants' key sets.
 * Start with {@link #start}; {@link #close} stops accepting, lets in-flight requests finish (up to the grace
 * period), then closes the database.
 */
public final class He4jServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(He4jServer.class.getName());

    private final ServerConfig config;
    private final Database db;
    private final ModelRegistry models;
    private final WebServer web;
    private final ScheduledExecutorService sweeper;
    private final Endpoints endpoints;
    private final BodyReader bodies;
    private final JobRunner jobs;

    private He4jServer(ServerConfig config, Database db, ModelRegistry models, WebServer web,
                       ScheduledExecutorService sweeper, Endpoints endpoints, BodyReader bodies, JobRunner jobs) {
        this.jobs = jobs;
        this.endpoints = endpoints;
        this.bodies = bodies;
        this.config = config;
        this.db = db;
        this.models = models;
        this.web = web;
        this.sweeper = sweeper;
    }

    /** Opens the database, deploys the models directory (if configured) and starts listening. */
    public static He4jServer start(ServerConfig config) {
        Database db = openDatabase(config);
        try {
            ModelRegistry models = new ModelRegistry(config.modelPrivacy());
            config.modelsDir().ifPresent(dir -> {
                List<String> ids = models.deployDirectory(dir);
                LOG.log(System.Logger.Level.INFO, "deployed " + ids.size() + " model(s) from " + dir + ": " + ids);
            });
            return start(config, db, models);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static He4jServer start(ServerConfig config, Database db, ModelRegistry models) {
        TenantStore tenants = new TenantStore(db);
        KeySetStore keySetStore = new KeySetStore(db);
        KeySets keySets = new KeySets(keySetStore);
        AuditLog audit = new AuditLog(db);
        BodyReader bodies = new BodyReader(config.requestTimeout());
        Endpoints ep = new Endpoints(new Authenticator(tenants),
                new TenantLimiter(config.ratePerSecond(), config.rateBurst(), config.concurrentPerTenant()),
                new ServerMetrics(), bodies);
        HttpRouting.Builder routing = HttpRouting.builder();
        new OpsRoutes(ep, db, models).register(routing);
        new ModelRoutes(ep, models, keySets, config).register(routing);
        new KeySetRoutes(ep, keySetStore, keySets, audit, config).register(routing);
        new AdminRoutes(ep, models, tenants, audit, config).register(routing);
        JobStore jobStore = new JobStore(db, audit);
        RecordStore records = new RecordStore(db, audit);
        new RecordRoutes(ep, records, models, keySets, config).register(routing);
        JobRunner jobs = new JobRunner(jobStore, models, keySets, config.jobLease());
        new JobRoutes(ep, jobStore, models, config, jobs).register(routing);
        new ConsoleRoutes(tenants, keySetStore, audit, models, ep.metrics()::scrape, config.tlsEnabled(),
                db).register(routing);
        new FederationRoutes(ep, new Federations(db, audit, java.time.Clock.systemUTC()), config).register(routing);
        new StudyRoutes(ep, new Studies(db, audit, tenants, java.time.Clock.systemUTC()), config).register(routing);
        routing.any(ep.open("(unmatched)", (req, res) -> {
            throw new ApiException(404, "not-found", "Not found", "no route " + req.prologue().method().text()
                    + " " + req.path().path() + " (see /openapi)");
        }));

        WebServerConfig.Builder b = WebServer.builder()
                .host(config.host())
                .port(config.port())
                // Without TCP_NODELAY small replies wait for delayed ACKs: 363 req/s instead of 38,600 req/s.
                .connectionOptions(o -> o.tcpNoDelay(true))
                // Helidon's own cap, above ours, so that our streamed reads answer first with problem+json.
                .maxPayloadSize(Math.max(config.maxBodyBytes(), config.maxKeySetBytes()) + 1)
                .shutdownGracePeriod(config.shutdownGrace())
                .routing(routing);
        if (config.tlsEnabled()) {
            SSLContext ssl = sslContext(config);
            b.tls(t -> t.sslContext(ssl));
        }
        WebServer web = b.build().start();
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("he4j-key-set-eviction").factory());
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                if (keySetStore.evictUnused(config.keySetMaxAge()) > 0) {
                    keySets.forgetAll();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "key-set eviction failed: " + e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                records.expire();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "record retention sweep failed: " + e.getMessage());
            }
        }, 2, 60, TimeUnit.MINUTES);
        LOG.log(System.Logger.Level.INFO, "he4j server on " + (config.tlsEnabled() ? "https" : "http") + "://"
                + config.host() + ":" + web.port() + " (" + db.dialect() + ", " + models.all().size() + " models)");
        jobs.start();
        return new He4jServer(config, db, models, web, sweeper, ep, bodies, jobs);
    }

    /** The database the configuration names: PostgreSQL (or another SQLite file) by URL, else the data dir. */
    public static Database openDatabase(ServerConfig config) {
        return config.databaseUrl().isEmpty()
                ? Database.openSqlite(config.dataDir())
                : Database.open(config.databaseUrl(), config.databaseUser(), config.databasePassword());
    }

    private static SSLContext sslContext(ServerConfig config) {
        char[] password = config.tlsKeystorePassword().toCharArray();
        try (InputStream in = Files.newInputStream(config.tlsKeystore().orElseThrow())) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot load the TLS keystore " + config.tlsKeystore().get()
                    + " (PKCS12): " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(password, '\0');
        }
    }

    public int port() {
        return web.port();
    }

    /** http(s)://host:port */
    public URI uri() {
        return URI.create((config.tlsEnabled() ? "https" : "http") + "://" + config.host() + ":" + port());
    }

    public ModelRegistry models() {
        return models;
    }

    public Database database() {
        return db;
    }

    /** The route patterns served. */
    public java.util.Set<String> routes() {
        return endpoints.routes();
    }

    /** This replica's name in job leases and the audit trail. */
    public String replicaId() {
        return jobs.owner();
    }

    public ServerConfig config() {
        return config;
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the grace period), closes the database. */
    @Override
    public void close() {
        endpoints.drain();
        web.stop();
        jobs.close();
        sweeper.shutdownNow();
        bodies.close();
        db.close();
    }
}
