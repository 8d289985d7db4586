package id.puskesos.field

import id.puskesos.field.core.Lang
import id.puskesos.field.core.ProposalDraft
import id.puskesos.field.core.ProposalKind
import id.puskesos.field.form.ProposalField
import id.puskesos.field.form.ProposalForm
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class ProposalFormTest {
    private val core = FakeCoreGateway()
    private val reasonMissing = "Alasan wajib diisi."

    // Synthetic: district 320101, serial 9901.
    private val nik = "3201014503909901"

    @Test
    fun `an objection without the recipient's NIK shows the core's message under that field`() {
        val errors = ProposalForm(ProposalKind.OBJECTION, "Sudah mampu, punya toko.", "").validate(core.identity, Lang.EN, reasonMissing)
        assertEquals(mapOf(ProposalField.TARGET_NIK to "The number is empty."), errors)
    }

    @Test
    fun `an objection's mistyped NIK gets every issue the core finds, in the phone's language`() {
        val form = ProposalForm(ProposalKind.OBJECTION, "Sudah mampu.", "3201 0145 0390 0000")
        assertEquals("Nomor urut 0000 tidak pernah diterbitkan.", form.validate(core.identity, Lang.ID, reasonMissing)[ProposalField.TARGET_NIK])
        assertEquals("Serial number 0000 is never issued.", form.validate(core.identity, Lang.EN, reasonMissing)[ProposalField.TARGET_NIK])
    }

    @Test
    fun `a complete objection is saved with the recipient's NIK as digits only`() {
        val form = ProposalForm(ProposalKind.OBJECTION, "  Sudah mampu, punya toko. ", "3201-0145-0390-9901")
        assertTrue(form.validate(core.identity, Lang.ID, reasonMissing).isEmpty())
        assertEquals(ProposalDraft("hh-1", ProposalKind.OBJECTION, "Sudah mampu, punya toko.", nik), form.draft("hh-1", core.identity))
    }

    @Test
    fun `an usul needs no NIK and does not send one typed before the kind was changed`() {
        val form = ProposalForm(ProposalKind.NEW_ENTRY, "Keluarga baru pindah.", nik)
        assertFalse(form.asksTargetNik)
        assertTrue(form.validate(core.identity, Lang.ID, reasonMissing).isEmpty())
        assertEquals(ProposalDraft("hh-1", ProposalKind.NEW_ENTRY, "Keluarga baru pindah.", null), form.draft("hh-1", core.identity))
        assertFalse("checkNik" in core.calls, "no NIK check for an usul")
    }

    @Test
    fun `a missing reason and a missing NIK are both shown at once`() {
        val errors = ProposalForm(ProposalKind.OBJECTION, " ", "12345").validate(core.identity, Lang.EN, reasonMissing)
        assertEquals(
            mapOf(ProposalField.REASON to reasonMissing, ProposalField.TARGET_NIK to "The number must have 16 digits."),
            errors,
        )
    }
}
