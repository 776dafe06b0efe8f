@NullMarked
package com.coaching.exports.shared.tracing;

import org.jspecify.annotations.NullMarked;
