package io.he4j.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FormParserTest {
    @Test
    void urlEncodedFields() {
        Form f = FormParser.parse("application/x-www-form-urlencoded", "a=1&b=x+y%26z&a=2&c".getBytes(StandardCharsets.UTF_8));
        assertEquals("1", f.field("a", ""));
        assertEquals("x y&z", f.field("b", ""));
        assertEquals("", f.field("c", "missing"));
        assertThrows(FormParser.BadFormException.class,
                () -> FormParser.parse("application/x-www-form-urlencoded", "a=%zz".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void multipartFieldsAndFiles() {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"csv\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
                + "x,y\r\n1,2\r\n\r\n--XyZ--\r\n";
        Form f = FormParser.parse("multipart/form-data; boundary=XyZ", body.getBytes(StandardCharsets.UTF_8));
        assertEquals("tok", f.field("csrf", ""));
        assertEquals("a.csv", f.file("csv").orElseThrow().filename());
        assertArrayEquals("x,y\r\n1,2\r\n".getBytes(StandardCharsets.UTF_8), f.file("csv").orElseThrow().content());
        assertThrows(FormParser.BadFormException.class, () -> FormParser.parse("multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nno end".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FormParser.BadFormException.class, () -> FormParser.parse("multipart/form-data", new byte[0]));
    }

    @Test
    void throttleLocksAfterFiveFailuresAndUnlocksLater() {
        long[] now = {0};
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        LoginThrottle t = new LoginThrottle(5, Duration.ofMinutes(1), clock);
        for (int i = 0; i < 4; i++) {
            t.failed("Bob");
        }
        assertEquals(0, t.lockedSeconds("bob"));
        t.failed("bob");
        assertEquals(60, t.lockedSeconds("BOB"));
        now[0] = 61_000;
        assertEquals(0, t.lockedSeconds("bob"));
        t.failed("bob"); // a new run of failures starts after the lock
        assertEquals(0, t.lockedSeconds("bob"));
    }

    @Test
    void htmlEscapesEverythingThatMatters() {
        assertEquals("&lt;script&gt;&quot;&#39;&amp;", Html.esc("<script>\"'&"));
    }
}
