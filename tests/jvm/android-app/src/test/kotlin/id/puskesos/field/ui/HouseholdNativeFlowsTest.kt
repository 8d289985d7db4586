package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
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
import org.junit.Assert.assertFalse
import org.junit.Assert.assertNotNull
import org.junit.Assert.assertNull
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
import org.robolectric.shadows.ShadowAlertDialog
import java.io.File

/**
 * The household screens on the real core: the host-built libpuskesos_ffi on a store file, no
 * fake. A family typed and saved whole, found again by a name as it is said, opened,
 * corrected with a reason, a member removed, the history read, the household deleted.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class HouseholdNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private fun realCore(): CoreGateway = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })

    private val village = "3201010001"

    /** Synthetic numbers in Kabupaten Bogor's range: serials 99xx are never issued to people. */
    private fun kk(n: Int) = "3201011505%02d99%02d".format(10 + n, n)

    private fun nik(day: Int, month: Int, yy: Int, female: Boolean, serial: Int) =
        "320101%02d%02d%02d%04d".format(if (female) day + 40 else day, month, yy, 9900 + serial)

    private fun family(core: CoreGateway, n: Int, head: String, vararg others: MemberDraft): String =
        core.records.saveHousehold(
            HouseholdDraft(
                kk = kk(n),
                villageCode = village,
                address = "Kampung Contoh $n",
                rt = "${n + 1}",
                rw = "2",
                members = listOf(MemberDraft(nik(1, 1, 70 + n, false, n * 10), head, Sex.MALE, null, "head")) + others,
            ),
        ).id

    private fun dialogText(): String {
        settle("a dialog") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
        return shadowOf(ShadowAlertDialog.getLatestAlertDialog()).message.toString()
    }

    @Test
    fun `a family typed on the form is saved whole, a member without NIK with a question`() {
        val core = realCore()
        val form = Robolectric.buildActivity(HouseholdFormActivity::class.java).setup().get()
        form.field(R.string.form_kk_hint).setText(kk(1))
        form.field(R.string.form_village_hint).setText(village)
        form.field(R.string.form_address_hint).setText("Kampung Contoh 1")
        form.field(R.string.form_rt_hint).setText("3")
        form.field(R.string.form_rw_hint).setText("1")
        form.field(R.string.form_nik_hint).setText(nik(2, 3, 80, false, 1))
        form.field(R.string.form_name_hint).setText("Budi Contoh")
        form.button(R.string.form_add_member).performClick()
        // The second member is a baby without a NIK yet.
        form.field(R.string.form_name_hint, 1).setText("Bayi Contoh")
        form.spinners()[2].setSelection(2)
        form.field(R.string.form_birth_date_hint, 1).setText("01-10-2026")
        form.spinners()[3].setSelection(2)
        form.button(R.string.form_save).performClick()

        val questions = dialogText()
        assertTrue(questions, "Bayi Contoh has no NIK yet" in questions)
        ShadowAlertDialog.getLatestAlertDialog().getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        settle("photo checklist next") { form.isFinishing }
        val next = shadowOf(form).nextStartedActivity
        assertEquals(PhotoChecklistActivity::class.java.name, next.component?.className)
        val id = next.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD)!!

        val saved = core.records.household(id)
        assertEquals("Budi Contoh", saved.headName)
        assertEquals(listOf("Budi Contoh", "Bayi Contoh"), saved.members.map { it.name })
        assertNull(saved.members[1].nik)
        assertEquals("003", saved.rt)
    }

    @Test
    fun `a household is found by a member's name as it is said and opened`() {
        val core = realCore()
        family(core, 1, "Asep Saepudin", MemberDraft(nik(9, 10, 12, false, 11), "Muhammad Rizki", null, null, "child"))
        family(core, 2, "Dedi Kurniawan")
        val list = Robolectric.buildActivity(HouseholdListActivity::class.java).setup().get()
        settle("all households listed") { list.shownTexts().any { it == "2 found" } }

        list.field(R.string.households_search_hint).setText("Muhamad Riski")
        shadowOf(android.os.Looper.getMainLooper()).idleFor(java.time.Duration.ofMillis(HouseholdListActivity.TYPING_PAUSE_MS))
        settle("search answered") { list.shownTexts().any { it == "1 found" } }
        val hit = list.shownTexts().single { it.startsWith("Asep Saepudin") }
        assertTrue(hit, "Matched: Muhammad Rizki" in hit)
        assertTrue(hit, "RT 002/RW 002" in hit)
        assertFalse("the KK is masked in lists: $hit", kk(1) in hit)

        list.views().first { it is android.widget.TextView && it.text.toString() == hit }.performClick()
        val open = shadowOf(list).nextStartedActivity
        assertEquals(HouseholdActivity::class.java.name, open.component?.className)

        list.field(R.string.households_search_hint).setText("rt 3 rw 2")
        shadowOf(android.os.Looper.getMainLooper()).idleFor(java.time.Duration.ofMillis(HouseholdListActivity.TYPING_PAUSE_MS))
        settle("RT/RW search answered") { list.shownTexts().any { it.startsWith("Dedi Kurniawan") } && list.shownTexts().none { it.startsWith("Asep") } }
    }

    @Test
    fun `a household is corrected with a reason, a member removed, and the history shows both`() {
        val core = realCore()
        val id = family(core, 1, "Asep Saepudin", MemberDraft(nik(9, 10, 12, false, 11), "Muhammad Rizki", null, null, "child"))
        val intent = Intent(app, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, id)
        val household = Robolectric.buildActivity(HouseholdActivity::class.java, intent).setup().get()
        settle("household shown") { household.shownTexts().any { it.startsWith("Muhammad Rizki") } }
        assertTrue(household.shownTexts().contains("Asep Saepudin"))

        household.button(R.string.household_correct).performClick()
        val correctIntent = shadowOf(household).nextStartedActivity
        val correct = Robolectric.buildActivity(CorrectionActivity::class.java, correctIntent).setup().get()
        settle("form filled from the record") { correct.field(R.string.form_rt_hint).text.toString() == "002" }
        correct.field(R.string.form_rt_hint).setText("7")
        correct.field(R.string.form_address_hint).setText("Kampung Baru 7")
        // Without a reason the core refuses, and nothing changes.
        correct.button(R.string.form_save).performClick()
        assertTrue(dialogText(), "reason" in dialogText())
        ShadowAlertDialog.getLatestAlertDialog().dismiss()
        assertEquals("002", core.records.household(id).rt)
        correct.field(R.string.reason_hint).setText("Salah tulis RT saat pendataan")
        correct.button(R.string.form_save).performClick()
        settle("correction saved") { correct.isFinishing }
        assertEquals(Activity.RESULT_OK, shadowOf(correct).resultCode)
        assertEquals("007", core.records.household(id).rt)

        // The child's NIK belonged to a sibling: removed, and the family's question follows.
        val child = core.records.household(id).members.single { it.name == "Muhammad Rizki" }
        val memberForm = Robolectric.buildActivity(CorrectionActivity::class.java, CorrectionActivity.member(app, id, child.id)).setup().get()
        settle("member filled") { memberForm.field(R.string.form_nik_hint).text.isNotEmpty() }
        memberForm.field(R.string.form_nik_hint).setText("")
        memberForm.field(R.string.reason_hint).setText("NIK milik kakaknya")
        memberForm.button(R.string.form_save).performClick()
        assertTrue(dialogText(), "Muhammad Rizki has no NIK yet" in dialogText())
        ShadowAlertDialog.getLatestAlertDialog().getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        settle("member form closed") { memberForm.isFinishing }
        assertNull(core.records.household(id).members.single { it.id == child.id }.nik)

        // Back on the household: refreshed, then the member is deleted with a reason.
        val again = Robolectric.buildActivity(HouseholdActivity::class.java, intent).setup().get()
        settle("refreshed") { again.shownTexts().any { "Kampung Baru 7, RT 007/RW 002" in it } }
        assertTrue(again.shownTexts().any { "has no NIK yet" in it })
        again.buttons(R.string.household_member_delete)[1].performClick()
        settle("reason asked") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
        val ask = ShadowAlertDialog.getLatestAlertDialog()
        (shadowOf(ask).view as android.widget.EditText).setText("Tercatat di KK lain")
        ask.getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        settle("member gone") { again.shownTexts().none { it.startsWith("Muhammad Rizki") } }
        assertEquals(1, core.records.household(id).members.size)

        again.button(R.string.household_history).performClick()
        settle("history shown") { again.shownTexts().any { it.startsWith("Deleted") } }
        val history = again.shownTexts().filter { it.startsWith("Correction") || it.startsWith("Deleted") }
        assertEquals(3, history.size)
        assertTrue(history[0], "Salah tulis RT saat pendataan" in history[0] && "RT: 002 → 007" in history[0])
        assertTrue(history[2], "Tercatat di KK lain" in history[2])

        again.button(R.string.household_delete).performClick()
        settle("reason asked") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true && ShadowAlertDialog.getLatestAlertDialog() != ask }
        val askHousehold = ShadowAlertDialog.getLatestAlertDialog()
        (shadowOf(askHousehold).view as android.widget.EditText).setText("KK ganda")
        askHousehold.getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        settle("household closed") { again.isFinishing }
        assertTrue(core.records.findHouseholds("").isEmpty())
    }

    @Test
    fun `a member is added and moved to another recorded KK`() {
        val core = realCore()
        val a = family(core, 1, "Asep Saepudin")
        val b = family(core, 2, "Dedi Kurniawan")
        val add = Robolectric.buildActivity(CorrectionActivity::class.java, CorrectionActivity.addMember(app, a)).setup().get()
        add.field(R.string.form_nik_hint).setText(nik(3, 4, 95, true, 12))
        add.field(R.string.form_name_hint).setText("Sri Contoh")
        add.spinners()[1].setSelection(5) // parent: born after the head, a question follows
        add.field(R.string.form_birth_date_hint).setText("03-04-1995")
        add.button(R.string.form_save).performClick()
        assertTrue(dialogText(), "born after the head" in dialogText())
        ShadowAlertDialog.getLatestAlertDialog().getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
        settle("added") { add.isFinishing }
        val sri = core.records.household(a).members.single { it.name == "Sri Contoh" }
        assertEquals(Sex.FEMALE, sri.sex)

        val move = Robolectric.buildActivity(CorrectionActivity::class.java, CorrectionActivity.member(app, a, sri.id)).setup().get()
        settle("member filled") { move.field(R.string.form_name_hint).text.toString() == "Sri Contoh" }
        move.field(R.string.correction_move_kk_hint).setText(kk(2))
        move.spinners()[2].setSelection(1) // spouse on the other KK
        move.field(R.string.reason_hint).setText("Menikah dengan kepala KK lain")
        move.button(R.string.correction_move).performClick()
        settle("moved") { move.isFinishing }
        assertEquals(listOf("Asep Saepudin"), core.records.household(a).members.map { it.name })
        assertEquals("spouse", core.records.household(b).members.single { it.name == "Sri Contoh" }.relationship)
        assertNotNull(core.records.history(b).singleOrNull { it.kind == "move" })
    }
}
