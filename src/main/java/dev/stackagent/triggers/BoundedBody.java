package dev.stackagent.triggers;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body, stopping as soon as it grows past a limit. */
final class BoundedBody {
    private BoundedBody() {
    }

    /** Thrown when the body is larger than allowed. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body too large");
        }
    }

    static byte[] read(InputStream in, long limit) throws IOException {
        if (in == null) return new byte[0];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > limit) throw new TooLarge();
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
