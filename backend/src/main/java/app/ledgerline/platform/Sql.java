package app.ledgerline.platform;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** Small helpers for explicit SQL over the R2DBC {@code DatabaseClient}. */
public final class Sql {

    private Sql() {
    }

    /** Binds a value that may be null; R2DBC needs the type of a null. */
    public static GenericExecuteSpec bind(GenericExecuteSpec spec, String name, Object value, Class<?> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    public static long getLong(Readable row, String column) {
        Long value = row.get(column, Long.class);
        return value == null ? 0 : value;
    }

    public static int getInt(Readable row, String column) {
        Integer value = row.get(column, Integer.class);
        return value == null ? 0 : value;
    }

    public static Integer getNullableInt(Readable row, String column) {
        return row.get(column, Integer.class);
    }

    public static Instant getInstant(Readable row, String column) {
        return row.get(column, Instant.class);
    }

    public static List<String> getTextArray(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }

    public static String[] textArray(List<String> values) {
        return values == null ? new String[0] : values.toArray(String[]::new);
    }
}
