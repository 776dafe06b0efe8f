@NullMarked
package com.coaching.exports.shared.metrics;

import org.jspecify.annotations.NullMarked;
