@NullMarked
package com.coaching.exports.shared.clock;

import org.jspecify.annotations.NullMarked;
