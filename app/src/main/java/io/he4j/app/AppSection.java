package io.he4j.app;

import io.he4j.web.Layout;
import io.helidon.webserver.http.HttpRouting;

import java.util.Optional;

/**
 * A part of the hospital app: its routes and, optionally, its entry in the navigation (the built-in ones are
 * {@link HospitalApp#builtInSections()}: models, predict, batch, evaluate, records, jobs, federations). More pages
 * are one more section passed to {@link HospitalApp#start(AppConfig, java.util.List)}, guarded like the others
 * through {@link AppContext#guard()}.
 */
public interface AppSection {
    /** The navigation entry, if the section has one. */
    Optional<Layout.Link> link();

    void register(HttpRouting.Builder routing, AppContext ctx);
}
