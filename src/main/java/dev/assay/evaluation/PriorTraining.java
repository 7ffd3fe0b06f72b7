package dev.assay.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.assay.bank.QuestionService;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingService;
import dev.assay.exemplar.ExemplarMatch;
import dev.assay.exemplar.ExemplarService;
import dev.assay.metrics.Metrics;
import dev.assay.scoring.EvidenceBuilder;
import dev.assay.scoring.Features;
import dev.assay.scoring.PriorModel;
import dev.assay.scoring.ScoringModel;
import dev.assay.scoring.ScoringModels;
import dev.assay.scoring.Trainer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code assay train-prior FILE... --out FILE}: trains the shipped scoring model on the train
 * splits of human-graded eval sets. Each set is loaded into a scratch workspace (removed when its
 * rows are computed) the way an evaluation with {@code --seed-per-question 5} loads it (reference
 * answer and five graded answers per question as exemplars), and every other train row, up to 30
 * per question, becomes a training row: its features against those exemplars (exactly as a grade
 * computes them) and its human score. Only train splits are read, so no test split of any set ever
 * informs the model.
 */
@ApplicationScoped
public class PriorTraining {
  static final int SEEDS_PER_QUESTION = 5;
  static final int ROWS_PER_QUESTION = 30;
  static final String SPLIT = "train";

  private final QuestionService questions;
  private final ScratchWorkspaces scratch;
  private final ExemplarService exemplars;
  private final EmbeddingService embeddings;
  private final EvidenceBuilder evidence;
  private final ObjectMapper json;

  private final EvalBank evalBank;

  PriorTraining(
      QuestionService questions,
      ScratchWorkspaces scratch,
      ExemplarService exemplars,
      EmbeddingService embeddings,
      EvidenceBuilder evidence,
      EvalBank evalBank,
      ObjectMapper json) {
    this.evalBank = evalBank;
    this.questions = questions;
    this.scratch = scratch;
    this.exemplars = exemplars;
    this.embeddings = embeddings;
    this.evidence = evidence;
    this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /**
   * Parses {@code FILE... --out FILE [--seed S]}, trains, writes the model and prints a summary.
   */
  public void run(PrintStream out, String... args) {
    List<Path> files = new ArrayList<>();
    Path target = null;
    long seed = Metrics.SEED;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> target = Path.of(value(args, ++i));
        case "--seed" -> seed = Long.parseLong(value(args, ++i));
        default -> files.add(Path.of(args[i]));
      }
    }
    if (files.isEmpty() || target == null) {
      throw new IllegalArgumentException("usage: assay train-prior FILE... --out FILE [--seed S]");
    }
    List<Trainer.Row> rows = new ArrayList<>();
    TreeSet<String> seen = new TreeSet<>();
    for (Path file : files) {
      List<EvalRow> train =
          EvalSet.read(file).stream().filter(r -> SPLIT.equals(r.split())).toList();
      train.forEach(r -> seen.add(PriorModel.answerKey(r.answer())));
      int before = rows.size();
      rows.addAll(rowsOf(file.getFileName().toString(), train, seed));
      out.printf("%s: %d training rows%n", file.getFileName(), rows.size() - before);
    }
    String source =
        "train splits of "
            + files.stream().map(f -> f.getFileName().toString()).toList()
            + ": "
            + SEEDS_PER_QUESTION
            + " seeds per question (random seed "
            + seed
            + "), up to "
            + ROWS_PER_QUESTION
            + " graded rows per question";
    ScoringModel model = Trainer.trainPrior(rows, embeddings.modelId(), source);
    write(target, new PriorModel.File(model, seen));
    out.printf(
        "prior: %d rows, %d questions, cross-validated Pearson %.3f, MAE %.3f -> %s%n",
        model.training().rows(),
        model.training().questions(),
        model.training().crossValidatedPearson(),
        model.training().crossValidatedMae(),
        target);
  }

  private List<Trainer.Row> rowsOf(String dataset, List<EvalRow> train, long seed) {
    EvalOptions options =
        new EvalOptions(
            null,
            Optional.empty(),
            SEEDS_PER_QUESTION,
            seed,
            Optional.of(SPLIT),
            Integer.MAX_VALUE,
            ROWS_PER_QUESTION,
            Optional.empty(),
            false,
            List.of(),
            null);
    EvalSplit split = EvalSplit.of(options, train);
    return scratch.use(
        "prior",
        "Scoring prior from " + dataset,
        workspace -> {
          questions.importDocument(workspace.id(), evalBank.bank(split));
          return trainingRows(workspace.id(), dataset, split);
        });
  }

  /** One training row per graded row of the split, its features against the seeded exemplars. */
  private List<Trainer.Row> trainingRows(long workspaceId, String dataset, EvalSplit split) {
    List<Trainer.Row> rows = new ArrayList<>();
    for (Map.Entry<String, List<EvalRow>> q : split.graded().entrySet()) {
      QuestionService.QuestionRef question =
          questions.resolve(workspaceId, EvalBank.slugOf(q.getKey()));
      for (EvalRow row : q.getValue()) {
        if (row.answer().isBlank()) {
          continue;
        }
        Embedding vector = embeddings.embed(row.answer());
        List<ExemplarMatch> nearest =
            exemplars.nearest(question.id(), vector, ScoringModels.TRAINING_K);
        double[] features =
            Features.of(
                evidence.of(
                    row.answer(),
                    evidence.sentenceVectors(row.answer(), vector),
                    question.prompt(),
                    nearest,
                    question.rubric().scale()));
        if (features != null) {
          rows.add(new Trainer.Row(features, row.normalised(), dataset + "/" + q.getKey()));
        }
      }
    }
    return rows;
  }

  private void write(Path target, PriorModel.File file) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      json.writeValue(target.toFile(), file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
