package dev.assay.exemplar;

import dev.assay.text.ContentWords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content words ({@link ContentWords}) of a workspace's bank: per question, its prompt and
 * active exemplars, and all of them together. Judging whether a sentence of an answer is on topic
 * reads them on every offline grade, so they are kept in memory per workspace, dropped when the
 * workspace's exemplars change and read again after {@link #MAX_AGE} at the latest (a question
 * added without exemplars, or a prompt edited, fires no exemplar event).
 */
@ApplicationScoped
public class BankVocabulary {
  static final Duration MAX_AGE = Duration.ofMinutes(5);

  /** One workspace's words, and when they were read. */
  private record Snapshot(long readAt, Map<Long, Set<String>> byQuestion, Set<String> all) {}

  private final ExemplarRepository repository;
  private final Map<Long, Long> workspaceOfQuestion = new ConcurrentHashMap<>();
  private final Map<Long, Snapshot> snapshots = new ConcurrentHashMap<>();

  BankVocabulary(ExemplarRepository repository) {
    this.repository = repository;
  }

  /** The words of a question's prompt and active exemplars. */
  public Set<String> question(long questionId) {
    return snapshot(questionId).byQuestion().getOrDefault(questionId, Set.of());
  }

  /** The words of every prompt and active exemplar of the question's workspace. */
  public Set<String> bank(long questionId) {
    return snapshot(questionId).all();
  }

  private Snapshot snapshot(long questionId) {
    long workspace = workspaceOfQuestion.computeIfAbsent(questionId, repository::workspaceOf);
    Snapshot s = snapshots.get(workspace);
    if (s == null
        || !s.byQuestion().containsKey(questionId)
        || System.nanoTime() - s.readAt() > MAX_AGE.toNanos()) {
      s = read(workspace);
      snapshots.put(workspace, s);
    }
    return s;
  }

  private Snapshot read(long workspaceId) {
    long at = System.nanoTime();
    Map<Long, Set<String>> byQuestion = new HashMap<>();
    Set<String> all = new HashSet<>();
    for (Map.Entry<Long, List<String>> q : repository.activeTexts(workspaceId).entrySet()) {
      Set<String> words = new HashSet<>();
      q.getValue().forEach(text -> words.addAll(ContentWords.of(text)));
      byQuestion.put(q.getKey(), Set.copyOf(words));
      all.addAll(words);
    }
    return new Snapshot(at, Map.copyOf(byQuestion), Set.copyOf(all));
  }

  void onExemplarsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExemplarsChanged e) {
    snapshots.remove(e.workspaceId());
  }
}
