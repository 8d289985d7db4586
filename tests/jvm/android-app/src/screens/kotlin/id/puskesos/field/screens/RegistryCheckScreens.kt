package id.puskesos.field.screens

import id.puskesos.field.R
import id.puskesos.field.ui.RegistryCheckActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.field.ui.spinners
import org.junit.Test

/** The registry check on the real store's extract: found by NIK, by name, not found, a mistyped number. */
class RegistryCheckScreens(device: String, language: String) : ScreenTest(device, language) {
    private fun search(by: Int, query: String): RegistryCheckActivity {
        realCore { Sample.registry(it, dir.root) }
        val a = start<RegistryCheckActivity>()
        a.spinners().single().setSelection(by)
        a.field(R.string.registry_query_hint).setText(query)
        a.button(R.string.registry_search).performClick()
        return a
    }

    @Test
    fun `found by NIK`() = Shots.capture(search(0, Sample.SPOUSE_NIK), "registry", "found")

    @Test
    fun `found by name`() = Shots.capture(search(2, "siti aminah"), "registry", "by-name")

    @Test
    fun `not found`() = Shots.capture(search(0, "3201015506909931"), "registry", "not-found")

    @Test
    fun mistyped() = Shots.capture(search(0, "32010101018"), "registry", "mistyped")
}
