package id.puskesos.field.enrol

import id.puskesos.field.core.EnrolmentRequest
import java.net.URI
import java.net.URISyntaxException

/**
 * The enrolment the district service shows as a QR code or dictates: its URL and a one-time
 * code. Personal data only travels over TLS, so only `https` is accepted.
 *
 * QR payload: `puskesos-enrol:?url=<https url, percent-encoded>&code=<code>`.
 * TODO(sync): align the payload with the district service's enrolment endpoint when it lands.
 */
object EnrolmentInput {
    enum class Problem { URL_EMPTY, URL_NOT_HTTPS, URL_MALFORMED, CODE_EMPTY, CODE_MALFORMED, NOT_AN_ENROLMENT_QR }

    sealed class Result {
        data class Ok(val request: EnrolmentRequest) : Result()

        data class Refused(val problems: List<Problem>) : Result()
    }

    private val CODE = Regex("^[A-Z0-9]{4}(-?[A-Z0-9]{4}){1,3}$")

    fun fromTyped(url: String, code: String): Result {
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
        return if (problems.isEmpty()) Result.Ok(EnrolmentRequest(cleanUrl, cleanCode)) else Result.Refused(problems)
    }

    fun fromQr(payload: String): Result {
        val text = payload.trim()
        if (!text.startsWith("puskesos-enrol:?")) return Result.Refused(listOf(Problem.NOT_AN_ENROLMENT_QR))
        val params = text.removePrefix("puskesos-enrol:?").split('&').mapNotNull {
            val cut = it.indexOf('=')
            if (cut <= 0) null else it.substring(0, cut) to java.net.URLDecoder.decode(it.substring(cut + 1), "UTF-8")
        }.toMap()
        return fromTyped(params["url"].orEmpty(), params["code"].orEmpty())
    }
}
