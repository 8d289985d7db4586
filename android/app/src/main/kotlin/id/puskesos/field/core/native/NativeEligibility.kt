package id.puskesos.field.core.native

import id.puskesos.core.Eligibility
import id.puskesos.core.LocalText
import id.puskesos.core.model.Verdict
import id.puskesos.field.core.AskLine
import id.puskesos.field.core.Assessment
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.ProgrammeVerdict
import id.puskesos.field.core.QuestionView
import id.puskesos.field.core.VerdictStatus
import id.puskesos.field.core.WelfareScore

/** Verdicts under the installed rule pack; each evaluation is saved and queued by the core. */
internal class NativeEligibility(private val native: NativeStore) : EligibilityService {
    override fun evaluate(householdId: String): List<ProgrammeVerdict> = boundary { verdicts(native.store.evaluateHousehold(householdId, native.author())) }

    override fun assess(householdId: String): Assessment =
        boundary {
            val e = native.store.evaluateHousehold(householdId, native.author())
            Assessment(
                verdicts(e),
                e.askNext.map { AskLine(text(it.question), it.fact, it.personId, it.personName) },
                e.welfareScore?.let { s ->
                    WelfareScore(s.desil.toInt(), s.desilLow.toInt(), s.desilHigh.toInt(), s.illustrative, s.lines.map(::text))
                },
            )
        }

    override fun question(fact: String): QuestionView? =
        boundary {
            id.puskesos.core.question(fact)?.let { q ->
                QuestionView(
                    fact = q.fact,
                    label = Bilingual(q.labelId, q.labelEn),
                    member = q.member,
                    kind = q.kind,
                    choices = q.choices.map { it.code to Bilingual(it.labelId, it.labelEn) },
                    unit = q.unitId?.let { Bilingual(it, q.unitEn ?: it) },
                )
            }
        }

    override fun answer(householdId: String, personId: String?, fact: String, value: String) {
        boundary { native.store.answer(householdId, personId, fact, value, native.author()) }
    }

    private fun verdicts(e: Eligibility): List<ProgrammeVerdict> =
        e.programmes.map { p ->
            ProgrammeVerdict(
                programme = text(p.name),
                status = when (p.verdict) {
                    Verdict.ELIGIBLE -> VerdictStatus.ELIGIBLE
                    Verdict.NOT_ELIGIBLE -> VerdictStatus.NOT_ELIGIBLE
                    Verdict.NEEDS_DATA -> VerdictStatus.NEEDS_INFO
                },
                reasons = listOf(text(p.summary)) + p.reasons.filter { it.depth > 0u }.map { text(it.sentence) },
                askNext = p.ask.map(::text),
            )
        }

    private fun text(t: LocalText) = Bilingual(t.id, t.en)
}
