package io.herald.util;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    @Test
    void aFloodIsCutToTheLimitAndSummarisedInTheNextMinute() {
        Logger logger = Logger.getAnonymousLogger();
        logger.setUseParentHandlers(false);
        List<String> lines = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        });
        AtomicLong now = new AtomicLong(1_000_000);
        RateLimitedLog log = new RateLimitedLog(logger, 20, now::get);

        for (int i = 0; i < 1000; i++) log.warn("bad client " + i);
        assertEquals(20, lines.size());
        assertEquals("bad client 19", lines.get(19));

        now.addAndGet(60_000);
        log.warn("next minute");
        assertEquals(List.of("980 more protocol violations and refusals in the last minute were not logged", "next minute"),
                lines.subList(20, 22));
    }
}
