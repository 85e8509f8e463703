package dev.stackagent.source;

import java.util.Collection;
import java.util.regex.Pattern;

/** Removes credentials from URLs and free text before they reach a log line or an exception. */
public final class Redaction {

    private static final Pattern URL_USERINFO = Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]*@");

    private Redaction() {
    }

    /** The URL without userinfo: {@code https://tok@host/r.git} becomes {@code https://host/r.git}. */
    public static String url(String url) {
        return url == null ? null : URL_USERINFO.matcher(url).replaceAll("$1");
    }

    /** {@code text} with userinfo stripped from every URL and every known secret value masked. */
    static String text(String text, Collection<String> secrets) {
        if (text == null) {
            return "";
        }
        String result = url(text);
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 3) {
                result = result.replace(secret, "****");
            }
        }
        return result;
    }
}
