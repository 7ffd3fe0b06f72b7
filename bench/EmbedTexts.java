import dev.assay.embedding.Embedder;
import dev.assay.embedding.Embedding;
import dev.assay.embedding.EmbeddingModelChoice;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

/** Reads "source TAB group TAB base64(text)" lines on stdin, writes "source TAB group TAB v1 v2 ..." (the service's embedding). */
public class EmbedTexts {
  public static void main(String[] args) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    List<String[]> rows = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (String l; (l = in.readLine()) != null; ) {
      String[] f = l.split("\t");
      rows.add(f);
      texts.add(new String(Base64.getDecoder().decode(f[2]), StandardCharsets.UTF_8));
    }
    Embedder e = Embedder.of(EmbeddingModelChoice.BGE_SMALL_EN_V15_Q);
    System.err.println("model " + e.modelId());
    List<Embedding> vs = e.embedAll(texts);
    PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, StandardCharsets.UTF_8);
    for (int i = 0; i < rows.size(); i++) {
      StringBuilder sb = new StringBuilder(rows.get(i)[0]).append('\t').append(rows.get(i)[1]).append('\t');
      float[] v = vs.get(i).vector();
      for (int d = 0; d < v.length; d++) sb.append(d == 0 ? "" : " ").append(v[d]);
      out.println(sb);
    }
    out.flush();
  }
}
