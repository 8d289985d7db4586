package id.puskesos.field.core.native

import id.puskesos.core.IdKind
import id.puskesos.core.QualityProblem
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.ScanPayload
import java.nio.ByteBuffer

/** Camera frames and photos through the core's capture room. */
internal class NativeCapture : CaptureService {
    /**
     * Passes the Y plane by pointer, without a copy, when it is a direct buffer (Camera2's
     * planes and the scan screen's frame buffer are); a heap buffer is copied once into a
     * direct one, which UniFFI requires. `slice()` makes the buffer start at its current
     * position, as UniFFI sends the base address. The frame is taken upright as given
     * (rotation 0); the scan screen's preview is locked to the sensor's orientation.
     */
    override fun decodeLuma(luma: ByteBuffer, width: Int, height: Int, rowStride: Int): ScanPayload? =
        boundary {
            val frame = if (luma.isDirect) luma.slice() else ByteBuffer.allocateDirect(luma.remaining()).put(luma.duplicate()).also { it.flip() }
            val symbols = id.puskesos.core.decodeFrame(frame, width.toUInt(), height.toUInt(), rowStride.toUInt(), 0u)
            val first = symbols.firstOrNull() ?: return@boundary null
            val meaning = id.puskesos.core.interpretPayload(first.text, null)
            val valid = meaning.candidates.filter { it.valid }
            ScanPayload(
                kk = valid.firstOrNull { it.kind == IdKind.KK }?.number,
                niks = valid.filter { it.kind == IdKind.NIK }.map { it.number },
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

    private fun qualityOf(p: QualityProblem): PhotoQuality =
        when (p) {
            QualityProblem.BLURRY -> PhotoQuality.BLURRY
            QualityProblem.TOO_DARK -> PhotoQuality.TOO_DARK
            QualityProblem.OVER_EXPOSED -> PhotoQuality.GLARE
            QualityProblem.TOO_SMALL -> PhotoQuality.TOO_SMALL
            QualityProblem.UPSIDE_DOWN, QualityProblem.SIDEWAYS -> PhotoQuality.ROTATED
        }
}
