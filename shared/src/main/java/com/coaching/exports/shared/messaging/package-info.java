@NullMarked
package com.coaching.exports.shared.messaging;

import org.jspecify.annotations.NullMarked;
