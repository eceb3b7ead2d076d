package io.he4j.app;

import io.he4j.web.Layout;
import io.he4j.web.WebGuard;

/**
 * What every section of the app shares: the guard (sessions, login, CSRF), the page frame, the service and the
 * local users.
 */
public record AppContext(AppConfig config, WebGuard guard, Layout layout, ServiceGateway service, LocalUsers users,
                         io.he4j.web.LoginThrottle throttle) {
}
