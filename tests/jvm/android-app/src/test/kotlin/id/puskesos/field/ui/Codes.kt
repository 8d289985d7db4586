package id.puskesos.field.ui

import id.puskesos.field.core.CoreGateway
import java.nio.ByteBuffer

/** Barcodes drawn for the native flows' tests: QR symbols from the core's own encoder. */
object Codes {
    /**
     * A camera frame's Y plane ([width]×[height], rows of [stride] bytes) of a grey table with
     * a white card holding the QR of [text], [module] px per module, at ([x], [y]): what
     * Camera2 hands the scan screen, in a direct buffer.
     */
    fun qrFrame(core: CoreGateway, text: String, width: Int = 640, height: Int = 480, stride: Int = 704, module: Int = 5, x: Int = 150, y: Int = 60): ByteBuffer {
        val qr = core.capture.qr(text)
        val plane = ByteArray(stride * height) { 90.toByte() }
        val quiet = 4 * module
        val side = qr.size * module + 2 * quiet
        for (row in 0 until side) for (col in 0 until side) {
            val mr = (row - quiet) / module
            val mc = (col - quiet) / module
            val inside = row >= quiet && col >= quiet && mr < qr.size && mc < qr.size
            val dark = inside && qr.dark[mr * qr.size + mc] == 1.toByte()
            plane[(y + row) * stride + x + col] = (if (dark) 20 else 235).toByte()
        }
        return ByteBuffer.allocateDirect(plane.size).put(plane).also { it.flip() }
    }
}
