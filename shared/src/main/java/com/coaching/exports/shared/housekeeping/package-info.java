@NullMarked
package com.coaching.exports.shared.housekeeping;

import org.jspecify.annotations.NullMarked;
