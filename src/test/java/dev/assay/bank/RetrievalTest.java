package dev.assay.bank;

import static dev.assay.support.Api.as;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.assay.support.TestBank;
import dev.assay.support.TestWorkspace;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RetrievalTest {
  private static final String QUESTION = "test-retrieval-grounding";

  /** Six exemplars for a question on keeping a RAG assistant grounded. */
  static List<Map<String, Object>> groundingExemplars(String id) {
    return List.of(
        TestBank.exemplar(
            id + "-s1",
            "strong",
            3.8,
            "I would first separate retrieval failures from generation failures by logging the retrieved"
                + " passages next to every answer. Then I would build an evaluation set of real user questions"
                + " labelled with the policy section that answers them, and track retrieval recall at five and"
                + " the share of answer sentences supported by a cited passage. Answers must cite passage ids,"
                + " and when no passage scores above a calibrated threshold the assistant says it does not know"
                + " and routes the user to a human agent."),
        TestBank.exemplar(
            id + "-s2",
            "strong",
            3.5,
            "Stale documents are the usual culprit, so I would version the index, re-ingest on every policy"
                + " change and drop superseded pages. I would add a groundedness check that compares each claim"
                + " with the retrieved text and blocks unsupported claims, and watch weekly samples reviewed by"
                + " support leads."),
        TestBank.exemplar(
            id + "-a1",
            "acceptable",
            2.4,
            "I would improve the prompt to tell the model to only use the provided documents and to say when"
                + " it is unsure. I would also check that the documents in the index are up to date."),
        TestBank.exemplar(
            id + "-a2",
            "acceptable",
            2.0,
            "Add citations to answers and review a sample of conversations each week to catch errors."),
        TestBank.exemplar(
            id + "-w1", "weak", 0.8, "Use a bigger model like GPT-5, it hallucinates less."),
        TestBank.exemplar(
            id + "-w2",
            "weak",
            0.5,
            "Fine-tune the model on our policies so it memorises them and never makes mistakes."));
  }

  /** The admin of this class's own workspace, where its questions and exemplars are written. */
  private static String admin;

  /** Idempotent, so importing before every test costs one unchanged import. */
  @BeforeEach
  void importQuestion() {
    if (admin == null) {
      admin = TestWorkspace.withBuiltInAreas("retrieval");
    }
    as(admin)
        .contentType(ContentType.JSON)
        .body(TestBank.document(TestBank.question(QUESTION, groundingExemplars(QUESTION))))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
  }

  @Test
  void paraphraseOfAStrongExemplarRanksItFirstAndAboveEveryWeakOne() {
    String paraphrase =
        "My first step is to tell retrieval problems apart from generation problems, logging which passages"
            + " were retrieved for each response. Next I'd assemble a test set of genuine customer questions,"
            + " each tagged with the policy section holding the answer, and measure recall@5 plus how many"
            + " answer sentences are backed by a cited passage. Every answer cites passage ids; if nothing"
            + " clears a calibrated score the assistant admits it doesn't know and hands over to a person.";
    JsonPath r = retrieve(QUESTION, paraphrase, 3);

    assertTrue(r.getString("strong[0].id").equals(QUESTION + "-s1"), r.prettify());
    double strongest = r.getDouble("strong[0].similarity");
    for (double weak : r.getList("weak.similarity", Double.class)) {
      assertTrue(strongest > weak, "strong " + strongest + " vs weak " + weak);
    }
  }

  @Test
  void returnsAtMostKPerLabelNearestFirst() {
    JsonPath r =
        retrieve(QUESTION, "Cite passages and abstain when retrieval finds nothing relevant.", 1);
    assertTrue(
        r.getList("strong").size() == 1
            && r.getList("acceptable").size() == 1
            && r.getList("weak").size() == 1);
    List<Double> all =
        retrieve(QUESTION, "cite passages", 5).getList("strong.similarity", Double.class);
    assertTrue(all.size() == 2 && all.get(0) >= all.get(1), all.toString());
  }

  @Test
  void deactivatedExemplarsAreNoLongerRetrieved() {
    String id = "test-retrieval-deactivate";
    as(admin)
        .contentType(ContentType.JSON)
        .body(TestBank.document(TestBank.question(id, groundingExemplars(id))))
        .post("/api/v1/bank/import")
        .then()
        .statusCode(200);
    as(admin).delete("/api/v1/questions/{q}/exemplars/{e}", id, id + "-s1").then().statusCode(204);
    as(admin)
        .delete("/api/v1/questions/{q}/exemplars/{e}", id, "no-such-exemplar")
        .then()
        .statusCode(404);
    JsonPath r = retrieve(id, "log retrieved passages and build an evaluation set", 5);
    assertTrue(r.getList("strong.id").equals(List.of(id + "-s2")), r.prettify());
  }

  @Test
  void exemplarsAddedThroughTheApiAreEmbeddedAndRetrievable() {
    String text =
        "Shadow-test the new retriever on live traffic and compare citation precision before switching.";
    as(admin)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "label",
                "acceptable",
                "score",
                2.5,
                "rationale",
                "names a rollout check",
                "text",
                text))
        .post("/api/v1/questions/{q}/exemplars", QUESTION)
        .then()
        .statusCode(201)
        .body("origin", equalTo("api"))
        .body("embeddingChunks", equalTo(1));
    JsonPath r = retrieve(QUESTION, text, 1);
    assertTrue(r.getString("acceptable[0].text").equals(text), r.prettify());
    assertTrue(r.getDouble("acceptable[0].similarity") > 0.99);
  }

  private static JsonPath retrieve(String question, String answer, int k) {
    return TestBank.retrieve(admin, question, answer, k);
  }
}
