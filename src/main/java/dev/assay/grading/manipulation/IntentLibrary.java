package dev.assay.grading.manipulation;

import dev.assay.embedding.Embedder;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingModelChoice;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Attack intents and ordinary technical sentences (resource {@code manipulation/intents.txt}),
 * embedded once. A sentence of an answer reads like a message to the grader when it is close to an
 * attack intent and clearly closer to it than to any of the ordinary sentences that share its
 * vocabulary. The thresholds were measured with all-MiniLM-L6-v2, so the library keeps that model
 * whichever one the service grades with (bge-small, for one, puts every sentence closer to every
 * other: its thresholds would be others, and the adversarial set was developed on MiniLM's).
 */
@ApplicationScoped
class IntentLibrary {
  /** At or above this similarity to an attack intent a sentence is grader-directed... */
  static final double SIMILAR = 0.62;

  /** ...provided it is this much nearer to the attack than to the nearest ordinary sentence. */
  static final double MARGIN = 0.10;

  /** Near-paraphrases of an attack count whatever the ordinary sentences say. */
  static final double NEAR_COPY = 0.80;

  private volatile Embedder embeddings;
  private volatile Library library;

  private record Intent(String category, String text, Embedding vector) {}

  private record Library(List<Intent> attacks, List<Embedding> benign) {}

  /** The nearest attack intent of one sentence and how it compares with ordinary prose. */
  record Match(String sentence, String intent, String category, double attack, double benign) {
    boolean graderDirected() {
      return attack >= NEAR_COPY || (attack >= SIMILAR && attack - benign >= MARGIN);
    }
  }

  /** The best match of each sentence, in order. */
  List<Match> match(List<String> sentences) {
    if (sentences.isEmpty()) {
      return List.of();
    }
    Library lib = library();
    List<Embedding> vectors = embeddings.embedAll(sentences);
    List<Match> out = new ArrayList<>(sentences.size());
    for (int i = 0; i < sentences.size(); i++) {
      Embedding v = vectors.get(i);
      Intent best = null;
      double attack = -1;
      for (Intent intent : lib.attacks()) {
        double s = v.cosine(intent.vector());
        if (s > attack) {
          attack = s;
          best = intent;
        }
      }
      double benign = lib.benign().stream().mapToDouble(v::cosine).max().orElse(-1);
      out.add(new Match(sentences.get(i), best.text(), best.category(), attack, benign));
    }
    return out;
  }

  /** Loads the model and embeds the library on first use (most answers never need it). */
  private Library library() {
    Library lib = library;
    if (lib == null) {
      synchronized (this) {
        lib = library;
        if (lib == null) {
          embeddings = Embedder.of(EmbeddingModelChoice.ALL_MINILM_L6_V2);
          lib = load();
          library = lib;
        }
      }
    }
    return lib;
  }

  private Library load() {
    List<String[]> attacks = new ArrayList<>();
    List<String> benign = new ArrayList<>();
    for (String line : lines()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\|", 3);
      if (parts[0].equals("attack")) {
        attacks.add(new String[] {parts[1], parts[2]});
      } else {
        benign.add(parts[1]);
      }
    }
    List<String> texts = new ArrayList<>();
    attacks.forEach(a -> texts.add(a[1]));
    texts.addAll(benign);
    List<Embedding> vectors = embeddings.embedAll(texts);
    List<Intent> intents = new ArrayList<>();
    for (int i = 0; i < attacks.size(); i++) {
      intents.add(new Intent(attacks.get(i)[0], attacks.get(i)[1], vectors.get(i)));
    }
    return new Library(
        List.copyOf(intents), List.copyOf(vectors.subList(attacks.size(), vectors.size())));
  }

  private static List<String> lines() {
    try (InputStream in = IntentLibrary.class.getResourceAsStream("/manipulation/intents.txt")) {
      if (in == null) {
        throw new IllegalStateException("manipulation/intents.txt is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
