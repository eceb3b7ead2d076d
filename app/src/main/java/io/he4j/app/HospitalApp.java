package io.he4j.app;

import io.he4j.web.Layout;
import io.he4j.web.LoginThrottle;
import io.he4j.web.Sessions;
import io.he4j.web.StaticAssets;
import io.he4j.web.WebGuard;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The hospital's web app: runs where the secret keys live (this process, through the client SDK), serves
 * server-rendered pages on loopback by default. Pages: login, models, predict one patient, batch CSV, the model's
 * details, evaluation on a labelled CSV, stored records, scoring jobs, federations. More sections plug in through
 * {@link AppSection}.
 */
public final class HospitalApp implements AutoCloseable {
    /** Uploads (CSV files) are capped here. */
    public static final long MAX_BODY_BYTES = 16L << 20;
    public static final String COOKIE = "he4j_app_session";

    private final WebServer web;
    private final ServiceGateway service;
    private final String host;

    private HospitalApp(WebServer web, ServiceGateway service, String host) {
        this.web = web;
        this.service = service;
        this.host = host;
    }

    /** The built-in sections, in navigation order. */
    public static List<AppSection> builtInSections() {
        return List.of(new LoginSection(), new ModelsSection(), new PredictSection(), new BatchSection(),
                new EvaluateSection(), new RecordsSection(), new JobsSection(), new FederationsSection());
    }

    public static HospitalApp start(AppConfig config) {
        return start(config, List.of());
    }

    /** Starts with the built-in sections followed by {@code extra} ones. */
    public static HospitalApp start(AppConfig config, List<AppSection> extra) {
        List<AppSection> sections = new ArrayList<>(builtInSections());
        sections.addAll(extra);
        ServiceGateway service = new ServiceGateway(config.serverUrl(), config.token(),
                config.dataDir().resolve("keys"));
        WebGuard guard = new WebGuard(new Sessions(Duration.ofMinutes(30)), COOKIE, LoginSection.PATH,
                config.secureCookies(), MAX_BODY_BYTES);
        List<Layout.Link> nav = new ArrayList<>();
        sections.forEach(s -> s.link().ifPresent(nav::add));
        AppContext ctx = new AppContext(config, guard, new Layout("he4j hospital app", nav, LoginSection.LOGOUT),
                service, new LocalUsers(config.dataDir()),
                new LoginThrottle(AppConfig.MAX_LOGIN_FAILURES, config.lockout(), Clock.systemUTC()));
        HttpRouting.Builder routing = HttpRouting.builder();
        StaticAssets.register(routing);
        sections.forEach(s -> s.register(routing, ctx));
        routing.any(guard.signedIn((req, res, s, f) -> WebGuard.html(res, io.helidon.http.Status.NOT_FOUND_404,
                ctx.layout().page("Not found", s, "<p>No page at this address.</p><p><a href=\"/\">Models</a></p>", 0))));
        try {
            WebServer web = WebServer.builder().host(config.host()).port(config.port())
                    // without TCP_NODELAY a page waits for the browser's delayed ACK (40 ms on Linux)
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .maxPayloadSize(MAX_BODY_BYTES + 1).routing(routing).build().start();
            return new HospitalApp(web, service, config.host());
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /** Where the app keeps a model's secret keys (to decrypt the results of records it stored). */
    public java.nio.file.Path keyFile(String modelId) {
        return service.keyFile(modelId);
    }

    public int port() {
        return web.port();
    }

    public URI uri() {
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    @Override
    public void close() {
        web.stop();
        service.close();
    }
}
