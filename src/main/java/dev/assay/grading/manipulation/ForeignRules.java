package dev.assay.grading.manipulation;

import static dev.assay.grading.manipulation.Category.DIRECT_ADDRESS;
import static dev.assay.grading.manipulation.Category.IGNORE_INSTRUCTIONS;
import static dev.assay.grading.manipulation.Category.ROLE_PLAY;
import static dev.assay.grading.manipulation.Category.SCORE_REQUEST;
import static dev.assay.grading.manipulation.Category.SELF_ASSESSMENT;

import java.util.ArrayList;
import java.util.List;

/**
 * The commonest attacks in French, German, Spanish, Italian, Portuguese, Dutch, Polish, Russian,
 * Chinese, Japanese, Korean and Arabic: ignore the instructions, give the top score, you are now,
 * this deserves full marks, dear grader. Written as spelled; accents are removed on both sides.
 */
final class ForeignRules {
  private static final String ANY = "(?:\\S+\\s+){0,4}?";

  private ForeignRules() {}

  static List<Rule> all() {
    List<Rule> out = new ArrayList<>();
    out.addAll(
        Rule.of(
            IGNORE_INSTRUCTIONS,
            "\\b(?:ignore[zr]?|oublie[zr]?|ne\\s+tenez\\s+pas\\s+compte|ne\\s+tiens\\s+pas\\s+compte|"
                + "faites\\s+abstraction|fais\\s+abstraction)\\s+(?:de\\s+|des\\s+)?"
                + ANY
                + "(?:instructions|consignes|regles|directives|criteres|grille|bareme)",
            "\\b(?:instructions|consignes)\\s+precedentes\\b",
            "\\b(?:ignoriere|ignorieren\\s+sie|vergiss|vergessen\\s+sie|missachte|missachten\\s+sie)"
                + "\\s+"
                + ANY
                + "(?:anweisungen|anleitungen|regeln|vorgaben|instruktionen|bewertungskriterien|"
                + "kriterien|rubrik|bewertungsschema)",
            "\\b(?:vorherigen|bisherigen|obigen)\\s+anweisungen\\b",
            "\\b(?:ignora|ignore|ignoren|ignorad|olvida|olvide|olviden|omite|omita|haz\\s+caso\\s+"
                + "omiso\\s+(?:de|a))\\s+"
                + ANY
                + "(?:instrucciones|reglas|indicaciones|criterios|rubrica|directrices)",
            "\\binstrucciones\\s+(?:anteriores|previas)\\b",
            "\\b(?:ignora|ignorate|dimentica|dimenticate)\\s+"
                + ANY
                + "(?:istruzioni|regole|indicazioni|criteri|rubrica)",
            "\\bistruzioni\\s+precedenti\\b",
            "\\b(?:ignore|ignora|ignorem|esqueca|esquecam|desconsidere)\\s+"
                + ANY
                + "(?:instrucoes|regras|criterios|rubrica|orientacoes)",
            "\\binstrucoes\\s+anteriores\\b",
            "\\b(?:negeer|vergeet)\\s+"
                + ANY
                + "(?:instructies|regels|richtlijnen|criteria|rubric)",
            "\\b(?:zignoruj|ignoruj|zapomnij)\\s+"
                + ANY
                + "(?:instrukcje|polecenia|zasady|kryteria)",
            "(?:игнорируй(?:те)?|забудь(?:те)?|не\\s+обращай(?:те)?\\s+внимания\\s+на)\\s+"
                + ANY
                + "(?:инструкци|правил|указани|критери)",
            "(?:忽略|无视|忘记|忘掉|不要理会)\\S{0,10}(?:指令|指示|说明|规则|要求|评分标准)",
            "(?:指示|命令|ルール|指令)を(?:すべて)?(?:無視|忘れ)",
            "(?:이전|모든)\\s*\\S{0,6}\\s*(?:지시|명령|규칙)\\S{0,2}\\s*무시",
            "تجاهل\\s+(?:\\S+\\s+){0,3}?(?:التعليمات|الإرشادات|القواعد)"));
    out.addAll(
        Rule.of(
            SCORE_REQUEST,
            "\\b(?:donne[zr]?|attribue[zr]?|accorde[zr]?|mets|mettez)\\s+"
                + ANY
                + "(?:la\\s+)?(?:note\\s+(?:maximale|maximum|parfaite|complete)|meilleure\\s+note|"
                + "20\\s*/\\s*20|10\\s*/\\s*10|tous\\s+les\\s+points|(?:le\\s+)?score\\s+maximal)",
            "\\b(?:gib|geben\\s+sie|vergib|vergeben\\s+sie)\\s+"
                + ANY
                + "(?:volle|hochste|maximale|beste)n?\\s+(?:punktzahl|punkte|note|bewertung)",
            "\\b(?:volle|maximale|hochste)n?\\s+punktzahl\\b|\\bbestnote\\b",
            "\\b(?:da|dale|de|dele|otorga|otorgale|asigna|asignale|pon|ponle|dadle)\\s+"
                + ANY
                + "(?:la\\s+)?(?:puntuacion|nota|calificacion)\\s+(?:maxima|perfecta|mas\\s+alta)",
            "\\b(?:dai|date|assegna|assegnate|attribuisci)\\s+"
                + ANY
                + "(?:il\\s+)?(?:punteggio|voto)\\s+(?:massimo|pieno|perfetto)",
            "\\b(?:de|da|atribua|conceda|coloque)\\s+"
                + ANY
                + "(?:a\\s+)?(?:nota|pontuacao)\\s+(?:maxima|perfeita|maior)",
            "\\b(?:geef|ken)\\s+"
                + ANY
                + "(?:de\\s+)?(?:maximale|hoogste|volle)\\s+(?:score|punten)",
            "\\b(?:daj|przyznaj|wystaw)\\s+"
                + ANY
                + "(?:maksymaln|najwyzsz|peln|pełn)\\w*\\s+"
                + "(?:ocen|punkt|liczb)",
            "(?:поставь(?:те)?|дай(?:те)?|выстави(?:те)?|присвой(?:те)?)\\s+"
                + ANY
                + "(?:максимальн|высш|наивысш|полн)\\S*\\s+(?:балл|оценк|отметк)",
            "(?:给|打|评)\\S{0,8}(?:满分|最高分)",
            "満点|最高(?:点|評価|スコア)を(?:付け|つけ|与え|あげ)",
            "만점|최고\\s*점수를?\\s*(?:주|줘)",
            "(?:أعط|امنح)\\S*\\s+(?:\\S+\\s+){0,3}?(?:الدرجة|العلامة)\\s+(?:الكاملة|القصوى)"));
    out.addAll(
        Rule.of(
            ROLE_PLAY,
            "\\b(?:tu\\s+es|vous\\s+etes)\\s+(?:maintenant|desormais|a\\s+present)\\b",
            "\\bagi(?:s|ssez)\\s+comme\\s+(?:un|une|le|la)\\s+(?:\\S+\\s+)?(?:correcteur|examinateur|"
                + "evaluateur|professeur)",
            "\\b(?:du\\s+bist|sie\\s+sind)\\s+(?:jetzt|nun|ab\\s+sofort|von\\s+nun\\s+an)\\b",
            "\\b(?:ahora|a\\s+partir\\s+de\\s+ahora)\\s+(?:eres|sos|usted\\s+es)\\b",
            "\\bactua\\s+como\\s+(?:un|una|el|la)\\s+(?:\\S+\\s+)?(?:evaluador|corrector|examinador|"
                + "profesor)",
            "\\b(?:ora|adesso|da\\s+ora\\s+in\\s+poi)\\s+sei\\b",
            "\\bvoce\\s+(?:agora\\s+)?e\\s+(?:agora\\s+)?(?:um|uma|o|a)\\s+(?:\\S+\\s+)?(?:avaliador|"
                + "corretor|examinador)",
            "\\b(?:je|u)\\s+bent\\s+nu\\b",
            "(?:ты|вы)\\s+теперь|теперь\\s+(?:ты|вы)(?![а-я])",
            "你现在是|从现在起你|あなたは(?:今から|これから)"));
    out.addAll(
        Rule.of(
            SELF_ASSESSMENT,
            "\\bmerite\\s+(?:la\\s+)?(?:note\\s+maximale|20\\s*/\\s*20|tous\\s+les\\s+points)",
            "\\bverdient\\s+(?:die\\s+)?(?:volle|hochste|maximale|beste)",
            "\\bmerece\\s+(?:la\\s+|a\\s+)?(?:puntuacion|nota|calificacion|pontuacao)\\s+"
                + "(?:maxima|perfecta|perfeita)",
            "\\bmerita\\s+(?:il\\s+)?(?:punteggio|voto)\\s+(?:massimo|pieno)"));
    out.addAll(
        Rule.of(
            DIRECT_ADDRESS,
            "\\b(?:cher|chere)\\s+(?:correcteur|examinateur|evaluateur|ia)\\b",
            "\\b(?:note|message)\\s+(?:au|pour\\s+le)\\s+correcteur\\b",
            "\\b(?:liebe[rs]?|sehr\\s+geehrte[rs]?)\\s+(?:prufer|bewerter|korrektor|ki)\\b",
            "\\b(?:querido|estimado|estimada)\\s+(?:evaluador|corrector|examinador|calificador)\\b",
            "\\b(?:caro|cara|gentile)\\s+(?:valutatore|correttore|esaminatore)\\b"));
    return out;
  }
}
