/** Chip profiles: shipped JSON data files, loading by name or path, and field validation. */
package dev.spikeforge.compiler.profile;
