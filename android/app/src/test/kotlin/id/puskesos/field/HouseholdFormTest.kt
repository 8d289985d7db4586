package id.puskesos.field

import id.puskesos.field.core.CoreException
import id.puskesos.field.core.Lang
import id.puskesos.field.core.MemberDraft
import id.puskesos.field.core.ScanPayload
import id.puskesos.field.core.Sex
import id.puskesos.field.form.FormField
import id.puskesos.field.form.FormWords
import id.puskesos.field.form.HouseholdForm
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

class HouseholdFormTest {
    private val core = FakeCoreGateway()
    private val words = object : FormWords {
        override val nameMissing = "Nama belum diisi."
        override val noMembers = "Isi paling sedikit satu anggota."
        override val villageMissing = "Kode desa belum diisi."
        override val addressMissing = "Alamat belum diisi."
    }

    // Synthetic numbers: district 320101, serials from 9900.
    private val kk = "3201011402129902"
    private val nikWoman = "3201014503909901"
    private val nikMan = "3201010101859903"

    private fun filledForm() = HouseholdForm().apply {
        this.kk = this@HouseholdFormTest.kk
        villageCode = "3201011006"
        address = "Jl. Contoh No. 1"
        members += MemberDraft(nikMan, "Budi Contoh", Sex.MALE, null, "head")
        members += MemberDraft(nikWoman, "Siti Contoh", Sex.FEMALE, null, "spouse")
    }

    @Test
    fun `a scan prefills the KK and its members, the first as head`() {
        val form = HouseholdForm()
        form.prefill(ScanPayload(kk, listOf(nikMan, nikWoman), listOf("Budi Contoh", "Siti Contoh"), "raw"))
        assertEquals(kk, form.kk)
        assertEquals(listOf("head", ""), form.members.map { it.relationship })
        assertEquals(listOf("Budi Contoh", "Siti Contoh"), form.members.map { it.name })
    }

    @Test
    fun `a second scan adds only members not already on the form`() {
        val form = HouseholdForm()
        form.prefill(ScanPayload(kk, listOf(nikMan), listOf("Budi Contoh"), "raw"))
        form.prefill(ScanPayload(null, listOf(nikMan, nikWoman), emptyList(), "raw"))
        assertEquals(listOf(nikMan, nikWoman), form.members.map { it.nik })
        assertEquals(kk, form.kk, "a scan without a KK keeps the KK already there")
    }

    @Test
    fun `a complete form can be saved`() {
        val report = filledForm().validate(core.identity, Lang.ID, words)
        assertTrue(report.canSave, report.toString())
        assertTrue(report.warnings.isEmpty())
    }

    @Test
    fun `the core's messages land under the field they concern, in the chosen language`() {
        val form = filledForm().apply {
            kk = "3201"
            members[1] = members[1].copy(nik = "3201014503900000", name = " ")
        }
        val id = form.validate(core.identity, Lang.ID, words)
        assertFalse(id.canSave)
        assertEquals("Nomor harus 16 angka.", id.errorText(FormField.Kk))
        assertEquals("Nomor urut 0000 tidak pernah diterbitkan.", id.errorText(FormField.MemberNik(1)))
        assertEquals("Nama belum diisi.", id.errorText(FormField.MemberName(1)))
        assertNull(id.errorText(FormField.MemberNik(0)))
        val en = form.validate(core.identity, Lang.EN, words)
        assertEquals("The number must have 16 digits.", en.errorText(FormField.Kk))
    }

    @Test
    fun `a contradiction with the NIK is a warning that does not block saving`() {
        val form = filledForm().apply { members[1] = members[1].copy(sex = Sex.MALE) }
        val report = form.validate(core.identity, Lang.EN, words)
        assertTrue(report.canSave)
        assertEquals("Sex differs from the NIK.", report.warningText(FormField.MemberNik(1)))
    }

    @Test
    fun `an unreadable birth date from the core becomes an error on that field`() {
        val form = filledForm().apply { members[0] = members[0].copy(birthDate = "not-a-date") }
        val report = form.validate(core.identity, Lang.ID, words)
        assertFalse(report.canSave)
        assertEquals("Tanggal \"not-a-date\" tidak terbaca.", report.errorText(FormField.MemberBirthDate(0)))
    }

    @Test
    fun `the app's own checks cover what the core does not`() {
        val report = HouseholdForm().apply { kk = this@HouseholdFormTest.kk }.validate(core.identity, Lang.ID, words)
        assertEquals(setOf(FormField.Village, FormField.Address, FormField.Members), report.errors.keys)
    }

    @Test
    fun `sex and birth date are completed from a valid NIK but never overwritten`() {
        val form = HouseholdForm().apply {
            members += MemberDraft(nikWoman, "Siti", null, null, "head")
            members += MemberDraft(nikMan, "Budi", Sex.FEMALE, "1985-01-02", "spouse")
        }
        form.completeFromNik(0, core.identity)
        form.completeFromNik(1, core.identity)
        assertEquals(Sex.FEMALE to "1990-03-05", form.members[0].sex to form.members[0].birthDate)
        assertEquals(Sex.FEMALE to "1985-01-02", form.members[1].sex to form.members[1].birthDate)
    }

    @Test
    fun `the draft carries normalised numbers and trimmed text`() {
        val form = filledForm().apply {
            kk = "3201 0114 0212 9902"
            members[0] = members[0].copy(nik = "320101.010185.9903", name = "  Budi Contoh ")
        }
        val draft = form.draft(core.identity)
        assertEquals(kk, draft.kk)
        assertEquals(nikMan, draft.members[0].nik)
        assertEquals("Budi Contoh", draft.members[0].name)
    }

    @Test
    fun `a call the test did not script refuses loudly instead of pretending`() {
        val e = assertThrows<CoreException> { core.records.saveHousehold(filledForm().draft(core.identity)) }
        assertEquals(CoreException.Kind.NOT_AVAILABLE, e.kind)
        assertTrue("store" in e.message.orEmpty())
    }
}
