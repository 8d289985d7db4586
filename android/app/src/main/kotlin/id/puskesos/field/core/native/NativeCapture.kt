package id.puskesos.field.core.native

import id.puskesos.core.model.IdKind
import id.puskesos.core.model.PayloadKind
import id.puskesos.core.model.Symbol
import id.puskesos.core.model.SymbolFormat
import id.puskesos.field.core.Bilingual
import id.puskesos.field.core.CaptureService
import id.puskesos.field.core.DocumentKind
import id.puskesos.field.core.NumberReading
import id.puskesos.field.core.PhotoQuality
import id.puskesos.field.core.PhotoResult
import id.puskesos.field.core.QrImage
import id.puskesos.field.core.ScannedSymbol
import id.puskesos.field.core.SymbolKind
import java.nio.ByteBuffer

/** Camera frames and photos through the core's capture room. */
internal class NativeCapture : CaptureService {
    /**
     * Passes the Y plane by pointer, without a copy, when it is a direct buffer (Camera2's
     * planes and the scan screen's frame buffer are); a heap buffer is copied once into a
     * direct one, which UniFFI requires. `slice()` makes the buffer start at its current
     * position, as UniFFI sends the base address.
     */
    override fun decodeFrame(luma: ByteBuffer, width: Int, height: Int, rowStride: Int, rotationDegrees: Int): List<ScannedSymbol> =
        boundary {
            val frame = if (luma.isDirect) luma.slice() else ByteBuffer.allocateDirect(luma.remaining()).put(luma.duplicate()).also { it.flip() }
            val rotation = ((rotationDegrees % 360) + 360) % 360
            id.puskesos.core.decodeFrame(frame, width.toUInt(), height.toUInt(), rowStride.toUInt(), rotation.toUInt()).map(::scanned)
        }

    override fun decodePhoto(bytes: ByteArray): List<ScannedSymbol> = boundary { id.puskesos.core.decodePhotoBarcodes(bytes).map(::scanned) }

    /** A symbol with the core's reading of its text (today's date bounds the numbers' dates). */
    private fun scanned(symbol: Symbol): ScannedSymbol {
        val meaning = id.puskesos.core.interpretPayload(symbol.text, null)
        val valid = meaning.candidates.filter { it.valid }
        // Each 16-digit number is read as a NIK and as a KK number: what it validly is, or why
        // it is not a NIK when it is neither.
        val numbers = meaning.candidates.groupBy { it.number }.values.flatMap { readings ->
            val fits = readings.filter { it.valid }.ifEmpty { readings.filter { it.kind == IdKind.NIK } }
            fits.map { NumberReading(it.numberMasked, Bilingual(it.reason.id, it.reason.en)) }
        }
        return ScannedSymbol(
            format = formatName(symbol.format),
            text = symbol.text,
            kind = when (meaning.kind) {
                PayloadKind.KK_VERIFICATION_LINK -> SymbolKind.KK_QR
                PayloadKind.URL -> SymbolKind.LINK
                PayloadKind.NUMBERS_TEXT -> SymbolKind.NUMBERS
                PayloadKind.CASE_QR -> SymbolKind.CASE_RECEIPT
                PayloadKind.UNKNOWN -> SymbolKind.OTHER
            },
            kk = valid.firstOrNull { it.kind == IdKind.KK }?.number,
            niks = valid.filter { it.kind == IdKind.NIK }.map { it.number }.distinct(),
            numbers = numbers,
            host = meaning.urlHost,
            caseId = meaning.caseId,
        )
    }

    /** The symbology's usual name; spelled out so a new format fails to compile here. */
    private fun formatName(f: SymbolFormat): String =
        when (f) {
            SymbolFormat.QR -> "QR"
            SymbolFormat.MICRO_QR -> "Micro QR"
            SymbolFormat.PDF417 -> "PDF417"
            SymbolFormat.DATA_MATRIX -> "Data Matrix"
            SymbolFormat.AZTEC -> "Aztec"
            SymbolFormat.MAXI_CODE -> "MaxiCode"
            SymbolFormat.CODE128 -> "Code 128"
            SymbolFormat.CODE39 -> "Code 39"
            SymbolFormat.CODE93 -> "Code 93"
            SymbolFormat.CODABAR -> "Codabar"
            SymbolFormat.EAN8 -> "EAN-8"
            SymbolFormat.EAN13 -> "EAN-13"
            SymbolFormat.UPC_A -> "UPC-A"
            SymbolFormat.UPC_E -> "UPC-E"
            SymbolFormat.ITF -> "ITF"
            SymbolFormat.RSS14 -> "GS1 DataBar"
            SymbolFormat.RSS_EXPANDED -> "GS1 DataBar Expanded"
            SymbolFormat.TELEPEN -> "Telepen"
            SymbolFormat.OTHER -> "—"
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
