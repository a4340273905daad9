package io.strata.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.strata.app.config.StrataConfig;
import io.strata.app.wiring.Wiring;
import io.strata.domain.api.BlocksApi;
import io.strata.domain.api.BlocksApiVersion;
import io.strata.domain.api.BlocksRequest;
import io.strata.domain.api.ReturnType;
import io.strata.domain.key.CourseKey;
import io.strata.domain.manager.BlockStructureManager;
import io.strata.domain.manager.LoadedStructure;
import io.strata.domain.transform.UserContext;
import io.strata.ports.ItemNotFoundException;
import io.strata.ports.LearnerSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Prints one course's blocks for one learner in the shape of Open edX's Blocks API
 * ({@code GET /api/courses/v1/blocks/}). The JSON goes to standard output and nothing else does.
 * The structure is loaded from the nearest tier that holds it and collected only when none does.
 */
@Command(name = "course-blocks", mixinStandardHelpOptions = true, versionProvider = StrataVersion.class,
        description = "Prints a course's blocks as one learner sees them, as Blocks API JSON.")
final class CourseBlocksCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(CourseBlocksCommand.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Mixin
    ConfigOptions configOptions;

    @Spec
    CommandSpec spec;

    @Option(names = "--course", required = true, paramLabel = "KEY", description = "The course key.")
    String course;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Viewer viewer;

    @Option(names = "--depth", paramLabel = "N|all", defaultValue = "all",
            description = "Levels below the root to return: a number or all (default: ${DEFAULT-VALUE}).")
    String depth;

    @Option(names = "--nav-depth", paramLabel = "N", description = "Add descendants lists down to this depth.")
    Integer navDepth;

    @Option(names = "--requested-fields", split = ",", paramLabel = "FIELD", defaultValue = "children",
            description = "Optional fields to return, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> requestedFields;

    @Option(names = "--block-counts", split = ",", paramLabel = "TYPE",
            description = "Block types to count under each block, comma-separated.")
    List<String> blockCounts = List.of();

    @Option(names = "--return-type", paramLabel = "dict|list", defaultValue = "dict",
            description = "Response shape: dict or list (default: ${DEFAULT-VALUE}).")
    String returnType;

    @Option(names = "--student-view-data", split = ",", paramLabel = "TYPE",
            description = "Block types whose student_view_data to return, comma-separated.")
    List<String> studentViewData = List.of();

    @Option(names = "--api-version", paramLabel = "v1|v2", defaultValue = "v1",
            description = "Blocks API version: v1 leaves out access-denied blocks, v2 returns them with the reason"
                    + " (default: ${DEFAULT-VALUE}).")
    String apiVersion;

    @Option(names = "--as-of", paramLabel = "TIME",
            description = "Show the view at this moment instead of now: an ISO-8601 instant such as "
                    + "2026-09-01T00:00:00Z.")
    String asOf;

    @Option(names = "--source", paramLabel = "DIR",
            description = "Where to collect from if nothing is stored (default: course.source).")
    Path source;

    /** Is whose view to print: one user's (empty name: the anonymous view), or every block. */
    static final class Viewer {
        @Option(names = "--username", paramLabel = "NAME", required = true,
                description = "The learner whose view to print; an empty name gives the anonymous view.")
        String username;

        @Option(names = "--all-blocks", required = true,
                description = "Every block, without per-learner filtering (Open edX's all_blocks).")
        boolean allBlocks;
    }

    @Override
    public Integer call() {
        var request = parseRequest();
        var courseKey = CourseKey.parse(course);
        StrataConfig config = configOptions.load(source == null ? List.of() : List.of("course.source=" + source));
        var injector = Wiring.create(config);
        var clock = asOfClock().orElseGet(() -> injector.getInstance(Clock.class));
        var user = userContext(injector.getInstance(LearnerSource.class), config.learnersFile().isEmpty(), clock,
                courseKey);

        var loaded = loadCurrent(injector.getInstance(BlockStructureManager.class), courseKey, config);
        var response = injector.getInstance(BlocksApi.class).render(loaded.structure(), request.apply(config), user);
        log.debug("Course[{}] served from tier[{}]", courseKey, loaded.source());
        if (source != null && !loaded.isCollected()) {
            log.info("Course[{}] served from its stored version[{}]; --source is read only when nothing is stored,"
                    + " run generate-course-blocks to collect changes", courseKey, loaded.structure().courseVersion());
        }

        print(response.toJsonValue());
        return 0;
    }

    private static LoadedStructure loadCurrent(BlockStructureManager manager, CourseKey courseKey,
            StrataConfig config) {
        try {
            return manager.loadCurrent(courseKey);
        } catch (ItemNotFoundException e) {
            throw BundledSampleCourse.reworded(e, config, courseKey.toString());
        }
    }

    private Optional<Clock> asOfClock() {
        if (asOf == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Clock.fixed(Instant.parse(asOf.strip()), ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
                    "Invalid --as-of[%s]: use an ISO-8601 instant such as 2026-09-01T00:00:00Z", asOf));
        }
    }

    private RequestTemplate parseRequest() {
        if (source != null && !Files.exists(source)) {
            throw new ParameterException(spec.commandLine(), "--source[" + source + "] does not exist");
        }
        var parsedDepth = "all".equals(depth) ? Optional.<Integer>empty() : Optional.of(parseCount("--depth", depth));
        if (navDepth != null && navDepth < 0) {
            throw new ParameterException(spec.commandLine(), "--nav-depth must not be negative: " + navDepth);
        }
        var type = switch (returnType) {
            case "dict" -> ReturnType.DICT;
            case "list" -> ReturnType.LIST;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid --return-type[" + returnType + "]: use dict or list");
        };
        var version = switch (apiVersion) {
            case "v1" -> BlocksApiVersion.V1;
            case "v2" -> BlocksApiVersion.V2;
            default -> throw new ParameterException(spec.commandLine(),
                    "Invalid --api-version[" + apiVersion + "]: use v1 or v2");
        };
        asOfClock();
        return new RequestTemplate(parsedDepth, Optional.ofNullable(navDepth), cleaned(requestedFields),
                cleaned(blockCounts), type, cleaned(studentViewData), version);
    }

    private int parseCount(String option, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw new ParameterException(spec.commandLine(),
                String.format(Locale.ROOT, "Invalid %s[%s]: use a number of levels (0 or more) or all", option, text));
    }

    private UserContext userContext(LearnerSource learners, boolean isBundledLearners, Clock clock,
            CourseKey courseKey) {
        var now = clock.instant();
        if (viewer.allBlocks) {
            return UserContext.allBlocks(now);
        }
        if (viewer.username.isEmpty()) {
            return UserContext.anonymous(now);
        }
        var learner = learners.find(viewer.username, courseKey.toString()).orElseThrow(() -> new ItemNotFoundException(
                String.format(Locale.ROOT, "User[%s] is not in %s; add them to the learners file", viewer.username,
                        isBundledLearners ? "the bundled sample learners (set learners.file to use your own)"
                                : "learner source[" + learners.describe() + "]")));
        return UserContext.of(learner, now);
    }

    private void print(Object json) {
        try {
            var out = spec.commandLine().getOut();
            out.println(JSON.writeValueAsString(json));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the response", e);
        }
    }

    private static Set<String> cleaned(List<String> values) {
        var result = new LinkedHashSet<String>();
        for (var value : values) {
            if (!value.isBlank()) {
                result.add(value.strip());
            }
        }
        return result;
    }

    /** Is a parsed request that still lacks the LMS base URL, which comes from the configuration. */
    private record RequestTemplate(Optional<Integer> depth, Optional<Integer> navDepth, Set<String> requestedFields,
            Set<String> blockCountTypes, ReturnType returnType, Set<String> studentViewData,
            BlocksApiVersion apiVersion) {
        BlocksRequest apply(StrataConfig config) {
            return new BlocksRequest(Optional.empty(), depth, navDepth, requestedFields, blockCountTypes, returnType,
                    config.lmsBaseUrl().toString(), studentViewData, apiVersion);
        }
    }
}
