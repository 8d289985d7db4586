package id.puskesos.field.core.native

import id.puskesos.core.IdentityException
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreException.Kind

/**
 * The one place where the generated exceptions become the app's [CoreException]. Add a
 * branch here for each new room's `...Exception` as the bindings grow.
 */
internal inline fun <T> boundary(call: () -> T): T =
    try {
        call()
    } catch (e: IdentityException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: id.puskesos.core.InternalException) {
        // UniFFI's own failure (a lift/lower bug), not one of ours: still no crash for the user.
        throw CoreException(Kind.INTERNAL, e.message ?: "internal", e)
    } catch (e: UnsatisfiedLinkError) {
        throw CoreException(Kind.INTERNAL, "libpuskesos_ffi: ${e.message}", e)
    }

internal fun kindOf(e: IdentityException): Kind =
    when (e) {
        is IdentityException.InvalidDate, is IdentityException.InvalidNik -> Kind.INVALID_INPUT
        is IdentityException.RegionListUnreadable, is IdentityException.RegionListMalformed -> Kind.STORAGE
        is IdentityException.Internal -> Kind.INTERNAL
    }
