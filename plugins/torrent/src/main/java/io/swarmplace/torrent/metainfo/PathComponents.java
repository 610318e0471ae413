package io.swarmplace.torrent.metainfo;

/**
 * Checks one name or path component of a torrent. A component becomes a file or folder name under the
 * download folder, so anything that could climb out of it, point elsewhere or confuse the file system is
 * refused here, before any storage code sees it.
 */
final class PathComponents {

    private PathComponents() {}

    /** Returns {@code component} if it is safe as a single file or folder name, else throws. */
    static String check(String component, String where) {
        if (component.isEmpty()) {
            throw new MetainfoException(where + " is empty");
        }
        if (component.equals(".") || component.equals("..")) {
            throw new MetainfoException(
                    where + " is \"" + component + "\", which would leave the download folder");
        }
        if (component.indexOf('/') >= 0 || component.indexOf('\\') >= 0) {
            throw new MetainfoException(where + " \"" + component + "\" contains a path separator");
        }
        if (component.indexOf('\0') >= 0) {
            throw new MetainfoException(where + " contains a NUL character");
        }
        if (component.length() >= 2 && component.charAt(1) == ':' && isAsciiLetter(component.charAt(0))) {
            throw new MetainfoException(
                    where + " \"" + component + "\" starts with a drive letter, which would make an absolute path on Windows");
        }
        return component;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
