package org.clearway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Intended test fixtures the secret scan lets through: one entry a line, {@code path | rule | reason}, where
 * {@code path} is a repository path (a trailing {@code *} matches any rest), {@code rule} a rule id or {@code *},
 * and the reason says why the match is no secret. {@code #} starts a comment line.
 */
final class SecretAllowlist {
    record Entry(int line, Pattern path, String rule, String reason) {
        boolean allows(SecretScanner.Finding finding) {
            return path.matcher(finding.path()).matches() && (rule.equals("*") || rule.equals(finding.rule()));
        }
    }

    private final List<Entry> entries;

    private SecretAllowlist(List<Entry> entries) {
        this.entries = entries;
    }

    static SecretAllowlist parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*\\|\\s*", 3);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isBlank()) {
                throw new IllegalArgumentException("allowlist line " + (i + 1) + " is not 'path | rule | reason' (every entry needs its reason): " + line);
            }
            String glob = Pattern.quote(parts[0]).replace("*", "\\E.*\\Q");
            entries.add(new Entry(i + 1, Pattern.compile(glob), parts[1], parts[2]));
        }
        return new SecretAllowlist(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    boolean allows(SecretScanner.Finding finding) {
        return entries.stream().anyMatch(e -> e.allows(finding));
    }
}
