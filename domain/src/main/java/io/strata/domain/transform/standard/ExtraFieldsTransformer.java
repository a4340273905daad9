package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;

import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Keeps extra source fields in every collected structure so that a Blocks API request can ask for
 * them by name in {@code requested_fields}, as Open edX's {@code ExtraFieldsTransformer} does with
 * its {@code COURSE_BLOCKS_API_EXTRA_FIELDS} setting. The fields are kept as the source gave them
 * (typed only when {@link io.strata.domain.transform.CollectedFields} knows them); the response
 * writes a requested field on each block that has it.
 *
 * <p>Its write version depends on the field names, so changing them collects every course again.
 */
public final class ExtraFieldsTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "extra_fields";
    /** Lists the extra fields of the standard registry. */
    public static final Set<String> DEFAULT_FIELDS = Set.of("end", "hide_after_due", "max_count", "self_paced");

    private final Set<String> fields;

    /** Creates a transformer that keeps the given fields; none may be blank. */
    public ExtraFieldsTransformer(Set<String> fields) {
        requireNonNull(fields, "fields is null");
        if (fields.stream().anyMatch(field -> field == null || field.isBlank())) {
            throw new IllegalArgumentException("Extra field names must not be blank: " + fields);
        }
        this.fields = Set.copyOf(new TreeSet<>(fields));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        // Another list of fields is another collected structure; hashing names gives each list its version.
        return 1 + Math.floorMod(String.join(",", new TreeSet<>(fields)).hashCode(), 1_000_000);
    }

    @Override
    public int readVersion() {
        return writeVersion();
    }

    @Override
    public Set<String> collectedFields() {
        return fields;
    }

    @Override
    public void collect(CollectContext context) {
        // The registry keeps the fields this transformer names; there is nothing else to record.
    }

    @Override
    public void transform(TransformContext context) {
        // The kept fields are read by the response when requested; nothing changes per request.
    }
}
