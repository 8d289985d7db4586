package id.puskesos.field.screens

import id.puskesos.field.R
import id.puskesos.field.core.ScanPayload
import id.puskesos.field.ui.HouseholdFormActivity
import id.puskesos.field.ui.button
import id.puskesos.field.ui.field
import id.puskesos.field.ui.spinners
import org.junit.Test

/** The household form: empty, refused by the real core's checks, and prefilled from a KK scan with warnings. */
class HouseholdFormScreens(device: String, language: String) : ScreenTest(device, language) {
    @Test
    fun empty() {
        realCore()
        Shots.capture(start<HouseholdFormActivity>(), "household-form", "empty")
    }

    @Test
    fun errors() {
        realCore()
        val a = start<HouseholdFormActivity>()
        a.field(R.string.form_kk_hint).setText("320101150515991")
        a.field(R.string.form_nik_hint).setText("3201010101800000")
        a.field(R.string.form_birth_date_hint).setText("31-02-1980")
        a.button(R.string.form_save).performClick()
        Shots.capture(a, "household-form", "errors")
    }

    /** What a scanned KK fills in; the pillar picked the wrong sex for the wife, the core warns. */
    @Test
    fun scanned() {
        realCore()
        val scan = ScanPayload(Sample.KK, listOf(Sample.HEAD_NIK, Sample.SPOUSE_NIK), listOf("BUDI SANTOSO", "SITI AMINAH NURHALIMAH KUSUMAWARDHANI"), "KK-QR")
        val a = start<HouseholdFormActivity>(HouseholdFormActivity.prefilled(app, scan))
        a.field(R.string.form_village_hint).setText(Sample.VILLAGE)
        a.field(R.string.form_address_hint).setText("Jl. Raya Cibadak Gg. Mawar No. 12")
        a.field(R.string.form_rt_hint).setText("003")
        a.field(R.string.form_rw_hint).setText("001")
        val spinners = a.spinners()
        spinners[0].setSelection(1)
        spinners[2].setSelection(1)
        spinners[3].setSelection(1)
        a.button(R.string.form_check).performClick()
        Shots.capture(a, "household-form", "scanned")
    }
}
