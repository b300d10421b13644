/** The bin/diffprior command line (picocli): one class per subcommand, each a thin adapter to the task layer. */
package org.diffprior.cli;
