package io.swarmplace.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Changes entries of a (signed) jar the way an attacker would, keeping its signature files. */
final class JarRewriter {

    private JarRewriter() {}

    static Path rewrite(Path in, Path out, Map<String, byte[]> replaceOrAdd) throws IOException {
        Map<String, byte[]> pending = new HashMap<>(replaceOrAdd);
        try (ZipInputStream zin = new ZipInputStream(Files.newInputStream(in));
                ZipOutputStream zout = new ZipOutputStream(Files.newOutputStream(out))) {
            for (ZipEntry entry; (entry = zin.getNextEntry()) != null; ) {
                byte[] content = pending.containsKey(entry.getName()) ? pending.remove(entry.getName()) : zin.readAllBytes();
                zout.putNextEntry(new ZipEntry(entry.getName()));
                zout.write(content);
                zout.closeEntry();
            }
            for (Map.Entry<String, byte[]> added : pending.entrySet()) {
                zout.putNextEntry(new ZipEntry(added.getKey()));
                zout.write(added.getValue());
                zout.closeEntry();
            }
        }
        return out;
    }

}
