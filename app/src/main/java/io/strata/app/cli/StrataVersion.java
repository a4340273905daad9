package io.strata.app.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version written into the jar's manifest by the build. */
final class StrataVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        var version = StrataVersion.class.getPackage().getImplementationVersion();
        return new String[] {"strata " + (version == null ? "(development build)" : version)};
    }
}
