package io.swarmplace.plugins.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.swarmplace.plugins.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The installed plugins, kept in {@code registry.json}. The file is replaced atomically, so a crash
 * leaves either the old or the new list, never half of one. Not thread-safe: the plugin manager's lock
 * guards it.
 */
public class PluginRegistry {

    private static final TypeReference<List<RegistryEntry>> ENTRIES = new TypeReference<>() {};

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final List<RegistryEntry> entries = new ArrayList<>();

    public PluginRegistry(Path file) {
        this.file = file;
    }

    /** Reads the file, if there is one. */
    public void load() {
        entries.clear();
        if (!Files.exists(file)) {
            return;
        }
        try {
            entries.addAll(mapper.readValue(file.toFile(), ENTRIES));
        } catch (IOException e) {
            throw new IllegalStateException("the plugin registry " + file + " is unreadable (" + e.getMessage()
                    + "); move it away to start with an empty list", e);
        }
    }

    public List<RegistryEntry> entries() {
        return List.copyOf(entries);
    }

    public Optional<RegistryEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Adds {@code entry}, replacing one with the same name, and saves. */
    public void put(RegistryEntry entry) throws PluginException {
        List<RegistryEntry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.name().equals(entry.name()));
        next.add(entry);
        save(next);
    }

    public void remove(String name) throws PluginException {
        List<RegistryEntry> next = new ArrayList<>(entries);
        next.removeIf(e -> e.name().equals(name));
        save(next);
    }

    /** Drops the entries {@code stale} selects and saves; returns how many were dropped. */
    public int removeIf(Predicate<RegistryEntry> stale) throws PluginException {
        List<RegistryEntry> next = new ArrayList<>(entries);
        int before = next.size();
        next.removeIf(stale);
        if (next.size() != before) {
            save(next);
        }
        return before - next.size();
    }

    private void save(List<RegistryEntry> next) throws PluginException {
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), "registry-", ".tmp");
            try {
                mapper.writeValue(partial.toFile(), next);
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new PluginException("cannot save the plugin registry " + file + ": " + e.getMessage()
                    + ". Check free space and permissions of the data directory.");
        }
        entries.clear();
        entries.addAll(next);
    }
}
