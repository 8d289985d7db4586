package id.puskesos.field.ui

import android.view.View
import id.puskesos.field.FakeCoreGateway
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.ComplaintCategory
import id.puskesos.field.core.ComplaintDraft
import id.puskesos.field.core.ComplaintState
import id.puskesos.field.core.ComplaintSummary
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.Enrolment
import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.SavedHousehold
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.RecordService
import id.puskesos.field.core.RegistryMatch
import id.puskesos.field.core.RegistryService
import id.puskesos.field.core.Sex
import id.puskesos.field.core.SyncService
import id.puskesos.field.UnscriptedRecords
import id.puskesos.field.UnscriptedSync
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNull
import org.junit.Assert.assertTrue
import org.junit.Test
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.Shadows.shadowOf
import org.robolectric.annotation.Config

/**
 * The activities' main flows on Robolectric (API 35), with FakeCoreGateway standing in for the
 * native core: what a person types and taps, what reaches the core, what the screen shows.
 * Robolectric's default locale is en-US, so the screens show values-en; one test runs in
 * Bahasa Indonesia.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35])
class ActivityFlowsTest {
    // Synthetic numbers in FakeIdentity's shape: 16 digits, serial 0000 is never issued.
    private val kk = "3201011402129902"
    private val nikMan = "3201010101859903"
    private val nikWoman = "3201014503909901"

    /** The fake core with scripted sync, records and registry, recording what reached them. */
    private class Scripted(val fake: FakeCoreGateway = FakeCoreGateway()) : CoreGateway by fake {
        val enrolments = mutableListOf<EnrolmentRequest>()
        val households = mutableListOf<HouseholdDraft>()
        val complaints = mutableListOf<ComplaintDraft>()
        val lookups = mutableListOf<String>()
        var open = mutableListOf<ComplaintSummary>()
        var registryAnswer: List<RegistryMatch> = emptyList()

        override val sync: SyncService = object : SyncService by UnscriptedSync {
            override fun enrol(request: EnrolmentRequest): Enrolment {
                enrolments += request
                return Enrolment("device-7", "3201011006", "Desa Contoh")
            }
        }
        override val records: RecordService = object : RecordService by UnscriptedRecords {
            override fun saveHousehold(draft: HouseholdDraft): SavedHousehold {
                households += draft
                return SavedHousehold("hh-1", emptyList())
            }

            override fun openComplaints(): List<ComplaintSummary> = open.toList()

            override fun registerComplaint(draft: ComplaintDraft): String {
                complaints += draft
                open += ComplaintSummary("c-${complaints.size}", draft.complainantName, ComplaintState.OPEN, "2025-03-04")
                return "c-${complaints.size}"
            }
        }
        override val registry: RegistryService = object : RegistryService {
            override fun byNik(nik: String): List<RegistryMatch> = registryAnswer.also { lookups += "nik:$nik" }

            override fun byKk(kk: String): List<RegistryMatch> = registryAnswer.also { lookups += "kk:$kk" }

            override fun byName(name: String, limit: Int): List<RegistryMatch> = registryAnswer.also { lookups += "name:$name" }

            override fun familyDraft(kk: String): HouseholdDraft? = null
        }
    }

    // --- Enrolment -------------------------------------------------------------------------

    @Test
    fun `enrolment sends the typed URL and code to the core, remembers the device and goes home`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
        activity.field(R.string.enrol_url_hint).setText(" https://dinsos.example.go.id/ ")
        activity.field(R.string.enrol_code_hint).setText("abcd 1234")
        activity.button(R.string.enrol_submit).performClick()

        settle("enrolment finished") { activity.isFinishing }
        assertEquals(listOf(EnrolmentRequest("https://dinsos.example.go.id", "ABCD1234")), core.enrolments)
        val settings = Settings(activity)
        assertEquals("device-7", settings.deviceId)
        assertEquals("Desa Contoh", settings.villageName)
        assertEquals("https://dinsos.example.go.id", settings.districtUrl)
        assertEquals(HomeActivity::class.java.name, shadowOf(activity).nextStartedActivity.component?.className)
    }

    @Test
    fun `enrolment with a plain-http URL and a bad code shows both problems and calls nothing`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
        activity.field(R.string.enrol_url_hint).setText("http://dinsos.example.go.id")
        activity.field(R.string.enrol_code_hint).setText("AB")
        activity.button(R.string.enrol_submit).performClick()
        settle("main looper idle") { true }

        val message = messageUnder(activity.field(R.string.enrol_fingerprint_hint))
        assertEquals(View.VISIBLE, message.visibility)
        assertEquals(
            "The address must start with https:// so that data is protected.\n" +
                "An enrolment code has 8–16 letters or digits, for example ABCD-1234.",
            message.text.toString(),
        )
        assertTrue(core.enrolments.isEmpty())
        assertFalse(activity.isFinishing)
        assertNull(shadowOf(activity).nextStartedActivity)
    }

    @Test
    @Config(qualifiers = "in")
    fun `in Bahasa Indonesia the enrolment screen and its messages come from values`() {
        useCore(Scripted())
        val activity = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
        activity.button(R.string.enrol_submit).performClick()
        settle("main looper idle") { true }

        assertTrue(activity.shownTexts().contains(activity.getString(R.string.enrol_title)))
        assertEquals("Daftarkan perangkat", activity.getString(R.string.enrol_title))
        val message = messageUnder(activity.field(R.string.enrol_fingerprint_hint)).text.toString()
        assertEquals(
            listOf(activity.getString(R.string.enrol_url_empty), activity.getString(R.string.enrol_code_empty)),
            message.split("\n"),
        )
        assertFalse(message.contains("empty"))
    }

    // --- Household form --------------------------------------------------------------------

    @Test
    fun `an empty household shows the missing village and address under their fields and saves nothing`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(HouseholdFormActivity::class.java).setup().get()
        activity.field(R.string.form_kk_hint).setText(kk)
        activity.field(R.string.form_nik_hint).setText("3201010101850000")
        activity.button(R.string.form_save).performClick()

        val village = messageUnder(activity.field(R.string.form_village_hint))
        settle("village message shown") { village.visibility == View.VISIBLE }
        assertEquals("The village code is empty.", village.text.toString())
        assertEquals("The address is empty.", messageUnder(activity.field(R.string.form_address_hint)).text.toString())
        // The core's own sentence (FakeIdentity), in the phone's language, under the member's NIK.
        assertEquals("Serial number 0000 is never issued.", messageUnder(activity.field(R.string.form_nik_hint)).text.toString())
        assertEquals("The name is empty.", messageUnder(activity.field(R.string.form_name_hint)).text.toString())
        assertEquals(View.GONE, messageUnder(activity.field(R.string.form_kk_hint)).visibility)
        assertTrue(core.households.isEmpty())
        assertFalse(activity.isFinishing)
    }

    @Test
    fun `a complete household reaches the core and opens the photo checklist`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(HouseholdFormActivity::class.java).setup().get()
        activity.field(R.string.form_kk_hint).setText(kk)
        activity.field(R.string.form_village_hint).setText("3201011006")
        activity.field(R.string.form_address_hint).setText("  Jl. Contoh No. 1 ")
        activity.field(R.string.form_rt_hint).setText("002")
        activity.field(R.string.form_rw_hint).setText("005")
        activity.field(R.string.form_nik_hint).setText("3201 0101 0185 9903")
        activity.field(R.string.form_name_hint).setText(" Budi Contoh ")
        activity.field(R.string.form_birth_date_hint).setText("01-01-1985")
        activity.button(R.string.form_add_member).performClick()
        activity.field(R.string.form_nik_hint, 1).setText(nikWoman)
        activity.field(R.string.form_name_hint, 1).setText("Siti Contoh")
        // Member 1: sex "male", relationship "head"; member 2: sex "female", relationship "spouse".
        val spinners = activity.spinners()
        spinners[0].setSelection(1)
        spinners[2].setSelection(2)
        spinners[3].setSelection(1)
        activity.button(R.string.form_save).performClick()

        settle("household saved") { activity.isFinishing }
        assertEquals(
            listOf(
                HouseholdDraft(
                    kk = kk,
                    villageCode = "3201011006",
                    address = "Jl. Contoh No. 1",
                    rt = "002",
                    rw = "005",
                    members = listOf(
                        MemberDraft(nikMan, "Budi Contoh", Sex.MALE, "1985-01-01", "head"),
                        MemberDraft(nikWoman, "Siti Contoh", Sex.FEMALE, null, "spouse"),
                    ),
                ),
            ),
            core.households,
        )
        val next = shadowOf(activity).nextStartedActivity
        assertEquals(PhotoChecklistActivity::class.java.name, next.component?.className)
        assertEquals("hh-1", next.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD))
    }

    @Test
    fun `leaving a NIK field fills sex and birth date from the core's reading of it`() {
        useCore(Scripted())
        val activity = Robolectric.buildActivity(HouseholdFormActivity::class.java).setup().get()
        val nik = activity.field(R.string.form_nik_hint)
        nik.requestFocus()
        nik.setText(nikWoman)
        activity.field(R.string.form_name_hint).requestFocus()

        val birth = activity.field(R.string.form_birth_date_hint)
        settle("birth date filled") { birth.text.isNotEmpty() }
        assertEquals("05-03-1990", birth.text.toString())
        assertEquals(activity.getString(R.string.sex_female), activity.spinners()[0].selectedItem)
        assertEquals(View.GONE, messageUnder(nik).visibility)
    }

    // --- Registry check --------------------------------------------------------------------

    @Test
    fun `a NIK found in the registry extract is shown with its decile`() {
        val core = Scripted().also { useCore(it) }
        core.registryAnswer = listOf(RegistryMatch("320101********03", "320101********02", "BUDI CONTOH", "head", 3, "2025-01", 100))
        val activity = Robolectric.buildActivity(RegistryCheckActivity::class.java).setup().get()
        activity.field(R.string.registry_query_hint).setText("3201-0101-0185-9903")
        activity.button(R.string.registry_search).performClick()

        val line = "BUDI CONTOH (320101********03), head of family — decile 3, extract 2025-01"
        settle("match shown") { activity.shownTexts().contains(line) }
        assertEquals(listOf("nik:$nikMan"), core.lookups)
        assertFalse(activity.shownTexts().contains(activity.getString(R.string.registry_not_found)))
    }

    @Test
    fun `a NIK not in the extract says so, and a mistyped one is explained without a lookup`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(RegistryCheckActivity::class.java).setup().get()
        val query = activity.field(R.string.registry_query_hint)
        query.setText(nikWoman)
        activity.button(R.string.registry_search).performClick()
        settle("not found shown") { activity.shownTexts().contains("Not found in this village registry extract.") }
        assertEquals(listOf("nik:$nikWoman"), core.lookups)

        query.setText("12345")
        activity.button(R.string.registry_search).performClick()
        val message = messageUnder(query)
        settle("problem shown") { message.visibility == View.VISIBLE }
        assertEquals("The number must have 16 digits.", message.text.toString())
        assertFalse("the earlier answer is cleared", activity.shownTexts().contains("Not found in this village registry extract."))
        assertEquals(1, core.lookups.size)
    }

    @Test
    fun `searching by KK asks the registry by KK number`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(RegistryCheckActivity::class.java).setup().get()
        activity.spinners().single().setSelection(1)
        activity.field(R.string.registry_query_hint).setText(kk)
        activity.button(R.string.registry_search).performClick()
        settle("KK looked up") { activity.shownTexts().contains(activity.getString(R.string.registry_not_found)) }
        assertEquals(listOf("kk:$kk"), core.lookups)
    }

    // --- Complaint -------------------------------------------------------------------------

    @Test
    fun `a complaint reaches the core with its category and appears among the open ones`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(ComplaintActivity::class.java).setup().get()
        settle("open complaints listed") { activity.shownTexts().contains("None") }

        activity.field(R.string.form_nik_hint).setText("3201 0145 0390 9901")
        activity.field(R.string.complaint_name_hint).setText(" Siti Contoh ")
        activity.spinners().single().setSelection(1)
        val description = activity.field(R.string.complaint_description_hint)
        description.setText("Bantuan bulan ini belum diterima.")
        activity.button(R.string.complaint_register).performClick()

        settle("complaint listed") { activity.shownTexts().contains("Siti Contoh — open (since 4 March 2025)\n0 days") }
        assertEquals(
            listOf(ComplaintDraft(nikWoman, "Siti Contoh", ComplaintCategory.AID_NOT_RECEIVED, "Bantuan bulan ini belum diterima.")),
            core.complaints,
        )
        assertEquals("", description.text.toString())
        assertFalse(activity.shownTexts().contains("None"))
    }

    @Test
    fun `a complaint with an invalid NIK is not registered and the NIK's problem is shown`() {
        val core = Scripted().also { useCore(it) }
        val activity = Robolectric.buildActivity(ComplaintActivity::class.java).setup().get()
        val nik = activity.field(R.string.form_nik_hint)
        nik.setText("3201014503900000")
        activity.field(R.string.complaint_name_hint).setText("Siti Contoh")
        activity.button(R.string.complaint_register).performClick()

        val message = messageUnder(nik)
        settle("NIK problem shown") { message.visibility == View.VISIBLE }
        assertEquals("Serial number 0000 is never issued.", message.text.toString())
        assertTrue(core.complaints.isEmpty())
    }
}
