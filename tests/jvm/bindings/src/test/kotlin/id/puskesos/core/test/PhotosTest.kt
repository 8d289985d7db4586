package id.puskesos.core.test

import id.puskesos.core.model.DocumentKind
import id.puskesos.core.model.GeoPoint
import id.puskesos.core.ProposalInput
import id.puskesos.core.model.ProposalKind
import id.puskesos.core.RecordsException
import id.puskesos.core.test.Records.AUTHOR
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertNull
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.awt.image.BufferedImage

/** The photo checklist as the phone keeps it, on a real store file with real JPEGs. */
class PhotosTest {
    private fun dark(): ByteArray {
        val img = BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        g.color = java.awt.Color(4, 4, 5)
        g.fillRect(0, 0, 1600, 1200)
        g.dispose()
        return Images.jpeg(img)
    }

    @Test
    fun `a poor photo is kept only on purpose, a retake replaces, and the checklist is read back`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val id = h.meta.id
            assertEquals(9, store.photoChecklist(id).size)
            assertTrue(store.photoChecklist(id).all { it.document == null })

            val good = store.attachPhoto(id, DocumentKind.HOUSE_FRONT, Images.jpeg(Images.synthetic(2000, 1500, seed = 3)), false, AUTHOR)
            assertTrue(good.passed, good.checks.toString())
            assertNotNull(good.document)

            val poor = store.attachPhoto(id, DocumentKind.KITCHEN, dark(), false, AUTHOR)
            assertFalse(poor.passed)
            assertNull(poor.document, "not stored unasked")
            val kept = store.attachPhoto(id, DocumentKind.KITCHEN, dark(), true, AUTHOR).document
            assertNotNull(kept)
            assertTrue("too_dark" in kept!!.keptWith, kept.toString())

            val retake = store.attachPhoto(id, DocumentKind.HOUSE_FRONT, Images.jpeg(Images.synthetic(2000, 1500, seed = 4)), false, AUTHOR)
            assertEquals(good.document!!.meta.id, retake.replaced)
            val list = store.photoChecklist(id)
            assertEquals(retake.document!!.meta.id, list.single { it.kind == DocumentKind.HOUSE_FRONT }.document?.meta?.id)
            assertEquals(kept.meta.id, list.single { it.kind == DocumentKind.KITCHEN }.document?.meta?.id)
        }
    }

    @Test
    fun `evidence belongs to its proposal and the house's location to the household`() {
        withStore { store, _ ->
            val h = Records.household(store)
            val p = store.propose(ProposalInput(h.meta.id, ProposalKind.OBJECTION, "Penerima sudah mampu", Records.SPOUSE_NIK), AUTHOR)
            val shop = store.attachPhoto(h.meta.id, DocumentKind.OTHER, Images.jpeg(Images.synthetic(2000, 1500, seed = 8)), true, AUTHOR, p.meta.id).document!!
            assertEquals(p.meta.id, shop.proposalId)
            assertEquals(listOf(shop.meta.id), store.evidence(h.meta.id, p.meta.id).map { it.meta.id })

            val placed = store.setLocation(h.meta.id, GeoPoint(-6.94, 107.72, 12.0), AUTHOR)
            assertEquals(GeoPoint(-6.94, 107.72, 12.0), placed.location)
            assertThrows<RecordsException.Invalid> { store.setLocation(h.meta.id, GeoPoint(51.5, -0.1, 5.0), AUTHOR) }
        }
    }
}
