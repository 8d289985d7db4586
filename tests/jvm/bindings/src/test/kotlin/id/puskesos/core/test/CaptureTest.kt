package id.puskesos.core.test

import com.google.zxing.BarcodeFormat
import id.puskesos.core.CaptureException
import id.puskesos.core.model.DocumentKind
import id.puskesos.core.model.IdKind
import id.puskesos.core.model.PayloadKind
import id.puskesos.core.model.QualityCheck
import id.puskesos.core.model.QualityProblem
import id.puskesos.core.model.Sex
import id.puskesos.core.model.SourceFormat
import id.puskesos.core.model.SymbolFormat
import id.puskesos.core.decodeFrame
import id.puskesos.core.decodePhotoBarcodes
import id.puskesos.core.interpretPayload
import id.puskesos.core.normalizePhoto
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.image.BufferedImage
import java.nio.ByteBuffer
import java.security.MessageDigest

/** Photos and camera frames through the capture room: real encoders, synthetic content. */
class CaptureTest {
    private fun sha256(bytes: ByteArray) = MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

    @Test
    fun `a 12 MP photo of a KK is normalised to 1600 px within 300 KB and judged`() {
        val original = Images.jpeg(Images.synthetic(4000, 3000, seed = 12))
        assertTrue(original.size > 1_000_000, "a real-size camera file: ${original.size} bytes")
        val photo = normalizePhoto(original, DocumentKind.KK)
        assertEquals(1600u, photo.width)
        assertEquals(1200u, photo.height)
        assertEquals(SourceFormat.JPEG, photo.sourceFormat)
        assertEquals(4000u, photo.sourceWidth)
        assertEquals(3000u, photo.sourceHeight)
        assertTrue(photo.budgetMet)
        assertTrue(photo.jpeg.size <= 300_000, "${photo.jpeg.size} bytes")
        assertEquals(sha256(photo.jpeg), photo.sha256)
        assertEquals(setOf(QualityCheck.SHARPNESS, QualityCheck.EXPOSURE, QualityCheck.RESOLUTION, QualityCheck.ORIENTATION), photo.checks.map { it.check }.toSet())
        assertEquals(photo.checks.all { it.passed }, photo.passed)
        assertTrue(photo.checks.first { it.check == QualityCheck.RESOLUTION }.passed)
        assertTrue(photo.checks.all { it.advice.id.isNotBlank() && it.advice.en.isNotBlank() })
        // Metadata is gone: a fresh encoder writes JFIF and nothing else (no EXIF APP1).
        assertFalse(String(photo.jpeg, Charsets.ISO_8859_1).contains("Exif"))
    }

    @Test
    fun `a dark small photo gets its problems named with advice to retake`() {
        val img = BufferedImage(400, 300, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        g.color = java.awt.Color(8, 8, 8)
        g.fillRect(0, 0, 400, 300)
        g.dispose()
        val photo = normalizePhoto(Images.jpeg(img), DocumentKind.HOUSE_FRONT)
        assertEquals(SourceFormat.JPEG, photo.sourceFormat)
        assertFalse(photo.passed)
        val problems = photo.checks.mapNotNull { it.problem }
        assertTrue(QualityProblem.TOO_DARK in problems, problems.toString())
        assertTrue(QualityProblem.TOO_SMALL in problems, problems.toString())
        assertTrue(photo.checks.first { it.problem == QualityProblem.TOO_DARK }.advice.id.contains("gelap"))
    }

    @Test
    fun `an unreadable photo is a typed error`() {
        assertThrows<CaptureException.Unsupported> { normalizePhoto(ByteArray(0), DocumentKind.KK) }
        assertThrows<CaptureException.Unsupported> { normalizePhoto("GIF89a".toByteArray() + ByteArray(64), DocumentKind.KK) }
        // The phone library reads camera photos (JPEG); PNG decoding is left out of it (size).
        val png = assertThrows<CaptureException.Unsupported> { normalizePhoto(Images.png(Images.synthetic(320, 240)), DocumentKind.KK) }
        assertTrue("PNG" in png.message!!, png.message)
        val cut = Images.jpeg(Images.synthetic(640, 480)).let { it.copyOf(it.size / 3) }
        assertThrows<CaptureException.Damaged> { normalizePhoto(cut, DocumentKind.KK) }
        assertThrows<CaptureException.Damaged> { decodePhotoBarcodes(cut) }
    }

    @Test
    fun `barcodes are read from a photo file`() {
        val img = Images.synthetic(1600, 1200, seed = 5)
        Images.draw(img, Images.symbol(BarcodeFormat.QR_CODE, "https://layananonline.dukcapil.kemendagri.go.id/verif?id=CONTOH123", 300, 300), 1200, 80)
        val symbols = decodePhotoBarcodes(Images.jpeg(img))
        val qr = symbols.single { it.format == SymbolFormat.QR }
        assertTrue(qr.text.endsWith("CONTOH123"))
        assertEquals(4, qr.corners.size.coerceAtMost(4))
        assertTrue(decodePhotoBarcodes(Images.jpeg(Images.synthetic(320, 240))).isEmpty())
    }

    @Test
    fun `a QR in a noisy padded camera frame is decoded without copying the buffer`() {
        val text = "PUSKESOS:CASE:0190A0A0-0000-7000-8000-0000000000AB"
        val m = Images.symbol(BarcodeFormat.QR_CODE, text, 260, 260)
        val frame = Images.lumaFrame(1280, 720, 1344, m, 700, 230)
        assertTrue(frame.isDirect)
        val symbols = decodeFrame(frame, 1280u, 720u, 1344u, 0u)
        assertEquals(listOf(text), symbols.map { it.text })
        assertEquals(0, frame.position(), "the caller's buffer is left as it was")
        val meaning = interpretPayload(symbols[0].text, null)
        assertEquals(PayloadKind.CASE_QR, meaning.kind)
        assertEquals("0190a0a0-0000-7000-8000-0000000000ab", meaning.caseId)
    }

    @Test
    fun `a PDF417 held sideways is decoded once the rotation is applied`() {
        val text = "NIK ${Synthetic.nik(day = 5, month = 3, yy = 90, female = true)} CONTOH"
        val m = Images.symbol(BarcodeFormat.PDF_417, text, 300, 600)
        // The sensor is mounted sideways: the frame is 720×1280 and must turn 90° clockwise.
        val upright = Images.lumaFrame(720, 1280, 768, m, 200, 300)
        val symbols = decodeFrame(upright, 720u, 1280u, 768u, 90u)
        val pdf = symbols.single { it.format == SymbolFormat.PDF417 }
        assertEquals(text, pdf.text)
    }

    @Test
    fun `a frame that does not fit its buffer is refused, not read out of bounds`() {
        val small = ByteBuffer.allocateDirect(1000)
        assertThrows<CaptureException.InvalidFrame> { decodeFrame(small, 1280u, 720u, 1280u, 0u) }
        assertThrows<CaptureException.InvalidFrame> { decodeFrame(small, 20u, 20u, 10u, 0u) }
        assertThrows<CaptureException.InvalidFrame> { decodeFrame(small, 10u, 10u, 10u, 45u) }
        assertThrows<CaptureException.InvalidFrame> { decodeFrame(small, 0u, 10u, 10u, 0u) }
        // Zero-copy needs a direct buffer; a heap buffer is refused by the generated code.
        assertThrows<IllegalArgumentException> { decodeFrame(ByteBuffer.allocate(100), 10u, 10u, 10u, 0u) }
        val blank = Images.lumaFrame(640, 480, 640, com.google.zxing.common.BitMatrix(1), 0, 0)
        assertTrue(decodeFrame(blank, 640u, 480u, 640u, 0u).isEmpty())
    }

    @Test
    fun `a payload with a 16-digit number is offered as NIK and KK candidates`() {
        val nik = Synthetic.nik(day = 5, month = 3, yy = 90, female = true)
        val meaning = interpretPayload("No. $nik", "2025-08-17")
        assertEquals(PayloadKind.NUMBERS_TEXT, meaning.kind)
        val asNik = meaning.candidates.single { it.kind == IdKind.NIK }
        assertTrue(asNik.valid)
        assertEquals(Sex.FEMALE, asNik.sex)
        assertEquals("1990-03-05", asNik.birthDate)
        assertEquals("320101********01", asNik.numberMasked)
        assertNotNull(asNik.reason.en)
        val link = interpretPayload("https://layananonline.dukcapil.kemendagri.go.id/verif?id=CONTOH123")
        assertEquals(PayloadKind.KK_VERIFICATION_LINK, link.kind)
        assertEquals("layananonline.dukcapil.kemendagri.go.id", link.urlHost)
        assertEquals(PayloadKind.UNKNOWN, interpretPayload("halo").kind)
        assertThrows<CaptureException.InvalidDate> { interpretPayload("x", "17-08-2025") }
    }
}
