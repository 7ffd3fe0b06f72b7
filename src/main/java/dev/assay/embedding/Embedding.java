package dev.assay.embedding;

/**
 * A unit-length text embedding and how it was made: the number of chunks averaged and the total
 * word pieces read.
 */
public record Embedding(float[] vector, int chunks, int tokens) {

  /** Cosine similarity of two unit vectors. */
  public double cosine(Embedding other) {
    return cosine(vector, other.vector);
  }

  public static double cosine(float[] a, float[] b) {
    double dot = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
    }
    return dot;
  }
}
