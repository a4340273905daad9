package io.strata.domain.transform.standard;

import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformOptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Gives blocks their {@code student_view_data} and {@code student_view_multi_device} flags, as
 * Open edX's {@code StudentViewTransformer}, limited to what the collected fields tell without an
 * XBlock runtime.
 *
 * <p>Collect records, for a {@code video}: {@code only_on_web}, {@code encoded_videos} (the YouTube
 * URL when the video has a 1.0-speed YouTube id) and {@code all_sources} (its HTML5 sources); for a
 * {@code discussion}: {@code topic_id}. It records {@link #MULTI_DEVICE} on the types Open edX marks
 * as supporting every device: {@code html}, {@code problem} and {@code video}. Transcript URLs and
 * durations need the video pipeline and are left out.
 *
 * <p>Transform copies the data as {@link #STUDENT_VIEW_DATA} request data onto the kept blocks
 * whose type the request lists, and onto no other.
 */
public final class StudentViewTransformer implements BlockTransformer {
    /** Names this transformer. */
    public static final String NAME = "student_view";
    /** Names the recorded and the request data of a block's student view data, a map. */
    public static final String STUDENT_VIEW_DATA = "student_view_data";
    /** Names the recorded flag, {@code true}, of a block that supports every device. */
    public static final String MULTI_DEVICE = "student_view_multi_device";

    // Source URLs hold no quote or backslash other than JSON's escaped slash.
    private static final Pattern QUOTED = Pattern.compile("\"([^\"\\\\]*(?:\\\\/[^\"\\\\]*)*)\"");
    private static final Set<String> MULTI_DEVICE_TYPES = Set.of("html", "problem", "video");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int writeVersion() {
        return 1;
    }

    @Override
    public int readVersion() {
        return 1;
    }

    @Override
    public void collect(CollectContext context) {
        for (int block = 0; block < context.size(); block++) {
            var type = context.key(block).type();
            if (MULTI_DEVICE_TYPES.contains(type)) {
                context.setData(block, MULTI_DEVICE, Boolean.TRUE);
            }
            if ("video".equals(type)) {
                context.setData(block, STUDENT_VIEW_DATA, videoData(context, block));
            } else if ("discussion".equals(type) && context.sourceField(block, "discussion_id") != null) {
                context.setData(block, STUDENT_VIEW_DATA,
                        Map.of("topic_id", String.valueOf(context.sourceField(block, "discussion_id"))));
            }
        }
    }

    private static Map<String, Object> videoData(CollectContext context, int block) {
        var data = new LinkedHashMap<String, Object>();
        data.put("only_on_web", SourceValues.isTrue(context.key(block), "only_on_web",
                context.sourceField(block, "only_on_web")));
        var encoded = new LinkedHashMap<String, Object>();
        var youtubeId = context.sourceField(block, "youtube_id_1_0");
        if (youtubeId instanceof String id && !id.isBlank()) {
            // Ordered maps only: Map.of iterates in an order that changes from one JVM to the next.
            var youtube = new LinkedHashMap<String, Object>();
            youtube.put("url", "https://www.youtube.com/watch?v=" + id);
            youtube.put("file_size", 0L);
            encoded.put("youtube", youtube);
        }
        data.put("encoded_videos", encoded);
        data.put("all_sources", sources(context.sourceField(block, "html5_sources")));
        return data;
    }

    /** Returns the sources a list gives, or a JSON list of strings in an XML attribute gives. */
    private static List<String> sources(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (!(value instanceof String text)) {
            return List.of();
        }
        var sources = new ArrayList<String>();
        var matcher = QUOTED.matcher(text);
        while (matcher.find()) {
            sources.add(matcher.group(1).replace("\\/", "/"));
        }
        return sources;
    }

    /** Allows it: the data of a block depends on that block alone. */
    @Override
    public boolean allowsDepthCut(TransformOptions options) {
        return true;
    }

    @Override
    public void transform(TransformContext context) {
        var types = context.options().studentViewDataTypes();
        if (types.isEmpty()) {
            return;
        }
        var view = context.view();
        var structure = view.structure();
        for (int block : view.preOrder()) {
            if (types.contains(structure.type(block))) {
                var data = structure.transformerData(NAME, block, STUDENT_VIEW_DATA);
                if (data != null) {
                    view.setData(block, STUDENT_VIEW_DATA, data);
                }
            }
        }
    }
}
