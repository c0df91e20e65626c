/** The demo module's commands under {@code ./scenes}: {@code demo} and {@code events tail}. */
package dev.scenes.demo.cli;
