package id.puskesos.field.ui

import android.content.Intent
import android.view.View
import android.widget.Spinner
import id.puskesos.core.FieldStore
import id.puskesos.field.R
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import org.json.JSONArray
import org.json.JSONObject
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertFalse
import org.junit.Assert.assertTrue
import org.junit.Before
import org.junit.Rule
import org.junit.Test
import org.junit.rules.TemporaryFolder
import org.junit.runner.RunWith
import org.robolectric.Robolectric
import org.robolectric.RobolectricTestRunner
import org.robolectric.annotation.Config
import java.io.File

/**
 * Referrals on the real core: the institutions the district lists in its rule pack are
 * offered by sector with their services, and the referral is stored as the district names it.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class ReferralNativeFlowsTest {
    @get:Rule
    val dir = TemporaryFolder()

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private val store get() = File(dir.root, "puskesos.sqlite")

    /** The example pack as a district would publish it, with its list of institutions. */
    private fun packWithInstitutions(): String {
        val root = System.getProperty("puskesos.repo.root")?.takeIf { it.isNotBlank() }?.let(::File)
            ?: generateSequence(File(".").absoluteFile) { it.parentFile }.first { File(it, "core/rules/example-pack.json").isFile }
        val pack = JSONObject(File(root, "core/rules/example-pack.json").readText())
        pack.put(
            "institutions",
            JSONArray()
                .put(JSONObject().put("sector", "health").put("name", "Puskesmas Contoh").put("services", JSONArray().put("PBI-JK").put("pemeriksaan lansia")))
                .put(JSONObject().put("sector", "civil_registration").put("name", "Disdukcapil Kabupaten Contoh").put("services", JSONArray().put("akta kelahiran").put("KTP-el"))),
        )
        return pack.toString()
    }

    private fun household(core: CoreGateway): String =
        core.records.saveHousehold(
            HouseholdDraft(
                kk = "3201011505109901",
                villageCode = "3201010001",
                address = "Kampung Contoh",
                rt = "3",
                rw = "1",
                members = listOf(MemberDraft("3201010101709910", "Budi Contoh", Sex.MALE, null, "head")),
            ),
        ).id

    @Test
    fun `an institution from the district's list names the referral, its sector and its service`() {
        FieldStore.open(store.path).use { it.installRulePack(packWithInstitutions()) }
        val core = useCore(NativeCoreGateway(store) { "HP uji" })
        val household = household(core)
        val form = Robolectric.buildActivity(ReferralActivity::class.java, Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household)).setup().get()
        settle("the district's institutions offered") { form.spinners().size == 4 }
        val (listed, services) = form.spinners().take(2)
        assertEquals(
            listOf("Puskesmas Contoh · Health", "Disdukcapil Kabupaten Contoh · Civil registration", "Other (type its name below)"),
            listed.items(),
        )

        listed.setSelection(1)
        shadowIdle()
        assertEquals("Disdukcapil Kabupaten Contoh", form.field(R.string.referral_institution_hint).text.toString())
        assertFalse(form.field(R.string.referral_institution_hint).isEnabled)
        assertEquals(View.VISIBLE, services.visibility)
        services.setSelection(1)
        shadowIdle()
        assertEquals("akta kelahiran", form.field(R.string.referral_reason_hint).text.toString())
        form.button(R.string.referral_submit).performClick()
        settle("referral saved") { form.isFinishing }

        FieldStore.open(store.path).use { s ->
            val saved = s.referrals(household).single()
            assertEquals("Disdukcapil Kabupaten Contoh", saved.institution)
            assertEquals(id.puskesos.core.model.Sector.CIVIL_REGISTRATION, saved.sector)
            assertEquals("akta kelahiran", saved.service)
        }
    }

    @Test
    fun `without a list in the pack the institution is typed`() {
        val core = useCore(NativeCoreGateway(store) { "HP uji" })
        val household = household(core)
        assertTrue(core.records.institutions(null).isEmpty())
        val form = Robolectric.buildActivity(ReferralActivity::class.java, Intent().putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, household)).setup().get()
        shadowIdle()
        assertEquals(2, form.spinners().size)
        form.field(R.string.referral_institution_hint).setText("Dinas Perikanan Kab. Contoh")
        form.spinners()[1].setSelection(1 + id.puskesos.field.core.Sector.FISHERIES.ordinal)
        form.field(R.string.referral_reason_hint).setText("Bantuan jaring")
        form.button(R.string.referral_submit).performClick()
        settle("referral saved") { form.isFinishing }
        FieldStore.open(store.path).use { s ->
            assertEquals(id.puskesos.core.model.Sector.FISHERIES, s.referrals(household).single().sector)
        }
    }

    private fun shadowIdle() = org.robolectric.Shadows.shadowOf(android.os.Looper.getMainLooper()).idle()

    private fun Spinner.items() = (0 until adapter.count).map { adapter.getItem(it).toString() }
}
