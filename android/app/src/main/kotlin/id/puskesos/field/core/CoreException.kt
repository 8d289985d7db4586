package id.puskesos.field.core

/**
 * The one exception the app sees from the core. The adapter maps every generated
 * `...Exception` to a [Kind] the screens can act on; [message] is the core's sentence for
 * people, in the language set by [CoreGateway.setMessageLanguage] (the phone's, through
 * PuskesosApp), shown as detail under the screen's own localised text.
 */
class CoreException(val kind: Kind, message: String, cause: Throwable? = null) : Exception(message, cause) {
    enum class Kind {
        /** The person can fix it: a date, a number, a form field. */
        INVALID_INPUT,

        /** The capability needs what is not on the phone yet (the district's rule pack). */
        NOT_AVAILABLE,

        /** A file (region list, store) could not be read or written. */
        STORAGE,

        /** The district service could not be reached; the work stays queued. */
        NETWORK,

        /** A bug in the core; nothing saved was changed. */
        INTERNAL,

        /** The district revoked this device: what the phone holds is wiped (PuskesosApp.wipe). */
        REVOKED,
    }
}
