package id.puskesos.field.core.native

import id.puskesos.core.CaptureException
import id.puskesos.core.EligibilityException
import id.puskesos.core.IdentityException
import id.puskesos.core.OutboxException
import id.puskesos.core.RecordsException
import id.puskesos.core.RegistryException
import id.puskesos.core.SyncException
import id.puskesos.field.core.CoreException
import id.puskesos.field.core.CoreException.Kind
import id.puskesos.field.core.Lang
import id.puskesos.core.model.Lang as FfiLang

/**
 * The one place where the generated exceptions become the app's [CoreException]: each
 * room's `...Exception` is mapped to a [Kind] the screens act on, with the core's message
 * for people, in the language [MessageLanguage] holds. A new room adds a branch here.
 */
internal inline fun <T> boundary(call: () -> T): T =
    try {
        MessageLanguage.applyPending()
        call()
    } catch (e: CoreException) {
        throw e
    } catch (e: IdentityException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: RecordsException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: RegistryException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: CaptureException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: EligibilityException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: OutboxException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: SyncException) {
        throw CoreException(kindOf(e), e.message ?: e.javaClass.simpleName, e)
    } catch (e: id.puskesos.core.InternalException) {
        // UniFFI's own failure (a lift/lower bug), not one of ours: still no crash for the user.
        throw CoreException(Kind.INTERNAL, e.message ?: "internal", e)
    } catch (e: UnsatisfiedLinkError) {
        throw CoreException(Kind.INTERNAL, "libpuskesos_ffi: ${e.message}", e)
    }

/**
 * The language of the core's error messages, a process-wide setting of the library
 * (`set_message_language`), Bahasa Indonesia until changed. The app states what it wants at
 * any time, even on the UI thread; the next call through [boundary] applies it on its own
 * (worker) thread before it runs, so the wish costs the UI thread nothing, does not load the
 * library early, and holds for that very call.
 */
internal object MessageLanguage {
    @Volatile
    var wanted: Lang = Lang.ID
        private set

    /** What the library was last set to; it starts in Bahasa Indonesia. */
    @Volatile
    private var applied: Lang = Lang.ID

    fun want(lang: Lang) {
        wanted = lang
    }

    /** Two volatile reads when nothing changed; a change is applied once, under the lock. */
    fun applyPending() {
        if (wanted == applied) return
        synchronized(this) {
            val lang = wanted
            if (lang == applied) return
            id.puskesos.core.setMessageLanguage(if (lang == Lang.EN) FfiLang.EN else FfiLang.ID)
            applied = lang
        }
    }

    /** A sentence of the adapters' own, in the language the core's messages are in. */
    fun say(indonesian: String, english: String): String = if (wanted == Lang.EN) english else indonesian
}

internal fun kindOf(e: IdentityException): Kind =
    when (e) {
        is IdentityException.InvalidDate, is IdentityException.InvalidNik -> Kind.INVALID_INPUT
        is IdentityException.RegionListUnreadable, is IdentityException.RegionListMalformed -> Kind.STORAGE
        is IdentityException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: RecordsException): Kind =
    when (e) {
        is RecordsException.Invalid, is RecordsException.NotFound, is RecordsException.Conflict -> Kind.INVALID_INPUT
        is RecordsException.Storage -> Kind.STORAGE
        is RecordsException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: RegistryException): Kind =
    when (e) {
        is RegistryException.ImportRefused -> Kind.INVALID_INPUT
        is RegistryException.FileUnreadable, is RegistryException.Storage -> Kind.STORAGE
        is RegistryException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: CaptureException): Kind =
    when (e) {
        is CaptureException.Unsupported, is CaptureException.Damaged, is CaptureException.TooLarge,
        is CaptureException.InvalidFrame, is CaptureException.InvalidDate,
        -> Kind.INVALID_INPUT
        is CaptureException.Failed, is CaptureException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: EligibilityException): Kind =
    when (e) {
        // No pack yet: the capability is there, the district's rules are not.
        is EligibilityException.NoRulePack -> Kind.NOT_AVAILABLE
        is EligibilityException.PackRefused, is EligibilityException.NotFound, is EligibilityException.Invalid -> Kind.INVALID_INPUT
        is EligibilityException.Storage -> Kind.STORAGE
        is EligibilityException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: OutboxException): Kind =
    when (e) {
        is OutboxException.Invalid -> Kind.INVALID_INPUT
        is OutboxException.Storage -> Kind.STORAGE
        is OutboxException.Internal -> Kind.INTERNAL
    }

internal fun kindOf(e: SyncException): Kind =
    when (e) {
        is SyncException.Network, is SyncException.Server -> Kind.NETWORK
        is SyncException.NeedsEnrolment, is SyncException.Rejected, is SyncException.Config,
        is SyncException.Certificate -> Kind.INVALID_INPUT
        is SyncException.Protocol, is SyncException.Internal -> Kind.INTERNAL
        is SyncException.Storage -> Kind.STORAGE
        is SyncException.Revoked -> Kind.REVOKED
    }
