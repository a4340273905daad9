package io.strata.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.manager.LoadedStructure;
import io.strata.domain.transform.UserContext;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.LearnerRecord;
import io.strata.ports.LearnerSource;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/*
 * Who may see what (Open edX's Blocks API rules):
 *   - username=NAME for the caller's own name (case-insensitive), username= (empty) for the
 *     anonymous view: anyone admitted;
 *   - another user's view, all_blocks=true, as_of: staff only. Staff are trusted callers, global
 *     staff (the JWT's administrator claim) and users the learner source gives a staff role in the
 *     course.
 * A request is served in three timed steps: load (the current structure, from the nearest place
 * that holds it), transform (once per request, whatever the parameters: BlocksApi.render runs the
 * learner's transformers once and shapes the response) and render (the JSON bytes). The last two
 * are skipped when RenderedResponses holds the body of an identical request (same structure address,
 * API version, parameters and learner record) made at a time no date rule tells apart from this
 * one's. The learner record is read on every request, so a changed record changes the key. A
 * transform that saved item-bank selections is not kept: an identical request must save them again.
 */
/** Serves Blocks API requests for admitted callers; thread-safe. */
final class BlocksService {
    private final ServedStructures structures;
    private final RenderedResponses responses;
    private final BlocksApi api;
    private final LearnerSource learners;
    private final Clock clock;
    private final String lmsBaseUrl;
    private final ObjectMapper json;
    private final MeterRegistry registry;
    private final Map<String, Long> tierItemBytes;

    /**
     * Creates the service.
     *
     * @param tierItemBytes each cache tier's largest single value, by tier name: a payload over it was
     *     read in chunks
     */
    BlocksService(ServedStructures structures, RenderedResponses responses, BlocksApi api, LearnerSource learners,
            Clock clock, String lmsBaseUrl, ObjectMapper json, MeterRegistry registry,
            Map<String, Long> tierItemBytes) {
        this.structures = requireNonNull(structures, "structures is null");
        this.responses = requireNonNull(responses, "responses is null");
        this.api = requireNonNull(api, "api is null");
        this.learners = requireNonNull(learners, "learners is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.lmsBaseUrl = requireNonNull(lmsBaseUrl, "lmsBaseUrl is null");
        this.json = requireNonNull(json, "json is null");
        this.registry = requireNonNull(registry, "registry is null");
        this.tierItemBytes = Map.copyOf(tierItemBytes);
    }

    /**
     * Returns the JSON body of the response and where its time went.
     *
     * @throws ApiException (403) when the caller may not see the view asked for; (404) for an unknown
     *     course, user or start block
     * @throws io.strata.ports.BackendUnavailableException when the durable store must be read and cannot be
     */
    Served serve(Caller caller, BlocksQuery query, BlocksApiVersion version) {
        var user = authorize(caller, query);

        long start = System.nanoTime();
        var loaded = load(query);
        var key = new RenderedResponses.ResponseKey(structures.addressOf(query.course(), loaded.structure()), version,
                query, RenderedResponses.Viewer.of(user));
        long loadedAt = System.nanoTime();
        var cached = responses.find(key, user.now());
        if (cached.isPresent()) {
            record(loaded);
            return new Served(cached.get(), ServerTiming.cached(loaded.source(), Duration.ofNanos(loadedAt - start),
                    Duration.ofNanos(System.nanoTime() - loadedAt)));
        }

        var rendered = transform(loaded, query, version, user);
        long transformedAt = System.nanoTime();
        var body = render(BlockTypesFilter.apply(rendered.response(), query.blockTypesFilter()));
        long renderedAt = System.nanoTime();

        if (!rendered.hasSavedSelections()) {
            responses.store(key, body, rendered.response().validity());
        }
        record(loaded);
        return new Served(ByteBuffer.wrap(body), new ServerTiming(loaded.source(), Duration.ofNanos(loadedAt - start),
                Duration.ofNanos(transformedAt - loadedAt), Duration.ofNanos(renderedAt - transformedAt), false));
    }

    private UserContext authorize(Caller caller, BlocksQuery query) {
        var course = query.course().toString();
        var isSelf = query.username().isPresent() && caller.username().isPresent()
                && caller.username().get().toLowerCase(Locale.ROOT).equals(
                        query.username().get().toLowerCase(Locale.ROOT));
        var isAnonymousView = query.username().isPresent() && query.username().get().isEmpty();
        boolean needsStaff = query.isAllBlocks() || query.asOf().isPresent() || !(isSelf || isAnonymousView);
        if (needsStaff && !isStaff(caller, course)) {
            throw ApiException.forbidden("Caller[%s] may not ask for %s in course[%s]; it needs staff access",
                    caller.describe(), what(query), course);
        }
        var now = query.asOf().orElseGet(clock::instant);
        if (query.isAllBlocks()) {
            return UserContext.allBlocks(now);
        }
        if (isAnonymousView) {
            return UserContext.anonymous(now);
        }
        var learner = learners.find(query.username().get(), course).orElseThrow(() -> ApiException.notFound(
                String.format(Locale.ROOT, "User[%s] not found", query.username().get())));
        return UserContext.of(learner, now);
    }

    private boolean isStaff(Caller caller, String course) {
        if (caller.isTrusted() || caller.isAdministrator()) {
            return true;
        }
        return caller.username().flatMap(name -> learners.find(name, course)).map(LearnerRecord::isStaff)
                .orElse(false);
    }

    private static String what(BlocksQuery query) {
        if (query.isAllBlocks()) {
            return "all_blocks";
        }
        if (query.asOf().isPresent()) {
            return "as_of";
        }
        return "the blocks of user[" + query.username().orElse("") + "]";
    }

    private LoadedStructure load(BlocksQuery query) {
        try {
            return structures.load(query.course());
        } catch (ItemNotFoundException e) {
            throw ApiException.notFound(String.format(Locale.ROOT, "Course[%s] not found", query.course()));
        }
    }

    private BlocksApi.Rendered transform(LoadedStructure loaded, BlocksQuery query,
            BlocksApiVersion version, UserContext user) {
        try {
            return api.renderOnce(loaded.structure(), query.toRequest(lmsBaseUrl, version), user);
        } catch (ItemNotFoundException e) {
            throw ApiException.notFound(String.format(Locale.ROOT, "Block[%s] not found in course[%s]",
                    query.startBlock().map(Object::toString).orElse("root"), query.course()));
        }
    }

    private byte[] render(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a Blocks API response as JSON", e);
        }
    }

    private void record(LoadedStructure loaded) {
        var source = loaded.source();
        registry.counter("strata.blocks.loads", "source", source).increment();
        if (ServedStructures.DECODED.equals(source) || loaded.isCollected()) {
            return;
        }
        registry.counter("strata.tier.bytes.loaded", "tier", source).increment(loaded.encodedBytes());
        var itemBytes = tierItemBytes.get(source);
        if (itemBytes != null && loaded.encodedBytes() > itemBytes) {
            registry.counter("strata.tier.chunked.reads", "tier", source).increment();
        }
    }

    /**
     * Is a served response: its JSON body, from position 0 to the limit (a buffer of its own over
     * shared bytes: never change them), and where its time went.
     */
    record Served(ByteBuffer body, ServerTiming timing) {
    }
}
