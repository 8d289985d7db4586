package id.puskesos.field

import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.photo.PhotoChecklist
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

class PhotoChecklistTest {
    private fun photo(kind: DocumentKind, quality: PhotoQuality) =
        PhotoResult("doc-$kind", kind, "00".repeat(32), 120_000, quality, if (quality == PhotoQuality.GOOD) null else Bilingual("Foto buram, ulangi.", "Blurry, retake."))

    @Test
    fun `photos are asked for in checklist order`() {
        val list = PhotoChecklist()
        assertEquals(DocumentKind.KK, list.next())
        list.record(photo(DocumentKind.KK, PhotoQuality.GOOD))
        assertEquals(DocumentKind.KTP, list.next())
        assertEquals(1, list.done)
    }

    @Test
    fun `a poor photo is marked for retake and keeps the checklist open`() {
        val list = PhotoChecklist(listOf(DocumentKind.KK, DocumentKind.ROOF))
        list.record(photo(DocumentKind.KK, PhotoQuality.GOOD))
        list.record(photo(DocumentKind.ROOF, PhotoQuality.BLURRY))
        assertEquals(PhotoChecklist.State.RETAKE, list.state(DocumentKind.ROOF))
        assertEquals(DocumentKind.ROOF, list.next())
        assertFalse(list.complete)
        list.record(photo(DocumentKind.ROOF, PhotoQuality.GOOD))
        assertTrue(list.complete)
        assertEquals(2, list.done)
    }
}
