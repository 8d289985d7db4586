package id.puskesos.core.test

import id.puskesos.core.model.IdPart
import id.puskesos.core.IdProblem
import id.puskesos.core.IdentityException
import id.puskesos.core.NikWarningKind
import id.puskesos.core.model.Sex
import id.puskesos.core.checkKk
import id.puskesos.core.checkNik
import id.puskesos.core.coreVersion
import id.puskesos.core.nikWarnings
import id.puskesos.core.normalizeNumber
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** The identity checks as the app calls them, through JNA into the host-built library. */
class IdentityTest {
    private val capturedOn = "2025-08-17"

    @Test
    fun `core version is the crate version`() {
        assertTrue(Regex("""\d+\.\d+\.\d+""").matches(coreVersion()), coreVersion())
    }

    @Test
    fun `a valid NIK of a woman comes back with every part and masked`() {
        val input = Synthetic.nik(day = 5, month = 3, yy = 90, female = true)
        val check = checkNik("${input.substring(0, 6)}.${input.substring(6, 12)}.${input.substring(12)}", capturedOn, null)
        assertTrue(check.valid)
        assertEquals(input, check.normalized)
        assertEquals("32", check.province)
        assertEquals("3201", check.regency)
        assertEquals("320101", check.district)
        assertEquals("1990-03-05", check.birthDate)
        assertEquals(Sex.FEMALE, check.sex)
        assertEquals("9901", check.serial)
        assertEquals("320101********01", check.masked)
        assertTrue(check.issues.isEmpty())
    }

    @Test
    fun `the capture date decides the century of the birth year`() {
        val nik = Synthetic.nik(day = 1, month = 1, yy = 20)
        assertEquals("2020-01-01", checkNik(nik, "2025-08-17", null).birthDate)
        assertEquals("1920-01-01", checkNik(nik, "2019-12-31", null).birthDate)
    }

    @Test
    fun `a mistyped NIK reports every issue in both languages without repeating the number`() {
        val check = checkNik("32010x0101", capturedOn, null)
        assertFalse(check.valid)
        assertNull(check.masked)
        assertNull(check.birthDate)
        assertEquals(
            listOf(IdProblem.WrongLength(10u), IdProblem.NonDigit(6u, "x")),
            check.issues.map { it.problem },
        )
        assertTrue(check.issues.all { it.part == IdPart.WHOLE })
        assertEquals("Nomor harus 16 angka, yang diisi 10 karakter.", check.issues[0].messageId)
        assertEquals("Character 6 ('x') is not a digit.", check.issues[1].messageEn)
        assertTrue(check.issues.none { "32010x0101" in it.messageId || "32010x0101" in it.messageEn })
    }

    @Test
    fun `an impossible birth date and a zero serial are both named by part`() {
        val check = checkNik(Synthetic.nik(day = 31, month = 2, yy = 88, serial = "0000"), capturedOn, null)
        assertFalse(check.valid)
        assertEquals(listOf(IdPart.BIRTH_DATE, IdPart.SERIAL), check.issues.map { it.part })
        assertEquals(IdProblem.ImpossibleDate(31u, 2u, 1988), check.issues[0].problem)
        assertEquals(IdProblem.ZeroSerial, check.issues[1].problem)
        assertEquals("3201", check.regency, "parts stay readable while the number is wrong")
    }

    @Test
    fun `a birth date after the capture date is refused`() {
        val check = checkNik(Synthetic.nik(day = 1, month = 12, yy = 25), capturedOn, null)
        assertEquals(listOf(IdProblem.FutureDate("2025-12-01")), check.issues.map { it.problem })
        assertTrue(check.issues[0].messageId.contains("masa depan"))
    }

    @Test
    fun `an empty NIK is reported as empty`() {
        val check = checkNik("  ", capturedOn, null)
        assertEquals(listOf(IdProblem.Empty), check.issues.map { it.problem })
        assertEquals("Nomor belum diisi.", check.issues[0].messageId)
    }

    @Test
    fun `without a capture date today is used`() {
        val check = checkNik(Synthetic.nik(day = 1, month = 1, yy = 0))
        assertTrue(check.valid, check.issues.toString())
        assertEquals("2000-01-01", check.birthDate)
    }

    @Test
    fun `a capture date that is not a date is a typed exception with a message for people`() {
        val e = assertThrows<IdentityException.InvalidDate> {
            checkNik(Synthetic.nik(day = 1, month = 1, yy = 90), "17/08/2025", null)
        }
        assertEquals("Tanggal \"17/08/2025\" tidak terbaca; gunakan format TTTT-BB-HH, misalnya 2025-08-17.", e.message)
        assertThrows<IdentityException.InvalidDate> { checkKk(Synthetic.kk(day = 1, month = 1, yy = 10), "kemarin", null) }
    }

    @Test
    fun `a valid KK number comes back with its recording date and district`() {
        val kk = Synthetic.kk(day = 14, month = 2, yy = 12)
        val check = checkKk("$kk ", capturedOn, null)
        assertTrue(check.valid)
        assertEquals(kk, check.normalized)
        assertEquals("320101", check.district)
        assertEquals("2012-02-14", check.recordedOn)
        assertEquals("9902", check.serial)
        assertEquals("320101********02", check.masked)
    }

    @Test
    fun `an invalid KK number has no parts and names its issues`() {
        val check = checkKk(Synthetic.kk(day = 14, month = 13, yy = 12, serial = "0000"), capturedOn, null)
        assertFalse(check.valid)
        assertNull(check.district)
        assertNull(check.recordedOn)
        assertEquals(listOf(IdPart.RECORD_DATE, IdPart.SERIAL), check.issues.map { it.part })
        assertEquals("Serial number 0000 is never issued.", check.issues[1].messageEn)
    }

    @Test
    fun `a form that contradicts its NIK gets one warning per mismatch`() {
        val nik = Synthetic.nik(day = 5, month = 3, yy = 90, female = true)
        val warnings = nikWarnings(nik, Sex.MALE, "1990-03-06", "35.78.01", capturedOn)
        assertEquals(
            listOf(NikWarningKind.SEX_MISMATCH, NikWarningKind.BIRTH_DATE_MISMATCH, NikWarningKind.REGION_MISMATCH),
            warnings.map { it.kind },
        )
        assertTrue(warnings[2].messageId.contains("357801"), warnings[2].messageId)
        assertTrue(warnings[0].messageEn.startsWith("The stated sex (male)"), warnings[0].messageEn)
    }

    @Test
    fun `a form that agrees with its NIK gets no warning`() {
        val nik = Synthetic.nik(day = 5, month = 3, yy = 90)
        assertEquals(emptyList<Any>(), nikWarnings(nik, Sex.MALE, "1990-03-05", "32.01.01.1006", capturedOn))
        assertEquals(emptyList<Any>(), nikWarnings(nik, null, null, null, capturedOn))
    }

    @Test
    fun `warnings for an invalid NIK are an InvalidNik exception listing the issues in Indonesian`() {
        val e = assertThrows<IdentityException.InvalidNik> { nikWarnings("1234", null, null, null, capturedOn) }
        assertEquals("NIK tidak valid: Nomor harus 16 angka, yang diisi 4 karakter.", e.message)
    }

    @Test
    fun `a stated birth date that is not a date is refused`() {
        val nik = Synthetic.nik(day = 5, month = 3, yy = 90)
        assertThrows<IdentityException.InvalidDate> { nikWarnings(nik, null, "5 Maret 1990", null, capturedOn) }
    }

    @Test
    fun `separators people type are stripped but other characters are kept for the checks`() {
        assertEquals("3201010503909901", normalizeNumber(" 3201 01-0503.90/9901 "))
        assertEquals("32O1", normalizeNumber("32O1"))
    }
}
