package io.strata.app.archfixture.domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Breaks a rule on purpose: domain code that reads a file. Used only by ArchitectureRulesCanFailTest. */
public class DomainThatReadsFiles {
    public byte[] read(Path path) throws IOException {
        return Files.readAllBytes(path);
    }
}
