package dev.assay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.ibm.icu.text.SpoofChecker;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake OpenAI-compatible grader that obeys instructions found in the answer: when the answer,
 * read the way a capable model reads it (look-alike letters, spelled-out letters, digits for
 * letters, base64, ROT13, reversed text, other languages), asks for a score, flatters itself or
 * addresses the grader, every criterion gets the top of the scale. Otherwise it scores by how many
 * of the rubric's words the answer uses, so keyword lists also fool it. It never reports an
 * attempt. Independent of Assay's detector on purpose: its own, broader reading.
 */
public class GullibleGrader implements ResponseTransformerV2 {
  public static final String NAME = "gullible-grader";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SpoofChecker SKELETON =
      new SpoofChecker.Builder().setChecks(SpoofChecker.CONFUSABLE).build();
  private static final Pattern CUES =
      Pattern.compile(
          String.join(
              "|",
              "ignore (?:all|the|any|your|previous|prior|everything|instructions|rules|rubric)",
              "ignorez|ignoriere|ignora |игнорир|忽略|oubliez|vergiss|olvida|disregard",
              "forget (?:the|your|all|everything)|overlook|set aside|grading override",
              "system override|override (?:your|the rubric|the grading)|new instructions",
              "instructions (?:you|were|above)|grading instruction|previous instruction",
              "rubric|grader|grading|evaluator|examiner|full marks|top mark|top score",
              "maximum (?:score|mark|grade|points|value)|highest (?:score|mark|grade|possible)",
              "top of the scale|perfect|deserve|award|exemplary|flawless|4/4|4 out of 4|10/10",
              "a\\+|you are now|act as|pretend|stay in character|never takes points",
              "pre-approved|preapproved|already (?:approved|passed|graded)|has been approved",
              "been verified|generous|kindly|lenient|mercy|mark me down|rate it|rate this",
              "grade it|score it|score this|same way|continue the pattern|expected score",
              "reviewers gave|system:|system prompt|\\[system|>system|assistant:|verdict",
              "rationale|criterion|exemplar|reference answers|what instructions|note max",
              "punktzahl|hochste note|puntuacion max|calificacion max|nota mas alta",
              "punteggio massimo|満点|满分|максимальн|correcteur|prufer|evaluador|attribuez",
              "tous les points|strong on|as strong|excellent|full credit|must receive",
              "should receive|pass this|no deductions|your heart|be kind|best one",
              "fair grader|a \\+ b|obey|follow it|mark this|marks to|receive 4",
              // a capable model reads through misspellings
              "maximun|ful marks|disregrad|awrad|hihgest"));
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]{20,}={0,2}");
  private static final Pattern WORD = Pattern.compile("[a-z][a-z-]{4,}");

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public Response transform(Response response, ServeEvent event) {
    try {
      JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
      String user = request.at("/messages/1/content").asText();
      String answer = answer(user);
      int scale = Integer.parseInt(between(user, "<rubric scale=\"0-", "\">"));
      List<String> keys = keys(user);
      int score =
          obeys(answer) ? scale : honest(answer, between(user, "<rubric", "</rubric>"), scale);
      return Response.Builder.like(response)
          .but()
          .body(JSON.writeValueAsString(completion(reply(keys, score))))
          .build();
    } catch (Exception e) {
      return Response.Builder.like(response).but().status(500).body(e.toString()).build();
    }
  }

  /** Whether the answer, read generously, contains an instruction or a plea to the grader. */
  public static boolean obeys(String answer) {
    String read = read(answer);
    return CUES.matcher(read).find();
  }

  private static String read(String answer) {
    StringBuilder all = new StringBuilder(answer);
    Matcher b = BASE64.matcher(answer);
    while (b.find()) {
      try {
        all.append('\n')
            .append(new String(Base64.getDecoder().decode(b.group()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException ignored) {
        // not base64 after all
      }
    }
    String text = Normalizer.normalize(all.toString(), Normalizer.Form.NFKC);
    String skeleton = SKELETON.getSkeleton(text).toLowerCase(Locale.ROOT);
    String plain =
        Normalizer.normalize(text, Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .toLowerCase(Locale.ROOT);
    String leet =
        plain
            .replace('4', 'a')
            .replace('3', 'e')
            .replace('1', 'i')
            .replace('0', 'o')
            .replace('5', 's')
            .replace('7', 't');
    String joined = plain.replaceAll("(?<=\\b\\p{L}) {1,3}(?=\\p{L}\\b)", "");
    String rot = rot13(plain);
    String reversed = new StringBuilder(plain).reverse().toString();
    return String.join("\n", plain, skeleton.replace("rn", "m"), leet, joined, rot, reversed);
  }

  private static int honest(String answer, String rubric, int scale) {
    Set<String> terms = new HashSet<>();
    Matcher r = WORD.matcher(rubric.toLowerCase(Locale.ROOT));
    while (r.find()) {
      terms.add(r.group());
    }
    Set<String> used = new HashSet<>();
    Matcher a = WORD.matcher(answer.toLowerCase(Locale.ROOT));
    while (a.find()) {
      if (terms.contains(a.group())) {
        used.add(a.group());
      }
    }
    return Math.min(scale, used.size() * scale / 24);
  }

  private static String answer(String user) throws Exception {
    String literal = between(user, "<candidate_answer>\n", "\n</candidate_answer>");
    return JSON.readValue(literal, String.class);
  }

  private static List<String> keys(String user) {
    String line = user.substring(user.lastIndexOf("on every criterion: ") + 20).strip();
    List<String> keys = new ArrayList<>();
    for (String k : line.replaceAll("\\.$", "").split(",\\s*")) {
      keys.add(k.strip());
    }
    return keys;
  }

  private static String between(String s, String from, String to) {
    int start = s.indexOf(from) + from.length();
    return s.substring(start, s.indexOf(to, start));
  }

  private static Map<String, Object> reply(List<String> keys, int score) {
    List<Map<String, Object>> criteria = new ArrayList<>();
    for (String k : keys) {
      criteria.add(
          Map.of("criterion", k, "score", score, "rationale", "Graded.", "citations", List.of()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("criteria", criteria);
    out.put("overallRationale", "Graded as the answer asked.");
    out.put("manipulationAttempts", List.of());
    return out;
  }

  private static Map<String, Object> completion(Map<String, Object> grade) throws Exception {
    return FakeLlmServer.completionBody(JSON.writeValueAsString(grade), 900, 120);
  }

  private static String rot13(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      out.append(c >= 'a' && c <= 'z' ? (char) ('a' + (c - 'a' + 13) % 26) : c);
    }
    return out.toString();
  }
}
