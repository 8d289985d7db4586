package id.puskesos.core.test

import id.puskesos.core.CaptureException
import id.puskesos.core.decodeFrame
import id.puskesos.core.qrModules
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows
import java.nio.ByteBuffer

/** The case receipt's QR as the phone draws it: what the camera reads back is the case. */
class ReceiptTest {
    @Test
    fun `a receipt QR drawn from its modules reads back as its text`() {
        val text = "PUSKESOS:CASE:0190a0a0-0000-7000-8000-000000000001"
        val qr = qrModules(text)
        val size = qr.size.toInt()
        assertEquals(size * size, qr.dark.size)
        val scale = 6
        val side = (size + 8) * scale
        val luma = ByteBuffer.allocateDirect(side * side)
        for (i in 0 until side * side) luma.put(i, 0xFF.toByte())
        for (i in 0 until size * size) {
            if (qr.dark[i].toInt() == 0) continue
            val x0 = (i % size + 4) * scale
            val y0 = (i / size + 4) * scale
            for (y in y0 until y0 + scale) for (x in x0 until x0 + scale) luma.put(y * side + x, 0)
        }
        val symbols = decodeFrame(luma, side.toUInt(), side.toUInt(), side.toUInt(), 0u)
        assertEquals(listOf(text), symbols.map { it.text })
    }

    @Test
    fun `an empty receipt text is refused as a typed error`() {
        assertThrows<CaptureException.Failed> { qrModules("") }
    }
}
