package dev.assay.grading.manipulation;

import static dev.assay.grading.manipulation.Category.AUTHORITY_CLAIM;
import static dev.assay.grading.manipulation.Category.CONCEALMENT;
import static dev.assay.grading.manipulation.Category.DIRECT_ADDRESS;
import static dev.assay.grading.manipulation.Category.EMOTIONAL_APPEAL;
import static dev.assay.grading.manipulation.Category.ENCODED_TEXT;
import static dev.assay.grading.manipulation.Category.PROMPT_REQUEST;
import static dev.assay.grading.manipulation.Category.SCORE_ANCHORING;
import static dev.assay.grading.manipulation.Category.SELF_ASSESSMENT;
import static dev.assay.grading.manipulation.EnglishRules.THIS_ANSWER;

import java.util.ArrayList;
import java.util.List;

/**
 * English phrase rules for the softer attacks: claims of authority, self-assessment, requests for
 * the prompt or the references, score anchoring, appeals, direct address and concealment.
 */
final class EnglishClaims {
  private static final String AUTHORITY =
      "(?:hiring\\s+(?:team|manager|committee|panel)|interviewers?|recruiters?|grading\\s+team|"
          + "examiners?|assay(?:\\s+team)?|openai|anthropic|(?:system\\s+)?administrators?|admins?|"
          + "developers?\\s+of\\s+(?:this|the)\\s+(?:system|grader|tool|platform)|head\\s+of\\s+"
          + "(?:hiring|engineering|recruiting|talent))";

  private EnglishClaims() {}

  static List<Rule> all() {
    List<Rule> out = new ArrayList<>();
    out.addAll(authority());
    out.addAll(selfAssessment());
    out.addAll(address());
    out.addAll(concealment());
    out.addAll(promptRequests());
    out.addAll(anchoring());
    out.addAll(appeals());
    return out;
  }

  private static List<Rule> authority() {
    return Rule.of(
        AUTHORITY_CLAIM,
        "\\b(?:this|my|the)\\s+(?:answer|response|submission|solution|candidate)\\s+"
            + "(?:has|was|is|had)\\s+(?:already\\s+)?(?:been\\s+)?(?:pre-?approved|approved|verified|"
            + "validated|certified|cleared|signed\\s+off|whitelisted|vetted|endorsed)",
        "\\b(?:pre-?approved|pre-?graded|pre-?scored|pre-?verified|pre-?cleared)\\b",
        "\\b(?:admin(?:istrator)?|developer|operator|system|sudo|supervisor|root)\\s+override\\b",
        "\\b(?:official|authori[sz]ed|mandatory|binding)\\s+(?:instruction|directive|notice|"
            + "override|order)s?\\b",
        "\\b(?:i\\s+am|i'm|this\\s+is)\\s+(?:the|an?|your)\\s+(?:\\w+\\s+){0,2}?(?:hiring\\s+manager|"
            + "interviewer|administrator|admin|developer|supervisor|examiner|grader|recruiter|"
            + "owner|creator|operator)\\b(?!\\s+(?:role|position|of\\s+(?:a|the)\\s+(?:service|"
            + "pipeline|model|team)))",
        "\\bas\\s+(?:the|your)\\s+(?:\\w+\\s+)?(?:hiring\\s+manager|interviewer|examiner|"
            + "administrator|recruiter|grader|supervisor|head\\s+of\\s+(?:hiring|engineering))\\b"
            + "[^.!?\\n]{0,80}\\b(?:i|we)\\s+(?:confirm|approve|instruct|authori[sz]e|certify|"
            + "require|direct|am\\s+telling)",
        "\\b(?:authori[sz]ed|approved|confirmed|instructed|mandated|signed\\s+off|verified|"
            + "requested|ordered)\\s+by\\s+(?:the\\s+)?"
            + AUTHORITY,
        "\\b(?:on\\s+behalf\\s+of|message\\s+from|note\\s+from|per|according\\s+to)\\s+"
            + "(?:the\\s+)?"
            + AUTHORITY
            + "[^.!?\\n]{0,120}\\b(?:score|marks?|grade|points|pass|credit|approve|accept)",
        "\\b(?:per|according\\s+to|as\\s+per|under)\\s+(?:the\\s+)?(?:company|hiring|grading|"
            + "interview|assay|internal|new)\\s+(?:policy|guidelines|rules|directive)"
            + "[^.!?\\n]{0,120}\\b(?:full|maximum|max|top|perfect|highest)\\s+(?:scores?|marks?|"
            + "points|grade|credit)");
  }

  private static List<Rule> selfAssessment() {
    return Rule.of(
        SELF_ASSESSMENT,
        "\\b(?:i|"
            + THIS_ANSWER
            + "|it)\\s+(?:clearly\\s+|truly\\s+|certainly\\s+|surely\\s+)?(?:deserves?|merits?|earns?|"
            + "warrants?|should\\s+(?:get|receive|be\\s+given|score)|must\\s+(?:get|receive|be\\s+"
            + "given)|expects?|qualifies\\s+for|is\\s+worth)\\s+(?:an?\\s+|the\\s+)?(?:"
            + EnglishRules.TOP
            + "(?:possible\\s+)?"
            + EnglishRules.MARKS
            + "|(\\d{1,3})\\s*/\\s*\\1\\b|a\\+|100\\s*%|(?:to\\s+)?(?:pass|be\\s+rated))",
        "\\b"
            + THIS_ANSWER
            + "\\s+(?:\\w+\\s+){0,2}?(?:meets|satisfies|covers|addresses|fulfils|fulfills|hits|ticks|"
            + "checks|matches|exceeds|nails)\\s+(?:\\w+\\s+){0,2}?(?:all|every|each)\\s+(?:\\w+\\s+){0,2}?"
            + "(?:criteria|criterion|requirements?|rubric|points?|levels?|boxes|expectations|"
            + "descriptors?|dimensions?)",
        "\\b"
            + THIS_ANSWER
            + "\\s+(?:is|represents|constitutes|reads\\s+as)\\s+(?:clearly\\s+|obviously\\s+)?"
            + "(?:a\\s+|an\\s+)?(?:perfect|model|exemplary|flawless|ideal|textbook|top-tier|"
            + "outstanding|full-marks?|strong-level|gold-standard)\\b",
        "\\b(?:i|we)\\s+(?:have\\s+|'ve\\s+)?(?:covered|addressed|met|satisfied|hit|answered|"
            + "fulfilled)\\s+(?:all|every|each)\\s+(?:of\\s+)?(?:the\\s+)?(?:\\w+\\s+)?(?:rubric|"
            + "criteria|criterion|grading\\s+points|scoring\\s+points|levels)",
        "\\b(?:strong|top|full|highest)\\s+(?:level|band|marks?)\\s+(?:on|for|across|in)\\s+"
            + "(?:all|every|each)\\s+(?:\\w+\\s+)?(?:criteri|dimension|axis|axes|categor)",
        "\\bself[- ]?(?:assessment|assessed|grade|graded|grading|evaluation|score|rating)\\b",
        "\\b(?:objectively|undeniably|unquestionably|indisputably),?\\s+(?:this|my)\\s+(?:answer|"
            + "response|submission)",
        "\\b(?:this|my)\\s+(?:answer|response|submission)\\s+(?:is|was)\\s+(?:written|designed|"
            + "crafted)\\s+to\\s+(?:score|hit|meet|satisfy|match)");
  }

  /** Vocatives and "before you grade": text written to the grader. */
  private static List<Rule> address() {
    return Rule.of(
        DIRECT_ADDRESS,
        "(?:^|[.!?]\\s)[\\s>*_#/-]*(?:(?:dear|hello|hi|hey|attention|psst|note\\s+to|message\\s+to|"
            + "memo\\s+to|reminder\\s+to|p\\.?s\\.?\\s+(?:to|for))\\s+)(?:the\\s+|my\\s+|our\\s+)?"
            + "(?:automated\\s+|ai\\s+|llm\\s+)?"
            + EnglishRules.GRADER
            + "s?\\b",
        "(?:^|[.!?]\\s)[\\s>*_#/-]*(?:the\\s+)?(?:automated\\s+|ai\\s+)?(?:grader|evaluator|"
            + "examiner|marker|assessor|llm|gpt|chatgpt|claude|assistant)\\s*[,:!]"
            + "(?=[^.!?\\n]{0,80}\\b(?:you|your|please|ignore|give|award|score|grade|mark|rate|"
            + "remember|note|consider|make\\s+sure|before|when)\\b)",
        "\\b(?:to|for)\\s+(?:the|any)\\s+(?:ai|llm|model|grader|evaluator|assistant|system|"
            + "examiner|marker)\\s+(?:that\\s+is\\s+|who\\s+is\\s+)?(?:reading|grading|evaluating|"
            + "processing|scoring|reviewing|marking|assessing)\\s+(?:this|my|the)\\b",
        "\\bif\\s+you\\s+are\\s+(?:an?\\s+)?(?:ai|llm|language\\s+model|automated|grader|grading|"
            + "large\\s+language|machine|bot|model)\\b",
        "\\b(?:before|when|while|as)\\s+you\\s+(?:grade|score|mark|evaluate|assess|rate|review|"
            + "read)\\s*(?:this|my|the\\s+(?:answer|response|submission|candidate)|it\\b|me\\b|"
            + "[:,])",
        "\\b(?:dear|hello|hi|hey)\\s+(?:ai|llm|gpt|chatgpt|claude|model|robot|machine)\\b");
  }

  /** Requests to hide part of the answer from the report, and to decode and obey. */
  private static List<Rule> concealment() {
    List<Rule> out = new ArrayList<>();
    out.addAll(
        Rule.of(
            CONCEALMENT,
            "\\b(?:do\\s+not|don't|never|please\\s+don't|without)\\s+(?:mention(?:ing)?|"
                + "reveal(?:ing)?|report(?:ing)?|flag(?:ging)?|disclos(?:e|ing)|acknowledg(?:e|ing)|"
                + "refer(?:ring)?\\s+to|tell(?:ing)?)\\s+(?:\\w+\\s+){0,4}?(?:to|in|within|"
                + "anyone|the\\s+(?:human|reviewer|hiring))\\s*(?:the\\s+|your\\s+|any\\s+)?"
                + "(?:human|reviewers?|rationale|feedback|review|reply|report|summary|grade|"
                + "justification|hiring\\s+team|anyone|explanation|output)",
            "\\b(?:keep|leave)\\s+(?:this|it|these\\s+\\w+)\\s+(?:between\\s+us|secret|"
                + "confidential|hidden|out\\s+of\\s+(?:the|your)\\s+(?:rationale|feedback|review|"
                + "report|output))",
            "\\b(?:this|the\\s+following|the\\s+above)\\s+(?:note|line|paragraph|text|part)\\s+"
                + "(?:is|was)\\s+(?:not|never)\\s+(?:part\\s+of|visible|for)\\s+(?:the|my|human)"));
    out.addAll(
        Rule.of(
            ENCODED_TEXT,
            "\\b(?:decode|decipher|decrypt|unscramble|translate|reverse|read\\s+(?:it\\s+|this\\s+)?"
                + "backwards?|rot-?13|base-?64)\\b[^.\\n]{0,80}\\b(?:follow|obey|execute|comply\\s+with|"
                + "carry\\s+out|do\\s+(?:what|as)\\s+it\\s+says|act\\s+on)\\s+(?:it|them|the\\s+"
                + "(?:instructions?|message|command|text|result)|what\\s+it\\s+says|its\\s+"
                + "instructions)",
            "\\b(?:concatenate|combine|join)\\s+(?:\\w+\\s+){0,4}?and\\s+(?:follow|obey|execute|"
                + "do\\s+what)"));
    return out;
  }

  /** Requests for the prompt or the reference answers. */
  private static List<Rule> promptRequests() {
    String target =
        "(?:\\w+\\s+){0,3}?(?:system\\s+prompt|your\\s+prompt|the\\s+prompt|your\\s+instructions|"
            + "hidden\\s+instructions|the\\s+instructions\\s+you|reference\\s+answers?|model\\s+"
            + "answers?|exemplars?|reference\\s+solutions?|the\\s+rubric|your\\s+rubric|grading\\s+"
            + "rubric|scoring\\s+guide|answer\\s+key|strong\\s+(?:exemplar|answer|reference)s?|"
            + "(?:the\\s+)?(?:text|content|everything|words)\\s+above|(?:your|the)\\s+"
            + "(?:context|configuration|guidelines))";
    String verb =
        "(?:reveal|show|print|display|output|repeat|share|list|tell\\s+me|give\\s+me|quote|include|"
            + "copy|leak|disclose|paste|write\\s+out|recite|echo|dump|summari[sz]e|send)\\s+";
    return Rule.of(
        PROMPT_REQUEST,
        EnglishRules.COMMAND + verb + target,
        "\\b"
            + verb
            + target
            + "[^.\\n]{0,60}\\b(?:in|into|within|at\\s+the\\s+(?:start|end)\\s+"
            + "of)\\s+(?:your|the)\\s+(?:rationale|feedback|reply|response|output|grade|"
            + "justification|explanation)",
        "\\bwhat\\s+(?:are|were|is|was)\\s+(?:your|the)\\s+(?:system\\s+prompt|instructions|"
            + "exact\\s+instructions|rubric|reference\\s+answers?|exemplars?|grading\\s+criteria|"
            + "hidden\\s+\\w+)\\b",
        "\\b(?:begin|start|end)\\s+your\\s+(?:reply|response|rationale|feedback|output)\\s+with\\b",
        "!\\[[^\\]]{0,80}\\]\\((?:https?:)?//[^)]{0,200}(?:\\{\\{|prompt|rubric|reference|exemplar)");
  }

  /** Anchors: what others supposedly gave, what is "expected". */
  private static List<Rule> anchoring() {
    return Rule.of(
        SCORE_ANCHORING,
        "\\b(?:graders?|reviewers?|examiners?|evaluators?|interviewers?|markers?|panel(?:ists)?|"
            + "judges|everyone|others)\\s+(?:\\w+\\s+){0,3}?(?:gave|rated|scored|graded|awarded|"
            + "marked|have\\s+given|have\\s+rated|have\\s+scored|agreed\\s+on)\\s+(?:this|my|it|"
            + "the\\s+same|answers?\\s+like|identical|similar\\s+answers?)\\b",
        "\\b(?:the\\s+)?(?:expected|correct|right|appropriate|fair|accurate|true|consensus|typical|"
            + "usual|average|previous|earlier)\\s+(?:score|grade|mark|rating)\\s+(?:for|of|on)\\s+"
            + "(?:this|my|such\\s+an?|answers?\\s+like)",
        "\\b(?:answers?|responses?|submissions?)\\s+like\\s+(?:this(?:\\s+one)?|mine)\\s+(?:\\w+\\s+){0,2}"
            + "(?:get|receive|score|earn|are\\s+(?:rated|scored|graded|given|marked))",
        "(?:^|[.!?]\\s)[\\s>*_#-]*(?:calibration|anchor(?:ing)?|benchmark)\\s+(?:note|point|"
            + "score|example)\\s*[:\\-]",
        "\\b(?:was|were|has\\s+been|had\\s+been)\\s+(?:previously|already|earlier|originally)\\s+"
            + "(?:graded|scored|rated|marked)\\s+(?:at\\s+|as\\s+|a\\s+)?(?:\\d|full|top|strong|"
            + "perfect|max|excellent)",
        "\\b(?:example|sample)\\s+(?:grad(?:e|ing)|scor(?:e|ing)|marking|evaluation)s?\\b",
        "\\b(?:graded|scored|marked)\\s+examples?\\b",
        "\\bcontinue\\s+the\\s+pattern\\b",
        "\\b(?:grade|score|mark|rate)\\s+(?:the\\s+answer\\s+above|this(?:\\s+answer)?|it|mine)\\s+"
            + "(?:in\\s+)?(?:the\\s+)?same\\s+way\\b",
        "(?:->|=>|→)\\s*(?:score\\s*:?\\s*)?\\d{1,3}\\s*(?:/|out\\s+of|of)\\s*\\d{1,3}",
        "\\banswer\\s*:\\s*['\"][^'\"\\n]{0,120}['\"]\\s*[|,;.]?\\s*score\\s*:?\\s*\\d");
  }

  /** Appeals to sympathy. */
  private static List<Rule> appeals() {
    return Rule.of(
        EMOTIONAL_APPEAL,
        "\\b(?:please|kindly|i\\s+beg\\s+you|i'?m\\s+begging\\s+you|i\\s+am\\s+begging\\s+you)"
            + "[,\\s]+(?:\\w+\\s+){0,3}?(?:be\\s+|grade\\s+|mark\\s+|score\\s+|rate\\s+)?"
            + "(?:generous|lenient|merciful|forgiving|gentle)(?:ly)?\\b",
        "\\b(?:be|grade|mark|score|rate|judge)\\s+(?:\\w+\\s+)?(?:generous(?:ly)?|lenient(?:ly)?|"
            + "merciful(?:ly)?)\\s+(?:with|to|on|towards?|in|here|this|because|since|as|[.!,])",
        "\\b(?:i|we)\\s+(?:really\\s+|desperately\\s+|truly\\s+|badly\\s+)?(?:need|must\\s+get|"
            + "have\\s+to\\s+get)\\s+(?:this\\s+(?:job|role|position|offer)|to\\s+pass|a\\s+(?:high|"
            + "good|top|perfect|passing|full)\\s+(?:score|mark|grade))",
        "\\b(?:my|our)\\s+(?:family|children|kids|visa|career|future|livelihood|life|mortgage|"
            + "rent|health|job)\\s+(?:\\w+\\s+){0,3}?(?:depends?|relies|rely|is\\s+at\\s+stake|"
            + "are\\s+at\\s+stake|hangs|hinges)\\b",
        "\\b(?:don't|do\\s+not|please\\s+don't)\\s+(?:mark|grade|score|penali[sz]e|punish|fail|"
            + "dock)\\s+(?:me|my\\s+answer|this\\s+answer|my\\s+response)\\b",
        "\\b(?:take\\s+pity|have\\s+mercy|show\\s+mercy|be\\s+compassionate|find\\s+it\\s+in\\s+your"
            + "\\s+heart)\\b",
        "\\b(?:i'?m|i\\s+am)\\s+(?:\\w+\\s+)?(?:dyslexic|disabled|sick|ill|stressed|nervous|"
            + "anxious|exhausted|desperate|unemployed|a\\s+single\\s+(?:mother|father|parent))\\b"
            + "[^.!?\\n]{0,120}\\b(?:score|grade|mark|lenien|generous|kind|consider|overlook|"
            + "forgive)");
  }
}
