package dev.stackagent.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.Optional;

import org.eclipse.jgit.errors.TransportException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.stackagent.source.GitSourceException.Reason;

/** Why a fetch failed, as on-call reads it: a port that happens to contain 403 is not an auth failure. */
class FailureClassifierTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "git://127.0.0.1:34033/repo.git: Connection refused        | UNREACHABLE",
            "git://127.0.0.1:40170/repo.git: Connection reset          | UNREACHABLE",
            "https://git.example.com/repo.git: 403 Forbidden           | AUTH",
            "https://git.example.com/repo.git: not authorized          | AUTH",
            "https://git.example.com/repo.git: 401 Unauthorized        | AUTH"})
    void reasonOfATransportFailure(String message, Reason reason) {
        GitSettings settings = GitSettingsBuilder.of("git://127.0.0.1:34033/repo.git").build();
        GitSourceException e = FailureClassifier.classify(new TransportException(message.trim()), Optional.empty(), "ls-remote", settings,
                List.of());
        assertThat(e.reason()).isEqualTo(reason);
        assertThat(FailureClassifier.classify(new TransportException("x", new ConnectException("refused")), Optional.empty(), "fetch",
                settings, List.of()).reason()).isEqualTo(Reason.UNREACHABLE);
    }
}
