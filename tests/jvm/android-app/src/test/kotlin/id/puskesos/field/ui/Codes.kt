package id.puskesos.field.ui

import com.google.zxing.BarcodeFormat
import com.google.zxing.EncodeHintType
import com.google.zxing.MultiFormatWriter
import id.puskesos.field.core.CoreGateway
import java.awt.Color
import java.awt.image.BufferedImage
import java.nio.ByteBuffer

/**
 * Barcodes drawn for the native flows' tests and the screens: QR symbols from the core's own
 * encoder in camera frames, and photographed pages drawn with ZXing's writer.
 */
object Codes {
    /** A 1600×1200 photo of a page: the QR of [qr] on the left, a Code 128 of [code128] on the right. */
    fun page(qr: String, code128: String): ByteArray {
        val img = BufferedImage(1600, 1200, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        g.color = Color(80, 70, 60)
        g.fillRect(0, 0, 1600, 1200)
        g.color = Color(240, 238, 232)
        g.fillRect(40, 40, 1520, 1120)
        g.dispose()
        fun draw(format: BarcodeFormat, text: String, x: Int, y: Int, w: Int, h: Int) {
            val m = MultiFormatWriter().encode(text, format, w, h, mapOf(EncodeHintType.MARGIN to 2))
            for (j in 0 until m.height) for (i in 0 until m.width) img.setRGB(x + i, y + j, if (m.get(i, j)) 0x141414 else 0xF8F8F8)
        }
        draw(BarcodeFormat.QR_CODE, qr, 120, 300, 420, 420)
        draw(BarcodeFormat.CODE_128, code128, 700, 420, 780, 180)
        return Camera.jpeg(img)
    }

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

    /**
     * A camera frame's Y plane as the sensor lies (1280×720, rows of [stride] bytes, in a direct
     * buffer) that shows upright, once turned [rotation]° clockwise as Camera2's sensor
     * orientation says, a card with the QR of [qr] and a Code 128 of [code128] beside or
     * below it.
     */
    fun cardFrame(qr: String, code128: String, rotation: Int, stride: Int = 1344): ByteBuffer {
        val portrait = rotation % 180 != 0
        val (uw, uh) = if (portrait) 720 to 1280 else 1280 to 720
        val upright = ByteArray(uw * uh) { 110.toByte() }
        fun draw(format: BarcodeFormat, text: String, x: Int, y: Int, w: Int, h: Int) {
            val m = MultiFormatWriter().encode(text, format, w, h, mapOf(EncodeHintType.MARGIN to 10))
            for (j in 0 until m.height) for (i in 0 until m.width) upright[(y + j) * uw + x + i] = (if (m.get(i, j)) 25 else 230).toByte()
        }
        // The card: light, with room around each code (a 1D code needs its quiet zone).
        for (y in 40 until uh - 40) for (x in 20 until uw - 20) upright[y * uw + x] = 225.toByte()
        if (portrait) {
            draw(BarcodeFormat.QR_CODE, qr, 130, 90, 460, 460)
            draw(BarcodeFormat.CODE_128, code128, 40, 720, 640, 180)
        } else {
            draw(BarcodeFormat.QR_CODE, qr, 60, 120, 420, 420)
            draw(BarcodeFormat.CODE_128, code128, 560, 260, 660, 170)
        }
        val plane = ByteArray(stride * 719 + 1280)
        for (sy in 0 until 720) for (sx in 0 until 1280) {
            val (ux, uy) = when (rotation) {
                0 -> sx to sy
                90 -> (719 - sy) to sx
                180 -> (1279 - sx) to (719 - sy)
                270 -> sy to (1279 - sx)
                else -> throw IllegalArgumentException("rotation $rotation")
            }
            plane[sy * stride + sx] = upright[uy * uw + ux]
        }
        return ByteBuffer.allocateDirect(plane.size).put(plane).also { it.flip() }
    }
}
