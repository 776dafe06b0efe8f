/** The settings themselves: names that were renamed and still read. */
@NullMarked
package com.coaching.exports.shared.settings;

import org.jspecify.annotations.NullMarked;
