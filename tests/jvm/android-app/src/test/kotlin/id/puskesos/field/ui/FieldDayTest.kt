package id.puskesos.field.ui

import android.app.Activity
import android.content.Intent
import id.puskesos.field.PuskesosApp
import id.puskesos.field.R
import id.puskesos.field.Settings
import id.puskesos.field.core.CoreGateway
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.HouseholdDraft
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.Sex
import id.puskesos.field.core.native.NativeCoreGateway
import id.puskesos.field.core.native.libraryBackToIndonesian
import id.puskesos.testing.District
import org.junit.After
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNotNull
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
 * A day in the field, on the real screens, the host-built core and the real district service
 * on 127.0.0.1: the phone enrols from the QR exactly as the district renders it, the first
 * sync brings the village pack (registry extract, rules, region list), a household is started
 * from the extract and two more typed, a photo is kept, a complaint is taken for a household,
 * moved on and referred, a sanggah is filed, everything is sent, the district decides, and
 * the phone shows the decisions and sends a returned proposal again once fixed.
 */
@RunWith(RobolectricTestRunner::class)
@Config(sdk = [35], qualifiers = "en")
class FieldDayTest {
    @get:Rule
    val dir = TemporaryFolder()

    private val app get() = RuntimeEnvironment.getApplication() as PuskesosApp

    @Before
    @After
    fun libraryLanguage() = libraryBackToIndonesian()

    private val village = District.VILLAGE
    private val kk = "3201011505159910"
    private val headNik = "3201010101809911"
    private val spouseNik = "3201014503829912"
    private val childNik = "3201010909109913"

    /** The village's extract: one registered family, desil 2. Synthetic people. */
    private fun extract(): File =
        File(dir.root, "extract.csv").apply {
            writeText(
                listOf(
                    "extract_version,village_code,kk_number,nik,name,birth_place,birth_date,sex,relationship,desil,address,rt,rw",
                    "2025Q3,$village,$kk,$headNik,Budi Santoso,Bogor,1980-01-01,male,head,2,Kampung Contoh,003,001",
                    "2025Q3,$village,$kk,$spouseNik,Siti Aminah,Bogor,1982-03-05,female,spouse,2,Kampung Contoh,003,001",
                    "2025Q3,$village,$kk,$childNik,Ahmad Fauzi,Bogor,2010-09-09,male,child,2,Kampung Contoh,003,001",
                ).joinToString("\n", postfix = "\n"),
            )
        }

    private fun regions(): File =
        File(dir.root, "regions.csv").apply { writeText("code,name\n32,JAWA BARAT\n3201,KAB. BOGOR\n320101,CIBINONG\n$village,DESA UJI\n3201010002,DESA TETANGGA\n") }

    private fun rules(): File {
        val root = System.getProperty("puskesos.repo.root")?.takeIf { it.isNotBlank() }?.let(::File)
            ?: generateSequence(File(".").absoluteFile) { it.parentFile }.first { File(it, "core/rules/example-pack.json").isFile }
        return File(root, "core/rules/example-pack.json")
    }

    private fun okDialog() {
        settle("a dialog") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
        ShadowAlertDialog.getLatestAlertDialog().getButton(android.app.AlertDialog.BUTTON_POSITIVE).performClick()
    }

    private fun sync(core: CoreGateway) = core.sync.syncNow({}, { false }, personAsked = true).also { app.loadRegions() }

    @Test
    fun `a day in the field from enrolment to the district's decisions`() {
        District().use { district ->
            val core = useCore(NativeCoreGateway(File(dir.root, "puskesos.sqlite")) { "HP uji" })
            district.publishPack(extract(), rules(), regions())

            // Enrol from the QR the district's page shows (JSON with URL and code).
            val enrol = Robolectric.buildActivity(EnrolActivity::class.java).setup().get()
            enrol.button(R.string.enrol_scan_qr).performClick()
            val scan = shadowOf(enrol).nextStartedActivityForResult
            assertEquals(ScanActivity::class.java.name, scan.intent.component?.className)
            shadowOf(enrol).receiveResult(scan.intent, Activity.RESULT_OK, Intent().putExtra(ScanActivity.EXTRA_RAW, district.enrolQr("op-desa")))
            settle("enrolled") { enrol.isFinishing }
            val settings = Settings(app)
            assertTrue(settings.enrolled)
            assertEquals(village, settings.villageCode)
            assertEquals(district.url, enrol.field(R.string.enrol_url_hint).text.toString())

            // The first sync installs the pack: the extract, the rules and the region list.
            sync(core)
            assertTrue(core.regions.loaded)
            assertEquals(3, core.registry.byKk(kk).size)

            // Household 1 starts from the extract: type the KK, fill from DTSEN, confirm.
            val form = Robolectric.buildActivity(HouseholdFormActivity::class.java).setup().get()
            assertEquals(village, form.field(R.string.form_village_hint).text.toString())
            form.field(R.string.form_kk_hint).setText(kk)
            form.button(R.string.form_from_registry).performClick()
            settle("filled from the extract") { runCatching { form.field(R.string.form_name_hint, 2).text.toString() == "Ahmad Fauzi" }.getOrDefault(false) }
            assertEquals(spouseNik, form.field(R.string.form_nik_hint, 1).text.toString())
            assertEquals("Kampung Contoh", form.field(R.string.form_address_hint).text.toString())
            form.button(R.string.form_save).performClick()
            settle("saved") { form.isFinishing }
            val first = shadowOf(form).nextStartedActivity.getStringExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD)!!
            assertEquals(listOf("Budi Santoso", "Siti Aminah", "Ahmad Fauzi"), core.records.household(first).members.map { it.name })

            // Two more, typed; a village code outside the pack's region list is refused.
            val typed = { n: Int, code: String ->
                HouseholdDraft(
                    kk = "32010115051599%02d".format(20 + n),
                    villageCode = code,
                    address = "Kampung Baru $n",
                    rt = "4",
                    rw = "1",
                    members = listOf(MemberDraft("32010102027099%02d".format(20 + n), "Kepala Baru ${listOf("Satu", "Dua", "Tiga", "Sembilan")[minOf(n, 9) % 4]}", Sex.MALE, null, "head")),
                )
            }
            val refused = runCatching { core.records.saveHousehold(typed(9, "3201010099")) }.exceptionOrNull()
            assertTrue("$refused", refused?.message.orEmpty().contains("wilayah") || refused?.message.orEmpty().contains("region"))
            val second = core.records.saveHousehold(typed(1, village)).id
            core.records.saveHousehold(typed(2, village))
            // A household of the neighbouring village: valid here, refused by the district.
            val stranger = core.records.saveHousehold(typed(3, "3201010002")).id

            // A photo of the house front, kept.
            val photo = core.capture.normalisePhoto(syntheticJpeg(), DocumentKind.HOUSE_FRONT)
            core.records.attachPhoto(first, photo)

            // Eligibility asks first what decides the most programmes; one tap answers it.
            val eligIntent = Intent(app, EligibilityActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, first)
            val elig = Robolectric.buildActivity(EligibilityActivity::class.java, eligIntent).setup().get()
            settle("verdicts shown") { elig.shownTexts().contains("Ask first (decides the most programmes)") }
            val asked = core.eligibility.assess(first).askNext
            val firstAsk = asked.first { core.eligibility.question(it.fact) != null }
            val label = (core.eligibility.question(firstAsk.fact)?.label?.en ?: firstAsk.question.en).replaceFirstChar { it.uppercase() }
            val line = firstAsk.personName?.let { "$label — $it" } ?: label
            elig.views().first { it is android.widget.TextView && it.isClickable && it.text.toString() == line }.performClick()
            val question = Robolectric.buildActivity(QuestionActivity::class.java, shadowOf(elig).nextStartedActivity).setup().get()
            settle("question shown") { question.views().filterIsInstance<android.widget.Button>().isNotEmpty() }
            val answerField = question.views().filterIsInstance<android.widget.EditText>().firstOrNull()
            if (answerField != null) {
                answerField.setText("36")
                question.button(R.string.form_save).performClick()
            } else {
                question.views().filterIsInstance<android.widget.Button>().first().performClick()
            }
            settle("answered") { question.isFinishing }
            val still = core.eligibility.assess(first).askNext
            assertTrue("$firstAsk still asked", still.none { it.fact == firstAsk.fact && it.personId == firstAsk.personId })

            // A complaint taken on the household's screen, moved on with a note, referred.
            val complaintIntent = Intent(app, ComplaintActivity::class.java).putExtra(ComplaintActivity.EXTRA_HOUSEHOLD, second)
            val complaint = Robolectric.buildActivity(ComplaintActivity::class.java, complaintIntent).setup().get()
            complaint.field(R.string.form_nik_hint).setText("32010102027099%02d".format(21))
            complaint.field(R.string.complaint_name_hint).setText("Kepala Baru Dua")
            complaint.spinners()[0].setSelection(1)
            complaint.field(R.string.complaint_description_hint).setText("Bantuan sembako bulan ini belum diterima")
            complaint.button(R.string.complaint_register).performClick()
            settle("case listed") { complaint.shownTexts().any { it.startsWith("Bantuan sembako") } }
            complaint.views().first { it is android.widget.TextView && it.text.startsWith("Bantuan sembako") }.performClick()
            val caseIntent = shadowOf(complaint).nextStartedActivity
            val case = Robolectric.buildActivity(CaseActivity::class.java, caseIntent).setup().get()
            settle("case shown") { case.shownTexts().any { it.startsWith("Status: received, not yet handled") } }
            case.field(R.string.case_note_hint).setText("Dicek di DTSEN: terdaftar, desil 2")
            assertTrue(case.shownTexts().contains("Next step: checked in DTSEN"))
            case.button(R.string.case_advance).performClick()
            settle("advanced") { case.shownTexts().any { it.startsWith("Status: checked in DTSEN") } }
            assertTrue(case.shownTexts().any { "Dicek di DTSEN: terdaftar, desil 2" in it })
            val caseId = caseIntent.getStringExtra(CaseActivity.EXTRA_CASE)!!
            val referral = Robolectric.buildActivity(
                ReferralActivity::class.java,
                Intent(app, ReferralActivity::class.java).putExtra(ReferralActivity.EXTRA_COMPLAINT, caseId),
            ).setup().get()
            referral.spinners()[1].setSelection(1 + id.puskesos.field.core.Sector.FOOD.ordinal)
            referral.field(R.string.referral_institution_hint).setText("Dinas Sosial Kab. Bogor")
            referral.field(R.string.referral_reason_hint).setText("BPNT")
            referral.button(R.string.referral_submit).performClick()
            settle("referred") { referral.isFinishing }

            // A sanggah on household 1, naming the recipient's NIK.
            val proposal = Robolectric.buildActivity(
                ProposalActivity::class.java,
                Intent(app, ProposalActivity::class.java).putExtra(HouseholdFormActivity.EXTRA_HOUSEHOLD, first),
            ).setup().get()
            proposal.spinners()[0].setSelection(2)
            settle("sanggah asks for the NIK") { proposal.field(R.string.proposal_target_nik_hint).isShown }
            proposal.field(R.string.proposal_target_nik_hint).setText(spouseNik)
            proposal.field(R.string.proposal_reason_hint).setText("Penerima sudah mampu: punya toko")
            proposal.button(R.string.proposal_submit).performClick()
            settle("proposal saved, evidence offered") { proposal.shownTexts().contains("Evidence photos: 0") }
            proposal.button(R.string.proposal_done).performClick()
            assertTrue(proposal.isFinishing)
            val filed = core.records.proposalsOf(first).single()

            // Everything goes up; the district refuses the stranger, returns the sanggah and
            // moves the case on.
            val sent = sync(core)
            assertEquals(0, sent.remaining)
            assertEquals("the stranger household and its head", 2, sent.failed)
            val outbox = Robolectric.buildActivity(OutboxActivity::class.java).setup().get()
            settle("refusal shown") { outbox.shownTexts().any { it.startsWith("Household,") && "wrong_village" in it } }
            assertTrue(outbox.shownTexts().any { it.startsWith("Family member,") && "wrong_village" in it })
            outbox.button(R.string.outbox_open).performClick()
            assertEquals(stranger, shadowOf(outbox).nextStartedActivity.getStringExtra(HouseholdActivity.EXTRA_HOUSEHOLD))
            outbox.buttons(R.string.outbox_retry)[0].performClick()
            settle("queued again") { core.outbox.summary().failed == 1 }
            assertEquals("refused again, with the same reason", 1, sync(core).failed)
            district.decide("proposal", filed.id, "returned", "Lampirkan foto toko")
            district.decide("complaint", caseId, "referred", "Dirujuk ke Dinsos")
            sync(core)

            // The phone shows it: home, the case, the household; the sanggah is fixed and resent.
            val home = Robolectric.buildActivity(HomeActivity::class.java).setup().get()
            settle("decisions on home") { home.shownTexts().any { "Proposal: returned — Lampirkan foto toko" in it } }
            val caseAgain = Robolectric.buildActivity(CaseActivity::class.java, caseIntent).setup().get()
            settle("district's word on the case") { caseAgain.shownTexts().any { "District: Complaint: referred — Dirujuk ke Dinsos" in it } }
            val household = Robolectric.buildActivity(
                HouseholdActivity::class.java,
                Intent(app, HouseholdActivity::class.java).putExtra(HouseholdActivity.EXTRA_HOUSEHOLD, first),
            ).setup().get()
            settle("returned proposal shown") { household.shownTexts().any { it == "The district's reason: Lampirkan foto toko" } }
            household.button(R.string.household_proposal_resend).performClick()
            settle("reason asked") { ShadowAlertDialog.getLatestAlertDialog()?.isShowing == true }
            val ask = ShadowAlertDialog.getLatestAlertDialog()
            (shadowOf(ask).view as android.widget.EditText).setText("Penerima sudah mampu: punya toko (foto toko terlampir)")
            okDialog()
            settle("sent again") { household.shownTexts().none { it.startsWith("The district's reason") } }
            assertEquals(0, sync(core).remaining)
            district.decide("proposal", filed.id, "accepted")
            sync(core)
            val decided = core.records.proposalsOf(first).single()
            assertEquals("accepted", decided.decision?.status)
            assertNotNull(core.records.household(second))
        }
    }

    /** A 1600×1200 photo-like JPEG (noise over gradients), made here with the JDK's encoder. */
    private fun syntheticJpeg(): ByteArray {
        val w = 1600
        val h = 1200
        val rnd = java.util.Random(7)
        val img = java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_RGB)
        for (y in 0 until h) {
            for (x in 0 until w) {
                val g = (x * 255 / w + rnd.nextInt(40)).coerceIn(0, 255)
                val b = (y * 255 / h + rnd.nextInt(40)).coerceIn(0, 255)
                img.setRGB(x, y, (120 shl 16) or (g shl 8) or b)
            }
        }
        return java.io.ByteArrayOutputStream().also { javax.imageio.ImageIO.write(img, "jpg", it) }.toByteArray()
    }
}
