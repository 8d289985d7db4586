package id.puskesos.field.enrol

import id.puskesos.field.core.EnrolmentRequest
import java.net.URI
import java.net.URISyntaxException

/**
 * The enrolment a person types from what the district dictates: its URL, a one-time code and,
 * for a district with its own certificate authority, the certificate's SHA-256 fingerprint.
 * Personal data only travels over TLS, so only `https` is accepted here. The district's QR
 * is read by the core (`SyncService.parseEnrolmentQr`), which checks it the same way.
 */
object EnrolmentInput {
    enum class Problem { URL_EMPTY, URL_NOT_HTTPS, URL_MALFORMED, CODE_EMPTY, CODE_MALFORMED, FINGERPRINT_MALFORMED }

    sealed class Result {
        data class Ok(val request: EnrolmentRequest) : Result()

        data class Refused(val problems: List<Problem>) : Result()
    }

    private val CODE = Regex("^[A-Z0-9]{4}(-?[A-Z0-9]{4}){1,3}$")

    /** A SHA-256 as 64 hex digits, with or without colons or spaces between pairs. */
    private val FINGERPRINT = Regex("^[0-9a-f]{64}$")

    fun fromTyped(url: String, code: String, fingerprint: String = ""): Result {
        val problems = mutableListOf<Problem>()
        val cleanUrl = url.trim().trimEnd('/')
        when {
            cleanUrl.isEmpty() -> problems += Problem.URL_EMPTY
            else -> try {
                val uri = URI(cleanUrl)
                when {
                    uri.scheme?.lowercase() != "https" -> problems += Problem.URL_NOT_HTTPS
                    uri.host.isNullOrEmpty() -> problems += Problem.URL_MALFORMED
                }
            } catch (_: URISyntaxException) {
                problems += Problem.URL_MALFORMED
            }
        }
        val cleanCode = code.trim().uppercase().replace(" ", "")
        when {
            cleanCode.isEmpty() -> problems += Problem.CODE_EMPTY
            !CODE.matches(cleanCode) -> problems += Problem.CODE_MALFORMED
        }
        val cleanFp = fingerprint.lowercase().filter { it != ':' && !it.isWhitespace() }
        if (cleanFp.isNotEmpty() && !FINGERPRINT.matches(cleanFp)) problems += Problem.FINGERPRINT_MALFORMED
        return if (problems.isEmpty()) Result.Ok(EnrolmentRequest(cleanUrl, cleanCode, cleanFp.ifEmpty { null })) else Result.Refused(problems)
    }
}
