package id.puskesos.field.screens

import android.content.Intent
import id.puskesos.field.R
import id.puskesos.field.ui.ComplaintActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import org.junit.Test

/**
 * Complaints: the empty desk (no household yet), one taken for a household, and open
 * complaints from the real store with a refused NIK.
 */
class ComplaintScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun empty() {
        realCore()
        Shots.capture(start<ComplaintActivity>(), "complaint", "empty")
    }

    @Test
    fun `for a household`() {
        var id = ""
        realCore { id = Sample.household(it) }
        Shots.capture(start<ComplaintActivity>(Intent().putExtra(ComplaintActivity.EXTRA_HOUSEHOLD, id)), "complaint", "household")
    }

    @Test
    fun listed() {
        realCore { store ->
            val budi = Sample.household(store)
            Sample.complaint(store, "Siti Aminah", "Bantuan PKH tahap ketiga belum diterima padahal nama tercantum di DTSEN", budi)
            Sample.complaint(store, "Dedi Kurniawan", "Kartu KIS hilang")
        }
        val a = start<ComplaintActivity>()
        a.field(R.string.form_nik_hint).setText("3201014503820000")
        a.field(R.string.complaint_name_hint).setText("Siti Aminah")
        a.button(R.string.complaint_register).performClick()
        Shots.capture(a, "complaint", "listed")
    }
}
