package id.puskesos.field.ui

import android.os.Bundle
import android.widget.LinearLayout
import id.puskesos.field.R
import id.puskesos.field.core.VerdictStatus

/**
 * Which programmes (PKH, BPNT/Sembako, PBI-JK, BLT-DD, ...) the household qualifies for under
 * the district's current rules, each verdict with its reasons and, when undecided, what to
 * ask next while still at the house.
 */
class EligibilityActivity : BaseActivity() {
    private lateinit var screen: Screen
    private lateinit var verdicts: LinearLayout

    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        screen = Screen(this)
        screen.heading(R.string.eligibility_title)
        verdicts = screen.section()
        screen.show()
        val householdId = intent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD).orEmpty()
        background({ core.eligibility.evaluate(householdId) }) { list ->
            list.forEach { v ->
                val status = when (v.status) {
                    VerdictStatus.ELIGIBLE -> R.string.verdict_eligible
                    VerdictStatus.NOT_ELIGIBLE -> R.string.verdict_not_eligible
                    VerdictStatus.NEEDS_INFO -> R.string.verdict_needs_info
                }
                screen.label(getString(R.string.verdict_line, v.programme.pick(lang), getString(status)), verdicts)
                v.reasons.forEach { screen.label("• " + it.pick(lang), verdicts) }
                if (v.askNext.isNotEmpty()) {
                    screen.label(R.string.verdict_ask_next, verdicts)
                    v.askNext.forEach { screen.label("? " + it.pick(lang), verdicts) }
                }
            }
        }
    }
}
