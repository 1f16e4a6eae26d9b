package org.clearway.api.live;

import java.util.HashMap;
import java.util.Map;

/** How many event streams are open, in all and per token, against the configured bounds. */
public final class StreamLimits {
    private final int total;
    private final int perToken;
    private final Map<String, Integer> byToken = new HashMap<>();
    private int open;

    public StreamLimits(int total, int perToken) {
        this.total = total;
        this.perToken = perToken;
    }

    /** @return whether a stream for this token may open (and is now counted) */
    public synchronized boolean tryAcquire(String tokenId) {
        int mine = byToken.getOrDefault(tokenId, 0);
        if (open >= total || mine >= perToken) {
            return false;
        }
        byToken.put(tokenId, mine + 1);
        open++;
        return true;
    }

    public synchronized void release(String tokenId) {
        int mine = byToken.getOrDefault(tokenId, 0);
        if (mine <= 0) {
            throw new IllegalStateException("no stream of token " + tokenId + " is open");
        }
        if (mine == 1) {
            byToken.remove(tokenId);
        } else {
            byToken.put(tokenId, mine - 1);
        }
        open--;
    }

    public synchronized int open() {
        return open;
    }
}
