package io.strata.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformerRegistry;

import java.time.Duration;
import java.util.ArrayList;

/**
 * Replaces the standard registry by one whose collect of a course lasts at least the given time, so
 * that callers which arrive together all meet the collect while it runs.
 */
final class SlowCollects extends AbstractModule {
    private final Duration duration;

    SlowCollects(Duration duration) {
        this.duration = duration;
    }

    @Provides
    @Singleton
    TransformerRegistry registry() {
        var all = new ArrayList<BlockTransformer>(TransformerRegistry.standard().transformers());
        all.add(new BlockTransformer() {
            @Override
            public String name() {
                return "slow";
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
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted in a slow collect", e);
                }
            }

            @Override
            public void transform(TransformContext context) {
            }
        });
        return new TransformerRegistry(all);
    }
}
