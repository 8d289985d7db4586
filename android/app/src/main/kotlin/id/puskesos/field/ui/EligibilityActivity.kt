package id.puskesos.field.ui

import android.os.Bundle
import android.widget.LinearLayout
import id.puskesos.field.R
import id.puskesos.field.core.Assessment
import id.puskesos.field.core.VerdictStatus

/**
 * Which programmes (PKH, BPNT/Sembako, PBI-JK, BLT-DD, ...) the household qualifies for under
 * the district's current rules, each verdict with its reasons; the questions that would
 * decide the most programmes come first, each opening its question straight away, and the
 * screen evaluates again when the answer is saved. Households outside the registry also get
 * the indicative welfare score, marked illustrative when the pack's weights are.
 */
class EligibilityActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var askNext: LinearLayout
    private lateinit var verdicts: LinearLayout
    private lateinit var score: LinearLayout
    private lateinit var householdId: String

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()
        screen = Screen(this)
        screen.heading(R.string.eligibility_title)
        askNext = screen.section()
        verdicts = screen.section()
        score = screen.section()
        screen.show()
    }

    override fun onResume() {
        super.onResume()
        background({
            val a = core.eligibility.assess(householdId)
            // The question's own label ("Disabilitas"), with the member's name beside it, reads
            // better than "disabilitas anggota ke-2"; facts without a question keep the core's line.
            a to a.askNext.associate { it.fact to core.eligibility.question(it.fact)?.label }
        }) { (a, labels) -> show(a, labels) }
    }

    private fun show(a: Assessment, labels: Map<String, id.puskesos.field.core.Bilingual?>) {
        askNext.removeAllViews()
        verdicts.removeAllViews()
        score.removeAllViews()
        if (a.askNext.isNotEmpty()) {
            screen.heading(R.string.eligibility_ask_first, askNext)
            a.askNext.forEach { q ->
                val label = (labels[q.fact] ?: q.question).pick(lang).replaceFirstChar { it.uppercase() }
                val text = q.personName?.let { getString(R.string.eligibility_ask_member, label, it) } ?: label
                screen.item(text, askNext) {
                    startActivity(QuestionActivity.open(this, householdId, q.personId, q.fact, q.personName))
                }
            }
        }
        a.verdicts.forEach { v ->
            val status = when (v.status) {
                VerdictStatus.ELIGIBLE -> R.string.verdict_eligible
                VerdictStatus.NOT_ELIGIBLE -> R.string.verdict_not_eligible
                VerdictStatus.NEEDS_INFO -> R.string.verdict_needs_info
            }
            screen.label(getString(R.string.verdict_line, v.programme.pick(lang), getString(status)), verdicts)
            v.reasons.forEach { screen.label("• " + it.pick(lang), verdicts) }
            if (v.askNext.isNotEmpty() && a.askNext.isEmpty()) {
                screen.label(R.string.verdict_ask_next, verdicts)
                v.askNext.forEach { screen.label("? " + it.pick(lang), verdicts) }
            }
        }
        a.score?.let { s ->
            screen.heading(R.string.eligibility_score, score)
            screen.label(getString(R.string.eligibility_score_line, s.desil, s.desilLow, s.desilHigh), score)
            if (s.illustrative) screen.label(R.string.eligibility_score_illustrative, score)
            s.lines.forEach { screen.label("• " + it.pick(lang), score) }
        }
    }
}
