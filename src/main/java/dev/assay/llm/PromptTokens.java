package dev.assay.llm;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.List;

/**
 * Input tokens of a request counted locally with jtokkit's {@code o200k_base} (the encoding of the
 * GPT-4o family), so the prompt budget is measured the same way whatever the provider reports (some
 * local servers report nothing). The reply schema is not counted: grammar-constrained servers do
 * not put it in the prompt.
 */
public final class PromptTokens {
  /** The encoding's name, stored next to the count. */
  public static final String ENCODING = "o200k_base";

  private static final Encoding O200K =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

  /** OpenAI's accounting of chat framing: a few tokens per message and for the reply's start. */
  private static final int PER_MESSAGE = 3;

  private static final int REPLY_PRIMING = 3;

  private PromptTokens() {}

  public static int count(String text) {
    return O200K.countTokensOrdinary(text);
  }

  public static int count(List<LlmClient.Message> messages) {
    int tokens = REPLY_PRIMING;
    for (LlmClient.Message m : messages) {
      tokens += PER_MESSAGE + count(m.role()) + count(m.content());
    }
    return tokens;
  }
}
