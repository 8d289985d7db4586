package com.google.android.material.button

import android.content.Context
import android.widget.Button

/**
 * Stands in for Material Components' MaterialButton, which the Accessibility Test Framework
 * 3.1 names in `instanceof` tests on every view it reads (ViewHierarchyElementAndroid). The app
 * uses no Material Components and that library is not on Maven Central, so without this class
 * ATF fails with NoClassDefFoundError. No view of the app is ever one of these.
 */
open class MaterialButton(context: Context) : Button(context) {
    open val isCheckable: Boolean get() = false
}
