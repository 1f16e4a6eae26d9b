package org.clearway.core.mqtt;

/** MQTT topic filter matching ({@code +}, {@code #}, and shared subscriptions {@code $share/group/...}). */
public final class TopicFilters {
    private static final String SHARE = "$share/";

    private TopicFilters() {
    }

    public static boolean matches(String filter, String topic) {
        String f = filter;
        if (f.startsWith(SHARE)) {
            int slash = f.indexOf('/', SHARE.length());
            f = slash < 0 ? "" : f.substring(slash + 1);
        }
        String[] fl = f.split("/", -1);
        String[] tl = topic.split("/", -1);
        for (int i = 0; i < fl.length; i++) {
            if (fl[i].equals("#")) {
                return true;
            }
            if (i >= tl.length) {
                return false;
            }
            if (!fl[i].equals("+") && !fl[i].equals(tl[i])) {
                return false;
            }
        }
        return fl.length == tl.length;
    }

    /** The group name that asks for a plain subscription. */
    public static final String PLAIN = "none";

    /**
     * The shared-subscription form of a filter, so that replicas in the same group split the messages; the filter
     * itself (a plain subscription) for no group, an empty one or {@value #PLAIN}.
     */
    public static String shared(String group, String filter) {
        return group == null || group.isEmpty() || PLAIN.equalsIgnoreCase(group) ? filter : SHARE + group + "/" + filter;
    }
}
