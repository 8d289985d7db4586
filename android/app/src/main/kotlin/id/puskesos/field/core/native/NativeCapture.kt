package id.puskesos.field.core.native

import id.puskesos.core.model.IdKind
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.QrImage
import id.puskesos.field.core.ScanPayload
import java.nio.ByteBuffer

/** Camera frames and photos through the core's capture room. */
internal class NativeCapture : CaptureService {
    /**
     * Passes the Y plane by pointer, without a copy, when it is a direct buffer (Camera2's
     * planes and the scan screen's frame buffer are); a heap buffer is copied once into a
     * direct one, which UniFFI requires. `slice()` makes the buffer start at its current
     * position, as UniFFI sends the base address.
     */
    override fun decodeLuma(luma: ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int): ScanPayload? =
        boundary {
            val frame = if (luma.isDirect) luma.slice() else ByteBuffer.allocateDirect(luma.remaining()).put(luma.duplicate()).also { it.flip() }
            val rotation = ((rotationDegrees % 360) + 360) % 360
            val symbols = id.puskesos.core.decodeFrame(frame, width.toUInt(), height.toUInt(), rowStride.toUInt(), rotation.toUInt())
            val first = symbols.firstOrNull() ?: return@boundary null
            val valid = symbols.flatMap { id.puskesos.core.interpretPayload(it.text, null).candidates }.filter { it.valid }
            ScanPayload(
                kk = valid.firstOrNull { it.kind == IdKind.KK }?.number,
                niks = valid.filter { it.kind == IdKind.NIK }.map { it.number }.distinct(),
                names = emptyList(),
                raw = first.text,
            )
        }

    /** The original crosses once (a copy into Rust); the normalised JPEG comes back once. */
    override fun normalisePhoto(bytes: ByteArray, kind: DocumentKind): PhotoResult =
        boundary {
            val p = id.puskesos.core.normalizePhoto(bytes, ffiKind(kind))
            val failed = p.checks.firstOrNull { !it.passed }
            PhotoResult(
                documentId = "",
                kind = kind,
                sha256 = p.sha256,
                bytes = p.jpeg.size,
                quality = failed?.problem?.let(::qualityOf) ?: PhotoQuality.GOOD,
                advice = failed?.let { Bilingual(it.advice.id, it.advice.en) },
                jpeg = p.jpeg,
            )
        }

    override fun qr(text: String): QrImage =
        boundary {
            val q = id.puskesos.core.qrModules(text)
            QrImage(q.size.toInt(), q.dark)
        }
}
