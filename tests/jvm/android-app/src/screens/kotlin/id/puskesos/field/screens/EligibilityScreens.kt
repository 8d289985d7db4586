package id.puskesos.field.screens

import android.content.Intent
import id.puskesos.field.ui.EligibilityActivity
import id.puskesos.field.ui.HouseholdFormActivity
import org.junit.Test

/** Eligibility of a real household under the example rule pack, and the core's refusal without a pack. */
class EligibilityScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun verdicts() {
        var household = ""
        realCore { store ->
            household = Sample.household(store)
            Sample.rulePack(store)
        }
        Shots.capture(start<EligibilityActivity>(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household)), "eligibility", "verdicts")
    }

    @Test
    fun `no rule pack`() {
        var household = ""
        realCore { household = Sample.household(it) }
        Shots.capture(start<EligibilityActivity>(Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household)), "eligibility", "no-pack")
    }
}
