package dev.assay.batch;

import dev.assay.bank.QuestionService;
import dev.assay.grading.GradeView;
import dev.assay.grading.GradingService;
import dev.assay.platform.ApiException;
import dev.assay.platform.Jdbc;
import dev.assay.platform.Problem;
import dev.assay.queue.WorkKind;
import dev.assay.queue.WorkQueue;
import dev.assay.queue.WorkStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Grade batches: accepts a batch only when every answer in it is a valid request for a question of
 * the workspace (nothing is queued otherwise, and the 400 lists the bad lines), queues one work
 * item per answer, and reports progress and results.
 */
@ApplicationScoped
class BatchService {
  /** A 400 lists at most this many bad lines; its detail gives the full count. */
  private static final int LISTED_ERRORS = 100;

  private final Jdbc jdbc;
  private final WorkQueue queue;
  private final BatchRepository batches;
  private final QuestionService questions;
  private final GradingService grading;
  private final BatchConfig config;

  BatchService(
      Jdbc jdbc,
      WorkQueue queue,
      BatchRepository batches,
      QuestionService questions,
      GradingService grading,
      BatchConfig config) {
    this.jdbc = jdbc;
    this.queue = queue;
    this.batches = batches;
    this.questions = questions;
    this.grading = grading;
    this.config = config;
  }

  /** Checks and queues a batch; its id. */
  UUID submit(long ws, UUID submittedBy, BatchInput.Result input, String callbackUrl) {
    int answers = input.requests().size() + input.errors().size();
    if (answers == 0) {
      throw ApiException.badField("items", "a batch needs at least one answer");
    }
    if (answers > config.maxItems()) {
      throw ApiException.unprocessable(
          "batch-too-large",
          "a batch holds at most " + config.maxItems() + " answers; this one has " + answers);
    }
    List<Problem.FieldError> errors = new ArrayList<>(input.errors());
    errors.addAll(unknownQuestions(ws, input.requests()));
    URI callback = callbackUrl == null ? null : callbackUri(callbackUrl);
    if (!errors.isEmpty()) {
      throw badLines(errors);
    }
    UUID id = UUID.randomUUID();
    List<WorkQueue.NewItem> items =
        input.requests().stream()
            .map(
                p ->
                    new WorkQueue.NewItem(
                        WorkKind.GRADE,
                        ws,
                        id,
                        p.line(),
                        null,
                        new BatchItem(p.request(), submittedBy)))
            .toList();
    jdbc.inTransaction(
        "queue a grade batch",
        s -> {
          batches.insert(
              s, id, ws, submittedBy, items.size(), callback == null ? null : callback.toString());
          queue.enqueue(s, items);
          return null;
        });
    queue.wake();
    return id;
  }

  BatchView get(long ws, UUID id, UUID owner) {
    return batches
        .find(ws, id, owner)
        .orElseThrow(() -> ApiException.notFound("grade batch", id.toString()));
  }

  /** One page of results, in line order, each done item with its grade. */
  List<ItemResult> results(long ws, UUID id, UUID owner, int page, int size) {
    get(ws, id, owner);
    return batches.items(id, (long) page * size, size).stream().map(i -> result(ws, i)).toList();
  }

  /** Every result in line order, read a page at a time so a large batch is never all in memory. */
  void export(long ws, UUID id, UUID owner, Consumer<ItemResult> sink) {
    get(ws, id, owner);
    int size = 500;
    for (long from = 0; ; from += size) {
      List<BatchRepository.StoredItem> page = batches.items(id, from, size);
      page.forEach(i -> sink.accept(result(ws, i)));
      if (page.size() < size) {
        return;
      }
    }
  }

  private ItemResult result(long ws, BatchRepository.StoredItem i) {
    GradeView grade =
        i.status() == WorkStatus.DONE && i.gradeId() != null
            ? grading.get(ws, i.gradeId(), null)
            : null;
    return new ItemResult(i.line(), i.candidateRef(), i.status(), grade, i.error());
  }

  /** Every line whose question the workspace does not have, each question looked up once. */
  private List<Problem.FieldError> unknownQuestions(long ws, List<BatchInput.Parsed> requests) {
    Map<String, String> missing = new HashMap<>();
    Map<String, Boolean> known = new HashMap<>();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (BatchInput.Parsed p : requests) {
      String q = p.request().questionId();
      boolean exists =
          known.computeIfAbsent(
              q,
              slug -> {
                try {
                  questions.resolve(ws, slug);
                  return true;
                } catch (ApiException e) {
                  missing.put(slug, e.getMessage());
                  return false;
                }
              });
      if (!exists) {
        errors.add(new Problem.FieldError(p.where() + ".questionId", missing.get(q)));
      }
    }
    return errors;
  }

  private static URI callbackUri(String url) {
    try {
      URI uri = URI.create(url);
      if (!uri.isAbsolute()
          || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw ApiException.badField("callbackUrl", "must be an absolute http or https URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw ApiException.badField("callbackUrl", "must be an absolute http or https URL");
    }
  }

  private static ApiException badLines(List<Problem.FieldError> errors) {
    List<Problem.FieldError> listed = errors.subList(0, Math.min(errors.size(), LISTED_ERRORS));
    return new ApiException(
        400,
        "invalid-batch",
        "Invalid batch",
        errors.size()
            + " answer(s) of the batch are invalid; nothing was queued"
            + (errors.size() > listed.size() ? " (the first " + listed.size() + " listed)" : ""),
        listed);
  }
}
