@NullMarked
package com.coaching.exports.shared.retry;

import org.jspecify.annotations.NullMarked;
