@NullMarked
package com.coaching.exports.shared.outbox;

import org.jspecify.annotations.NullMarked;
