package io.strata.adapters.memcached;

import io.strata.adapters.memcached.MemcachedCacheTierConfig.Protocol;
import io.strata.ports.CacheTier;
import io.strata.testkit.CacheTierContractTest;
import io.strata.testkit.LocalServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Optional;

/** Runs the cache tier contract over memcached's text protocol. */
class MemcachedTextProtocolIT extends CacheTierContractTest {
    @RegisterExtension
    static final LocalServer SERVER = LocalServer.memcached("-I", "1m");

    private MemcachedCacheTier tier;

    @Override
    protected CacheTier createTier() {
        SERVER.flush();
        tier = new MemcachedCacheTier(MemcachedCacheTierIT.config(List.of(SERVER.address()), Protocol.TEXT,
                Optional.empty()));
        return tier;
    }

    @AfterEach
    void closeTier() {
        if (tier != null) {
            tier.close();
        }
    }
}
