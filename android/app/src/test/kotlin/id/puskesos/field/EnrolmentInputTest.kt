package id.puskesos.field

import id.puskesos.field.core.EnrolmentRequest
import id.puskesos.field.enrol.EnrolmentInput
import id.puskesos.field.enrol.EnrolmentInput.Problem
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

class EnrolmentInputTest {
    @Test
    fun `a typed https address and code are accepted, cleaned`() {
        assertEquals(
            EnrolmentInput.Result.Ok(EnrolmentRequest("https://dinsos.example.go.id", "ABCD-1234")),
            EnrolmentInput.fromTyped(" https://dinsos.example.go.id/ ", "abcd-1234"),
        )
    }

    @Test
    fun `plain http is refused because personal data only travels over TLS`() {
        assertEquals(EnrolmentInput.Result.Refused(listOf(Problem.URL_NOT_HTTPS)), EnrolmentInput.fromTyped("http://dinsos.example.go.id", "ABCD1234"))
    }

    @Test
    fun `every problem is reported at once`() {
        assertEquals(EnrolmentInput.Result.Refused(listOf(Problem.URL_EMPTY, Problem.CODE_MALFORMED)), EnrolmentInput.fromTyped("", "AB"))
        assertEquals(EnrolmentInput.Result.Refused(listOf(Problem.URL_MALFORMED, Problem.CODE_EMPTY)), EnrolmentInput.fromTyped("https://", " "))
    }

    @Test
    fun `a private certificate authority's fingerprint is typed with or without colons`() {
        val fp = "AB:" .repeat(31) + "AB"
        assertEquals(
            EnrolmentInput.Result.Ok(EnrolmentRequest("https://dinsos.example.go.id", "ABCD-1234", "ab".repeat(32))),
            EnrolmentInput.fromTyped("https://dinsos.example.go.id", "ABCD-1234", fp),
        )
        assertEquals(
            EnrolmentInput.Result.Refused(listOf(Problem.FINGERPRINT_MALFORMED)),
            EnrolmentInput.fromTyped("https://dinsos.example.go.id", "ABCD-1234", "abcd"),
        )
    }
}
