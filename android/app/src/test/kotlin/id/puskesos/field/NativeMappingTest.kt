package id.puskesos.field

import id.puskesos.field.core.ComplaintCategory
import id.puskesos.field.core.Sector
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Test

/**
 * The adapters map the app's code lists onto the generated ones by name: every app code must
 * exist there, or a saved complaint or referral would fail at run time.
 */
class NativeMappingTest {
    @Test
    fun `every complaint category and sector of the app exists in the core`() {
        assertEquals(ComplaintCategory.entries.map { it.name }, id.puskesos.core.model.ComplaintCategory.entries.map { it.name })
        assertEquals(Sector.entries.map { it.name }, id.puskesos.core.model.Sector.entries.map { it.name })
    }
}
