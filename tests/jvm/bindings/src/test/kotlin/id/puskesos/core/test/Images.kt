package id.puskesos.core.test

import com.google.zxing.BarcodeFormat
import com.google.zxing.EncodeHintType
import com.google.zxing.MultiFormatWriter
import com.google.zxing.common.BitMatrix
import java.awt.BasicStroke
import java.awt.Color
import java.awt.Font
import java.awt.RenderingHints
import java.awt.image.BufferedImage
import java.io.ByteArrayOutputStream
import java.nio.ByteBuffer
import javax.imageio.IIOImage
import javax.imageio.ImageIO
import javax.imageio.ImageWriteParam
import kotlin.random.Random

/** Synthetic pictures for the capture tests: no real person, card or house is ever shown. */
object Images {
    /**
     * A document-like picture: paper on a darker table, ruled table lines and lines of
     * made-up text, so that sharpness, exposure and orientation checks have real edges.
     */
    fun synthetic(width: Int, height: Int, seed: Int = 1): BufferedImage {
        val img = BufferedImage(width, height, BufferedImage.TYPE_INT_RGB)
        val g = img.createGraphics()
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON)
        g.color = Color(70, 60, 50)
        g.fillRect(0, 0, width, height)
        val mx = width / 20
        val my = height / 20
        g.color = Color(235, 232, 225)
        g.fillRect(mx, my, width - 2 * mx, height - 2 * my)
        g.color = Color(40, 40, 40)
        g.stroke = BasicStroke(maxOf(1f, width / 1000f))
        val rnd = Random(seed)
        val lineHeight = maxOf(12, height / 24)
        g.font = Font(Font.SANS_SERIF, Font.PLAIN, (lineHeight * 0.7).toInt())
        var y = my + 2 * lineHeight
        var row = 0
        while (y < height - my - lineHeight) {
            g.drawLine(mx + lineHeight, y + lineHeight / 4, width - mx - lineHeight, y + lineHeight / 4)
            val words = (1..5).joinToString(" ") { "CONTOH${rnd.nextInt(1000)}" }
            g.drawString("${row + 1}. $words", mx + lineHeight, y)
            y += lineHeight
            row++
        }
        g.dispose()
        return img
    }

    fun jpeg(img: BufferedImage, quality: Float = 0.9f): ByteArray {
        val writer = ImageIO.getImageWritersByFormatName("jpeg").next()
        val out = ByteArrayOutputStream()
        ImageIO.createImageOutputStream(out).use { ios ->
            writer.output = ios
            val params = writer.defaultWriteParam.apply {
                compressionMode = ImageWriteParam.MODE_EXPLICIT
                compressionQuality = quality
            }
            writer.write(null, IIOImage(img, null, null), params)
        }
        writer.dispose()
        return out.toByteArray()
    }

    fun png(img: BufferedImage): ByteArray = ByteArrayOutputStream().also { ImageIO.write(img, "png", it) }.toByteArray()

    fun symbol(format: BarcodeFormat, text: String, width: Int, height: Int): BitMatrix =
        MultiFormatWriter().encode(text, format, width, height, mapOf(EncodeHintType.MARGIN to 2))

    /** Draws a symbol onto a picture at (x, y). */
    fun draw(img: BufferedImage, m: BitMatrix, x: Int, y: Int) {
        for (j in 0 until m.height) for (i in 0 until m.width) {
            img.setRGB(x + i, y + j, if (m[i, j]) 0x101010 else 0xF4F4F4)
        }
    }

    /**
     * A camera-like luma (Y) plane in a *direct* buffer, as Camera2 delivers it: `rowStride`
     * bytes per row (padding after `width`), uneven lighting, sensor noise, and the symbol
     * placed off-centre. Returns the buffer positioned at 0.
     */
    fun lumaFrame(width: Int, height: Int, rowStride: Int, m: BitMatrix, x: Int, y: Int, seed: Int = 7): ByteBuffer {
        val rnd = Random(seed)
        val buf = ByteBuffer.allocateDirect(rowStride * (height - 1) + width)
        for (row in 0 until height) {
            for (col in 0 until rowStride) {
                if (row == height - 1 && col >= width) break
                val inside = col < width
                val sx = col - x
                val sy = row - y
                val dark = inside && sx in 0 until m.width && sy in 0 until m.height && m[sx, sy]
                // Light falls off towards the right, as from a window.
                val light = 200 - 60 * col / width
                val base = if (dark) 35 else light
                val v = if (inside) (base + rnd.nextInt(-18, 19)).coerceIn(0, 255) else 0x5A
                buf.put(row * rowStride + col, v.toByte())
            }
        }
        buf.position(0)
        return buf
    }
}
