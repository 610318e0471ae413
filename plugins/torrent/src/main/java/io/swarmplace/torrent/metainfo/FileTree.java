package io.swarmplace.torrent.metainfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The folder tree a multi-file torrent would create, built to find two files with one path and a path
 * that is both a file and a folder. A trie rather than a set of joined prefixes keeps the work linear in
 * the number of path components, however deep a hostile torrent nests its paths.
 */
final class FileTree {

    private static final int FOLDER = -1;

    private final Node root = new Node(FOLDER);

    /** Adds the path of {@code files[index]}; throws if it collides with a file added before. */
    void add(List<String> path, int index) {
        Node node = root;
        for (int depth = 0; depth < path.size(); depth++) {
            boolean last = depth == path.size() - 1;
            Node child = node.children.get(path.get(depth));
            if (child == null) {
                child = new Node(last ? index : FOLDER);
                node.children.put(path.get(depth), child);
            } else if (last) {
                String kind = child.file == FOLDER ? "a folder of another file" : "also info.files[" + child.file + "]";
                throw new MetainfoException("info.files[" + index + "].path \"" + join(path, depth) + "\" is " + kind);
            } else if (child.file != FOLDER) {
                throw new MetainfoException("info.files[" + child.file + "].path \"" + join(path, depth)
                        + "\" is a file but info.files[" + index + "] uses it as a folder");
            }
            node = child;
        }
    }

    private static String join(List<String> path, int lastDepth) {
        return String.join("/", path.subList(0, lastDepth + 1));
    }

    private static final class Node {
        final int file;
        final Map<String, Node> children = new HashMap<>(4);

        Node(int file) {
            this.file = file;
        }
    }
}
