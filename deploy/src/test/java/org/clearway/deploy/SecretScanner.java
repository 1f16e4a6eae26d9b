package org.clearway.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds secrets in a file's text: private keys, cloud and chat token shapes, passwords assigned in configuration
 * files (Compose, Kubernetes, properties, env files) other than documented placeholders, database and broker URLs
 * with a password in them, and high-entropy values in env files. A finding names the file, line and rule and shows
 * the secret masked, so that the scan's own output leaks nothing.
 */
final class SecretScanner {
    /** One suspected secret; {@code masked} shows its first characters only. */
    record Finding(String path, int line, String rule, String masked) {
        @Override
        public String toString() {
            return path + ":" + line + " " + rule + " (" + masked + ")";
        }
    }

    /** A rule: what to look for (group 1 is the secret, else the whole match), in which files. */
    private record Rule(String id, Pattern pattern, Predicate<String> appliesTo) {
    }

    /** Values that stand for a secret without being one: interpolations, empty, and the documented placeholders. */
    static final Pattern PLACEHOLDER = Pattern.compile(
            "|\\$\\{[^}]*}?.*|\\$[A-Z_][A-Z0-9_]*|\\$\\(.*|<[^>]*>|\\.\\.\\.|change-me|changeme|none|null|\\*+|x+|%[a-z]+%?",
            Pattern.CASE_INSENSITIVE);
    static final double HIGH_ENTROPY_BITS = 3.5;
    static final int HIGH_ENTROPY_MIN_LENGTH = 16;

    private static final Predicate<String> ANY = path -> true;
    private static final Predicate<String> CONFIG = SecretScanner::isConfig;
    private static final List<Rule> RULES = List.of(
            new Rule("private-key", Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"), ANY),
            new Rule("aws-access-key-id", Pattern.compile("\\b((?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16})\\b"), ANY),
            new Rule("aws-secret-access-key", Pattern.compile(
                    "(?i)aws_?secret_?access_?key[\"']?\\s*[:=]\\s*[\"']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])"), ANY),
            new Rule("gcp-api-key", Pattern.compile("\\b(AIza[0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])"), ANY),
            new Rule("gcp-service-account-key", Pattern.compile("\"private_key_id\"\\s*:\\s*\"([0-9a-f]{40})\""), ANY),
            new Rule("github-token", Pattern.compile("\\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,})\\b"), ANY),
            new Rule("slack-token", Pattern.compile("\\b(xox[abposr]-[A-Za-z0-9-]{10,})"), ANY),
            new Rule("slack-webhook", Pattern.compile("(https://hooks\\.slack\\.com/services/T[A-Za-z0-9]+/B[A-Za-z0-9]+/[A-Za-z0-9]{16,})"), ANY),
            new Rule("jdbc-password", Pattern.compile("(?i)jdbc:[a-z0-9]+:[^\\s\"'`]*?[?&;]password=([^&;\\s\"'`)]+)"), ANY),
            new Rule("url-credentials", Pattern.compile(
                    "(?i)\\b(?:jdbc:)?(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|redis|amqps?|mqtts?|tcp|ssl|wss?|https?)://"
                            + "[^\\s:/@\"'`]+:([^\\s@/\"'`]+)@"), ANY),
            new Rule("assigned-password", Pattern.compile(
                    "(?i)^\\s*(?:-\\s*)?(?:export\\s+|ENV\\s+|ARG\\s+)?[\"']?[A-Za-z0-9_.-]*(?:password|passwd|secret|token|tokens|"
                            + "api[_-]?key|access[_-]?key|private[_-]?key)[\"']?\\s*[:=]\\s*[\"']?([^\"'#]*)"), CONFIG));

    private SecretScanner() {
    }

    /** Whether a path is configuration, where a password written out is a finding unless it is a placeholder. */
    static boolean isConfig(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return isEnvFile(path) || name.endsWith(".yml") || name.endsWith(".yaml") || name.endsWith(".properties")
                || name.endsWith(".conf") || name.endsWith(".toml") || name.endsWith(".ini") || name.endsWith(".cfg")
                || name.endsWith("dockerfile") || name.endsWith(".dockerfile");
    }

    /** {@code .env}, {@code .env.example}, {@code x.env}: files of {@code NAME=value} lines. */
    static boolean isEnvFile(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        return name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env");
    }

    static List<Finding> scan(String path, String text) {
        List<Finding> findings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            for (Rule rule : RULES) {
                if (!rule.appliesTo().test(path)) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(line);
                while (m.find()) {
                    String secret = (m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group()).strip();
                    if (rule.id().equals("private-key") || !isPlaceholder(secret)) {
                        findings.add(new Finding(path, number, rule.id(), mask(secret)));
                    }
                }
            }
            if (isEnvFile(path)) {
                highEntropyValue(line).ifPresent(v -> findings.add(new Finding(path, number, "high-entropy-env-value", mask(v))));
            }
        }
        return findings;
    }

    /** The value of a {@code NAME=value} line if it looks random: long and of high Shannon entropy. */
    static Optional<String> highEntropyValue(String line) {
        String stripped = line.strip();
        int eq = stripped.indexOf('=');
        if (stripped.startsWith("#") || eq < 1) {
            return Optional.empty();
        }
        String value = stripped.substring(eq + 1).strip();
        int comment = value.indexOf(" #");
        if (comment >= 0) {
            value = value.substring(0, comment).strip();
        }
        value = value.replaceAll("^[\"']|[\"']$", "");
        if (value.length() >= HIGH_ENTROPY_MIN_LENGTH && entropy(value) >= HIGH_ENTROPY_BITS && !isPlaceholder(value)
                && !value.contains("/") && !value.contains(" ")) {
            return Optional.of(value);
        }
        return Optional.empty();
    }

    /** Shannon entropy in bits per character. */
    static double entropy(String s) {
        int[] counts = new int[128];
        int other = 0;
        for (char c : s.toCharArray()) {
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        for (int count : counts) {
            bits += term(count, s.length());
        }
        return bits + term(other, s.length());
    }

    private static double term(int count, int length) {
        if (count == 0) {
            return 0;
        }
        double p = (double) count / length;
        return -p * Math.log(p) / Math.log(2);
    }

    static boolean isPlaceholder(String value) {
        return PLACEHOLDER.matcher(value.strip().replaceAll("[\"',;]+$", "")).matches() || isYamlStructure(value);
    }

    /** A YAML flow mapping such as {@code api_key: { type: string }} (an OpenAPI schema) describes a field, holds none. */
    private static boolean isYamlStructure(String value) {
        String v = value.strip();
        return v.startsWith("{") && v.endsWith("}") && v.contains(":");
    }

    /** The first two characters and the length: enough to find it, not enough to use it. */
    static String mask(String secret) {
        return secret.substring(0, Math.min(2, secret.length())) + "… (" + secret.length() + " characters)";
    }
}
