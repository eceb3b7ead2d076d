package io.he4j.app;

import io.helidon.webserver.http.ServerRequest;

/** The {@code {id}} path parameter, checked to be a model id (the SDK's rule) before it goes anywhere. */
final class ModelId {
    private ModelId() {
    }

    static String of(ServerRequest req) {
        String id = req.path().pathParameters().get("id");
        if (!id.matches("[A-Za-z0-9._-]{1,128}")) {
            throw new io.he4j.web.PageException(404, "not a model id: " + id);
        }
        return id;
    }
}
