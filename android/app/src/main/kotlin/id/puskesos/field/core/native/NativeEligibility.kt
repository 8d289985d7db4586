package id.puskesos.field.core.native

import id.puskesos.core.LocalText
import id.puskesos.core.Verdict
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.EligibilityService
import id.puskesos.field.core.ProgrammeVerdict
import id.puskesos.field.core.VerdictStatus

/** Verdicts under the installed rule pack; each evaluation is saved and queued by the core. */
internal class NativeEligibility(private val native: NativeStore) : EligibilityService {
    override fun evaluate(householdId: String): List<ProgrammeVerdict> =
        boundary {
            val e = native.store.evaluateHousehold(householdId, native.author())
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
        }

    private fun text(t: LocalText) = Bilingual(t.id, t.en)
}
