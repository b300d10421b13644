package org.diffprior.cli;

import picocli.CommandLine;

/** Reports the jar's implementation version (or "development" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = DiffPriorCli.class.getPackage().getImplementationVersion();
        return new String[] {"diffprior " + (v == null ? "development" : v)};
    }
}
