package io.strata.app.http;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.strata.domain.transform.BlockTransformer;
import io.strata.domain.transform.CollectContext;
import io.strata.domain.transform.TransformContext;
import io.strata.domain.transform.TransformerRegistry;

import java.util.ArrayList;

/**
 * Is a transformer that a test runs after the standard ones, to watch or slow the service's work: it
 * has versions 1 and does nothing unless the test overrides {@link #collect} or {@link #transform}.
 */
abstract class ExtraTransformer implements BlockTransformer {
    private final String name;

    ExtraTransformer(String name) {
        this.name = name;
    }

    /** Returns a module that replaces the standard registry by the standard transformers plus this one. */
    final Module module() {
        var extra = this;
        return new AbstractModule() {
            @Provides
            @Singleton
            TransformerRegistry registry() {
                var all = new ArrayList<BlockTransformer>(TransformerRegistry.standard().transformers());
                all.add(extra);
                return new TransformerRegistry(all);
            }
        };
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int writeVersion() {
        return 1;
    }

    @Override
    public final int readVersion() {
        return 1;
    }

    @Override
    public void collect(CollectContext context) {
        // Nothing to record unless the test says so.
    }

    @Override
    public void transform(TransformContext context) {
        // Nothing to change unless the test says so.
    }
}
