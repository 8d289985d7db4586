package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
import android.widget.TextView
import id.puskesos.core.FieldStore
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.RuntimeEnvironment
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config
import java.io.File

/**
 * Complaints at the desk on the real core: a family that walks in unrecorded is recorded from
 * the complaint screen, the complaint is registered for it and referred; another complaint is
 * registered for a household chosen from the list.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class ComplaintNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp
    private val storeFile get() = File(dir.root, "puskesos.sqlite")
    private val village = "3201010001"

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    /** Robolectric keeps one queue of started activities for the app: emptied before a step. */
    private fun Activity.forgetStarted() {
        while (shadowOf(this).nextStartedActivity != null) continue
    }

    private fun Activity.complain(nik: String, name: String, what: String) {
        field(R.string.form_nik_hint).setText(nik)
        field(R.string.complaint_name_hint).setText(name)
        spinners()[0].setSelection(1) // aid not received
        field(R.string.complaint_description_hint).setText(what)
        button(R.string.complaint_register).performClick()
        settle("complaint listed") { shownTexts().any { it.startsWith(what) } }
    }

    /** The household form opened with [intent], filled with a one-member family and saved. */
    private fun typeFamily(intent: Intent, kk: String, nik: String, head: String): HouseholdFormActivity {
        val form = Robolectric.buildActivity(HouseholdFormActivity::class.java, intent).setup().get()
        form.field(R.string.form_kk_hint).setText(kk)
        form.field(R.string.form_village_hint).setText(village)
        form.field(R.string.form_address_hint).setText("Kampung Contoh")
        form.field(R.string.form_rt_hint).setText("2")
        form.field(R.string.form_rw_hint).setText("1")
        form.field(R.string.form_nik_hint).setText(nik)
        form.field(R.string.form_name_hint).setText(head)
        form.button(R.string.form_save).performClick()
        settle("saved and back") { form.isFinishing }
        return form
    }

    @Test
    fun `a household recorded from the complaint screen carries the complaint, which is then referred`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        val complaint = Robolectric.buildActivity(ComplaintActivity::class.java).setup().get()
        settle("no household yet") { complaint.shownTexts().any { it.startsWith("No household yet") } }

        complaint.button(R.string.complaint_new_household).performClick()
        val request = shadowOf(complaint).nextStartedActivityForResult ?: throw AssertionError("the form was not opened")
        assertEquals(HouseholdFormActivity::class.java.name, request.intent.component?.className)
        val form = typeFamily(request.intent, "3201011505159950", "3201010101709951", "Asep Contoh")
        assertEquals(Activity.RESULT_OK, shadowOf(form).resultCode)
        val household = shadowOf(form).resultIntent.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD)
            ?: throw AssertionError("no household in the form's answer")
        assertEquals("Asep Contoh", core.records.household(household).headName)

        shadowOf(complaint).receiveResult(request.intent, Activity.RESULT_OK, shadowOf(form).resultIntent)
        settle("household shown") { complaint.shownTexts().any { it.startsWith("For the household of Asep Contoh (KK 320101") } }
        // A neighbour complains for the family: the complainant's NIK is on no household.
        complaint.complain("3201014503909901", "Siti Tetangga", "Bantuan sembako tiga bulan belum diterima")
        val case = core.records.openComplaints().single()
        assertEquals(household, core.records.case(case.id).householdId)

        // "Rujuk": the referral finds the household through the complaint.
        complaint.forgetStarted()
        complaint.button(R.string.action_refer).performClick()
        val referIntent = shadowOf(complaint).nextStartedActivity ?: throw AssertionError("the referral was not opened")
        assertEquals(case.id, referIntent.getStringExtra(ReferralActivity.EXTRA_COMPLAINT))
        val referral = Robolectric.buildActivity(ReferralActivity::class.java, referIntent).setup().get()
        referral.field(R.string.referral_institution_hint).setText("Dinas Sosial Kab. Bogor")
        referral.field(R.string.referral_reason_hint).setText("BPNT")
        referral.button(R.string.referral_submit).performClick()
        settle("referred") { referral.isFinishing }
        FieldStore.open(storeFile.path).use { store ->
            val made = store.referrals(household).single()
            assertEquals(case.id, made.complaintId)
            assertEquals("Dinas Sosial Kab. Bogor", made.institution)
        }
    }

    @Test
    fun `a complaint is registered for a household chosen from the list`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        fun family(kk: String, nik: String, head: String) =
            core.records.saveHousehold(HouseholdDraft(kk, village, "Kampung Contoh", "1", "1", listOf(MemberDraft(nik, head, Sex.MALE, null, "head")))).id
        family("3201011505159950", "3201010101709951", "Asep Contoh")
        val dedi = family("3201012003189920", "3201011207759921", "Dedi Kurniawan")

        val complaint = Robolectric.buildActivity(ComplaintActivity::class.java).setup().get()
        complaint.button(R.string.complaint_choose_household).performClick()
        val request = shadowOf(complaint).nextStartedActivityForResult ?: throw AssertionError("the list was not opened")
        val list = Robolectric.buildActivity(HouseholdListActivity::class.java, request.intent).setup().get()
        settle("listed") { list.shownTexts().any { it.startsWith("Dedi Kurniawan") } }
        list.views().first { it is TextView && it.text.startsWith("Dedi Kurniawan") }.performClick()
        assertTrue(list.isFinishing)
        shadowOf(complaint).receiveResult(request.intent, shadowOf(list).resultCode, shadowOf(list).resultIntent)
        settle("household shown") { complaint.shownTexts().any { it.startsWith("For the household of Dedi Kurniawan") } }

        complaint.complain("3201014503909901", "Siti Tetangga", "Rumah rusak setelah banjir")
        val case = core.records.openComplaints().single()
        assertEquals(dedi, core.records.case(case.id).householdId)
    }

    @Test
    fun `choosing from the list, a family not recorded yet is recorded there and chosen`() {
        val core = useCore(NativeCoreGateway(storeFile) { "HP uji" })
        val complaint = Robolectric.buildActivity(ComplaintActivity::class.java).setup().get()
        complaint.button(R.string.complaint_choose_household).performClick()
        val pick = shadowOf(complaint).nextStartedActivityForResult ?: throw AssertionError("the list was not opened")
        val list = Robolectric.buildActivity(HouseholdListActivity::class.java, pick.intent).setup().get()
        settle("empty list") { list.shownTexts().contains(list.getString(R.string.households_none_yet)) }

        list.button(R.string.action_new_household).performClick()
        val new = shadowOf(list).nextStartedActivityForResult ?: throw AssertionError("the form was not opened")
        val form = typeFamily(new.intent, "3201012003189920", "3201011207759921", "Dedi Kurniawan")
        shadowOf(list).receiveResult(new.intent, shadowOf(form).resultCode, shadowOf(form).resultIntent)
        assertTrue("the new household is the choice", list.isFinishing)
        assertEquals(Activity.RESULT_OK, shadowOf(list).resultCode)
        val chosen = shadowOf(list).resultIntent.getStringExtra(HouseholdListActivity.EXTRA_PICKED)
        assertEquals("Dedi Kurniawan", chosen?.let { core.records.household(it).headName })

        shadowOf(complaint).receiveResult(pick.intent, shadowOf(list).resultCode, shadowOf(list).resultIntent)
        settle("household shown") { complaint.shownTexts().any { it.startsWith("For the household of Dedi Kurniawan") } }
    }
}
