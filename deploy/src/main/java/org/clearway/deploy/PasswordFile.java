package org.clearway.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mosquitto {@code password_file}: one {@code username:hash} line per user, as
 * {@code mosquitto_passwd} writes it. Blank lines and {@code #} comments are skipped when read.
 */
public final class PasswordFile {
    private PasswordFile() {
    }

    /** The users and their hashes, in file order. */
    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || colon == line.length() - 1) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the password file is not username:hash");
            }
            entries.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return entries;
    }

    /** The file's lines for these users and hashes, in the given order. */
    public static List<String> render(Map<String, String> entries) {
        List<String> lines = new ArrayList<>(entries.size());
        entries.forEach((user, hash) -> lines.add(user + ":" + hash));
        return lines;
    }
}
